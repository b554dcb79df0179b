import NIOCore

/// One KWP/1 frame: a 10-byte header (`length: u32 | type: u8 | flags: u8 | stream_id: u32`)
/// and its payload. See docs/PROTOCOL.md.
public struct KWPFrame: Sendable, Hashable {
    /// A frame type. Unknown values are kept so receivers can ignore them.
    public struct FrameType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let hello = FrameType(rawValue: 0x01)
        public static let request = FrameType(rawValue: 0x02)
        public static let response = FrameType(rawValue: 0x03)
        public static let cancel = FrameType(rawValue: 0x04)
        public static let ping = FrameType(rawValue: 0x05)
        public static let pong = FrameType(rawValue: 0x06)
        public static let goAway = FrameType(rawValue: 0x07)

        public var description: String {
            switch self {
            case .hello: "HELLO"
            case .request: "REQUEST"
            case .response: "RESPONSE"
            case .cancel: "CANCEL"
            case .ping: "PING"
            case .pong: "PONG"
            case .goAway: "GOAWAY"
            default: "UNKNOWN(0x\(String(rawValue, radix: 16)))"
            }
        }
    }

    public struct Flags: OptionSet, Sendable, Hashable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The payload is one zstd frame that declares its content size.
        public static let compressed = Flags(rawValue: 0x01)
        /// The sender's last frame on this stream.
        public static let endStream = Flags(rawValue: 0x02)
    }

    public var type: FrameType
    public var flags: Flags
    public var streamID: UInt32
    public var payload: ByteBuffer

    public init(type: FrameType, flags: Flags = [], streamID: UInt32 = 0, payload: ByteBuffer = ByteBuffer()) {
        self.type = type
        self.flags = flags
        self.streamID = streamID
        self.payload = payload
    }

    /// Bytes before the payload.
    public static let headerSize = 10
    /// What a client sends before anything else: "KWP1\r\n\u{1A}\n".
    public static let preface: [UInt8] = [0x4B, 0x57, 0x50, 0x31, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The protocol version carried in HELLO.
    public static let version: UInt32 = 1
}

extension ByteBuffer {
    /// Writes a frame header; the caller writes exactly `payloadLength` bytes after it.
    @inlinable
    mutating func writeKWPFrameHeader(
        payloadLength: Int, type: KWPFrame.FrameType, flags: KWPFrame.Flags, streamID: UInt32
    ) {
        self.writeMultipleIntegers(UInt32(payloadLength), type.rawValue, flags.rawValue, streamID)
    }

    /// Writes a whole frame.
    mutating func writeKWPFrame(_ frame: KWPFrame) {
        self.writeKWPFrameHeader(
            payloadLength: frame.payload.readableBytes, type: frame.type, flags: frame.flags,
            streamID: frame.streamID)
        var payload = frame.payload
        self.writeBuffer(&payload)
    }
}
