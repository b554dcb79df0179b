import CasesService
import DiplomacyService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

/// `keikyo events` against live, seeded cases and diplomacy services.
@Suite("keikyo events")
struct EventsCLITests {
    @Test("list, count against the targets, attribution, link and for-case")
    func events() async throws {
        try await withTestDatabases { databases in
            let cases = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
            _ = try await cases.seed(SeedCases.all)
            let store = DiplomacyStore(database: try databases.open(DiplomacyStore.migrator, "diplomacy"))
            _ = try await store.seed(SeedEvents.all)
            try await withServer(services: [CaseServiceProvider(store: cases)]) { _, casesPort in
                try await withClient(port: casesPort) { casesClient in
                    let provider = TopSalesServiceProvider(store: store, cases: CaseDirectory(client: casesClient))
                    try await withServer(services: [provider]) { _, port in
                        let endpoint = ["--diplomacy", "127.0.0.1:\(port)"]
                        let list = try await runCommand("keikyo", ["events", "list", "--top-sales"] + endpoint)
                        #expect(list.status == 0 && list.output.contains(SeedEvents.qatarSummit) && list.output.contains("4 of 4"), "\(list.errors)")
                        let count = try await runCommand("keikyo", ["events", "count", "--year-from", "2019", "--year-to", "2019", "--json"] + endpoint)
                        let tally = try JSONSerialization.jsonObject(with: Data(count.output.utf8)) as? [String: Any]
                        let groups = (tally?["by_group"] as? [[String: Any]] ?? []).map { "\($0["year"] as? Int ?? 0) \($0["group"] as? String ?? "") \($0["events"] as? Int ?? 0)" }
                        #expect(groups == ["2019 PRIME_MINISTER 3", "2019 MINISTERS_AND_SENIOR_OFFICIALS 0"], "\(count.output)")
                        #expect(tally?["targets"] == nil, "no target is assumed")
                        // The first Attribution brings the diplomacy service's copy of the won cases up to
                        // the cases' change feed; on a machine busy with the whole PostgreSQL suite that
                        // outlasted the command's default 5 s once.
                        let attribution = try await runCommand("keikyo", ["events", "attribution", "--timeout", "60"] + endpoint)
                        #expect(attribution.output.contains(SeedCases.hamadAirport) && attribution.output.contains("2019-11"), "\(attribution.errors)")
                        #expect(attribution.output.hasSuffix("1 of 1\n"), "the pairs page like every listing: \(attribution.output)")
                        let link = try await runCommand(
                            "keikyo", ["events", "link", SeedEvents.g20Osaka, SeedCases.submarineCable, "--relation", "announced", "--agency", "MOFA"] + endpoint)
                        #expect(link.status == 0 && link.output.contains("1 case(s)"), "\(link.errors)")
                        let missing = try await runCommand("keikyo", ["events", "link", SeedEvents.g20Osaka, "case-nowhere"] + endpoint)
                        #expect(missing.status == 1 && missing.errors.contains("CASE_NOT_FOUND"))
                        let forCase = try await runCommand("keikyo", ["events", "for-case", SeedCases.submarineCable] + endpoint)
                        #expect(forCase.output.contains(SeedEvents.g20Osaka) && forCase.output.contains("ANNOUNCED"))
                    }
                }
            }
        }
    }
}
