import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing

@testable import KeikyoWire

let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Runs `body`, failing with `TimedOut` when it takes longer than `limit`.
func withTimeout<T: Sendable>(
    _ limit: Duration = .seconds(10), _ what: String = "the operation",
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimedOut(what: what)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Events that a handler reports and a test waits for, each wait bounded.
final class EventLog: Sendable {
    private let stream: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let iterator: UnsafeTransferBox

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: String.self)
        iterator = UnsafeTransferBox(stream.makeAsyncIterator())
    }

    func record(_ event: String) { continuation.yield(event) }

    /// The next event, waiting at most `limit`.
    func next(within limit: Duration = .seconds(10)) async throws -> String {
        let box = iterator
        return try await withTimeout(limit, "an event") { await box.next() ?? "" }
    }

    /// Waits until `count` events equal to `event` have arrived.
    func expect(_ event: String, count: Int = 1, within limit: Duration = .seconds(10)) async throws {
        var seen = 0
        while seen < count {
            if try await next(within: limit) == event { seen += 1 }
        }
    }
}

final class UnsafeTransferBox: @unchecked Sendable {
    private var iterator: AsyncStream<String>.AsyncIterator
    init(_ iterator: AsyncStream<String>.AsyncIterator) { self.iterator = iterator }
    func next() async -> String? { await iterator.next() }
}

/// Runs a server on 127.0.0.1 with a free port for the duration of `body`, then drains it.
@discardableResult
func withServer<T: Sendable>(
    services: [any KWPServiceProvider] = [EchoService()],
    configuration: KWPServerConfiguration = KWPServerConfiguration(host: "127.0.0.1", port: 0),
    interceptors: [any KWPServerInterceptor] = [],
    _ body: @Sendable (KWPServer, Int) async throws -> T
) async throws -> T {
    let server = KWPServer(configuration: configuration, services: services, interceptors: interceptors, logger: quietLogger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        let port = try await withTimeout(.seconds(10), "the server to listen") { try await server.listeningAddress.port! }
        // The drain is bounded by the server's grace period.
        do {
            let result = try await body(server, port)
            server.beginDrain()
            try await group.next()
            return result
        } catch {
            server.beginDrain()
            try? await group.next()
            throw error
        }
    }
}

/// A client for the test server; closed after `body`.
@discardableResult
func withClient<T: Sendable>(
    port: Int, configuration: KWPClientConfiguration = .init(), _ body: @Sendable (KWPClient) async throws -> T
) async throws -> T {
    let client = KWPClient(host: "127.0.0.1", port: port, configuration: configuration, logger: quietLogger)
    do {
        let result = try await body(client)
        await client.close()
        return result
    } catch {
        await client.close()
        throw error
    }
}

/// Expects `body` to fail with a `KWPError` of `code` (and `reason`, when given).
@discardableResult
func expectKWPError(
    _ code: KWPError.Code, reason: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> KWPError? {
    do {
        try await body()
        Issue.record("expected \(code) but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as KWPError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let reason { #expect(error.reason == reason, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected KWPError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A bare TCP connection speaking raw bytes, for protocol tests: it reads whole frames.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let frames: UnsafeFrameIterator

    static func connect(port: Int) async throws -> RawConnection {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: KWPFrame.self)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(KWPFrameDecoder(maxPayloadBytes: 64 << 20, expectPreface: false)))
                    try channel.pipeline.syncOperations.addHandler(FrameCollector(continuation: continuation))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, frames: UnsafeFrameIterator(stream.makeAsyncIterator()))
    }

    private init(channel: any Channel, frames: UnsafeFrameIterator) {
        self.channel = channel
        self.frames = frames
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    func send(_ buffer: ByteBuffer) async throws {
        try await channel.writeAndFlush(buffer)
    }

    /// The preface and a client HELLO that accepts zstd.
    func sendPrefaceAndHello() async throws {
        var buffer = ByteBuffer(bytes: KWPFrame.preface)
        var hello = EnvelopeCodec.controlFrame(
            .hello, HelloMessage(compression: ["zstd"], maxMessageBytes: 4 << 20, maxConcurrentStreams: 0, agent: "raw-test"),
            allocator: ByteBufferAllocator())
        buffer.writeBuffer(&hello)
        try await send(buffer)
    }

    /// The next frame, or nil once the server closed the connection; bounded.
    func nextFrame(within limit: Duration = .seconds(10)) async throws -> KWPFrame? {
        let frames = self.frames
        return try await withTimeout(limit, "a frame") { try await frames.next() }
    }

    /// Half-closes: the server sees EOF and may still write.
    func shutdownOutput() async throws {
        try await channel.close(mode: .output)
    }

    func close() async {
        try? await channel.close()
    }
}

/// Passes each decoded frame to a stream, which ends when the connection does.
final class FrameCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = KWPFrame
    let continuation: AsyncThrowingStream<KWPFrame, any Error>.Continuation

    init(continuation: AsyncThrowingStream<KWPFrame, any Error>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { continuation.yield(unwrapInboundIn(data)) }
    func channelInactive(context: ChannelHandlerContext) { continuation.finish() }
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish()
        context.close(promise: nil)
    }
}

final class UnsafeFrameIterator: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<KWPFrame, any Error>.AsyncIterator
    init(_ iterator: AsyncThrowingStream<KWPFrame, any Error>.AsyncIterator) { self.iterator = iterator }
    func next() async throws -> KWPFrame? { try await iterator.next() }
}

/// Frame-building helpers for raw tests.
enum RawFrames {
    static func request<M: KWPMessage>(
        stream: UInt32, method: String, message: M, metadata: KWPMetadata = [:], timeoutMicros: UInt64 = 0
    ) throws -> ByteBuffer {
        var frame = try EnvelopeCodec.requestFrame(
            method: method, timeoutMicros: timeoutMicros, metadata: metadata, message: message, allocator: ByteBufferAllocator())
        frame.setInteger(stream, at: EnvelopeCodec.streamIDOffset)
        return frame
    }

    static func frame(type: KWPFrame.FrameType, flags: KWPFrame.Flags = [], stream: UInt32, payload: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeKWPFrame(KWPFrame(type: type, flags: flags, streamID: stream, payload: ByteBuffer(bytes: payload)))
        return buffer
    }

    /// The status a RESPONSE frame carries.
    static func status(of frame: KWPFrame) throws -> Result<Void, KWPError>? {
        try EnvelopeCodec.decodeResponse(frame.payload).status
    }

    static func goAway(of frame: KWPFrame) throws -> GoAwayMessage {
        try EnvelopeCodec.decodeControl(GoAwayMessage.self, frame.payload)
    }
}

extension Result where Success == Void, Failure == KWPError {
    var error: KWPError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
