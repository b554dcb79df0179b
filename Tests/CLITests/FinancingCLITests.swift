import CasesService
import FinancingService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

/// `keikyo financing` and `keikyo pledges` against live, seeded cases and financing services.
@Suite("keikyo financing and pledges")
struct FinancingCLITests {
    /// The `--cases ... --financing ...` flags of a seeded pair of services.
    func withSeededServices(_ body: @Sendable ([String]) async throws -> Void) async throws {
        try await withTestDatabases { databases in
            let cases = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
            _ = try await cases.seed(SeedCases.all)
            let financing = FinancingStore(database: try databases.open(FinancingStore.migrator, "financing"))
            _ = try await financing.seed(
                financings: SeedFinancing.financings, pledges: SeedFinancing.pledges, rates: SeedFinancing.exchangeRates, programmes: SeedFinancing.programmes)
            try await withServer(services: [CaseServiceProvider(store: cases)]) { _, casesPort in
                try await withClient(port: casesPort) { casesClient in
                    let provider = FinancingServiceProvider(store: financing, cases: CaseDirectory(client: casesClient))
                    try await withServer(services: [provider]) { _, port in
                        try await body(["--cases", "127.0.0.1:\(casesPort)", "--financing", "127.0.0.1:\(port)"])
                    }
                }
            }
        }
    }

    @Test("programmes: list by field and country (--json), and one programme with its measures and source")
    func programmes() async throws {
        try await withSeededServices { endpoints in
            let list = try await runCommand("keikyo", ["programmes", "list", "--field", "water", "--country", "MX", "--json"] + endpoints)
            #expect(list.status == 0, "\(list.errors)")
            let json = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [String: Any]
            #expect((json?["programmes"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["prog-jetro-fy2019-project-calls"])
            let one = try await runCommand("keikyo", ["programmes", "get", "prog-nexi-covid19-measures"] + endpoints)
            #expect(one.status == 0 && one.output.contains("A revision of the prepayment import insurance") && one.output.contains("seed document (2020-07-09) l.239"), "\(one.output)")
            let bad = try await runCommand("keikyo", ["programmes", "list", "--country", "ZZ"] + endpoints)
            #expect(bad.status == 1 && bad.errors.contains("country"), "\(bad.errors)")
        }
    }

    @Test("list, get, add-transaction and history as tables; --json is the .proto's JSON")
    func financingCommands() async throws {
        try await withSeededServices { endpoints in
            let list = try await runCommand("keikyo", ["financing", "list", "--institution", "JICA"] + endpoints)
            #expect(list.status == 0, "\(list.errors)")
            #expect(list.output.contains("fin-abidjan-grain-berth-yen-loan") && list.output.contains("fin-uzbekistan-thermal-yen-loan"))
            #expect(!list.output.contains("fin-submarine-cable-jict") && list.output.contains("2 of 2"))

            let added = try await runCommand(
                "keikyo",
                ["financing", "add-transaction", "fin-submarine-cable-jict", "--type", "equity_purchase", "--date", "2020-01", "--amount", "20000000",
                    "--currency", "usd", "--agency", "JICT"] + endpoints)
            #expect(added.status == 0 && added.output.contains("#2"), "\(added.errors)")

            let json = try await runCommand("keikyo", ["financing", "get", "fin-submarine-cable-jict", "--json"] + endpoints)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            let totals = try #require(object["totals"] as? [[String: Any]])
            #expect(totals.first?["committed"] as? String == "78000000" && totals.first?["disbursed"] as? String == "20000000")

            let history = try await runCommand("keikyo", ["financing", "history", "fin-submarine-cable-jict"] + endpoints)
            #expect(history.output.contains("TRANSACTION_ADDED") && history.output.contains("JICT"))
        }
    }

    @Test("create from JSON: an unknown case exits 1 with the reason; a known one is created")
    func create() async throws {
        try await withSeededServices { endpoints in
            let unknown = #"{"case_ids": ["case-nowhere"], "institution": "JBIC", "instrument": "INSTRUMENT_UNTIED_LOAN", "status": "FINANCING_STATUS_PLANNED", "title": {"en": "x"}}"#
            let refused = try await runCommand("keikyo", ["financing", "create"] + endpoints, input: unknown)
            #expect(refused.status == 1 && refused.errors.contains("FAILED_PRECONDITION CASE_NOT_FOUND"), "\(refused.errors)")
            let known = unknown.replacingOccurrences(of: "case-nowhere", with: SeedCases.hamadAirport)
            let created = try await runCommand("keikyo", ["financing", "create", "--agency", "JBIC"] + endpoints, input: known)
            #expect(created.status == 0 && created.output.hasPrefix("created fin-"), "\(created.errors)")
        }
    }

    @Test("pledges progress shows the official 52.8% and the straight line; convert shows its rate")
    func pledgesAndRates() async throws {
        try await withSeededServices { endpoints in
            let progress = try await runCommand(
                "keikyo", ["pledges", "progress", SeedFinancing.qualityInfrastructurePledge, "--as-of", "2019"] + endpoints)
            #expect(progress.status == 0, "\(progress.errors)")
            #expect(progress.output.contains("52.8% of target; straight line 60%; pace 88%"))
            let list = try await runCommand("keikyo", ["pledges", "list"] + endpoints)
            #expect(list.output.contains("105600000000 USD (2019)"))

            let converted = try await runCommand("keikyo", ["financing", "convert", "1000", "eur", "--to", "usd", "--value-date", "2024-05"] + endpoints)
            #expect(converted.status == 0 && converted.output.contains("1000 EUR = 1081.803777 USD"), "\(converted.output)")
            #expect(converted.output.contains("EUR 2024 163.85") && converted.output.contains("USD 2024 151.46"))
            let missing = try await runCommand("keikyo", ["financing", "convert", "1", "USD", "--value-date", "2009"] + endpoints)
            #expect(missing.status == 1 && missing.errors.contains("RATE_NOT_FOUND"))
        }
    }
}
