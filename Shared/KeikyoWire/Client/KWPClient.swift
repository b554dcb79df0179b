import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A client of one KWP/1 endpoint: one multiplexed connection, made on first use and again
/// after it closes or the server sends GOAWAY.
///
/// Every call has a deadline when either its options give a timeout or it is made while
/// serving a call that has one; the task's cancellation cancels the call (CANCEL frame).
public final class KWPClient: Sendable {
    public let host: String
    public let port: Int
    public let configuration: KWPClientConfiguration
    private let eventLoop: any EventLoop
    private let pool: NIOLoopBoundBox<ClientConnectionPool>
    private let allocator = ByteBufferAllocator()

    public init(
        host: String, port: Int, configuration: KWPClientConfiguration = .init(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "keikyo.client")
    ) {
        self.host = host
        self.port = port
        self.configuration = configuration
        let eventLoop = eventLoopGroup.any()
        self.eventLoop = eventLoop
        var logger = logger
        logger[metadataKey: "net.peer"] = "\(host):\(port)"
        let pool = ClientConnectionPool(host: host, port: port, eventLoop: eventLoop, configuration: configuration, logger: logger)
        // The pool is only ever touched on `eventLoop`; the box checks that on every access.
        self.pool = NIOLoopBoundBox.makeBoxSendingValue(pool, eventLoop: eventLoop)
    }

    private let closed = NIOLockedValueBox(false)

