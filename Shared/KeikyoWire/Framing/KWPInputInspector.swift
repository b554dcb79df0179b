import NIOCore

/// What a server does with a connection's bytes before any handler runs (the preface, frame
/// splitting, control messages, decompression, request envelopes and their metadata), as one
/// synchronous call through the server's own decoding functions: for fuzzing them and for
/// reading captured traffic.
public enum KWPInputInspector {
    /// What was found in the bytes: frames by type and the requests that decoded.
    public struct Summary: Sendable, Equatable {
        public var frames = 0
        public var requests: [String] = []
        /// The connection error the bytes would cause, if any; decoding stops there.
        public var connectionError: String?
        /// Requests a server would answer with a status rather than serve.
        public var rejected = 0
    }

    /// Decodes `bytes` as a client's side of a connection would arrive at a server, then EOF.
    public static func serverInput(_ bytes: some Sequence<UInt8>, maxMessageBytes: Int = 4 << 20) -> Summary {
        var decoder = KWPFrameDecoder(maxPayloadBytes: maxMessageBytes, expectPreface: true)
        let decompressor = ZstdDecompressor()
        var buffer = ByteBuffer(bytes: Array(bytes))
        var summary = Summary()
        do {
            while let frame = try decoder.decode(buffer: &buffer) ?? decoder.decodeLast(buffer: &buffer, seenEOF: true) {
                summary.frames += 1
                switch frame.type {
                case .hello:
                    _ = try KWPServerConnectionHandler.decodeHello(frame)
                case .response:
                    throw KWPConnectionError(.protocolError, "a client sent a RESPONSE frame")
                case .ping:
                    try KWPServerConnectionHandler.checkPing(frame)
                case .request:
                    do {
                        let request = try KWPServerConnectionHandler.decodeRequest(
                            frame, decompressor: decompressor, limit: maxMessageBytes, allocator: ByteBufferAllocator())
                        summary.requests.append(request.method)
                    } catch is KWPError {
                        summary.rejected += 1
                    }
                default:
                    break
                }
            }
        } catch {
            summary.connectionError = "\(error)"
        }
        return summary
    }
}
