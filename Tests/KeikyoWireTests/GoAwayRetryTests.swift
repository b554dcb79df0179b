import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import KeikyoTestSupport
import Testing

@testable import KeikyoWire

/// A scripted KWP/1 server: on its first connection it waits for two requests, answers the
/// first and sends GOAWAY naming the first as the last it processed; later connections answer
/// every request. A real server cannot be made to leave a stream unprocessed on cue, so this
/// test double stands in for that one fault.
final class GoAwayScriptHandler: ChannelInboundHandler {
    typealias InboundIn = KWPFrame
    typealias OutboundOut = ByteBuffer

    let connectionIndex: Int
    let requestsPerConnection: NIOLockedValueBox<[Int: Int]>
    private var held: [KWPFrame] = []

    init(connectionIndex: Int, requestsPerConnection: NIOLockedValueBox<[Int: Int]>) {
        self.connectionIndex = connectionIndex
        self.requestsPerConnection = requestsPerConnection
    }

    func channelActive(context: ChannelHandlerContext) {
        let hello = HelloMessage(compression: [], maxMessageBytes: 1 << 20, maxConcurrentStreams: 0, agent: "goaway-script")
        context.writeAndFlush(wrapOutboundOut(EnvelopeCodec.controlFrame(.hello, hello, allocator: context.channel.allocator)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard frame.type == .request else { return }
        requestsPerConnection.withLockedValue { $0[connectionIndex, default: 0] += 1 }
        guard connectionIndex == 0 else { return answer(frame, context: context) }
        held.append(frame)
        guard held.count == 2 else { return }
        answer(held[0], context: context)
        let goAway = GoAwayMessage(lastStreamID: held[0].streamID, errorCode: 0, message: "scripted drain")
        context.writeAndFlush(wrapOutboundOut(EnvelopeCodec.controlFrame(.goAway, goAway, allocator: context.channel.allocator)))
            .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    private func answer(_ frame: KWPFrame, context: ChannelHandlerContext) {
        do {
            let request = try EnvelopeCodec.decodeRequest(frame.payload).body.decode(EchoRequest.self)
            var reply = try EnvelopeCodec.responseFrame(
                message: EchoResponse(text: "\(request.text)@\(connectionIndex)"), metadata: [:], endStream: true,
                allocator: context.channel.allocator)
            reply.setInteger(frame.streamID, at: EnvelopeCodec.streamIDOffset)
            context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
        } catch {
            context.close(promise: nil)
        }
    }
}

@Suite("GOAWAY handling in the client")
struct GoAwayRetryTests {
    @Test("a call on a stream above GOAWAY's last_stream_id is retried on a new connection")
    func retryAboveLastStreamID() async throws {
        let requests = NIOLockedValueBox<[Int: Int]>([:])
        let connections = NIOLockedValueBox(0)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                let index = connections.withLockedValue { count in
                    defer { count += 1 }
                    return count
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(KWPFrameDecoder(maxPayloadBytes: 1 << 20, expectPreface: true)))
                    try channel.pipeline.syncOperations.addHandler(
                        GoAwayScriptHandler(connectionIndex: index, requestsPerConnection: requests))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = server.localAddress!.port!

        try await withClient(port: port) { client in
            async let first = client.unary(EchoMethods.echo, EchoRequest(text: "a"))
            async let second = client.unary(EchoMethods.echo, EchoRequest(text: "b"))
            let replies = try await [first.text, second.text].sorted()
            // One was answered before GOAWAY on the first connection, the other after a retry on the second.
            #expect(replies.map { $0.suffix(2) }.sorted() == ["@0", "@1"])
        }
        #expect(requests.withLockedValue { $0 } == [0: 2, 1: 1])
        try await server.close()
    }
}
