import NIOSSL

/// How a `KWPServer` listens and what it allows. Every field has a default.
public struct KWPServerConfiguration: Sendable {
    /// Address to bind; port 0 picks a free port (see `KWPServer.listeningAddress`).
    public var host: String = "127.0.0.1"
    public var port: Int = 0
    /// Largest payload accepted, on the wire and decompressed (`Hello.max_message_bytes`).
    public var maxMessageBytes: Int = 4 << 20
    /// Streams served at once per connection (`Hello.max_concurrent_streams`).
    public var maxConcurrentStreams: Int = 100
    /// Connections open at once; a connection beyond it is closed as soon as it is accepted.
    public var maxConnections: Int = 1024
    /// Connections open at once from one IP address, so that one host cannot take every slot.
    public var maxConnectionsPerPeer: Int = 256
    /// Payloads at or above this size are sent zstd-compressed when the peer accepts zstd.
    public var compressionThreshold: Int = 1024
    public var compressionLevel: Int32 = 1
    /// Whether replies to a client on this machine (loopback, Unix socket) are compressed too;
    /// by default they are not, since compression there costs time and saves nothing.
    public var compressesOnLoopback = false
    /// How long a drain waits for calls in flight before closing connections anyway.
    public var drainGracePeriod: Duration = .seconds(10)
    /// A connection whose client has not sent the preface and HELLO by then is closed.
    public var handshakeTimeout: Duration = .seconds(5)
    /// A connection with no call in flight and no frame received for this long gets GOAWAY
    /// NO_ERROR and is closed; nil keeps idle connections open.
    public var idleTimeout: Duration? = .seconds(300)
    /// `Hello.agent`, e.g. `keikyo-cases/0.1.0`.
    public var agent: String = "keikyo/0.1.0"
    /// KWP/1 inside TLS when set; plaintext otherwise.
    public var tls: KWPServerTLS?
    /// Unary handlers with requests up to 64 KiB run as tasks preferring their connection's event
    /// loop (`EventLoopTaskExecutor`), so a call costs no thread hop; what they await elsewhere
    /// (the database's queue, another service) resumes there. Streaming handlers and larger
    /// requests always run on the global concurrent executor. Set false for services whose
    /// handlers compute for long outside such awaits: all their tasks then run there.
    public var runsHandlersOnEventLoop = true
    /// Called on a connection's event loop each time a streaming reply must wait for its caller
    /// to read (a slow consumer holding the handler back): for metrics, logs and tests.
    public var onStreamHeldBack: (@Sendable () -> Void)? = nil

    public init(host: String = "127.0.0.1", port: Int = 0) {
        self.host = host
        self.port = port
    }
}

/// A server's TLS: the context (certificate, key, TLS versions, and for mutual TLS the CAs
/// client certificates must chain to) and who a verified client certificate names.
public struct KWPServerTLS: Sendable {
    public var context: NIOSSLContext
    /// The caller a client certificate proves, e.g. from its subject; nil when it names no
    /// one, which leaves each call to authenticate some other way (a token).
    public var principal: @Sendable (NIOSSLCertificate) -> KWPPrincipal?

    public init(context: NIOSSLContext, principal: @escaping @Sendable (NIOSSLCertificate) -> KWPPrincipal? = { _ in nil }) {
        self.context = context
        self.principal = principal
    }
}
