import Logging
import ServiceLifecycle
import KeikyoTestSupport
import Testing

@testable import KeikyoWire

@Suite("KWP/1 server in a ServiceGroup")
struct ServiceLifecycleTests {
    @Test("graceful shutdown of the group (what SIGTERM triggers) drains: the call in flight completes, then run returns")
    func gracefulShutdownDrains() async throws {
        let events = EventLog()
        let probe = ProbeEchoService(events: events)
        let server = KWPServer(
            configuration: KWPServerConfiguration(host: "127.0.0.1", port: 0), services: [probe], logger: quietLogger)
        let group = ServiceGroup(configuration: .init(services: [server], logger: quietLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await server.listeningAddress.port!
            try await withClient(port: port) { client in
                async let reply = client.unary(EchoMethods.echo, EchoRequest(text: "gate"))
                try await events.expect("started")
                await group.triggerGracefulShutdown()
                probe.gate.open()
                #expect(try await reply.text == "passed")
            }
            // Bounded by the drain grace period.
            try await tasks.next()
        }
    }
}
