import NIOCore

/// What a server does with a connection's bytes before any handler runs (the preface, frame
/// splitting, control messages, decompression, request envelopes and their metadata), as one
/// synchronous call: for fuzzing the decoders and for reading captured traffic.
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
                    let hello = try EnvelopeCodec.decodeControl(HelloMessage.self, frame.payload)
                    guard hello.version == KWPFrame.version else { throw KWPConnectionError(.unsupportedVersion, "version \(hello.version)") }
                case .goAway:
                    _ = try EnvelopeCodec.decodeControl(GoAwayMessage.self, frame.payload)
                case .ping:
                    guard frame.payload.readableBytes == 8 else { throw KWPConnectionError(.protocolError, "PING must carry 8 bytes") }
                case .request:
                    do {
                        var payload = frame.payload
                        if frame.flags.contains(.compressed) {
                            payload = try decompressor.decompress(payload, limit: maxMessageBytes, allocator: ByteBufferAllocator())
                        }
                        let request = try EnvelopeCodec.decodeRequest(payload)
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
