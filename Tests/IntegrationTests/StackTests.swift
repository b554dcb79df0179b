import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoTestSupport
import KeikyoWire
import Testing

/// Where the stack under test is. `KEIKYO_INTEGRATION` is `compose` (scripts/integration-test.sh)
/// or `local` (scripts/keikyo-up); the services' addresses come from `KEIKYO_<NAME>_ADDR`, and
/// for compose `KEIKYO_INTEGRATION_COMPOSE` is the docker-compose command for the project.
enum Stack {
    static let environment = ProcessInfo.processInfo.environment
    static let mode = environment["KEIKYO_INTEGRATION"] ?? ""
    static var isRunning: Bool { mode == "compose" || mode == "local" }
    static var isCompose: Bool { mode == "compose" && compose != nil }
    static let compose = environment["KEIKYO_INTEGRATION_COMPOSE"]

    /// The services of the stack: those whose address is configured.
    static var endpoints: [(KeikyoEndpoint, String)] {
        KeikyoEndpoint.allCases.compactMap { endpoint in environment[endpoint.environmentKey].map { (endpoint, $0) } }
    }

    /// Whether the stack under test has `endpoint` (its address is configured).
    static func hosts(_ endpoint: KeikyoEndpoint) -> Bool { environment[endpoint.environmentKey] != nil }

    static func client(_ endpoint: KeikyoEndpoint) throws -> KWPClient {
        try KWPClient(address: endpoint.address(in: environment), logger: quietLogger)
    }

    /// Waits, at most `limit`, until the service answers SERVING.
    static func waitUntilServing(_ endpoint: KeikyoEndpoint, within limit: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while true {
            let client = try client(endpoint)
            let status = try? await client.unary(HealthMethods.check, HealthCheckRequest(), options: .init(timeout: .seconds(1))).status
            await client.close()
            if status == .serving { return }
            guard clock.now < deadline else { throw TimedOut(what: "\(endpoint.name) to be SERVING") }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// Runs a docker-compose subcommand on the stack's project.
    static func compose(_ arguments: String) async throws {
        let result = try await runShell("\(compose!) \(arguments)")
        guard result.status == 0 else { throw ServiceProcessError(message: "docker-compose \(arguments): \(result.errors)") }
    }
}

@Suite(
    "Integration: the running stack", .serialized,
    .enabled(if: Stack.isRunning, "set KEIKYO_INTEGRATION=compose|local and the service addresses"))
struct StackTests {
    @Test("every service answers Health and Reflection")
    func healthAndReflection() async throws {
        #expect(!Stack.endpoints.isEmpty)
        for (endpoint, address) in Stack.endpoints {
            let client = try KWPClient(address: address, logger: quietLogger)
            let health = try await client.unary(HealthMethods.check, HealthCheckRequest())
            #expect(health.status == .serving, "\(endpoint.name)")
            let listing = try await client.unary(ReflectionMethods.listServices, ListServicesRequest())
            #expect(listing.services.count >= 3, "\(endpoint.name) hosts its API besides Health and Reflection")
            await client.close()
        }
    }

    @Test("a case created through the cases endpoint is read back and listed; the seed is there")
    func createAndRead() async throws {
        let client = try Stack.client(.cases)
        var record = ExportCase()
        record.title = LocalizedText(en: "Integration case \(UUID().uuidString.prefix(8))")
        record.field = .energy
        record.subsector = "hydrogen"
        record.countries = [CountryShare("AU")]
        record.provenance = Provenance(agency: "METI")
        let created = try await client.unary(CaseServiceAPI.createCase, CreateCaseRequest(record), metadata: ["x-agency": "METI"])
        let fetched = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: created.id))
        #expect(fetched == created)
        var filter = CaseFilter()
        filter.text = record.title.en
        #expect(try await client.unary(CaseServiceAPI.listCases, ListCasesRequest(filter: filter)).cases.map(\.id) == [created.id])
        let seeded = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: SeedCases.abidjanGrainBerth))
        #expect(seeded.title.ja == "アビジャン港穀物バース建設事業")
        await client.close()
    }

    @Test("docker-compose restart cases loses no data (the volume keeps the database)", .enabled(if: Stack.isCompose))
    func restartKeepsData() async throws {
        let client = try Stack.client(.cases)
        var record = ExportCase()
        record.title = LocalizedText(en: "Survives a restart")
        record.field = .transport
        record.subsector = "rail"
        record.countries = [CountryShare("IN")]
        record.provenance = Provenance(agency: "MLIT")
        let created = try await client.unary(CaseServiceAPI.createCase, CreateCaseRequest(record))
        try await Stack.compose("restart cases")
        try await Stack.waitUntilServing(.cases)
        let after = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: created.id))
        #expect(after == created)
        await client.close()
    }

    @Test("with cases stopped, calls fail with UNAVAILABLE within their deadline; start brings it back", .enabled(if: Stack.isCompose))
    func stopAndStart() async throws {
        try await Stack.compose("stop cases")
        let client = try Stack.client(.cases)
        let clock = ContinuousClock()
        let start = clock.now
        await expectKWPError(.unavailable) {
            _ = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: SeedCases.hamadAirport), options: .init(timeout: .seconds(3)))
        }
        #expect(clock.now - start < .seconds(3))
        try await Stack.compose("start cases")
        try await Stack.waitUntilServing(.cases)
        let record = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: SeedCases.hamadAirport))
        #expect(record.id == SeedCases.hamadAirport)
        await client.close()
    }
}
