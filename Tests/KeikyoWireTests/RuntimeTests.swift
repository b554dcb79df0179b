import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import KeikyoTestSupport
import Testing

@testable import KeikyoWire

/// Opens once; every waiter then goes on.
final class Gate: Sendable {
    private let state = NIOLockedValueBox<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLockedValue { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// `keikyo.echo.v1.Echo` steered by the request text: `wait` runs until cancelled, `gate`
/// waits for the test's gate, `hop:REST` passes REST on to the next server, `where` says whether
/// it ran on an event loop before and after a suspension, anything else echoes.
struct ProbeEchoService: KWPServiceProvider {
    static let descriptor = EchoService.descriptor
    let events: EventLog
    var gate = Gate()
    var next: KWPClient? = nil

    func register(in router: inout KWPRouter) {
        router.register(EchoMethods.echo) { request, context in
            switch request.text {
            case "wait":
                events.record("started")
                if let deadline = context.deadline {
                    events.record("deadline-in-ms:\((deadline - .now()).nanoseconds / 1_000_000)")
                }
                do {
                    try await Task.sleep(for: .seconds(60))
                } catch {
                    events.record("cancelled")
                    throw error
                }
                return EchoResponse(text: "woke")
            case "gate":
                events.record("started")
                await gate.wait()
                return EchoResponse(text: "passed")
            case "where":
                let before = MultiThreadedEventLoopGroup.currentEventLoop != nil
                await Task.yield()
                let after = MultiThreadedEventLoopGroup.currentEventLoop != nil
                return EchoResponse(text: "\(before) \(after)")
            case let text where text.hasPrefix("hop:"):
                events.record(context.deadline == nil ? "hop-without-deadline" : "hop-with-deadline")
                return try await next!.unary(EchoMethods.echo, EchoRequest(text: String(text.dropFirst(4))))
            default:
                return EchoResponse(text: request.text, payload: request.payload)
            }
        }
        router.register(EchoMethods.expand) { request, writer, _ in
            for index in 0..<request.count {
                try await writer.write(EchoResponse(text: request.text, payload: request.payload, index: index))
            }
            events.record("expand-done")
        }
    }
}

/// Records each caller's address, to count connections.
struct PeerRecorder: KWPServerInterceptor {
    let peers = NIOLockedValueBox<Set<String>>([])

    func intercept<Output: Sendable>(
        context: KWPServerContext, next: @Sendable (KWPServerContext) async throws -> Output
    ) async throws -> Output {
        peers.withLockedValue { _ = $0.insert(context.peer) }
        return try await next(context)
    }
}

@Suite("KWP/1 runtime over live connections", .serialized)
struct RuntimeTests {
    @Test("Health answers for the server, each hosted service, and unknown names")
    func health() async throws {
        try await withServer { _, port in
            try await withClient(port: port) { client in
                for name in ["", EchoMethods.serviceName, HealthMethods.serviceName, ReflectionMethods.serviceName] {
                    let reply = try await client.unary(HealthMethods.check, HealthCheckRequest(service: name))
                    #expect(reply.status == .serving, "\(name)")
                }
                let unknown = try await client.unary(HealthMethods.check, HealthCheckRequest(service: "keikyo.none.v1.None"))
                #expect(unknown.status == .serviceUnknown)
            }
        }
    }

    @Test("Reflection lists every hosted service with its methods, streaming ones marked")
    func reflection() async throws {
        try await withServer { _, port in
            try await withClient(port: port) { client in
                let listing = try await client.unary(ReflectionMethods.listServices, ListServicesRequest())
                #expect(listing.services.map(\.name).sorted() == [
                    EchoMethods.serviceName, HealthMethods.serviceName, ReflectionMethods.serviceName,
                ])
                let echo = try #require(listing.services.first { $0.name == EchoMethods.serviceName })
                #expect(echo.methods == [
                    MethodInfo(name: "Echo", inputType: "keikyo.echo.v1.EchoRequest", outputType: "keikyo.echo.v1.EchoResponse", serverStreaming: false),
                    MethodInfo(name: "Expand", inputType: "keikyo.echo.v1.EchoRequest", outputType: "keikyo.echo.v1.EchoResponse", serverStreaming: true),
                ])
                let health = try #require(listing.services.first { $0.name == HealthMethods.serviceName })
                #expect(health.methods.map(\.inputType) == ["keikyo.health.v1.HealthCheckRequest"])
            }
        }
    }

    @Test("small unary calls run on the connection's event loop, also after a suspension, unless configured not to; large ones never")
    func handlersOnTheEventLoop() async throws {
        for onLoop in [true, false] {
            var configuration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
            configuration.runsHandlersOnEventLoop = onLoop
            try await withServer(services: [ProbeEchoService(events: EventLog())], configuration: configuration) { _, port in
                try await withClient(port: port) { client in
                    let small = try await client.unary(EchoMethods.echo, EchoRequest(text: "where"))
                    #expect(small.text == "\(onLoop) \(onLoop)")
                    let bytes = KWPServerConnectionHandler.largestRequestOnLoop + 1
                    let large = try await client.unary(EchoMethods.echo, EchoRequest(text: "where", payload: [UInt8](repeating: 1, count: bytes)))
                    #expect(large.text == "false false")
                }
            }
        }
    }

    @Test("1,000 concurrent calls on one connection each come back to their own caller")
    func thousandConcurrentCalls() async throws {
        let recorder = PeerRecorder()
        try await withServer(interceptors: [recorder]) { _, port in
            try await withClient(port: port) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<1000 {
                        group.addTask {
                            // Sizes cross the compression threshold both ways.
                            let payload = [UInt8](repeating: UInt8(index % 256), count: (index * 37) % 3000)
                            let reply = try await client.unary(EchoMethods.echo, EchoRequest(text: "call-\(index)", payload: payload))
                            #expect(reply.text == "call-\(index)")
                            #expect(reply.payload == payload)
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
        #expect(recorder.peers.withLockedValue { $0.count } == 1, "all calls share one connection")
    }

    @Test("a streaming call delivers every message in order")
    func streamingOrder() async throws {
        try await withServer { _, port in
            try await withClient(port: port) { client in
                let indexes = try await client.serverStreaming(EchoMethods.expand, EchoRequest(text: "s", count: 5000)) { stream in
                    var indexes: [UInt32] = []
                    for try await reply in stream { indexes.append(reply.index) }
                    return indexes
                }
                #expect(indexes == Array(0..<5000))
            }
        }
    }

    @Test("a stalled stream reader holds the server back (no unbounded buffering), then gets every reply in order")
    func streamingBackpressure() async throws {
        let events = EventLog()
        let payload = (0..<10_000).map { _ in UInt8.random(in: 0...255) }
        // Its own event loops: moving 50 MB must not delay the timers of tests running alongside.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { group.shutdownGracefully { _ in } }
        var configuration = KWPServerConfiguration()
        let heldBack = NIOLockedValueBox(false)
        configuration.onStreamHeldBack = {
            // Once: the first wait is the proof.
            if heldBack.withLockedValue({ seen in defer { seen = true }; return !seen }) { events.record("expand-held-back") }
        }
        try await withServer(services: [ProbeEchoService(events: events)], configuration: configuration, eventLoopGroup: group) { _, port in
            try await withClient(port: port, eventLoopGroup: group) { client in
                let gate = Gate()
                let reading = Task {
                    try await client.serverStreaming(EchoMethods.expand, EchoRequest(payload: payload, count: 5000)) { stream in
                        var indexes: [UInt32] = []
                        for try await reply in stream {
                            if indexes.isEmpty { events.record("first") }
                            indexes.append(reply.index)
                            if indexes.count == 1 { await gate.wait() }
                        }
                        return indexes
                    }
                }
                // 50 MB cannot all be sent while the reader holds: the handler's writes wait for it
                // (the server says so) before the handler can finish.
                var seen: [String] = []
                while !(seen.contains("first") && seen.contains("expand-held-back")) {
                    let event = try await events.next()
                    #expect(event != "expand-done", "the handler finished while its reader held: \(seen)")
                    if event == "expand-done" { break }
                    seen.append(event)
                }
                gate.open()
                let indexes = try await reading.value
                #expect(indexes == Array(0..<5000))
                try await events.expect("expand-done")
            }
        }
    }

    @Test("a slow handler's caller gets DEADLINE_EXCEEDED, not before its deadline, and the handler is cancelled")
    func deadlineExceeded() async throws {
        let events = EventLog()
        try await withServer(services: [ProbeEchoService(events: events)]) { _, port in
            try await withClient(port: port) { client in
                _ = try await client.unary(EchoMethods.echo, EchoRequest(text: "warm-up"))
                let clock = ContinuousClock()
                let start = clock.now
                await expectKWPError(.deadlineExceeded) {
                    _ = try await client.unary(EchoMethods.echo, EchoRequest(text: "wait"), options: .init(timeout: .milliseconds(200)))
                }
                let elapsed = clock.now - start
                #expect(elapsed >= .milliseconds(200))
                try await events.expect("started")
                try await events.expect("cancelled")
            }
        }
    }

    @Test("the deadline propagates across two hops (A calls B calls C) without the handlers passing it")
    func deadlineAcrossHops() async throws {
        let events = EventLog()
        _ = try await withServer(services: [ProbeEchoService(events: events)]) { _, portC in
            let clientC = KWPClient(host: "127.0.0.1", port: portC, logger: quietLogger)
            try await withServer(services: [ProbeEchoService(events: events, next: clientC)]) { _, portB in
                let clientB = KWPClient(host: "127.0.0.1", port: portB, logger: quietLogger)
                try await withServer(services: [ProbeEchoService(events: events, next: clientB)]) { _, portA in
                    try await withClient(port: portA) { client in
                        // Connected first, so that the deadline is spent on the hops, not on three
                        // handshakes (which a loaded machine can take longer than the deadline for).
                        for warmed in [clientC, clientB, client] { _ = try await warmed.unary(EchoMethods.echo, EchoRequest(text: "x")) }
                        await expectKWPError(.deadlineExceeded) {
                            _ = try await client.unary(EchoMethods.echo, EchoRequest(text: "hop:hop:wait"), options: .init(timeout: .milliseconds(1500)))
                        }
                    }
                }
                await clientB.close()
            }
            await clientC.close()
        }
        #expect(try await events.next() == "hop-with-deadline")  // A
        #expect(try await events.next() == "hop-with-deadline")  // B
        #expect(try await events.next() == "started")  // C
        let remaining = try await events.next()
        let milliseconds = try #require(Int(remaining.dropFirst("deadline-in-ms:".count)))
        #expect(milliseconds > 0 && milliseconds <= 1500, "C saw \(milliseconds) ms left")
        try await events.expect("cancelled")
    }

    @Test("cancelling the calling task sends CANCEL and stops the handler")
    func clientCancellation() async throws {
        let events = EventLog()
        try await withServer(services: [ProbeEchoService(events: events)]) { _, port in
            try await withClient(port: port) { client in
                let call = Task { try await client.unary(EchoMethods.echo, EchoRequest(text: "wait")) }
                try await events.expect("started")
                call.cancel()
                try await events.expect("cancelled")
                await expectKWPError(.cancelled) { _ = try await call.value }
            }
        }
    }

    @Test("a drain (as on SIGTERM) finishes every accepted call, then refuses new ones")
    func drainLosesNothing() async throws {
        let events = EventLog()
        let probe = ProbeEchoService(events: events)
        try await withServer(services: [probe]) { server, port in
            try await withClient(port: port) { client in
                try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<20 {
                        group.addTask { try await client.unary(EchoMethods.echo, EchoRequest(text: "gate")).text }
                    }
                    try await events.expect("started", count: 20)
                    server.beginDrain()
                    #expect(server.health.status(of: "") == .notServing)
                    probe.gate.open()
                    var passed = 0
                    for try await text in group {
                        #expect(text == "passed")
                        passed += 1
                    }
                    #expect(passed == 20)
                }
                await expectKWPError(.unavailable) {
                    _ = try await client.unary(EchoMethods.echo, EchoRequest(text: "late"))
                }
            }
        }
    }

    @Test("the client reconnects after the server restarts on the same port")
    func reconnectAfterRestart() async throws {
        let client = try await withServer { _, port in
            let client = KWPClient(host: "127.0.0.1", port: port, logger: quietLogger)
            let reply = try await client.unary(EchoMethods.echo, EchoRequest(text: "first"))
            #expect(reply.text == "first")
            return client
        }
        try await withServer(configuration: KWPServerConfiguration(host: "127.0.0.1", port: client.port)) { _, _ in
            let reply = try await client.unary(EchoMethods.echo, EchoRequest(text: "second"))
            #expect(reply.text == "second")
        }
        await client.close()
    }

    @Test("a reply that does not decode is INTERNAL for the caller, not INVALID_ARGUMENT")
    func undecodableReply() async throws {
        // Health/Check answers a HealthCheckResponse (field 1 a varint); read as ServiceInfo
        // (field 1 a string) it does not decode.
        let mismatched = KWPMethod<HealthCheckRequest, ServiceInfo>(service: HealthMethods.serviceName, name: "Check")
        try await withServer { _, port in
            try await withClient(port: port) { client in
                await expectKWPError(.internal) { _ = try await client.unary(mismatched, HealthCheckRequest()) }
            }
        }
    }

    @Test("a call fails fast with UNAVAILABLE when nothing listens")
    func nothingListens() async throws {
        // Bind and close to find a port that is free.
        let port = try await withServer { _, port in port }
        try await withClient(port: port) { client in
            await expectKWPError(.unavailable, reason: KWPError.Reason.connectFailed) {
                _ = try await client.unary(EchoMethods.echo, EchoRequest())
            }
        }
    }

    @Test("messages of a megabyte round-trip; limits are enforced on both sides")
    func largeMessagesAndLimits() async throws {
        var serverConfiguration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
        serverConfiguration.maxMessageBytes = 2 << 20
        try await withServer(configuration: serverConfiguration) { _, port in
            var clientConfiguration = KWPClientConfiguration()
            clientConfiguration.maxMessageBytes = 3 << 20
            try await withClient(port: port, configuration: clientConfiguration) { client in
                let payload = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
                let echoed = try await client.unary(EchoMethods.echo, EchoRequest(payload: payload))
                #expect(echoed.payload == payload)

                // Over the server's limit: refused by the client before sending.
                await expectKWPError(.resourceExhausted, reason: KWPError.Reason.messageTooLarge) {
                    _ = try await client.unary(EchoMethods.echo, EchoRequest(payload: [UInt8](repeating: 1, count: (2 << 20) + 1)))
                }
                // The connection still works.
                let after = try await client.unary(EchoMethods.echo, EchoRequest(text: "ok"))
                #expect(after.text == "ok")
            }
            var smallClient = KWPClientConfiguration()
            smallClient.maxMessageBytes = 100_000
            try await withClient(port: port, configuration: smallClient) { client in
                // A reply over the client's limit: the server sends RESOURCE_EXHAUSTED instead.
                await expectKWPError(.resourceExhausted, reason: KWPError.Reason.messageTooLarge) {
                    _ = try await client.unary(EchoMethods.echo, EchoRequest(payload: [UInt8](repeating: 2, count: 150_000)))
                }
                // In a stream, the first reply over the limit ends the stream with that status.
                let random = (0..<150_000).map { _ in UInt8.random(in: 0...255) }
                let received = NIOLockedValueBox(0)
                await expectKWPError(.resourceExhausted, reason: KWPError.Reason.messageTooLarge) {
                    try await client.serverStreaming(EchoMethods.expand, EchoRequest(payload: random, count: 5)) { stream in
                        for try await _ in stream { received.withLockedValue { $0 += 1 } }
                    }
                }
                #expect(received.withLockedValue { $0 } == 0)
                let after = try await client.unary(EchoMethods.echo, EchoRequest(text: "still fine"))
                #expect(after.text == "still fine")
            }
        }
    }

    @Test("interceptors: the server's may refuse a call; the client's may add metadata the handler sees")
    func interceptors() async throws {
        struct RequireToken: KWPServerInterceptor {
            func intercept<Output: Sendable>(
                context: KWPServerContext, next: @Sendable (KWPServerContext) async throws -> Output
            ) async throws -> Output {
                guard context.method == HealthMethods.check.path || context.metadata[KWPMetadata.Reserved.authorization] == "Bearer t0ken" else {
                    throw KWPError(.unauthenticated, "missing or wrong token", reason: "UNAUTHENTICATED")
                }
                return try await next(context)
            }
        }
        struct AddToken: KWPClientInterceptor {
            func intercept<Output: Sendable>(
                _ head: KWPClientRequestHead, next: @Sendable (KWPClientRequestHead) async throws -> Output
            ) async throws -> Output {
                var head = head
                head.metadata[KWPMetadata.Reserved.authorization] = "Bearer t0ken"
                return try await next(head)
            }
        }
        try await withServer(interceptors: [RequireToken()]) { _, port in
            try await withClient(port: port) { client in
                await expectKWPError(.unauthenticated) { _ = try await client.unary(EchoMethods.echo, EchoRequest()) }
                let health = try await client.unary(HealthMethods.check, HealthCheckRequest())
                #expect(health.status == .serving)
            }
            var configuration = KWPClientConfiguration()
            configuration.interceptors = [AddToken()]
            try await withClient(port: port, configuration: configuration) { client in
                let reply = try await client.unary(EchoMethods.echo, EchoRequest(text: "in"))
                #expect(reply.text == "in")
            }
        }
    }
}
