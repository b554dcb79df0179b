import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// Serves one KWP/1 connection. It runs the connection's protocol on the event loop
/// (HELLO, stream ids, limits, PING, CANCEL, deadlines, GOAWAY, compression) and starts a task
/// per accepted stream for the service's code; replies come back to the loop to be written.
///
/// It stops reading while the socket is not writable, so a peer that sends requests but does
/// not read the replies cannot make the server buffer without bound.
final class KWPServerConnectionHandler: ChannelDuplexHandler, FrameWriting {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct ActiveStream {
        var task: Task<Void, Never>?
        var deadlineTimer: Scheduled<Void>?
    }

    private let router: KWPRouter
    private let interceptors: [any KWPServerInterceptor]
    private let configuration: KWPServerConfiguration
    private var logger: Logger
    /// The peer's address, as `KWPServerContext.peer` gives it.
    private var peer = ""
    /// Frames handed to the loop by streaming handlers and not yet taken (`ServerStreamSink`).
    private let queuedFrames = NIOLockedValueBox(0)
    /// Where handler tasks prefer to run (`KWPServerConfiguration.runsHandlersOnEventLoop`).
    private var handlerExecutor: EventLoopTaskExecutor?

    private(set) var context: ChannelHandlerContext?
    private var peerHello: HelloMessage?
    private var highestStreamID: UInt32 = 0
    private var streams: [UInt32: ActiveStream] = [:]
    private var draining = false
    private var closing = false
    var flushPolicy = FlushPolicy()
    private var writabilityWaiters: [CheckedContinuation<Void, any Error>] = []
    private var readPending = false
    private var handshakeTimer: Scheduled<Void>?
    private var idleTimer: Scheduled<Void>?
    /// On the event loop's clock (`EventLoop.now`), so that tests can drive idleness on a
    /// loop whose time they advance.
    private var lastFrameAt = NIODeadline.uptimeNanoseconds(0)
    /// Who the TLS client certificate names, looked up at the first request.
    private var certificatePrincipal: KWPPrincipal??
    private let compressor: ZstdCompressor
    private let decompressor = ZstdDecompressor()

    /// Splits the bytes read into frames here rather than in a handler of its own, which would
    /// pass each frame down the pipeline boxed in a heap allocation.
    private var frames: NIOSingleStepByteToMessageProcessor<KWPFrameDecoder>

    init(router: KWPRouter, interceptors: [any KWPServerInterceptor], configuration: KWPServerConfiguration, logger: Logger) {
        self.frames = NIOSingleStepByteToMessageProcessor(
            KWPFrameDecoder(maxPayloadBytes: configuration.maxMessageBytes, expectPreface: true))
        self.router = router
        self.interceptors = interceptors
        self.configuration = configuration
        self.logger = logger
        self.compressor = ZstdCompressor(level: configuration.compressionLevel)
    }

