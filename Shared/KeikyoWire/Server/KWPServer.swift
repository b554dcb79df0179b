import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// A KWP/1 server hosting any number of services, plus Health and Reflection for them.
///
/// Run it in a `ServiceGroup`: on graceful shutdown (SIGTERM, SIGINT) it stops accepting,
/// sends every connection GOAWAY NO_ERROR, lets the calls in flight finish for up to
/// `drainGracePeriod`, then closes.
public final class KWPServer: Service {
    public let configuration: KWPServerConfiguration
    /// The server's health, which services may change (e.g. NOT_SERVING while a store is down).
    public let health: HealthService

    private let router: KWPRouter
    private let interceptors: [any KWPServerInterceptor]
    private let group: any EventLoopGroup
    private let logger: Logger
    private let state = NIOLockedValueBox(State())
    private let boundAddress: EventLoopPromise<SocketAddress>

    private struct State {
        var listener: (any Channel)?
        var connections: [ObjectIdentifier: any Channel] = [:]
        var connectionsByPeer: [String: Int] = [:]
        var refused = 0
        var refusalLoggedAt: NIODeadline?
        var draining = false
        var started = false
    }

    public init(
        configuration: KWPServerConfiguration,
        services: [any KWPServiceProvider],
        interceptors: [any KWPServerInterceptor] = [],
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.configuration = configuration
        self.interceptors = interceptors
        self.group = eventLoopGroup
        self.logger = logger
        self.health = HealthService(
            services: [HealthService.descriptor.name, ReflectionService.descriptor.name]
                + services.map { type(of: $0).descriptor.name })
        var router = KWPRouter()
        router.host(health)
        for service in services { router.host(service) }
        router.host(ReflectionService(router: router))
        self.router = router
        self.boundAddress = eventLoopGroup.any().makePromise()
    }

    /// The address the server listens on, once it does (with the real port when bound to 0).
    public var listeningAddress: SocketAddress {
        get async throws { try await boundAddress.futureResult.get() }
    }

    public func run() async throws {
        let alreadyStarted = state.withLockedValue { state in
            defer { state.started = true }
            return state.started
        }
        precondition(!alreadyStarted, "KWPServer.run() may be called once")

        let listener: any Channel
        do {
            listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { [self] channel in
                    channel.eventLoop.makeCompletedFuture { try self.configure(channel) }
                }
                .bind(host: configuration.host, port: configuration.port).get()
        } catch {
            boundAddress.fail(error)
            throw error
        }
        let address = listener.localAddress!
        let stopBeforeStart = state.withLockedValue { state in
            state.listener = listener
            return state.draining
        }
        boundAddress.succeed(address)
        logger.info("listening", metadata: ["net.address": "\(address)"])
        if stopBeforeStart { try? await listener.close() }

        try await withGracefulShutdownHandler {
            try await listener.closeFuture.get()
        } onGracefulShutdown: {
            self.beginDrain()
        }
        await waitForConnections()
        logger.info("stopped")
    }

    /// Starts the same graceful drain that SIGTERM starts.
    public func beginDrain() {
        let (listener, connections) = state.withLockedValue { state -> ((any Channel)?, [any Channel]) in
            guard !state.draining else { return (nil, []) }
            state.draining = true
            return (state.listener, Array(state.connections.values))
        }
        health.markAllNotServing()
        logger.info("draining", metadata: ["connections": "\(connections.count)"])
        listener?.close(promise: nil)
        for connection in connections { Self.drain(connection) }
    }

    private func configure(_ channel: any Channel) throws {
        let id = ObjectIdentifier(channel)
        let peer = channel.remoteAddress?.ipAddress ?? ""
        let (admitted, draining, refusals) = state.withLockedValue { state -> (Bool, Bool, Int?) in
            guard state.connections.count < configuration.maxConnections,
                state.connectionsByPeer[peer, default: 0] < configuration.maxConnectionsPerPeer
            else {
                // Logged at most once a second, with the count since, so a flood cannot flood the log.
                state.refused += 1
                let now = NIODeadline.now()
                guard state.refusalLoggedAt.map({ now - $0 >= .seconds(1) }) ?? true else { return (false, state.draining, nil) }
                state.refusalLoggedAt = now
                defer { state.refused = 0 }
                return (false, state.draining, state.refused)
            }
            state.connections[id] = channel
            state.connectionsByPeer[peer, default: 0] += 1
            return (true, state.draining, nil)
        }
        guard admitted else {
            if let refusals {
                logger.warning(
                    "refusing connections: at the limit",
                    metadata: [
                        "connections.refused": "\(refusals)", "connections.max": "\(configuration.maxConnections)",
                        "connections.max_per_peer": "\(configuration.maxConnectionsPerPeer)", "net.peer": "\(peer)",
                    ])
            }
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { [state] _ in
            state.withLockedValue { state in
                state.connections.removeValue(forKey: id)
                state.connectionsByPeer[peer, default: 1] -= 1
                if state.connectionsByPeer[peer] == 0 { state.connectionsByPeer.removeValue(forKey: peer) }
            }
        }
        let handler = KWPServerConnectionHandler(
            router: router, interceptors: interceptors, configuration: configuration, logger: logger)
        let sync = channel.pipeline.syncOperations
        if let tls = configuration.tls { try sync.addHandler(NIOSSLServerHandler(context: tls.context)) }
        try sync.addHandler(handler)
        if draining { Self.drain(channel) }
    }

    private static func drain(_ channel: any Channel) {
        channel.eventLoop.execute {
            try? channel.pipeline.syncOperations.handler(type: KWPServerConnectionHandler.self).drain()
        }
    }

    /// Waits for drained connections to close; after the grace period closes what is left.
    private func waitForConnections() async {
        let deadline = NIODeadline.now() + configuration.drainGracePeriod.timeAmount
        let connections = state.withLockedValue { Array($0.connections.values) }
        for connection in connections {
            let timer = connection.eventLoop.scheduleTask(deadline: deadline) {
                connection.close(promise: nil)
            }
            try? await connection.closeFuture.get()
            timer.cancel()
        }
    }
}
