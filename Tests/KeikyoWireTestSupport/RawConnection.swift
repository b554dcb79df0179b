// Debug builds only: it reaches KeikyoWire's internals, which a release build (e.g. the local
// suite's `swift build -c release`, which builds every target) does not expose.
#if DEBUG
import Foundation
import KeikyoTestSupport
import Logging
import NIOCore
import NIOPosix
import Testing

@testable import KeikyoWire

/// A bare TCP connection speaking raw bytes, for protocol tests: it reads whole frames.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let frames: UnsafeFrameIterator

    /// Connects to 127.0.0.1:`port`, from `source` (another loopback address, e.g. 127.0.0.2)
    /// when given. With `reading: false` the connection never reads (a small receive buffer,
    /// no reads at all): a client that does not take its replies.
    static func connect(port: Int, from source: String? = nil, reading: Bool = true) async throws -> RawConnection {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: KWPFrame.self)
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        if let source { bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source, port: 0)) }
        if !reading {
            bootstrap = bootstrap.channelOption(.autoRead, value: false).channelOption(.socketOption(.so_rcvbuf), value: 4096)
        }
        let channel = try await bootstrap
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
    func sendPrefaceAndHello(maxMessageBytes: UInt32 = 4 << 20) async throws {
        var buffer = ByteBuffer(bytes: KWPFrame.preface)
        var hello = EnvelopeCodec.controlFrame(
            .hello, HelloMessage(compression: ["zstd"], maxMessageBytes: maxMessageBytes, maxConcurrentStreams: 0, agent: "raw-test"),
            allocator: ByteBufferAllocator())
        buffer.writeBuffer(&hello)
        try await send(buffer)
    }

    /// The next frame, or nil once the server closed the connection; bounded.
    func nextFrame(within limit: Duration = .seconds(10)) async throws -> KWPFrame? {
        let frames = self.frames
        return try await withTimeout(limit, "a frame") { try await frames.next() }
    }

    /// Writes without waiting for the write to complete (for a peer that stops reading).
    func sendWithoutWaiting(_ buffer: ByteBuffer) {
        channel.writeAndFlush(buffer, promise: nil)
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
#endif
