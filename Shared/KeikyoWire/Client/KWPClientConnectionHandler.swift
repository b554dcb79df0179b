import Logging
import NIOCore

/// One client connection: sends the preface and HELLO, numbers streams (odd, increasing),
/// routes RESPONSE frames to their calls, answers PING, keeps the connection alive, and
/// hands calls a GOAWAY left unprocessed back to the pool. Confined to the client's loop.
///
/// While a streaming call's reader has a full buffer, the connection stops reading, so a
/// server cannot make the client buffer without bound.
final class KWPClientConnectionHandler: ChannelDuplexHandler, FrameWriting {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Strong: a pool lives as long as any of its connections, even after its client is
    /// gone (a connection still being set up reports to it when it ends). The cycle ends when
    /// the connection does: the pool forgets it and the pipeline drops this handler.
    private let pool: ClientConnectionPool
    private let configuration: KWPClientConfiguration
    private let logger: Logger
    private(set) var context: ChannelHandlerContext?
    private(set) var serverHello: HelloMessage?
    private var nextStreamID: UInt32 = 1
    private var calls: [UInt32: ClientCall] = [:]
    private(set) var goingAway = false
    var flushPolicy = FlushPolicy()
    private var lastRead = NIODeadline.now()
    private var keepaliveTimer: Scheduled<Void>?
    private var pausedCalls = 0
    private var readPending = false
    private var pongTimer: Scheduled<Void>?
    private let compressor: ZstdCompressor
    private let decompressor = ZstdDecompressor()

    /// Splits the bytes read into frames here rather than in a handler of its own, which would
    /// pass each frame down the pipeline boxed in a heap allocation.
    private var frames: NIOSingleStepByteToMessageProcessor<KWPFrameDecoder>

    init(pool: ClientConnectionPool, configuration: KWPClientConfiguration, logger: Logger) {
        self.frames = NIOSingleStepByteToMessageProcessor(
            KWPFrameDecoder(maxPayloadBytes: configuration.maxMessageBytes, expectPreface: false))
        self.pool = pool
        self.configuration = configuration
        self.logger = logger
        self.compressor = ZstdCompressor(level: configuration.compressionLevel)
    }

    var isReady: Bool { serverHello != nil && !goingAway && context != nil }

    /// True once the odd stream ids below 2^31 are used up.
    var streamIDsExhausted: Bool { nextStreamID >= UInt32(Int32.max) }