    /// Whether replies are compressed: the client accepts zstd and is not on this machine
    /// (unless `compressesOnLoopback`).
    private var compressesReplies: Bool {
        (configuration.compressesOnLoopback || !peerIsLocal) && (peerHello?.compression.contains("zstd") ?? false)
    }
    private var peerIsLocal = false

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if configuration.runsHandlersOnEventLoop { self.handlerExecutor = EventLoopTaskExecutor(context.eventLoop) }
        self.peer = context.channel.remoteAddress?.description ?? ""
        self.peerIsLocal = context.channel.remoteAddress?.isOnThisMachine ?? false
        self.logger[metadataKey: "net.peer"] = "\(peer.isEmpty ? "?" : peer)"
        if context.channel.isActive { self.sendHello(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.sendHello(context: context)
        context.fireChannelActive()
    }

    private var helloSent = false
    private func sendHello(context: ChannelHandlerContext) {
        guard !helloSent else { return }
        helloSent = true
        // A peer that does not complete the handshake in time does not keep the connection.
        handshakeTimer = context.eventLoop.assumeIsolated().scheduleTask(in: configuration.handshakeTimeout.timeAmount) { [self] in
            guard self.peerHello == nil, let context = self.context else { return }
            self.failConnection(KWPConnectionError(.protocolError, "no HELLO within \(self.configuration.handshakeTimeout)"), context: context)
        }
        lastFrameAt = context.eventLoop.now
        self.scheduleIdleCheck(after: configuration.idleTimeout, context: context)
        let hello = HelloMessage(
            compression: ["zstd"], maxMessageBytes: UInt32(configuration.maxMessageBytes),
            maxConcurrentStreams: UInt32(configuration.maxConcurrentStreams), agent: configuration.agent)
        context.writeAndFlush(wrapOutboundOut(EnvelopeCodec.controlFrame(.hello, hello, allocator: context.channel.allocator)), promise: nil)
    }

    /// Closes the connection once it has been idle for `idleTimeout`: no stream open and no
    /// frame read. Checked when the timer fires, and rescheduled from the last frame otherwise.
    private func scheduleIdleCheck(after delay: Duration?, context: ChannelHandlerContext) {
        guard let idleTimeout = configuration.idleTimeout, let delay else { return }
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: delay.timeAmount) { [self] in
            guard let context = self.context, !self.closing, !self.draining else { return }
            let idleUntil = self.lastFrameAt + idleTimeout.timeAmount
            let now = context.eventLoop.now
            if self.streams.isEmpty, idleUntil <= now {
                self.logger.debug("closing an idle connection")
                self.drain(reason: "idle for \(idleTimeout)")
            } else {
                let next = self.streams.isEmpty ? idleUntil - now : idleTimeout.timeAmount
                self.scheduleIdleCheck(after: .nanoseconds(max(next.nanoseconds, 1_000_000)), context: context)
            }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.endAllStreams()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.endAllStreams()
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            self.resumeWriters(with: nil)
            if readPending {
                readPending = false
                context.read()
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.read()
        } else {
            readPending = true
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? KWPConnectionError {
            self.failConnection(error, context: context)
        } else {
            logger.debug("connection error", metadata: ["error": "\(error)"])
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            try frames.process(buffer: unwrapInboundIn(data)) { frame in
                guard !self.closing else { return }
                try self.receive(frame, context: context)
            }
        } catch let error as KWPConnectionError {
            self.failConnection(error, context: context)
        } catch {
            self.failConnection(KWPConnectionError(.internalError, "\(error)"), context: context)
        }
    }

    private func receive(_ frame: KWPFrame, context: ChannelHandlerContext) throws {
        lastFrameAt = context.eventLoop.now
        switch frame.type {
        case .request: try self.receiveRequest(frame, context: context)
        case .cancel: self.cancelStream(frame.streamID)
        case .ping: try self.receivePing(frame, context: context)
        case .hello: try self.receiveHello(frame)
        case .pong, .goAway: break
        case .response: throw KWPConnectionError(.protocolError, "a client sent a RESPONSE frame")
        default: break  // unknown frame types are ignored
        }
    }

    // MARK: Frames

    private func receiveHello(_ frame: KWPFrame) throws {
        guard peerHello == nil else { return }
        self.peerHello = try Self.decodeHello(frame)
        handshakeTimer?.cancel()
    }

    private func receivePing(_ frame: KWPFrame, context: ChannelHandlerContext) throws {
        try Self.checkPing(frame)
        var pong = context.channel.allocator.buffer(capacity: KWPFrame.headerSize + 8)
        pong.writeKWPFrame(KWPFrame(type: .pong, streamID: 0, payload: frame.payload))
        self.writeFrame(pong, context: context)
    }

    private func receiveRequest(_ frame: KWPFrame, context: ChannelHandlerContext) throws {
        guard peerHello != nil else { throw KWPConnectionError(.protocolError, "REQUEST before HELLO") }
        let streamID = frame.streamID
        guard streamID % 2 == 1 else { throw KWPConnectionError(.protocolError, "REQUEST on even stream \(streamID)") }
        guard streamID > highestStreamID else {
            throw KWPConnectionError(.protocolError, "REQUEST stream \(streamID) is not above \(highestStreamID)")
        }
        // After GOAWAY, streams above its last_stream_id are never processed; the client retries them.
        guard !draining else { return }
        highestStreamID = streamID

        if configuration.maxConcurrentStreams > 0, streams.count >= configuration.maxConcurrentStreams {
            return self.reject(streamID, KWPError(
                .resourceExhausted, "more than \(configuration.maxConcurrentStreams) streams at once",
                reason: KWPError.Reason.tooManyStreams), context: context)
        }
        let request: ReceivedRequest
        do {
            request = try Self.decodeRequest(
                frame, decompressor: decompressor, limit: configuration.maxMessageBytes, allocator: context.channel.allocator,
                knownMethod: router.knownPath)
        } catch let error as KWPError {
            return self.reject(streamID, error, context: context)
        }
        if certificatePrincipal == nil { certificatePrincipal = .some(self.principalFromCertificate(context: context)) }
        guard let handler = router.handlers[request.method] else {
            return self.reject(streamID, KWPError(
                .unimplemented, "unknown method \(request.method.debugDescription)", reason: KWPError.Reason.unknownMethod),
                context: context)
        }
        // Unary calls with small requests run on the loop; a streaming handler writes for long and a
        // large request takes long to decode, either of which would hold up the loop's other connections.
        let onLoop = !handler.streamsReplies && frame.payload.readableBytes <= Self.largestRequestOnLoop
        self.start(streamID: streamID, request: request, handler: handler, onLoop: onLoop, context: context)
    }

    /// Requests above this size (as received) are served off the event loop.
    static let largestRequestOnLoop = 64 << 10

    // MARK: Decoding, shared with KWPInputInspector

    /// A client's HELLO; a connection error when it does not decode or is of another version.
    static func decodeHello(_ frame: KWPFrame) throws -> HelloMessage {
        let hello: HelloMessage
        do { hello = try EnvelopeCodec.decodeControl(HelloMessage.self, frame.payload) } catch {
            throw KWPConnectionError(.protocolError, "HELLO does not decode")
        }
        guard hello.version == KWPFrame.version else {
            throw KWPConnectionError(.unsupportedVersion, "KWP version \(hello.version) is not supported; this server speaks 1")
        }
        return hello
    }

    static func checkPing(_ frame: KWPFrame) throws {
        guard frame.payload.readableBytes == 8 else { throw KWPConnectionError(.protocolError, "PING must carry 8 bytes") }
    }

    /// A REQUEST frame's envelope, decompressed within `limit`; a `KWPError` is the status the
    /// stream gets (the connection stays).
    static func decodeRequest(
        _ frame: KWPFrame, decompressor: borrowing ZstdDecompressor, limit: Int, allocator: ByteBufferAllocator,
        knownMethod: (UnsafeRawBufferPointer) -> String? = { _ in nil }
    ) throws -> ReceivedRequest {
        do {
            var payload = frame.payload
            if frame.flags.contains(.compressed) { payload = try decompressor.decompress(payload, limit: limit, allocator: allocator) }
            return try EnvelopeCodec.decodeRequest(payload, knownMethod: knownMethod)
        } catch let error as KWPError where error.reason == KWPError.Reason.badMessage {
            throw KWPError(.invalidArgument, "request envelope does not decode", reason: KWPError.Reason.badEnvelope)
        }
    }

    /// The principal of a verified TLS client certificate, if the connection has one.
    private func principalFromCertificate(context: ChannelHandlerContext) -> KWPPrincipal? {
        guard let tls = configuration.tls,
            let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self).peerCertificate
        else { return nil }
        return tls.principal(certificate)
    }

    // MARK: Streams

    private func start(
        streamID: UInt32, request: ReceivedRequest, handler: KWPMethodHandler, onLoop: Bool, context: ChannelHandlerContext
    ) {
        let deadline: NIODeadline? =
            request.timeoutMicros > 0
            ? .now() + .microseconds(Int64(clamping: min(request.timeoutMicros, UInt64(Int64.max / 1000))))
            : nil
        let callContext = KWPServerContext(
            method: request.method, metadata: request.metadata, deadline: deadline, peer: peer, streamID: streamID,
            principal: certificatePrincipal ?? nil, connectionLogger: logger)
        let sink = ServerStreamSink(
            connection: NIOLoopBound(self, eventLoop: context.eventLoop), channel: context.channel, streamID: streamID,
            queued: queuedFrames)
        let allocator = context.channel.allocator
        let interceptors = self.interceptors
        let body = request.body
        var stream = ActiveStream()
        stream.task = Task(executorPreference: onLoop ? handlerExecutor : nil) {
            await KWPServerConnectionHandler.serve(handler, body: body, context: callContext, interceptors: interceptors, sink: sink, allocator: allocator)
        }
        // The task reports back through this loop, so the stream is registered before it can end.
        if let deadline {
            stream.deadlineTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
                self.expire(streamID)
            }
        }
        streams.updateValue(stream, forKey: streamID)
    }

