/// The outcome of a failed call: a gRPC status code, a message for developers, a stable
/// reason that programs branch on, and one violation per bad field.
///
/// Handlers throw it to fail a call; clients receive it when a call fails. Any other error a
/// handler throws reaches the caller as 13 INTERNAL without its text.
public struct KWPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A gRPC status code (same numbers). Extensible: unknown numbers are kept as they are.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let ok = Code(rawValue: 0)
        public static let cancelled = Code(rawValue: 1)
        public static let unknown = Code(rawValue: 2)
        public static let invalidArgument = Code(rawValue: 3)
        public static let deadlineExceeded = Code(rawValue: 4)
        public static let notFound = Code(rawValue: 5)
        public static let alreadyExists = Code(rawValue: 6)
        public static let permissionDenied = Code(rawValue: 7)
        public static let resourceExhausted = Code(rawValue: 8)
        public static let failedPrecondition = Code(rawValue: 9)
        public static let aborted = Code(rawValue: 10)
        public static let outOfRange = Code(rawValue: 11)
        public static let unimplemented = Code(rawValue: 12)
        public static let `internal` = Code(rawValue: 13)
        public static let unavailable = Code(rawValue: 14)
        public static let dataLoss = Code(rawValue: 15)
        public static let unauthenticated = Code(rawValue: 16)

        private static let names = [
            "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
            "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
            "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
            "UNAUTHENTICATED",
        ]

        /// The code's gRPC name, e.g. `INVALID_ARGUMENT`.
        public var description: String {
            Self.names.indices.contains(Int(rawValue)) ? Self.names[Int(rawValue)] : "CODE_\(rawValue)"
        }
    }

    /// One bad field of an INVALID_ARGUMENT, e.g. `countries[1].code`.
    public struct FieldViolation: Sendable, Hashable {
        public var field: String
        public var description: String
        public init(field: String, description: String) {
            self.field = field
            self.description = description
        }
    }

    public var code: Code
    public var message: String
    /// Stable UPPER_SNAKE_CASE word, e.g. `CASE_NOT_FOUND`; empty when none applies.
    public var reason: String
    public var violations: [FieldViolation]
    /// Trailing metadata sent with the status, e.g. `retry-after-ms` on RATE_LIMITED.
    public var metadata: KWPMetadata

    public init(
        _ code: Code, _ message: String, reason: String = "", violations: [FieldViolation] = [], metadata: KWPMetadata = [:]
    ) {
        self.code = code
        self.message = message
        self.reason = reason
        self.violations = violations
        self.metadata = metadata
    }

    public var description: String {
        var text = "\(code) (\(code.rawValue))"
        if !reason.isEmpty { text += " \(reason)" }
        if !message.isEmpty { text += ": \(message)" }
        for violation in violations { text += "\n  \(violation.field): \(violation.description)" }
        return text
    }
}

extension KWPError {
    /// Reasons the runtime itself uses.
    public enum Reason {
        public static let unknownMethod = "UNKNOWN_METHOD"
        public static let notImplemented = "NOT_IMPLEMENTED"
        public static let badEnvelope = "BAD_ENVELOPE"
        public static let badMessage = "BAD_MESSAGE"
        public static let badString = "BAD_STRING"
        public static let badMetadata = "BAD_METADATA"
        public static let badCompression = "BAD_COMPRESSION"
        public static let messageTooLarge = "MESSAGE_TOO_LARGE"
        public static let tooManyStreams = "TOO_MANY_STREAMS"
        public static let deadlineExceeded = "DEADLINE_EXCEEDED"
        public static let cancelled = "CANCELLED"
        public static let connectionClosed = "CONNECTION_CLOSED"
        public static let connectFailed = "CONNECT_FAILED"
        public static let protocolError = "PROTOCOL_ERROR"
        public static let clientClosed = "CLIENT_CLOSED"
        public static let `internal` = "INTERNAL"
    }

    static func invalidArgument(_ message: String, reason: String, violations: [FieldViolation] = []) -> KWPError {
        KWPError(.invalidArgument, message, reason: reason, violations: violations)
    }
}

/// An error of a service's own that knows its wire status: handlers and stores throw it, and
/// the server sends `kwpError` (as grpc-swift-2's `RPCErrorConvertible`).
public protocol KWPErrorConvertible: Error {
    var kwpError: KWPError { get }
}
