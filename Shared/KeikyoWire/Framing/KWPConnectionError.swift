/// A fault that ends a whole connection: the sender of the bad input gets GOAWAY with
/// `code` (when the socket is still writable) and the connection closes.
public struct KWPConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A GOAWAY error code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let noError = Code(rawValue: 0)
        public static let protocolError = Code(rawValue: 1)
        public static let frameTooLarge = Code(rawValue: 2)
        public static let unsupportedVersion = Code(rawValue: 3)
        public static let compressionError = Code(rawValue: 4)
        public static let internalError = Code(rawValue: 5)

        public var description: String {
            switch self {
            case .noError: "NO_ERROR"
            case .protocolError: "PROTOCOL_ERROR"
            case .frameTooLarge: "FRAME_TOO_LARGE"
            case .unsupportedVersion: "UNSUPPORTED_VERSION"
            case .compressionError: "COMPRESSION_ERROR"
            case .internalError: "INTERNAL_ERROR"
            default: "ERROR_\(rawValue)"
            }
        }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