    /// True when another stream may start now.
    var hasCapacity: Bool {
        guard isReady, !streamIDsExhausted else { return false }
        let limit = Int(serverHello?.maxConcurrentStreams ?? 0)
        return limit == 0 || calls.count < limit
    }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { self.sendPreface(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.sendPreface(context: context)
        context.fireChannelActive()
    }

    /// Whether the server is on this machine, where requests are not compressed by default.
    private var serverIsLocal = false

    /// Whether the TCP connection was ever established (the preface went out).
    private(set) var prefaceSent = false
    private func sendPreface(context: ChannelHandlerContext) {
        guard !prefaceSent else { return }
        prefaceSent = true
        serverIsLocal = context.channel.remoteAddress?.isOnThisMachine ?? false
        var buffer = context.channel.allocator.buffer(capacity: 64)
        buffer.writeBytes(KWPFrame.preface)
        let hello = HelloMessage(
            compression: ["zstd"], maxMessageBytes: UInt32(configuration.maxMessageBytes), maxConcurrentStreams: 0,
            agent: configuration.agent)
        var helloFrame = EnvelopeCodec.controlFrame(.hello, hello, allocator: context.channel.allocator)
        buffer.writeBuffer(&helloFrame)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        self.scheduleKeepalive(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.connectionEnded()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // Also reached when a connect fails and the channel never became active.
        self.connectionEnded()
    }

    private var ended = false
    private func connectionEnded() {
        guard !ended else { return }
        ended = true
        context = nil
        keepaliveTimer?.cancel()
        pongTimer?.cancel()
        let orphans = Array(calls.values)
        calls.removeAll()
        pool.connectionClosed(self, orphans: orphans)
    }

    /// Why the connection failed, when an error ended it (e.g. a TLS handshake error).
    private(set) var failure: String?

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("client connection error", metadata: ["error": "\(error)"])
        if failure == nil { failure = "\(error)" }
        if let error = error as? KWPConnectionError {
            let goAway = GoAwayMessage(lastStreamID: 0, errorCode: error.code.rawValue, message: error.message)
            context.writeAndFlush(wrapOutboundOut(EnvelopeCodec.controlFrame(.goAway, goAway, allocator: context.channel.allocator)))
                .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        } else {
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            try frames.process(buffer: unwrapInboundIn(data)) { frame in
                guard !self.ended else { return }
                self.receive(frame, context: context)
            }
        } catch {
            self.errorCaught(context: context, error: error)
        }
    }

    private func receive(_ frame: KWPFrame, context: ChannelHandlerContext) {
        lastRead = .now()
        switch frame.type {
        case .hello: self.receiveHello(frame, context: context)
        case .response: self.receiveResponse(frame, context: context)
        case .ping:
            guard frame.payload.readableBytes == 8 else {
                return errorCaught(context: context, error: KWPConnectionError(.protocolError, "PING must carry 8 bytes"))
            }
            var pong = context.channel.allocator.buffer(capacity: KWPFrame.headerSize + 8)
            pong.writeKWPFrame(KWPFrame(type: .pong, payload: frame.payload))
            self.writeFrame(pong, context: context)
        case .pong:
            pongTimer?.cancel()
            pongTimer = nil
        case .goAway: self.receiveGoAway(frame, context: context)
        default: break
        }
    }

    // MARK: Frames

    private func receiveHello(_ frame: KWPFrame, context: ChannelHandlerContext) {
        guard serverHello == nil else { return }
        guard let hello = try? EnvelopeCodec.decodeControl(HelloMessage.self, frame.payload), hello.version == KWPFrame.version else {
            return errorCaught(context: context, error: KWPConnectionError(.unsupportedVersion, "server HELLO is not KWP/1"))
        }
        serverHello = hello
        pool.connectionReady(self)
    }

    private func receiveResponse(_ frame: KWPFrame, context: ChannelHandlerContext) {
        guard let call = calls[frame.streamID] else { return }  // cancelled or timed out: ignore
        let endStream = frame.flags.contains(.endStream)
        do {
            var payload = frame.payload
            if frame.flags.contains(.compressed) {
                payload = try decompressor.decompress(payload, limit: configuration.maxMessageBytes, allocator: context.channel.allocator)
            }
            let response = try EnvelopeCodec.decodeResponse(payload)
            switch call.receive(response, endStream: endStream) {
            case .ended: self.endCall(frame.streamID)
            case .more: break
            case .pause:
                if !call.paused {
                    call.paused = true
                    pausedCalls += 1
                }
            }
        } catch {
            let error = (error as? KWPError) ?? KWPError(.internal, "\(error)", reason: KWPError.Reason.internal)
            if !endStream { self.writeCancel(frame.streamID, context: context) }
            call.finish(error.code == .invalidArgument ? KWPError(.internal, "reply does not decode: \(error.message)", reason: KWPError.Reason.badEnvelope) : error)
            self.endCall(frame.streamID)
        }
    }

    private func receiveGoAway(_ frame: KWPFrame, context: ChannelHandlerContext) {
        let goAway = try? EnvelopeCodec.decodeControl(GoAwayMessage.self, frame.payload)
        let lastStreamID = goAway?.lastStreamID ?? 0
        goingAway = true
        if let goAway, goAway.errorCode != KWPConnectionError.Code.noError.rawValue {
            logger.warning("server sent GOAWAY", metadata: ["error": "\(KWPConnectionError.Code(rawValue: goAway.errorCode))", "message": "\(goAway.message)"])
        }
        // Streams above last_stream_id were never processed: the pool sends them again.
        let unprocessed = calls.filter { $0.key > lastStreamID }.sorted { $0.key < $1.key }.map(\.value)
        for call in unprocessed {
            calls.removeValue(forKey: call.streamID)
            call.connection = nil
        }
        pool.connectionGoingAway(self, unprocessed: unprocessed)
        if calls.isEmpty { context.close(promise: nil) }
    }

    private func endCall(_ streamID: UInt32) {
        guard let call = calls.removeValue(forKey: streamID) else { return }
        call.connection = nil
        self.unpause(call)
        if goingAway || streamIDsExhausted, calls.isEmpty {
            context?.close(promise: nil)
        } else {
            pool.capacityAvailable(self)
        }
    }

    // MARK: Reading, held back for slow readers

    func read(context: ChannelHandlerContext) {
        if pausedCalls > 0 {
            readPending = true
        } else {
            context.read()
        }
    }

    /// The reader of `call` wants more replies.
    func resumeReading(for call: ClientCall) {
        guard calls[call.streamID] === call else { return }
        self.unpause(call)
    }

    private func unpause(_ call: ClientCall) {
        guard call.paused else { return }
        call.paused = false
        pausedCalls -= 1
        if pausedCalls == 0, readPending, let context {
            readPending = false
            context.read()
        }
    }

    // MARK: Calls

    /// Starts `call` on a new stream. The caller checked `hasCapacity`.
    func start(_ call: ClientCall) {
        guard let context, let hello = serverHello else { return call.finish(Self.closedError) }
        let payloadSize = call.frame.readableBytes - KWPFrame.headerSize
        if hello.maxMessageBytes > 0, payloadSize > Int(hello.maxMessageBytes) {
            return call.finish(KWPError(
                .resourceExhausted, "request of \(payloadSize) bytes exceeds the server's limit of \(hello.maxMessageBytes)",
                reason: KWPError.Reason.messageTooLarge))
        }
        guard call.restampTimeout() else { return call.finish(ClientConnectionPool.deadlineError) }
        let streamID = nextStreamID
        nextStreamID += 2
        call.streamID = streamID
        call.connection = self
        calls[streamID] = call
        call.frame.setInteger(streamID, at: call.frame.readerIndex + EnvelopeCodec.streamIDOffset)
        if payloadSize >= configuration.compressionThreshold, hello.compression.contains("zstd"),
            configuration.compressesOnLoopback || !serverIsLocal,
            let compressed = FrameCompression.compress(call.frame, with: compressor, allocator: context.channel.allocator)
        {
            self.writeFrame(compressed, context: context, uncompressedBytes: call.frame.readableBytes)
        } else {
            self.writeFrame(call.frame, context: context)
        }
    }

    /// Ends `call` with `error` and tells the server (CANCEL).
    func cancel(_ call: ClientCall, with error: KWPError) {
        guard calls[call.streamID] === call else { return call.finish(error) }
        if let context { self.writeCancel(call.streamID, context: context) }
        call.finish(error)
        self.endCall(call.streamID)
    }

    func close() {
        context?.close(promise: nil)
    }

    static let closedError = KWPError(.unavailable, "the connection closed", reason: KWPError.Reason.connectionClosed)

    private func writeCancel(_ streamID: UInt32, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: KWPFrame.headerSize)
        buffer.writeKWPFrameHeader(payloadLength: 0, type: .cancel, flags: [], streamID: streamID)
        self.writeFrame(buffer, context: context)
    }