    /// Runs a stream's task: the call under its deadline, then its final frame back to the loop.
    private static func serve(
        _ handler: KWPMethodHandler, body: ReceivedMessage, context: KWPServerContext,
        interceptors: [any KWPServerInterceptor], sink: ServerStreamSink, allocator: ByteBufferAllocator
    ) async {
        var final = await KWPDeadline.$current.withValue(context.deadline) {
            await run(handler, body: body, context: context, interceptors: interceptors, sink: sink, allocator: allocator)
        }
        // Stamped here, where the frame has one owner, so that setting the id copies nothing.
        stamp(&final, context.streamID)
        let connection = sink.connection
        if connection.eventLoop.inEventLoop {
            connection.value.finish(context.streamID, frame: final)
        } else {
            connection.eventLoop.execute { [final] in connection.value.finish(context.streamID, frame: final) }
        }
    }

    /// Runs a call through the interceptors and its handler; returns the stream's final frame.
    private static func run(
        _ handler: KWPMethodHandler, body: ReceivedMessage, context: KWPServerContext,
        interceptors: [any KWPServerInterceptor], sink: ServerStreamSink, allocator: ByteBufferAllocator
    ) async -> ByteBuffer {
        do {
            return try await intercept(interceptors[...], context: context) { context in
                try await handler.run(body, context, sink, allocator)
            }
        } catch {
            let status = status(for: error, context: context)
            return EnvelopeCodec.statusFrame(.failure(status), metadata: status.metadata, allocator: allocator)
        }
    }

