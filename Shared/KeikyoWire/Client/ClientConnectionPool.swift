import DequeModule

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import NIOCore
import NIOSSL
import NIOPosix

/// The connections of one client to one endpoint, confined to the client's event loop.
///
/// One connection carries every call. Calls wait in `waiting` while the connection is being
/// made or has no free stream; a failed connect fails the waiting calls with UNAVAILABLE and
/// starts a backoff during which new calls fail at once. After GOAWAY the next call opens a new
/// connection while the old one finishes its streams, and the calls it never processed are
/// sent again on the new one.
final class ClientConnectionPool {
    private enum State {
        case idle
        case connecting
        case ready(KWPClientConnectionHandler)
        case backingOff(until: NIODeadline, lastError: String)
        case closed
    }

    private let host: String
    private let port: Int
    private let eventLoop: any EventLoop
    private let configuration: KWPClientConfiguration
    private let logger: Logger
    private var state = State.idle
    private var waiting = Deque<ClientCall>()
    private var draining: [ObjectIdentifier: KWPClientConnectionHandler] = [:]
    private var backoff: Duration
    private var closePromises: [EventLoopPromise<Void>] = []

    init(host: String, port: Int, eventLoop: any EventLoop, configuration: KWPClientConfiguration, logger: Logger) {
        self.host = host
        self.port = port
        self.eventLoop = eventLoop
        self.configuration = configuration
        self.logger = logger
        self.backoff = configuration.initialBackoff
    }

    // MARK: Calls

