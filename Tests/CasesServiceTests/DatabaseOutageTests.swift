import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoTestSupport
import KeikyoWire
import Testing

/// A service whose PostgreSQL server goes away: it starts anyway, says NOT_SERVING and refuses
/// calls UNAVAILABLE DATABASE_UNAVAILABLE, and serves again by itself once the server is back.
@Suite("A keikyo-cases process and its database going away", .enabled(if: TestBackend.available.contains(.postgres)))
struct DatabaseOutageTests {
    @Test("started without its database, then the database comes, goes and comes back")
    func outage() async throws {
        let location = try #require(TestBackend.postgresLocationForTests)
        let forwarder = try await TCPForwarder(targetPort: location.port)
        let schema = "outage_" + String((0..<8).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
        let url = "postgres://\(location.user)@127.0.0.1:\(forwarder.port)/\(location.database)?schema=\(schema)"
        // The forwarder does not listen yet: the database is out of reach from the start.
        let service = try await ServiceProcess.start(
            "keikyo-cases", arguments: ["--allow-anonymous", "--rate-limit", "0", "--seed"],
            environment: ["KEIKYO_DATABASE_URL": url, "KEIKYO_DATABASE_PASSWORD": location.password ?? ""])
        do {
            try await Self.exercise(service: service, forwarder: forwarder)
        } catch {
            Issue.record("keikyo-cases logged:\n\(service.log)")
            throw error
        }
        _ = try await service.stop()
        await forwarder.stop()
    }

    static func exercise(service: ServiceProcess, forwarder: TCPForwarder) async throws {
        try await withClient(port: service.port) { client in
            @Sendable func health() async throws -> HealthCheckResponse.ServingStatus {
                try await client.unary(HealthMethods.check, HealthCheckRequest(service: "")).status
            }
            @Sendable func expectUnavailable() async {
                await expectKWPError(.unavailable, reason: StoreReason.databaseUnavailable) {
                    _ = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest(), options: .init(timeout: .seconds(20)))
                }
            }
            #expect(try await health() == .notServing)
            await expectUnavailable()

            try await forwarder.start()
            // Bounds, not waits: the next probe, a connection, four migrations and the seed's
            // writes, which on a machine busy with the rest of the suite took over 30 s.
            try await withTimeout(.seconds(90), "SERVING once the database answers") {
                while try await health() != .serving { try await Task.sleep(for: .milliseconds(100)) }
            }
            // The seed asked for at start is loaded once the database answers.
            try await withTimeout(.seconds(30), "the seed") {
                while try await client.unary(CaseServiceAPI.listCases, ListCasesRequest(pageSize: 1)).totalSize != UInt64(SeedCases.all.count) {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }

            await forwarder.stop()
            await expectUnavailable()
            try await withTimeout(.seconds(30), "NOT_SERVING while the database is gone") {
                while try await health() != .notServing { try await Task.sleep(for: .milliseconds(100)) }
            }

            try await forwarder.start()
            try await withTimeout(.seconds(90), "SERVING again") {
                while try await health() != .serving { try await Task.sleep(for: .milliseconds(100)) }
            }
            let page = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest(pageSize: 1))
            #expect(page.totalSize == UInt64(SeedCases.all.count))
        }
    }
}