    private static func intercept<Output: Sendable>(
        _ interceptors: ArraySlice<any KWPServerInterceptor>, context: KWPServerContext,
        body: @Sendable (KWPServerContext) async throws -> Output
    ) async throws -> Output {
        guard let first = interceptors.first else { return try await body(context) }
        let rest = interceptors.dropFirst()
        return try await first.intercept(context: context) { context in
            try await intercept(rest, context: context, body: body)
        }
    }

    private static func status(for error: any Error, context: KWPServerContext) -> KWPError {
        switch error {
        case let error as KWPError: return error
        case let error as any KWPErrorConvertible: return error.kwpError
        case is CancellationError: return KWPError(.cancelled, "the call was cancelled", reason: KWPError.Reason.cancelled)
        default:
            context.logger.error("handler failed", metadata: ["error": "\(error)"])
            return KWPError(.internal, "internal error", reason: KWPError.Reason.internal)
        }
    }

    /// A stream's last frame, from its task. Dropped when the stream already ended.
    fileprivate func finish(_ streamID: UInt32, frame: ByteBuffer) {
        guard let stream = streams.removeValue(forKey: streamID), let context else { return }
        stream.deadlineTimer?.cancel()
        self.writeStreamFrame(frame, streamID: streamID, context: context)
        self.closeIfDrained()
    }

