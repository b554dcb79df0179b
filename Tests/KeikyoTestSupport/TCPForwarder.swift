import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A loopback TCP forwarder to `target`, that a test can take down and bring back on the same
/// port: the one way to make a shared database server vanish for one client and return (a
/// test double for an outage, not for the database).
public final class TCPForwarder: Sendable {
    public let port: Int
    private let targetPort: Int
    private let state = NIOLockedValueBox(State())
    /// True while `hold` keeps bytes from crossing.
    private let holding = NIOLockedValueBox(false)

    private struct State {
        var listener: (any Channel)?
        var connections: [any Channel] = []
    }

    /// Reserves a port of 127.0.0.1 for a forwarder to `targetPort`, not yet forwarding.
    public init(targetPort: Int) async throws {
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0).get()
        port = probe.localAddress!.port!
        try await probe.close()
        self.targetPort = targetPort
    }

    /// Starts forwarding: connections are accepted and joined to the target.
    public func start() async throws {
        let targetPort = self.targetPort
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { [state, holding] inbound in
                ClientBootstrap(group: inbound.eventLoop).connect(host: "127.0.0.1", port: targetPort).flatMap { outbound in
                    state.withLockedValue { $0.connections += [inbound, outbound] }
                    let (a, b) = Glue.pair(holding: holding)
                    return inbound.pipeline.addHandler(a).and(outbound.pipeline.addHandler(b)).map { _ in
                        inbound.read()
                        outbound.read()
                    }
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        state.withLockedValue { $0.listener = listener }
    }

    /// Keeps every connection open but passes nothing more across, either way: a server that
    /// has stopped answering without closing anything.
    public func hold() {
        holding.withLockedValue { $0 = true }
    }

    /// Stops accepting and cuts every connection it carried.
    public func stop() async {
        let (listener, connections) = state.withLockedValue { state in
            defer { state = State() }
            return (state.listener, state.connections)
        }
        try? await listener?.close()
        for connection in connections { try? await connection.close() }
    }
}

/// Two handlers that pass each other's reads across, closing both when either closes.
private final class Glue: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var partner: Glue?
    private var context: ChannelHandlerContext?
    private let holding: NIOLockedValueBox<Bool>

    private init(holding: NIOLockedValueBox<Bool>) {
        self.holding = holding
    }

    static func pair(holding: NIOLockedValueBox<Bool>) -> (Glue, Glue) {
        let first = Glue(holding: holding)
        let second = Glue(holding: holding)
        first.partner = second
        second.partner = first
        return (first, second)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    private func write(_ data: NIOAny) {
        guard let context else { return }
        context.eventLoop.execute {
            context.writeAndFlush(data, promise: nil)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        context.read()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !holding.withLockedValue({ $0 }) else { return }
        partner?.write(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.read()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let other = partner?.context { other.eventLoop.execute { other.close(promise: nil) } }
        context.fireChannelInactive()
    }
}