    /// A client for `HOST:PORT` (IPv6 hosts in brackets).
    public convenience init(
        address: String, configuration: KWPClientConfiguration = .init(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "keikyo.client")
    ) throws {
        let (host, port) = try HostPort.parse(address)
        self.init(host: host, port: port, configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
    }

    deinit {
        // A client dropped without close() does not leave its connection open. One closed
        // already needs nothing more (its event loop may be gone by now).
        guard !closed.withLockedValue({ $0 }) else { return }
        let pool = self.pool
        eventLoop.execute { pool.value.close(promise: nil) }
    }

    /// Closes the connections; calls in flight and waiting fail with UNAVAILABLE.
    public func close() async {
        closed.withLockedValue { $0 = true }
        let promise = eventLoop.makePromise(of: Void.self)
        eventLoop.execute { self.pool.value.close(promise: promise) }
        try? await promise.futureResult.get()
    }

    // MARK: Calls

    /// Makes a unary call.
    public func unary<Input, Output>(
        _ method: KWPMethod<Input, Output>, _ request: Input, metadata: KWPMetadata = [:],
        options: KWPCallOptions = .init()
    ) async throws -> Output {
        let head = KWPClientRequestHead(method: method.path, metadata: metadata, deadline: Self.deadline(for: options))
        return try await intercept(configuration.interceptors[...], head) { head in
            let frame = try EnvelopeCodec.requestFrame(
                method: head.method, timeoutMicros: try Self.timeoutMicros(head.deadline), metadata: head.metadata,
                message: request, allocator: self.allocator)
            return try Self.decodeReply(Output.self, from: try await self.perform(consume frame, deadline: head.deadline).body)
        }
    }

    /// Makes a server-streaming call; `body` reads the replies. Leaving `body` before the
    /// stream ends cancels the call.
    public func serverStreaming<Input, Output, Result: Sendable>(
        _ method: KWPMethod<Input, Output>, _ request: Input, metadata: KWPMetadata = [:],
        options: KWPCallOptions = .init(),
        _ body: @Sendable (KWPResponseStream<Output>) async throws -> Result
    ) async throws -> Result {
        let head = KWPClientRequestHead(method: method.path, metadata: metadata, deadline: Self.deadline(for: options))
        return try await intercept(configuration.interceptors[...], head) { head in
            let frame = try EnvelopeCodec.requestFrame(
                method: head.method, timeoutMicros: try Self.timeoutMicros(head.deadline), metadata: head.metadata,
                message: request, allocator: self.allocator)
            return try await body(KWPResponseStream(responses: self.startStream(frame, deadline: head.deadline)))
        }
    }

    /// A server-streaming call with the request and replies encoded, for tools that build
    /// messages from descriptors.
    public func serverStreamingEncoded<Result: Sendable>(
        method: String, request: ByteBuffer, metadata: KWPMetadata = [:], options: KWPCallOptions = .init(),
        _ body: @Sendable (KWPEncodedResponseStream) async throws -> Result
    ) async throws -> Result {
        let head = KWPClientRequestHead(method: method, metadata: metadata, deadline: Self.deadline(for: options))
        return try await intercept(configuration.interceptors[...], head) { head in
            let frame = try EnvelopeCodec.requestFrame(
                method: head.method, timeoutMicros: try Self.timeoutMicros(head.deadline), metadata: head.metadata,
                encodedMessage: request, allocator: self.allocator)
            return try await body(
                KWPEncodedResponseStream(responses: self.startStream(frame, deadline: head.deadline)))
        }
    }

    /// Starts a streaming call; the reader going away cancels the call.
    private func startStream(_ frame: ByteBuffer, deadline: NIODeadline?) -> ResponseProducer {
        let cancellation = CallCancellation()
        let delegate = ResponseStreamDelegate(eventLoop: eventLoop, handle: cancellation) { [pool = self.pool] call in
            pool.value.abandon(call.value, with: Self.cancelledError)
        }
        let producer = ResponseProducer.makeSequence(
            backPressureStrategy: .init(lowWatermark: Self.streamLowWatermark, highWatermark: Self.streamHighWatermark),
            finishOnDeinit: true, delegate: delegate)
        let call = UnsafeTransfer(ClientCall(frame: frame, deadline: deadline, cancellation: cancellation, receiver: .streaming(producer.source)))
        self.eventLoop.execute { self.pool.value.start(call.value) }
        return producer.sequence
    }

    /// Replies a streaming call buffers before the connection stops reading, and resumes at.
    static let streamHighWatermark = 256
    static let streamLowWatermark = 64

    /// A unary call with the request and reply already encoded, for tools that build
    /// messages from descriptors (e.g. `keikyo call`).
    public func unaryEncoded(
        method: String, request: ByteBuffer, metadata: KWPMetadata = [:], options: KWPCallOptions = .init()
    ) async throws -> ByteBuffer {
        let head = KWPClientRequestHead(method: method, metadata: metadata, deadline: Self.deadline(for: options))
        return try await intercept(configuration.interceptors[...], head) { head in
            let frame = try EnvelopeCodec.requestFrame(
                method: head.method, timeoutMicros: try Self.timeoutMicros(head.deadline), metadata: head.metadata,
                encodedMessage: request, allocator: self.allocator)
            return try await self.perform(consume frame, deadline: head.deadline).body.bytes
        }
    }

    private func perform(_ frame: consuming ByteBuffer, deadline: NIODeadline?) async throws -> ReceivedResponse {
        let cancellation = CallCancellation()
        // Made here, so that the frame has one owner: the connection then sets its stream id in
        // place instead of copying it.
        let call = UnsafeTransfer(ClientCall(frame: consume frame, deadline: deadline, cancellation: cancellation))
        return try await withTaskCancellationHandler {
            // Resumed exactly once: ClientCall.receive and ClientCall.finish clear the receiver.
            try await withUnsafeThrowingContinuation { continuation in
                call.value.expect(.unary(continuation))
                if self.eventLoop.inEventLoop {
                    self.pool.value.start(call.value)
                } else {
                    self.eventLoop.execute { self.pool.value.start(call.value) }
                }
            }
        } onCancel: {
            guard let call = cancellation.cancel() else { return }
            self.eventLoop.execute { self.pool.value.abandon(call.value, with: Self.cancelledError) }
        }
    }

    static let cancelledError = KWPError(.cancelled, "the call was cancelled", reason: KWPError.Reason.cancelled)

    /// A reply that does not decode is the server's fault: INTERNAL, not the caller's INVALID_ARGUMENT.
    static func decodeReply<Output: KWPMessage>(_ type: Output.Type, from body: ReceivedMessage) throws -> Output {
        do {
            return try body.decode(type)
        } catch let error as KWPError {
            throw KWPError(
                .internal, "the reply does not decode as \(Output.protobufName): \(error.message)", reason: error.reason,
                violations: error.violations)
        }
    }

    private func intercept<Output: Sendable>(
        _ interceptors: ArraySlice<any KWPClientInterceptor>, _ head: KWPClientRequestHead,
        _ body: @Sendable (KWPClientRequestHead) async throws -> Output
    ) async throws -> Output {
        guard let first = interceptors.first else { return try await body(head) }
        let rest = interceptors.dropFirst()
        return try await first.intercept(head) { head in try await self.intercept(rest, head, body) }
    }

    /// The earlier of the options' timeout and the deadline of the call being served.
    static func deadline(for options: KWPCallOptions) -> NIODeadline? {
        let own = options.timeout.map { NIODeadline.now() + $0.timeAmount }
        switch (own, KWPDeadline.current) {
        case (let own?, let inherited?): return min(own, inherited)
        case (let own, let inherited): return own ?? inherited
        }
    }

    static func timeoutMicros(_ deadline: NIODeadline?) throws -> UInt64 {
        guard let deadline else { return 0 }
        let remaining = deadline - .now()
        guard remaining.nanoseconds > 0 else { throw ClientConnectionPool.deadlineError }
        return UInt64(max(1, remaining.nanoseconds / 1000))
    }
}

/// The encoded replies of a server-streaming call, in order.
public struct KWPEncodedResponseStream: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let responses: ResponseProducer

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: ResponseProducer.AsyncIterator

        public mutating func next() async throws -> ByteBuffer? {
            try await base.next()?.body.bytes
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: responses.makeAsyncIterator())
    }
}

/// Moves a loop-confined object into a closure that runs on its loop.
struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The replies of a server-streaming call, in order; ends with the call's status (throwing
/// its `KWPError` when not OK).
public struct KWPResponseStream<Output: KWPMessage>: AsyncSequence, Sendable {
    public typealias Element = Output
    let responses: ResponseProducer

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: ResponseProducer.AsyncIterator

        public mutating func next() async throws -> Output? {
            guard let response = try await base.next() else { return nil }
            return try KWPClient.decodeReply(Output.self, from: response.body)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: responses.makeAsyncIterator())
    }
}