    // MARK: Keepalive

    private func scheduleKeepalive(context: ChannelHandlerContext) {
        let interval = configuration.keepaliveInterval.timeAmount
        // While idle or awaiting a PONG, look again one interval from now; else one after the last read.
        let idle = NIODeadline.now() - lastRead >= interval
        let next = idle || pongTimer != nil ? NIODeadline.now() + interval : lastRead + interval
        keepaliveTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: next) { [self] in
            guard let context = self.context else { return }
            // Not while reads are held back for a slow reader: its PONG could not be read.
            let idle = NIODeadline.now() - self.lastRead >= interval
            if idle, self.pongTimer == nil, self.pausedCalls == 0 {
                var ping = context.channel.allocator.buffer(capacity: KWPFrame.headerSize + 8)
                ping.writeKWPFrameHeader(payloadLength: 8, type: .ping, flags: [], streamID: 0)
                ping.writeInteger(UInt64(NIODeadline.now().uptimeNanoseconds))
                self.writeFrame(ping, context: context)
                self.pongTimer = context.eventLoop.assumeIsolated().scheduleTask(in: self.configuration.keepaliveTimeout.timeAmount) { [self] in
                    self.logger.info("no PONG within the keepalive timeout; dropping the connection")
                    self.context?.close(promise: nil)
                }
            }
            self.scheduleKeepalive(context: context)
        }
    }
}
