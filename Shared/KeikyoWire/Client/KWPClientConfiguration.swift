import NIOCore
import NIOSSL

/// How a `KWPClient` connects and what it accepts. Every field has a default.
public struct KWPClientConfiguration: Sendable {
    /// Largest reply payload accepted, on the wire and decompressed (`Hello.max_message_bytes`).
    public var maxMessageBytes: Int = 4 << 20
    /// Requests at or above this size are sent zstd-compressed when the server accepts zstd.
    public var compressionThreshold: Int = 1024
    public var compressionLevel: Int32 = 1
    /// Whether requests to a server on this machine (loopback, Unix socket) are compressed
    /// too; by default they are not, since compression there costs time and saves nothing.
    public var compressesOnLoopback = false
    /// Time allowed for one TCP connect and the server's HELLO.
    public var connectTimeout: Duration = .seconds(5)
    /// After a failed connect, calls fail at once with UNAVAILABLE until the backoff has
    /// passed; the backoff grows by `backoffMultiplier` from `initialBackoff` to `maxBackoff`.
    public var initialBackoff: Duration = .milliseconds(100)
    public var maxBackoff: Duration = .seconds(5)
    public var backoffMultiplier: Double = 2
    /// An idle connection is pinged this often and dropped when no PONG comes within
    /// `keepaliveTimeout`.
    public var keepaliveInterval: Duration = .seconds(30)
    public var keepaliveTimeout: Duration = .seconds(10)
    /// `Hello.agent`.
    public var agent: String = "keikyo/0.1.0"
    /// Run around every call, first to last.
    public var interceptors: [any KWPClientInterceptor] = []
    /// KWP/1 inside TLS when set: the context (trusted CAs, and for mutual TLS the client's
    /// certificate and key). The server's certificate must name the host connected to (its
    /// DNS name, or its IP address).
    public var tls: NIOSSLContext?

    public init() {}
}

/// Per-call options.
public struct KWPCallOptions: Sendable {
    /// Time allowed for the call. The deadline sent is the earlier of this and the deadline
    /// of the call being served, if any (`KWPDeadline.current`).
    public var timeout: Duration?

    public init(timeout: Duration? = nil) {
        self.timeout = timeout
    }

    /// Options for a call a service makes while serving one: at most `timeout`, and ending
    /// early enough (a quarter of the remaining time, at most a second) that the call being
    /// served can still be answered before its deadline on a loaded machine. Throws
    /// DEADLINE_EXCEEDED when no time is left.
    public static func withinCallerDeadline(timeout: Duration) throws -> KWPCallOptions {
        try withinCallerDeadline(timeout: timeout, callerDeadline: KWPDeadline.current, now: .now())
    }

    static func withinCallerDeadline(timeout: Duration, callerDeadline: NIODeadline?, now: NIODeadline) throws -> KWPCallOptions {
        guard let callerDeadline else { return KWPCallOptions(timeout: timeout) }
        let remaining = Duration.nanoseconds((callerDeadline - now).nanoseconds)
        let budget = min(timeout, remaining - min(remaining / 4, maximumAnswerMargin))
        guard budget > .zero else {
            throw KWPError(.deadlineExceeded, "no time is left to ask another service", reason: KWPError.Reason.deadlineExceeded)
        }
        return KWPCallOptions(timeout: budget)
    }

    /// The most of a caller's remaining time kept back to answer it.
    static let maximumAnswerMargin = Duration.seconds(1)
}

/// What a client interceptor sees of a call before it is sent.
public struct KWPClientRequestHead: Sendable {
    public var method: String
    public var metadata: KWPMetadata
    public var deadline: NIODeadline?
}

/// Runs around every call a client makes: add metadata (a token, a request id), log,
/// measure, or refuse by throwing.
public protocol KWPClientInterceptor: Sendable {
    func intercept<Output: Sendable>(
        _ head: KWPClientRequestHead,
        next: @Sendable (KWPClientRequestHead) async throws -> Output
    ) async throws -> Output
}