    /// A non-final frame of a streaming reply; `continuation`, when given, resumes once the
    /// channel can take more. Dropped when the stream already ended.
    fileprivate func send(_ streamID: UInt32, frame: ByteBuffer, continuation: CheckedContinuation<Void, any Error>?) {
        guard streams[streamID] != nil, let context else {
            continuation?.resume(throwing: CancellationError())
            return
        }
        guard self.writeStreamFrame(frame, streamID: streamID, context: context) else {
            // Too large for the client: the stream ended with RESOURCE_EXHAUSTED instead.
            if let stream = streams.removeValue(forKey: streamID) {
                stream.deadlineTimer?.cancel()
                stream.task?.cancel()
            }
            continuation?.resume(throwing: CancellationError())
            return self.closeIfDrained()
        }
        guard let continuation else { return }
        if context.channel.isWritable {
            continuation.resume()
        } else {
            configuration.onStreamHeldBack?()
            writabilityWaiters.append(continuation)
        }
    }

    private func expire(_ streamID: UInt32) {
        guard let stream = streams.removeValue(forKey: streamID), let context else { return }
        stream.task?.cancel()
        let error = KWPError(.deadlineExceeded, "the call's deadline passed", reason: KWPError.Reason.deadlineExceeded)
        self.writeStatus(.failure(error), streamID: streamID, context: context)
        self.closeIfDrained()
    }

    private func cancelStream(_ streamID: UInt32) {
        guard let stream = streams.removeValue(forKey: streamID) else { return }
        stream.deadlineTimer?.cancel()
        stream.task?.cancel()
        self.closeIfDrained()
    }

    private func reject(_ streamID: UInt32, _ error: KWPError, context: ChannelHandlerContext) {
        self.writeStatus(.failure(error), streamID: streamID, context: context)
    }

    private func writeStatus(_ status: Result<Void, KWPError>, streamID: UInt32, context: ChannelHandlerContext) {
        var frame = EnvelopeCodec.statusFrame(status, metadata: [:], allocator: context.channel.allocator)
        Self.stamp(&frame, streamID)
        self.writeFrame(frame, context: context)
    }

    private func endAllStreams() {
        handshakeTimer?.cancel()
        idleTimer?.cancel()
        for stream in streams.values {
            stream.deadlineTimer?.cancel()
            stream.task?.cancel()
        }
        streams.removeAll()
        self.resumeWriters(with: CancellationError())
    }

