import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoTestSupport
import KeikyoTrust
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

    /// Tokens by agency from `KEIKYO_TEST_TOKENS` (`METI=kk1...;JICA=kk1...`), issued by the
    /// harness; empty for a stack running without tokens.
    static let tokens: [String: String] = Dictionary(
        (environment["KEIKYO_TEST_TOKENS"] ?? "").split(separator: ";").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }, uniquingKeysWith: { $1 })

    /// Whether the stack serves TLS with mutual TLS (`KEIKYO_TLS_CA`, and the operator's
    /// `KEIKYO_CLIENT_CERT` and `KEIKYO_CLIENT_KEY`, from compose.tls.yaml's CA).
    static var isTLS: Bool { environment["KEIKYO_TLS_CA"] != nil }

    /// A client of `endpoint` calling as `agency` (with its token, when the stack has tokens),
    /// over mutual TLS when the stack serves it; `certificate: false` presents none.
    static func client(_ endpoint: KeikyoEndpoint, as agency: String = "METI", certificate: Bool = true) throws -> KWPClient {
        var configuration = KWPClientConfiguration()
        if let token = tokens[agency] { configuration.interceptors = [BearerTokenInterceptor(token: token)] }
        if let ca = environment["KEIKYO_TLS_CA"] {
            configuration.tls = try KeikyoTLS.clientContext(
                ca: ca, certificate: certificate ? environment["KEIKYO_CLIENT_CERT"] : nil,
                key: certificate ? environment["KEIKYO_CLIENT_KEY"] : nil)
        }
        return try KWPClient(address: endpoint.address(in: environment), configuration: configuration, logger: quietLogger)
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
        for (endpoint, _) in Stack.endpoints {
            let client = try Stack.client(endpoint)
            let health = try await client.unary(HealthMethods.check, HealthCheckRequest())
            #expect(health.status == .serving, "\(endpoint.name)")
            let listing = try await client.unary(ReflectionMethods.listServices, ListServicesRequest())
            #expect(listing.services.count >= 3, "\(endpoint.name) hosts its API besides Health and Reflection")
            await client.close()
        }
    }

    @Test(
        "the stack requires credentials: no token is 16 UNAUTHENTICATED (no certificate under mutual TLS: no connection); a change is audited with its agency and token id",
        .enabled(if: !Stack.tokens.isEmpty))
    func tokensAndAudit() async throws {
        // No token (and, under mutual TLS, no certificate either: the connection itself is refused).
        let anonymous = try Stack.client(.cases, as: "nobody", certificate: false)
        await expectKWPError(Stack.isTLS ? .unavailable : .unauthenticated) {
            _ = try await anonymous.unary(CaseServiceAPI.listCases, ListCasesRequest())
        }
        await anonymous.close()

        let mofa = try Stack.client(.cases, as: "MOFA")
        var record = ExportCase()
        record.title = LocalizedText(en: "Audited integration case \(UUID().uuidString.prefix(8))")
        record.field = .energy
        record.subsector = "renewables"
        record.countries = [CountryShare("VN")]
        record.provenance = Provenance(agency: "MOFA")
        let created = try await mofa.unary(CaseServiceAPI.createCase, CreateCaseRequest(record))
        let audit = try await mofa.unary(AuditServiceAPI.listAudit, ListAuditRequest(recordID: created.id))
        let token = try #require(Stack.tokens["MOFA"])
        #expect(audit.entries.count == 1)
        #expect(audit.entries.first?.caller.agency == "MOFA" && audit.entries.first?.caller.credentialID == String(token.split(separator: ".")[1]))
        #expect(audit.entries.first?.caller.method == CaseServiceAPI.createCase.path)
        await mofa.close()
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
        await expectKWPError(.unavailable) {
            _ = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: SeedCases.hamadAirport), options: .init(timeout: .seconds(3)))
        }
        try await Stack.compose("start cases")
        try await Stack.waitUntilServing(.cases)
        let record = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: SeedCases.hamadAirport))
        #expect(record.id == SeedCases.hamadAirport)
        await client.close()
    }
}
