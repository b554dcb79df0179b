import NIOCore

/// A service a `KWPServer` hosts: its protobuf-c descriptor and a handler per method.
public protocol KWPServiceProvider: Sendable {
    /// Built from the service's protobuf-c descriptor, e.g.
    /// `KWPServiceDescriptor(keikyo__health__v1__health__descriptor_ptr())`.
    static var descriptor: KWPServiceDescriptor { get }

    /// Registers a handler for each method of `descriptor`.
    func register(in router: inout KWPRouter)
}

/// The dispatch table: method path to handler, built from the descriptors of the services a
/// server hosts. Methods a descriptor lists without a handler answer 12 UNIMPLEMENTED.
public struct KWPRouter: Sendable {
    /// One hosted service, as reflection reports it.
    struct HostedService: Sendable {
        var descriptor: KWPServiceDescriptor
        var serverStreaming: Set<String> = []
    }

    private(set) var handlers: [String: KWPMethodHandler] = [:] {
        didSet { pathsByHash = Dictionary(grouping: handlers.keys, by: { path in Array(path.utf8).withUnsafeBytes { Self.hash($0) } }) }
    }
    private(set) var services: [HostedService] = []
    /// The registered paths by the hash of their UTF-8 bytes (`knownPath`).
    private var pathsByHash: [Int: [String]] = [:]

    init() {}

    /// The registered path whose UTF-8 bytes are `bytes`, if any: routing a received call by
    /// its raw method name without making a string of it.
    func knownPath(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard let candidates = pathsByHash[Self.hash(bytes)] else { return nil }
        return candidates.first { path in path.utf8.elementsEqual(bytes) }
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    mutating func host(_ provider: any KWPServiceProvider) {
        let descriptor = type(of: provider).descriptor
        precondition(!services.contains { $0.descriptor.name == descriptor.name }, "service \(descriptor.name) is hosted twice")
        services.append(HostedService(descriptor: descriptor))
        for method in descriptor.methods {
            let path = "/\(descriptor.name)/\(method.name)"
            handlers[path] = .unimplemented(path)
        }
        provider.register(in: &self)
    }

    /// Registers a unary handler.
    public mutating func register<Input, Output>(
        _ method: KWPMethod<Input, Output>,
        handler: @escaping @Sendable (Input, KWPServerContext) async throws -> Output
    ) {
        precondition(method.kind == .unary, "\(method.path) is not unary")
        self.add(method, serverStreaming: false) { body, context, _, allocator in
            let request = try body.decode(Input.self)
            let reply = try await handler(request, context)
            return try EnvelopeCodec.responseFrame(message: reply, metadata: [:], endStream: true, allocator: allocator)
        }
    }

    /// Registers a server-streaming handler: it writes each reply to the writer, and
    /// returning ends the stream with status OK.
    public mutating func register<Input, Output>(
        _ method: KWPMethod<Input, Output>,
        handler: @escaping @Sendable (Input, KWPResponseWriter<Output>, KWPServerContext) async throws -> Void
    ) {
        precondition(method.kind == .serverStreaming, "\(method.path) is not server-streaming")
        self.add(method, serverStreaming: true) { body, context, sink, allocator in
            let request = try body.decode(Input.self)
            try await handler(request, KWPResponseWriter(sink: sink, allocator: allocator), context)
            return EnvelopeCodec.statusFrame(.success(()), metadata: [:], allocator: allocator)
        }
    }

    private mutating func add<Input, Output>(
        _ method: KWPMethod<Input, Output>, serverStreaming: Bool, run: @escaping KWPMethodHandler.Run
    ) {
        guard let index = services.lastIndex(where: { $0.descriptor.name == method.service }) else {
            preconditionFailure("\(method.path): register it from the provider of \(method.service)")
        }
        guard let described = services[index].descriptor.method(named: method.name) else {
            preconditionFailure("\(method.path) is not in the descriptor of \(method.service)")
        }
        precondition(
            described.inputType == Input.protobufName && described.outputType == Output.protobufName,
            "\(method.path) takes \(described.inputType) and returns \(described.outputType)")
        if serverStreaming { services[index].serverStreaming.insert(method.name) }
        handlers[method.path] = KWPMethodHandler(run: run, streamsReplies: serverStreaming)
    }
}

/// One method's handler with its message types erased: it decodes the request, runs the
/// service's code and returns the stream's final frame.
struct KWPMethodHandler: Sendable {
    typealias Run = @Sendable (ReceivedMessage, KWPServerContext, any KWPStreamSink, ByteBufferAllocator) async throws -> ByteBuffer
    let run: Run
    /// A server-streaming method: it may write for long, so it never runs on the event loop.
    var streamsReplies = false

    static func unimplemented(_ path: String) -> KWPMethodHandler {
        KWPMethodHandler(run: { _, _, _, _ in
            throw KWPError(.unimplemented, "\(path) is not implemented by this server", reason: KWPError.Reason.notImplemented)
        })
    }
}

/// Where a streaming handler's replies go: the connection that serves the stream.
protocol KWPStreamSink: Sendable {
    /// Queues a non-final frame; returns once the connection can take more. Throws
    /// `CancellationError` when the stream has ended (cancelled, past its deadline, closed).
    func send(_ frame: consuming ByteBuffer) async throws
}

/// Sends the replies of a server-streaming call, in order.
public struct KWPResponseWriter<Output: KWPMessage>: Sendable {
    let sink: any KWPStreamSink
    let allocator: ByteBufferAllocator

    /// Sends one reply. Waits while the connection's outbound buffer is full; throws
    /// `CancellationError` once the caller is gone.
    public func write(_ message: Output) async throws {
        let frame = try EnvelopeCodec.responseFrame(message: message, metadata: [:], endStream: false, allocator: allocator)
        try await sink.send(frame)
    }
}