    private func resumeWriters(with error: (any Error)?) {
        let waiters = writabilityWaiters
        writabilityWaiters.removeAll()
        for waiter in waiters {
            if let error { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }

    // MARK: Draining

    /// Starts a graceful drain: GOAWAY NO_ERROR with the highest stream accepted, then close
    /// once the streams in flight are done.
    func drain(reason: String = "server is draining") {
        guard !draining, let context else { return }
        draining = true
        let goAway = GoAwayMessage(lastStreamID: highestStreamID, errorCode: KWPConnectionError.Code.noError.rawValue, message: reason)
        self.writeFrame(EnvelopeCodec.controlFrame(.goAway, goAway, allocator: context.channel.allocator), context: context)
        self.closeIfDrained()
    }

    private func closeIfDrained() {
        guard draining, streams.isEmpty, !closing, let context else { return }
        closing = true
        // close() drops writes not yet on the socket; an empty write completes after all of them.
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func failConnection(_ error: KWPConnectionError, context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        logger.debug("closing connection", metadata: ["error": "\(error)"])
        let goAway = GoAwayMessage(lastStreamID: highestStreamID, errorCode: error.code.rawValue, message: error.message)
        self.endAllStreams()
        context.writeAndFlush(wrapOutboundOut(EnvelopeCodec.controlFrame(.goAway, goAway, allocator: context.channel.allocator)))
            .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    // MARK: Writing

    /// Sets a frame's stream id; copies nothing when `frame` is its buffer's only owner.
    static func stamp(_ frame: inout ByteBuffer, _ streamID: UInt32) {
        frame.setInteger(streamID, at: frame.readerIndex + EnvelopeCodec.streamIDOffset)
    }

    /// Writes a frame of `streamID` (already stamped with it), enforcing the peer's size limit
    /// and compressing when worthwhile. Returns false when the frame was over the client's limit
    /// and a final RESOURCE_EXHAUSTED went out in its place: the stream has then ended.
    @discardableResult
    private func writeStreamFrame(_ frame: ByteBuffer, streamID: UInt32, context: ChannelHandlerContext) -> Bool {
        let payloadSize = frame.readableBytes - KWPFrame.headerSize
        if let limit = peerHello?.maxMessageBytes, limit > 0, payloadSize > Int(limit) {
            let error = KWPError(
                .resourceExhausted, "reply of \(payloadSize) bytes exceeds the client's limit of \(limit)",
                reason: KWPError.Reason.messageTooLarge)
            self.writeStatus(.failure(error), streamID: streamID, context: context)
            return false
        }
        if payloadSize >= configuration.compressionThreshold, compressesReplies,
            let compressed = FrameCompression.compress(frame, with: compressor, allocator: context.channel.allocator)
        {
            self.writeFrame(compressed, context: context, uncompressedBytes: frame.readableBytes)
        } else {
            self.writeFrame(frame, context: context)
        }
        return true
    }

}

/// Compresses whole frames for either side of a connection.
enum FrameCompression {
    /// The frame with its payload replaced by one zstd frame, or nil when that is not smaller.
    static func compress(_ frame: ByteBuffer, with compressor: borrowing ZstdCompressor, allocator: ByteBufferAllocator) -> ByteBuffer? {
        guard let payload = frame.getSlice(at: frame.readerIndex + KWPFrame.headerSize, length: frame.readableBytes - KWPFrame.headerSize)
        else { return nil }
        var output = allocator.buffer(capacity: KWPFrame.headerSize + payload.readableBytes)
        output.writeRepeatingByte(0, count: KWPFrame.headerSize)
        guard let size = compressor.compress(payload.readableBytesView, appendingTo: &output), size < payload.readableBytes else {
            return nil
        }
        // Same type and stream, new length, COMPRESSED added.
        output.setInteger(UInt32(size), at: output.readerIndex)
        output.setBytes(frame.getBytes(at: frame.readerIndex + 4, length: 6)!, at: output.readerIndex + 4)
        let flags = frame.getInteger(at: frame.readerIndex + EnvelopeCodec.flagsOffset, as: UInt8.self)! | KWPFrame.Flags.compressed.rawValue
        output.setInteger(flags, at: output.readerIndex + EnvelopeCodec.flagsOffset)
        return output
    }
}

/// The sink a stream's task writes to. While the channel is writable (a flag readable from any
/// thread) and fewer than `window` frames of the connection wait on the loop, frames go to it without
/// waiting, so that one flush carries many of them; otherwise the writer waits until the loop
/// has taken its frame and the channel can take more.
struct ServerStreamSink: KWPStreamSink {
    let connection: NIOLoopBound<KWPServerConnectionHandler>
    let channel: any Channel
    let streamID: UInt32
    /// The connection's count of frames waiting on the loop, shared by its streams.
    let queued: NIOLockedValueBox<Int>
    static let window = 32

    func send(_ frame: consuming ByteBuffer) async throws {
        try Task.checkCancellation()
        KWPServerConnectionHandler.stamp(&frame, streamID)
        let waiting = queued.withLockedValue { count in
            count += 1
            return count
        }
        if waiting <= Self.window, channel.isWritable {
            if connection.eventLoop.inEventLoop {
                connection.value.send(streamID, frame: frame, continuation: nil)
                queued.withLockedValue { $0 -= 1 }
                return
            }
            connection.eventLoop.execute { [frame] in
                connection.value.send(streamID, frame: frame, continuation: nil)
                queued.withLockedValue { $0 -= 1 }
            }
            return
        }
        try await withCheckedThrowingContinuation { [frame] continuation in
            connection.eventLoop.execute {
                queued.withLockedValue { $0 -= 1 }
                connection.value.send(streamID, frame: frame, continuation: continuation)
            }
        }
    }
}
