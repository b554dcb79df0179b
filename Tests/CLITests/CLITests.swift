import CasesService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

/// The `keikyo` executable against a live, seeded cases service.
@Suite("keikyo command line")
struct CLITests {
    func withSeededCases(_ body: @Sendable (String) async throws -> Void) async throws {
        try await withTestDatabases { databases in
            let store = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
            _ = try await store.seed(SeedCases.all)
            try await withServer(services: [CaseServiceProvider(store: store)]) { _, port in
                try await body("127.0.0.1:\(port)")
            }
        }
    }

    @Test("keikyo health exits 0 when SERVING and 1 when nothing answers")
    func health() async throws {
        try await withSeededCases { address in
            let serving = try await runCommand("keikyo", ["health", address])
            #expect(serving.status == 0 && serving.output == "SERVING\n", "\(serving)")
            let unknown = try await runCommand("keikyo", ["health", address, "--service", "keikyo.none.v1.None"])
            #expect(unknown.status == 1 && unknown.output == "SERVICE_UNKNOWN\n")
        }
        let freePort = try await withServer { _, port in port }
        let down = try await runCommand("keikyo", ["health", "127.0.0.1:\(freePort)", "--timeout", "2"])
        #expect(down.status == 1 && down.output.contains("UNAVAILABLE"))
    }

    @Test("keikyo call turns JSON into any request and the reply into JSON, streaming included")
    func call() async throws {
        try await withSeededCases { address in
            let got = try await runCommand("keikyo", ["call", address, "/keikyo.cases.v1.CaseService/GetCase", #"{"id": "case-hamad-airport-expansion"}"#])
            #expect(got.status == 0, "\(got.errors)")
            let object = try JSONSerialization.jsonObject(with: Data(got.output.utf8)) as? [String: Any]
            #expect(object?["id"] as? String == SeedCases.hamadAirport)
            #expect(object?["stage"] as? String == "STAGE_AWARDED", "the seed says the JV won the tender (落札), l.53-54")

            let streamed = try await runCommand(
                "keikyo", ["call", address, "/keikyo.cases.v1.CaseService/StreamCases", "-", "--compact"],
                input: #"{"filter": {"regions": ["SOUTH_ASIA"]}}"#)
            #expect(streamed.status == 0)
            #expect(streamed.output.split(separator: "\n").count == 4)

            let health = try await runCommand("keikyo", ["call", address, "/keikyo.health.v1.Health/Check"])
            #expect(health.output.contains("\"status\": \"SERVING\""))

            let missing = try await runCommand("keikyo", ["call", address, "/keikyo.cases.v1.CaseService/GetCase", #"{"id": "case-none"}"#])
            #expect(missing.status == 1 && missing.errors.contains("NOT_FOUND CASE_NOT_FOUND"))
            let badJSON = try await runCommand("keikyo", ["call", address, "/keikyo.cases.v1.CaseService/GetCase", #"{"idd": 1}"#])
            #expect(badJSON.status != 0 && badJSON.errors.contains("idd"))
            let badMethod = try await runCommand("keikyo", ["call", address, "/keikyo.cases.v1.CaseService/Nope"])
            #expect(badMethod.status != 0 && badMethod.errors.contains("no method Nope"))
        }
    }

    @Test("keikyo cases: list, create, get, advance, update, history, export")
    func cases() async throws {
        try await withSeededCases { address in
            let environment = ["KEIKYO_CASES_ADDR": address]
            let list = try await runCommand("keikyo", ["cases", "list", "--field", "transport"], environment: environment)
            #expect(list.status == 0 && list.output.contains(SeedCases.abidjanGrainBerth) && list.output.contains("5 of 5"), "\(list)")

            let newCase = """
                {"title": {"ja": "ジャカルタMRT"}, "field": "FIELD_TRANSPORT", "subsector": "rail", "stage_date": "2024-01",
                 "countries": [{"country": "ID"}], "provenance": {"agency": "MLIT"}}
                """
            let created = try await runCommand("keikyo", ["cases", "create", "--cases", address, "--agency", "MLIT"], input: newCase)
            #expect(created.status == 0, "\(created.errors)")
            let id = try #require(created.output.split(separator: " ").dropFirst().first.map(String.init))

            let advanced = try await runCommand("keikyo", ["cases", "advance", id, "bidding", "--date", "2024-06"], environment: environment)
            #expect(advanced.status == 0 && advanced.output.contains("is now BIDDING (version 2)"), "\(advanced.errors)")
            let illegal = try await runCommand("keikyo", ["cases", "advance", id, "formation", "--date", "2024-07"], environment: environment)
            #expect(illegal.status == 1 && illegal.errors.contains("ILLEGAL_TRANSITION"))

            let json = try await runCommand("keikyo", ["cases", "get", id, "--json"], environment: environment)
            let edited = json.output.replacingOccurrences(of: "ジャカルタMRT", with: "ジャカルタMRT東西線")
            let updated = try await runCommand("keikyo", ["cases", "update", id, "--agency", "METI"], input: edited, environment: environment)
            #expect(updated.status == 0 && updated.output.contains("version 3"), "\(updated.errors)")
            let stale = try await runCommand("keikyo", ["cases", "update", id], input: edited, environment: environment)
            #expect(stale.status == 1 && stale.errors.contains("VERSION_MISMATCH"))

            let history = try await runCommand("keikyo", ["cases", "history", id], environment: environment)
            #expect(history.output.contains("CREATED") && history.output.contains("STAGE_CHANGED") && history.output.contains("METI"))

            let exported = try await runCommand("keikyo", ["cases", "export"], environment: environment)
            let lines = exported.output.split(separator: "\n")
            #expect(lines.count == SeedCases.all.count + 1)
            #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })

            let invalid = try await runCommand(
                "keikyo", ["cases", "create"], input: #"{"title": {"en": "x"}, "countries": [{"country": "XX"}]}"#, environment: environment)
            #expect(invalid.status == 1 && invalid.errors.contains("case.countries[0].country"))
        }
    }
}
