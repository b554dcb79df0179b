import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoTrust
import KeikyoWire
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Identity, permissions, rate limits and audit against the real service executables, started
/// with a tokens file as an operator would start them.
@Suite("Trust: tokens, permissions, limits and audit on live services", .serialized)
struct TrustTests {

    @Test("a service without a tokens file refuses to start unless --allow-anonymous, which it logs loudly")
    func secureByDefault() async throws {
        try await withTemporaryDirectory { directory in
            let refused = try await runCommand("keikyo-cases", ["--data-dir", directory + "/a", "--listen", "127.0.0.1:0"])
            #expect(refused.status != 0)
            #expect(refused.errors.contains("no tokens file") && refused.errors.contains("--allow-anonymous"), "\(refused.errors)")

            let anonymous = try await ServiceProcess.start("keikyo-cases", arguments: ["--data-dir", directory + "/b", "--allow-anonymous"])
            #expect(anonymous.log.contains("RUNNING WITHOUT AUTHENTICATION"))
            try await withClient(port: anonymous.port) { client in
                _ = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest())
            }
            try await anonymous.stop()
        }
    }

    @Test("no token, a wrong one, a malformed one or a revoked one: 16 UNAUTHENTICATED, all alike; Health needs none")
    func authentication() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--seed"])
            try await withClient(port: cases.port) { client in
                let health = try await client.unary(HealthMethods.check, HealthCheckRequest())
                #expect(health.status == .serving)
                var errors: [KWPError] = []
                let stranger = "kk1.\(trust.tokenID("METI")).AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
                for authorization in [nil, "Bearer \(stranger)", "Bearer nonsense", "Basic \(trust.tokens["METI"]!)", trust.tokens["METI"]!] {
                    let metadata: KWPMetadata = authorization.map { ["authorization": $0] } ?? [:]
                    if let error = await expectKWPError(.unauthenticated, {
                        _ = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest(), metadata: metadata)
                    }) {
                        errors.append(error)
                    }
                }
                #expect(errors.count == 5 && Set(errors.map(\.message)).count == 1 && Set(errors.map(\.reason)).count == 1)
            }
            try await trust.withClient(port: cases.port, as: "METI") { client in
                let page = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest())
                #expect(page.totalSize == UInt64(SeedCases.all.count))
            }

            // Revoked in the file: refused once the service has reread it (SIGHUP).
            let revoked = try TokenFile.update(path: trust.tokensFile) { $0.revoke(id: trust.tokenID("METI")) }
            #expect(revoked)
            cases.send(SIGHUP)
            try await trust.withClient(port: cases.port, as: "METI") { client in
                try await Self.eventually("the revoked token to be refused") {
                    do {
                        _ = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest())
                        return false
                    } catch let error as KWPError where error.code == .unauthenticated {
                        return true
                    }
                }
            }
            try await trust.withClient(port: cases.port, as: "MOF") { client in
                _ = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest())
            }
            try await cases.stop()
        }
    }

    @Test("keikyo tokens issue prints the new token alone on its last line, and a running service accepts it after SIGHUP")
    func issueWithTheCommand() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases")
            let issued = try await runCommand("keikyo", ["tokens", "issue", "--agency", "MHLW", "--file", trust.tokensFile, "--note", "test"])
            #expect(issued.status == 0, "\(issued.errors)")
            let token = try #require(issued.output.split(separator: "\n").last.map(String.init))
            #expect(token.hasPrefix("kk1.") && !token.contains(" "))
            #expect(!(try String(contentsOfFile: trust.tokensFile, encoding: .utf8)).contains(String(token.split(separator: ".")[2])))
            let listed = try await runCommand("keikyo", ["tokens", "list", "--file", trust.tokensFile])
            #expect(listed.output.contains("MHLW") && !listed.output.contains(token))

            cases.send(SIGHUP)
            var configuration = KWPClientConfiguration()
            configuration.interceptors = [BearerTokenInterceptor(token: token)]
            try await withClient(port: cases.port, configuration: configuration) { client in
                try await Self.eventually("the new token to be accepted") {
                    (try? await client.unary(CaseServiceAPI.listCases, ListCasesRequest())) != nil
                }
            }
            try await cases.stop()
        }
    }

    @Test("financing: an institution writes only its own records, METI and MOF any; the cases service is asked as the financing service")
    func financingPermissions() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--seed"])
            // On SQLite whatever the run's backend: the check at the end reads the files at rest.
            let financing = try await trust.start(
                "keikyo-financing", data: "financing",
                environment: [
                    "KEIKYO_CASES_ADDR": "127.0.0.1:\(cases.port)", "KEIKYO_DATABASE_URL": "sqlite:\(directory)/financing/financing.sqlite",
                ])
            let port = financing.port

            let jicaLoan = try await trust.withClient(port: port, as: "JICA") { client in
                try await client.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financing(institution: "JICA")))
            }
            #expect(jicaLoan.createdBy == "JICA")
            let jbicLoan = try await trust.withClient(port: port, as: "METI") { client in
                try await client.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financing(institution: "JBIC")))
            }
            try await trust.withClient(port: port, as: "JICA") { client in
                await expectKWPError(.permissionDenied, reason: TrustReason.notPermitted) {
                    _ = try await client.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financing(institution: "JBIC")))
                }
                await expectKWPError(.permissionDenied, reason: TrustReason.notPermitted) {
                    _ = try await client.unary(
                        FinancingServiceAPI.addTransaction,
                        AddTransactionRequest(financingID: jbicLoan.id, transaction: Self.disbursement))
                }
                // Nor may JICA hand its own loan to JBIC.
                var handedOver = jicaLoan
                handedOver.institution = "JBIC"
                await expectKWPError(.permissionDenied, reason: TrustReason.notPermitted) {
                    _ = try await client.unary(FinancingServiceAPI.updateFinancing, UpdateFinancingRequest(handedOver, expectedVersion: 1))
                }
                _ = try await client.unary(
                    FinancingServiceAPI.addTransaction, AddTransactionRequest(financingID: jicaLoan.id, transaction: Self.disbursement))
                await expectKWPError(.permissionDenied, reason: TrustReason.notPermitted) {
                    _ = try await client.unary(
                        FinancingServiceAPI.setExchangeRate,
                        SetExchangeRateRequest(ExchangeRate(currency: "USD", period: "2030", type: .annualAverage, jpyPerUnit: "150", source: "test")))
                }
            }
            try await trust.withClient(port: port, as: "MOF") { client in
                _ = try await client.unary(
                    FinancingServiceAPI.addTransaction, AddTransactionRequest(financingID: jbicLoan.id, transaction: Self.disbursement))
                // Nothing refused was written: JBIC's loan has MOF's entry only, JICA's one entry.
                let stored = try await client.unary(FinancingServiceAPI.getFinancing, GetFinancingRequest(id: jbicLoan.id))
                #expect(stored.transactions.count == 2 && stored.version == 2)
                #expect(try await client.unary(FinancingServiceAPI.getFinancing, GetFinancingRequest(id: jicaLoan.id)).version == 2)
            }

            // The audit names agency, identity and token id, never the token.
            try await trust.withClient(port: port, as: "CAS") { client in
                let audit = try await client.unary(AuditServiceAPI.listAudit, ListAuditRequest(recordID: jicaLoan.id))
                #expect(audit.entries.map(\.kind) == ["CREATED", "TRANSACTION_ADDED"])
                for entry in audit.entries {
                    #expect(entry.caller.agency == "JICA" && entry.caller.principal == "JICA")
                    #expect(entry.caller.credentialID == trust.tokenID("JICA"))
                }
                #expect(audit.entries.first?.caller.method == FinancingServiceAPI.createFinancing.path)
                let byMOF = try await client.unary(AuditServiceAPI.listAudit, ListAuditRequest(agency: "MOF"))
                #expect(byMOF.entries.map(\.recordID) == [jbicLoan.id])
            }
            // keikyo audit: both services' logs merged; a service that cannot be reached is said so.
            let audit = try await runCommand(
                "keikyo",
                ["audit", "--by", "JICA", "--cases", "127.0.0.1:\(cases.port)", "--financing", "127.0.0.1:\(port)",
                    "--diplomacy", "127.0.0.1:1", "--kpi", "127.0.0.1:1", "--timeout", "2"],
                environment: ["KEIKYO_TOKEN": trust.tokens["CAS"]!])
            #expect(audit.status != 0, "two services were unreachable")
            #expect(audit.errors.contains("diplomacy's audit log is missing") && audit.errors.contains("kpi's audit log is missing"))
            let jicaLines = audit.output.split(separator: "\n").filter { $0.contains(jicaLoan.id) }
            #expect(jicaLines.count == 2 && jicaLines.allSatisfy { $0.contains(trust.tokenID("JICA")) && $0.contains("financing") })
            #expect(!audit.output.contains(trust.tokens["JICA"]!))
            try await financing.stop()
            try await cases.stop()
            try Self.expectNoSecrets(of: trust, under: directory + "/financing")
        }
    }

    @Test("events: MOFA and CAS, and a ministry whose minister took part; KPI figures: CAS and METI only")
    func eventAndKPIPermissions() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--seed"])
            let diplomacy = try await trust.start(
                "keikyo-diplomacy", data: "diplomacy", environment: ["KEIKYO_CASES_ADDR": "127.0.0.1:\(cases.port)"])
            let mlitVisit = try await trust.withClient(port: diplomacy.port, as: "MLIT") { client in
                let visit = try await client.unary(TopSalesServiceAPI.createEvent, CreateEventRequest(Self.visit(by: "MLIT")))
                await expectKWPError(.permissionDenied, reason: TrustReason.notPermitted) {
                    _ = try await client.unary(TopSalesServiceAPI.createEvent, CreateEventRequest(Self.visit(by: "METI")))
                }
                return visit
            }
            let metiVisit = try await trust.withClient(port: diplomacy.port, as: "MOFA") { client in
                try await client.unary(TopSalesServiceAPI.createEvent, CreateEventRequest(Self.visit(by: "METI")))
            }
            try await trust.withClient(port: diplomacy.port, as: "MLIT") { client in
                let link = CaseLink(caseID: SeedCases.abidjanGrainBerth, relation: .promoted)
                _ = try await client.unary(TopSalesServiceAPI.linkCase, LinkCaseRequest(eventID: mlitVisit.id, link: link))
                await expectKWPError(.permissionDenied, reason: TrustReason.notPermitted) {
                    _ = try await client.unary(TopSalesServiceAPI.linkCase, LinkCaseRequest(eventID: metiVisit.id, link: link))
                }
                // Adding itself to METI's event is changing METI's event: refused.
                var joined = metiVisit
                joined.participants.append(Participant(post: "Minister of Land, Infrastructure, Transport and Tourism", level: .minister, agency: "MLIT"))
                await expectKWPError(.permissionDenied, reason: TrustReason.notPermitted) {
                    _ = try await client.unary(TopSalesServiceAPI.updateEvent, UpdateEventRequest(joined, expectedVersion: metiVisit.version))
                }
            }
            try await diplomacy.stop()

            let kpi = try await trust.start("keikyo-kpi", data: "kpi", ["--seed"])
            let figure = Actual(indicator: SeedKPI.infrastructureOrders, year: 2031, value: "40", source: "test", publishedOn: "2032-06", status: .provisional)
            for (agency, allowed) in [("MOFA", false), ("JICA", false), ("CAS", true), ("METI", true)] {
                try await trust.withClient(port: kpi.port, as: agency) { client in
                    var actual = figure
                    actual.source = "test by \(agency)"
                    if allowed {
                        _ = try await client.unary(KPIServiceAPI.recordActual, RecordActualRequest(actual))
                    } else {
                        await expectKWPError(.permissionDenied, reason: TrustReason.notPermitted) {
                            _ = try await client.unary(KPIServiceAPI.recordActual, RecordActualRequest(actual))
                        }
                    }
                }
            }
            try await trust.withClient(port: kpi.port, as: "MOFA") { client in
                let audit = try await client.unary(AuditServiceAPI.listAudit, ListAuditRequest(afterSequence: 0))
                #expect(audit.entries.filter { $0.kind == "RECORDED" && !$0.caller.agency.hasPrefix("seed") }.map(\.caller.agency) == ["CAS", "METI"])
            }
            try await kpi.stop()
            try await cases.stop()
        }
    }

    @Test("a caller over its rate gets 8 RESOURCE_EXHAUSTED RATE_LIMITED with retry-after-ms; other agencies are still served")
    func rateLimit() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--rate-limit", "2", "--rate-burst", "5"])
            // The burst of 5 passes; calls after it are refused until the rate refills a token. How
            // many calls get through before the first refusal depends on how fast they are made
            // (a token every 500 ms), so the calls go on until one is refused, up to 50.
            let (served, limited) = try await trust.withClient(port: cases.port, as: "METI") { client -> (Int, KWPError?) in
                for served in 0..<50 {
                    do {
                        _ = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest())
                    } catch let error as KWPError {
                        return (served, error)
                    }
                }
                return (50, nil)
            }
            #expect(served >= 5, "the burst of 5 is served")
            #expect(limited?.code == .resourceExhausted && limited?.reason == TrustReason.rateLimited, "\(String(describing: limited))")
            let wait = try #require(limited?.metadata["retry-after-ms"].flatMap(Int.init))
            #expect((1...500).contains(wait), "retry after \(wait) ms at 2 calls a second")
            try await trust.withClient(port: cases.port, as: "MOF") { client in
                _ = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest())
            }
            try await cases.stop()
        }
    }

    @Test("mutual TLS end to end: keikyo tls init's certificates; an agency's certificate is its identity; financing asks cases as itself")
    func mutualTLSBetweenServices() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory, serviceTokenFiles: false)
            let made = try await runCommand("keikyo", ["tls", "init", "--dir", directory + "/tls", "--operator-agency", "JICA"])
            #expect(made.status == 0, "\(made.errors)")
            let tls = { (name: String) in "\(directory)/tls/\(name)" }
            func serving(_ name: String) -> [String] {
                ["--tls-cert", tls("\(name).pem"), "--tls-key", tls("\(name)-key.pem"), "--tls-client-ca", tls("ca.pem"), "--tls-ca", tls("ca.pem")]
            }
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--seed"] + serving("cases"))
            let financing = try await trust.start(
                "keikyo-financing", data: "financing", environment: ["KEIKYO_CASES_ADDR": "127.0.0.1:\(cases.port)"], serving("financing"))

            var configuration = KWPClientConfiguration()
            configuration.tls = try KeikyoTLS.clientContext(ca: tls("ca.pem"), certificate: tls("operator.pem"), key: tls("operator-key.pem"))
            let loan = try await withClient(port: financing.port, configuration: configuration) { client in
                // No token: the certificate says JICA, and the case id is checked with cases over mutual TLS.
                let loan = try await client.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financing(institution: "JICA")))
                await expectKWPError(.permissionDenied, reason: TrustReason.notPermitted) {
                    _ = try await client.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financing(institution: "JBIC")))
                }
                let audit = try await client.unary(AuditServiceAPI.listAudit, ListAuditRequest(recordID: loan.id))
                #expect(audit.entries.first?.caller.principal == "JICA")
                #expect(audit.entries.first?.caller.credentialID.hasPrefix("cert:") == true)
                return loan
            }
            #expect(loan.createdBy == "JICA")
            // A token, when sent, names the caller instead: METI may write JBIC's loan; a bad token is refused outright.
            var withToken = configuration
            withToken.interceptors = [BearerTokenInterceptor(token: trust.tokens["METI"]!)]
            try await withClient(port: financing.port, configuration: withToken) { client in
                let jbic = try await client.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financing(institution: "JBIC")))
                #expect(jbic.createdBy == "METI")
            }
            try await withClient(port: financing.port, configuration: configuration) { client in
                await expectKWPError(.unauthenticated) {
                    _ = try await client.unary(
                        FinancingServiceAPI.listFinancing, ListFinancingRequest(), metadata: ["authorization": "Bearer kk1.nobody.nothing"])
                }
            }
            // Without a client certificate the services cannot be reached at all.
            var noCertificate = KWPClientConfiguration()
            noCertificate.tls = try KeikyoTLS.clientContext(ca: tls("ca.pem"))
            try await withClient(port: cases.port, configuration: noCertificate) { client in
                await expectKWPError(.unavailable) { _ = try await client.unary(HealthMethods.check, HealthCheckRequest()) }
            }
            #expect(cases.log.contains("client certificates required"))
            try await financing.stop()
            try await cases.stop()
        }
    }

    // MARK: Helpers

    static let disbursement = Transaction(type: .disbursement, date: "2020", value: Money(amount: "10", currency: "JPY", valueDate: ""))

    static func financing(institution: String) -> Financing {
        var financing = Financing()
        financing.caseIDs = [SeedCases.abidjanGrainBerth]
        financing.institution = institution
        financing.instrument = institution == "JICA" ? .odaLoan : .exportCredit
        financing.status = .approved
        financing.title = LocalizedText(en: "Loan of \(institution)")
        financing.transactions = [Transaction(type: .commitment, date: "2019", value: Money(amount: "1000", currency: "JPY", valueDate: ""))]
        return financing
    }

    static func visit(by agency: String) -> Event {
        var event = Event()
        event.kind = .ministerialVisit
        event.startDate = "2019-07"
        event.countries = ["VN"]
        event.title = LocalizedText(en: "Visit by \(agency)'s minister")
        event.participants = [Participant(post: "Minister", level: .minister, agency: agency)]
        return event
    }

    /// Polls `condition` until it holds, for at most 10 seconds.
    static func eventually(_ what: String, _ condition: @escaping @Sendable () async throws -> Bool) async throws {
        try await withTimeout(.seconds(10), what) {
            while try await !condition() { try await Task.sleep(for: .milliseconds(20)) }
        }
    }

    /// No file under `directory` holds any token's secret.
    static func expectNoSecrets(of trust: TrustFixture, under directory: String) throws {
        let secrets = trust.tokens.values.map { Data($0.split(separator: ".")[2].utf8) }
        let files = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
        #expect(!files.isEmpty)
        for file in files {
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(file)") else { continue }
            for secret in secrets { #expect(data.range(of: secret) == nil, "\(file) holds a token") }
        }
    }
}
