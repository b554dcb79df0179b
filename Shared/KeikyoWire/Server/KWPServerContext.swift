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
    /// A logger with `rpc.method`, `rpc.stream` and `net.peer` metadata.
    public var logger: Logger
}

/// The deadline of the call the current task serves, if any. The server sets it around each
/// handler; `KWPClient` reads it so calls made while serving a call end no later than it.
public enum KWPDeadline {
    @TaskLocal public static var current: NIODeadline?
}
