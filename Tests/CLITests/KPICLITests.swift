import CasesService
import DiplomacyService
import FinancingService
import Foundation
import KPIService
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

/// `keikyo kpi` against a live, seeded KPI service (its peers down: the figures it owns need none).
@Suite("keikyo kpi")
struct KPICLITests {
    @Test("progress and yoy as tables, the dashboard as Markdown with unavailable sections said, the chart as SVG rsvg-convert renders")
    func kpi() async throws {
        try await withTestDatabases { databases in
            let store = KPIStore(database: try databases.open(KPIStore.migrator, "kpi"))
            _ = try await store.seed(indicators: SeedKPI.indicators, targets: SeedKPI.targets, actuals: SeedKPI.actuals)
            try await store.seed(strategies: SeedStrategies.all)
            let down = try await withServer { _, port in port }
            let peer = KWPClient(host: "127.0.0.1", port: down, logger: quietLogger)
            let provider = KPIServiceProvider(store: store, peers: KPIPeers(cases: peer, financing: peer, diplomacy: peer))
            try await withServer(services: [provider]) { _, port in
                let endpoint = ["--kpi", "127.0.0.1:\(port)"]
                let progress = try await runCommand("keikyo", ["kpi", "progress", "--year", "2018", "--json"] + endpoint)
                #expect(progress.status == 0, "\(progress.errors)")
                let progressJSON = try #require(try JSONSerialization.jsonObject(with: Data(progress.output.utf8)) as? [String: Any])
                #expect(progressJSON["actual"] as? String == "25" && progressJSON["share_percent"] as? String == "83.33")
                #expect(progressJSON["required_cagr_percent"] as? String == "9.54" && progressJSON["status"] as? String == "PROGRESS_STATUS_AT_RISK")
                let yoy = try await runCommand("keikyo", ["kpi", "yoy", "--year", "2018", "--json"] + endpoint)
                let yoyJSON = try #require(try JSONSerialization.jsonObject(with: Data(yoy.output.utf8)) as? [String: Any], "\(yoy.output)")
                let items = (yoyJSON["items"] as? [[String: Any]] ?? []).reduce(into: [String: [String: Any]]()) { $0[$1["value"] as? String ?? ""] = $1 }
                #expect(items["TRANSPORT"]?["published_change"] as? String == "0.4" && items["TRANSPORT"]?["change"] as? String == "0.5")
                #expect(yoyJSON["published_total_change"] as? String == "2" && yoyJSON["total_change"] as? String == "1.7")
                let yoyTable = try await runCommand("keikyo", ["kpi", "yoy", "--year", "2018"] + endpoint)
                #expect(yoyTable.status == 0 && yoyTable.output.contains("seed document (2020-07-09) l.117"), "\(yoyTable.output)")

                let strategies = try await runCommand("keikyo", ["kpi", "strategies"] + endpoint)
                #expect(strategies.status == 0 && strategies.output.contains("6. Energy and resources"), "\(strategies.output)")
                let missing = try await runCommand("keikyo", ["kpi", "strategies", "strategy-nowhere"] + endpoint)
                #expect(missing.status == 1 && missing.errors.contains("STRATEGY_NOT_FOUND"))

                let report = try await runCommand("keikyo", ["kpi", "dashboard", "--markdown"] + endpoint)
                #expect(report.status == 0 && report.output.hasPrefix("# Infrastructure export strategy: status"))
                #expect(report.output.contains("| 31 | 34 (2025) | 91.18% | 3 | 3.13% | 30 | ON_TRACK |"), "rounded as the figures are: \(report.output)")
                #expect(report.output.contains("*Unavailable: CASES_UNAVAILABLE"), "\(report.output)")

                let svgPath = databases.directory + "/orders.svg"
                let chart = try await runCommand("keikyo", ["kpi", "chart", "--out", svgPath, "--lang", "en"] + endpoint)
                #expect(chart.status == 0, "\(chart.errors)")
                let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
                #expect(svg.components(separatedBy: #"class="segment""#).count - 1 == 23)
                let rendered = try await runShell("rsvg-convert '\(svgPath)' -o '\(databases.directory)/orders.png' && head -c 8 '\(databases.directory)/orders.png' | od -An -tx1")
                #expect(rendered.status == 0 && rendered.output.contains("89 50 4e 47"), "rsvg-convert renders it to PNG: \(rendered.errors)")
            }
            await peer.close()
        }
    }
}
