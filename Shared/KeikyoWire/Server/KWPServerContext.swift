import Logging
import NIOCore

/// What a handler knows about the call it serves.
public struct KWPServerContext: Sendable {
    /// `/<package>.<Service>/<Method>`.
    public var method: String
    /// The caller's metadata.
    public var metadata: KWPMetadata
    /// When the caller stops waiting; nil for none. Calls the handler makes through a
    /// `KWPClient` inherit it without being told (see `KWPDeadline.current`).
    public var deadline: NIODeadline?
    /// The caller's address, e.g. `[IPv4]127.0.0.1/127.0.0.1:51234`.
    public var peer: String
    /// The stream the call arrived on.
    public var streamID: UInt32
    /// Who is calling, once an interceptor (or the connection's TLS client certificate) has
    /// established it; nil for an anonymous call.
    public var principal: KWPPrincipal?
    /// The connection's logger (`net.peer`); `logger` adds the call's metadata when asked for.
    var connectionLogger: Logger

    /// A logger with `rpc.method`, `rpc.stream`, `net.peer` and, once known, `auth.principal`
    /// metadata. Made on each access, so that calls which do not log do not pay for it.
    public var logger: Logger {
        get {
            var logger = connectionLogger
            logger[metadataKey: "rpc.method"] = .string(method)
            logger[metadataKey: "rpc.stream"] = .stringConvertible(streamID)
            if let principal { logger[metadataKey: "auth.principal"] = .string(principal.name) }
            return logger
        }
        set { connectionLogger = newValue }
    }

    init(
        method: String, metadata: KWPMetadata, deadline: NIODeadline?, peer: String, streamID: UInt32,
        principal: KWPPrincipal?, connectionLogger: Logger
    ) {
        self.method = method
        self.metadata = metadata
        self.deadline = deadline
        self.peer = peer
        self.streamID = streamID
        self.principal = principal
        self.connectionLogger = connectionLogger
    }
}

/// An authenticated caller.
public struct KWPPrincipal: Sendable, Hashable {
    /// Who it is, e.g. an agency code (`METI`) or a service (`service:financing`).
    public var name: String
    /// Which credential proved it (a token's id, a certificate's serial), never a secret.
    public var credentialID: String

    public init(name: String, credentialID: String) {
        self.name = name
        self.credentialID = credentialID
    }
}

/// The deadline of the call the current task serves, if any. The server sets it around each
/// handler; `KWPClient` reads it so calls made while serving a call end no later than it.
public enum KWPDeadline {
    @TaskLocal public static var current: NIODeadline?
}
