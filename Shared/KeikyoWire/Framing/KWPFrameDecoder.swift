import NIOCore

/// Splits bytes into `KWPFrame`s. A server-side decoder first checks the 8-byte preface,
/// failing on the first byte that differs. A frame longer than `maxPayloadBytes` fails the
/// connection before any of its payload is read or allocated.
struct KWPFrameDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = KWPFrame

    let maxPayloadBytes: Int
    private var expectingPreface: Bool
    private var firstBytes = true

    init(maxPayloadBytes: Int, expectPreface: Bool) {
        self.maxPayloadBytes = maxPayloadBytes
        self.expectingPreface = expectPreface
    }

    /// A TLS record (handshake 0x16 or alert 0x15, version 0x03..) where KWP/1 was expected:
    /// the two ends disagree about TLS, which deserves a plainer message than a bad frame.
    private static func looksLikeTLS(_ buffer: ByteBuffer) -> Bool {
        guard let (type, major) = buffer.getMultipleIntegers(at: buffer.readerIndex, as: (UInt8, UInt8).self) else { return false }
        return (type == 0x15 || type == 0x16) && major == 0x03
    }

    mutating func decode(buffer: inout ByteBuffer) throws -> KWPFrame? {
        if firstBytes, buffer.readableBytes >= 2 {
            firstBytes = false
            if Self.looksLikeTLS(buffer) {
                throw KWPConnectionError(
                    .protocolError,
                    expectingPreface ? "the client speaks TLS; this server serves KWP/1 without TLS" : "the server speaks TLS: connect with TLS (--tls-ca)")
            }
        }
        if self.expectingPreface {
            let available = min(buffer.readableBytes, KWPFrame.preface.count)
            guard let seen = buffer.getBytes(at: buffer.readerIndex, length: available) else { return nil }
            guard seen.elementsEqual(KWPFrame.preface.prefix(available)) else {
                throw KWPConnectionError(.protocolError, "connection did not start with the KWP/1 preface")
            }
            guard available == KWPFrame.preface.count else { return nil }
            buffer.moveReaderIndex(forwardBy: available)
            self.expectingPreface = false
        }

        guard let (length, rawType, rawFlags, streamID) = buffer.getMultipleIntegers(
            at: buffer.readerIndex, as: (UInt32, UInt8, UInt8, UInt32).self)
        else { return nil }
        guard Int(length) <= self.maxPayloadBytes else {
            throw KWPConnectionError(
                .frameTooLarge, "frame payload of \(length) bytes exceeds the limit of \(self.maxPayloadBytes)")
        }
        guard buffer.readableBytes >= KWPFrame.headerSize + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: KWPFrame.headerSize)
        let payload = buffer.readSlice(length: Int(length))!
        return KWPFrame(
            type: .init(rawValue: rawType), flags: .init(rawValue: rawFlags), streamID: streamID, payload: payload)
    }

    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> KWPFrame? {
        if let frame = try self.decode(buffer: &buffer) { return frame }
        if seenEOF, buffer.readableBytes > 0 {
            throw KWPConnectionError(.protocolError, "connection ended inside a frame")
        }
        return nil
    }
}
