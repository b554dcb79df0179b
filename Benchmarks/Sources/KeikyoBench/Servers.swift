import ArgumentParser
import BenchProtos
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import KeikyoAPI
import KeikyoModel
import KeikyoWire
import NIOCore
import NIOPosix

/// The three contenders.
enum Contender: String, CaseIterable, ExpressibleByArgument, Sendable {
    case kwp, grpc, raw
}

/// `keikyo-bench serve`: one contender's server on 127.0.0.1, printing `listening PORT` on
/// standard output once it listens; it stops when standard input closes.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run one contender's echo server (for scripts/bench.sh).")

    @Option(help: "kwp, grpc or raw.") var contender: Contender
    @Option(help: "Event-loop threads.") var threads = 1

    func run() async throws {
        let server = try await BenchServer.start(contender, group: MultiThreadedEventLoopGroup(numberOfThreads: threads))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await server.run() }
            FileHandle.standardOutput.write(Data("listening \(server.port)\n".utf8))
            tasks.addTask {
                // Standard input closing (the script exiting) stops the server.
                while let line = readLine(), line != "stop" {}
                server.stop()
            }
            try await tasks.next()
            tasks.cancelAll()
        }
    }
}

/// One contender's echo server on 127.0.0.1, listening: `run` serves until `stop`.
struct BenchServer: Sendable {
    let port: Int
    let run: @Sendable () async throws -> Void
    let stop: @Sendable () -> Void

    static func start(_ contender: Contender, group: MultiThreadedEventLoopGroup) async throws -> BenchServer {
        switch contender {
        case .kwp:
            let server = KWPServer(configuration: .init(host: "127.0.0.1", port: 0), services: [KWPBench()], eventLoopGroup: group, logger: quiet)
            let running = Task { try await server.run() }
            return BenchServer(port: try await server.listeningAddress.port!, run: { try await running.value }, stop: { server.beginDrain() })
        case .grpc:
            let server = GRPCServer(
                transport: .http2NIOPosix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext, eventLoopGroup: group),
                services: [GRPCBench()])
            let running = Task { try await server.serve() }
            return BenchServer(
                port: try await server.listeningAddress?.ipv4?.port ?? 0, run: { try await running.value }, stop: { server.beginGracefulShutdown() })
        case .raw:
            let channel = try await RawEcho.bind(group: group)
            return BenchServer(port: channel.localAddress!.port!, run: { try await channel.closeFuture.get() }, stop: { channel.close(promise: nil) })
        }
    }
}

/// `keikyo.bench.v1.Bench` over KWP/1: it answers with what it is sent.
struct KWPBench: KWPServiceProvider {
    static let descriptor = BenchServiceAPI.descriptor

    func register(in router: inout KWPRouter) {
        router.register(BenchServiceAPI.echo) { request, _ in EchoResponse(text: request.text, payload: request.payload) }
        router.register(BenchServiceAPI.echoCase) { request, _ in request }
        router.register(BenchServiceAPI.echoCaseList) { request, _ in request }
    }
}

/// `keikyo.bench.v1.Bench` over gRPC, the same answers.
struct GRPCBench: Keikyo_Bench_V1_Bench.SimpleServiceProtocol {
    func echo(request: Keikyo_Echo_V1_EchoRequest, context: ServerContext) async throws -> Keikyo_Echo_V1_EchoResponse {
        .with {
            $0.text = request.text
            $0.payload = request.payload
        }
    }

    func echoCase(request: Keikyo_Cases_V1_Case, context: ServerContext) async throws -> Keikyo_Cases_V1_Case { request }

    func echoCaseList(request: Keikyo_Cases_V1_ListCasesResponse, context: ServerContext) async throws -> Keikyo_Cases_V1_ListCasesResponse {
        request
    }
}

/// The limit: length-prefixed frames echoed as they come, no protobuf, no compression.
enum RawEcho {
    static func bind(group: any EventLoopGroup) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(EchoHandler())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    /// A 4-byte big-endian length, then that many bytes; yields the whole frame.
    struct FrameDecoder: ByteToMessageDecoder {
        typealias InboundOut = ByteBuffer
        func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
            guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self), buffer.readableBytes >= 4 + Int(length),
                let frame = buffer.readSlice(length: 4 + Int(length))
            else { return .needMoreData }
            context.fireChannelRead(Self.wrapInboundOut(frame))
            return .continue
        }
    }

    final class EchoHandler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.write(data, promise: nil)
        }
        func channelReadComplete(context: ChannelHandlerContext) { context.flush() }
    }
}