    func start(_ call: ClientCall) {
        guard call.cancellation.attach(call) else { return call.finish(KWPClient.cancelledError) }
        if let deadline = call.deadline {
            guard deadline > .now() else { return call.finish(Self.deadlineError) }
            call.deadlineTimer = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
                self.abandon(call, with: Self.deadlineError)
            }
        }
        self.route(call)
    }

    private func route(_ call: ClientCall) {
        switch state {
        case .closed:
            call.finish(KWPError(.unavailable, "the client is closed", reason: KWPError.Reason.clientClosed))
        case .backingOff(let until, let lastError) where until > .now():
            call.finish(KWPError(
                .unavailable, "cannot connect to \(host):\(port) (\(lastError)); retrying after a backoff",
                reason: KWPError.Reason.connectFailed))
        case .ready(let connection) where connection.hasCapacity && waiting.isEmpty:
            connection.start(call)
        case .ready(let connection) where connection.streamIDsExhausted:
            // Near 2^31 streams: finish this connection's calls there, start the next one.
            draining[ObjectIdentifier(connection)] = connection
            state = .idle
            waiting.append(call)
            self.connect()
        case .ready, .connecting:
            waiting.append(call)
        case .idle, .backingOff:
            waiting.append(call)
            self.connect()
        }
    }

    /// Ends a call from outside the connection (deadline, task cancellation).
    func abandon(_ call: ClientCall, with error: KWPError) {
        if let connection = call.connection {
            connection.cancel(call, with: error)
        } else {
            if let index = waiting.firstIndex(where: { $0 === call }) { waiting.remove(at: index) }
            call.finish(error)
        }
    }

    static let deadlineError = KWPError(.deadlineExceeded, "the call's deadline passed", reason: KWPError.Reason.deadlineExceeded)

    // MARK: Connections

    private func connect() {
        state = .connecting
        let connectTimeout = configuration.connectTimeout.timeAmount
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { [pool = NIOLoopBound(self, eventLoop: eventLoop), configuration, logger, host] channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let tls = configuration.tls {
                        // SNI and verification by name for a host name; by the peer's address for an IP address.
                        let name = host.isIPAddress ? nil : host
                        try sync.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
                    }
                    try sync.addHandler(KWPClientConnectionHandler(pool: pool.value, configuration: configuration, logger: logger))
                }
            }
        let connected = bootstrap.connect(host: host, port: port)
        // The server's HELLO must follow the TCP connect within the same timeout.
        let helloTimer = eventLoop.assumeIsolated().scheduleTask(in: connectTimeout) { [self] in
            if case .connecting = self.state {
                connected.whenSuccess { $0.close(promise: nil) }
                self.connectFailed("no HELLO from the server within \(self.configuration.connectTimeout)")
            }
        }
        connected.assumeIsolated().whenComplete { [self] result in
            if case .failure(let error) = result {
                helloTimer.cancel()
                if case .connecting = self.state { self.connectFailed(Self.describe(error)) }
            } else {
                self.pendingHelloTimer = helloTimer
            }
        }
    }

    private var pendingHelloTimer: Scheduled<Void>?

    /// "Connection refused" rather than NIO's nested description.
    static func describe(_ error: any Error) -> String {
        var error = error
        if let connectionError = error as? NIOConnectionError, let first = connectionError.connectionErrors.first {
            error = first.error
        }
        if let ioError = error as? IOError { return String(cString: strerror(ioError.errnoCode)) }
        return "\(error)"
    }

    private func connectFailed(_ reason: String) {
        logger.debug("connect failed", metadata: ["net.peer": "\(host):\(port)", "error": "\(reason)"])
        state = .backingOff(until: .now() + backoff.timeAmount, lastError: reason)
        backoff = min(backoff * configuration.backoffMultiplier, configuration.maxBackoff)
        let calls = waiting
        waiting.removeAll()
        for call in calls {
            call.finish(KWPError(.unavailable, "cannot connect to \(host):\(port): \(reason)", reason: KWPError.Reason.connectFailed))
        }
    }

    func connectionReady(_ connection: KWPClientConnectionHandler) {
        pendingHelloTimer?.cancel()
        pendingHelloTimer = nil
        guard case .connecting = state else { return connection.close() }
        state = .ready(connection)
        backoff = configuration.initialBackoff
        self.dispatchWaiting(to: connection)
    }

    func capacityAvailable(_ connection: KWPClientConnectionHandler) {
        guard case .ready(let current) = state, current === connection else { return }
        self.dispatchWaiting(to: connection)
    }

    private func dispatchWaiting(to connection: KWPClientConnectionHandler) {
        while connection.hasCapacity, let call = waiting.popFirst() {
            connection.start(call)
        }
    }

    func connectionGoingAway(_ connection: KWPClientConnectionHandler, unprocessed: [ClientCall]) {
        if case .ready(let current) = state, current === connection { state = .idle }
        draining[ObjectIdentifier(connection)] = connection
        for call in unprocessed.reversed() where !call.isFinished {
            waiting.prepend(call)
        }
        switch state {
        case .idle where !waiting.isEmpty: self.connect()
        case .ready(let current): self.dispatchWaiting(to: current)
        default: break
        }
    }

    func connectionClosed(_ connection: KWPClientConnectionHandler, orphans: [ClientCall]) {
        draining.removeValue(forKey: ObjectIdentifier(connection))
        for call in orphans {
            call.connection = nil
            call.finish(KWPClientConnectionHandler.closedError)
        }
        switch state {
        case .ready(let current) where current === connection:
            state = .idle
            if !waiting.isEmpty { self.connect() }
        case .connecting:
            // Connected, then closed before its HELLO; a failed TCP connect is reported by `connect()`.
            if connection.prefaceSent, connection.serverHello == nil {
                self.connectFailed(connection.failure ?? "the server closed the connection before its HELLO")
            }
        case .closed:
            if draining.isEmpty { self.completeClose() }
        default:
            break
        }
    }

    // MARK: Closing

    func close(promise: EventLoopPromise<Void>?) {
        if let promise { closePromises.append(promise) }
        let current: KWPClientConnectionHandler?
        if case .ready(let connection) = state { current = connection } else { current = nil }
        if case .closed = state {} else {
            state = .closed
            let calls = waiting
            waiting.removeAll()
            for call in calls { call.finish(KWPError(.unavailable, "the client is closed", reason: KWPError.Reason.clientClosed)) }
        }
        if let current { draining[ObjectIdentifier(current)] = current }
        if draining.isEmpty { return self.completeClose() }
        for connection in draining.values { connection.close() }
    }

    private func completeClose() {
        let promises = closePromises
        closePromises.removeAll()
        for promise in promises { promise.succeed() }
    }
}

extension String {
    /// Whether this is an IPv4 or IPv6 address rather than a host name.
    var isIPAddress: Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, self, &v4) == 1 || inet_pton(AF_INET6, self, &v6) == 1
    }
}
