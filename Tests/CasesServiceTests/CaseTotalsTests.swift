import CasesService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing


@Suite("Case totals kept with every write")
struct CaseTotalsTests {
    @Test("after a random mixed load of creates, updates and stage changes, the kept totals equal a recount of every case", arguments: [UInt64(1), 2, 3])
    func randomLoad(seed: UInt64) async throws {
        try await withCasesService(seeded: true) { client, store in
            var random = SeededGenerator(seed: seed)
            let countries = ["VN", "IN", "TH", "QA", "BR"]
            func share() -> Money? {
                switch Int.random(in: 0..<4, using: &random) {
                case 0: nil
                case 1: Money(amount: "\(Int.random(in: 1...9_000_000, using: &random)).25", currency: "USD", valueDate: "2019")
                default: Money(amount: "\(Int.random(in: 1...900_000, using: &random))000000", currency: "JPY", valueDate: "2019")
                }
            }
            var ids: [String] = []
            for index in 0..<60 {
                var record = sampleCase(index, country: countries.randomElement(using: &random)!, field: KPIField.allCases.randomElement(using: &random)!)
                if Bool.random(using: &random), record.countries[0].country != "BR" { record.countries.append(CountryShare("BR")) }
                record.japaneseShare = share()
                record.stageDate = "2015-01"
                record.countsTowardKPI = Int.random(in: 0..<5, using: &random) > 0
                if Bool.random(using: &random) { record.keyDates.contractSignature = "\(Int.random(in: 2015...2024, using: &random))" }
                ids.append(try await client.create(record).id)
            }
            var month = 0
            for _ in 0..<240 {
                let id = ids.randomElement(using: &random)!
                var current = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: id))
                if Bool.random(using: &random) {
                    current.field = KPIField.allCases.randomElement(using: &random)!
                    current.japaneseShare = share()
                    current.countsTowardKPI.toggle()
                    if Bool.random(using: &random) { current.subsector = ["rail", "port", "road"].randomElement(using: &random)! }
                    if Bool.random(using: &random) {
                        current.countries = [CountryShare(["VN", "IN", "TH", "QA"].randomElement(using: &random)!)]
                        if Bool.random(using: &random) { current.countries.append(CountryShare("BR")) }
                    }
                    _ = try await client.unary(CaseServiceAPI.updateCase, UpdateCaseRequest(current, expectedVersion: current.version))
                } else {
                    month += 1
                    let date = String(format: "%04d-%02d", 2016 + month / 24, month / 2 % 12 + 1)
                    let resume = CaseStageMachine.resumeStage(history: current.stageHistory.map(\.stage))
                    let allowed = CaseStageMachine.allowedNext(from: current.stage ?? .formation, resumeStage: resume)
                    // Now and then a move the machine refuses, which must change nothing.
                    let next = Int.random(in: 0..<10, using: &random) == 0 || allowed.isEmpty
                        ? CaseStage.allCases.randomElement(using: &random)! : allowed.randomElement(using: &random)!
                    _ = try? await client.unary(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: id, stage: next, date: date, expectedVersion: current.version))
                }
            }
            let check = try await store.checkTotals()
            #expect(check.kept == check.recomputed)
            let summary = try await client.unary(CaseServiceAPI.summarizeOrders, SummarizeOrdersRequest(yearFrom: 2019, yearTo: 2022))
            let expected = OrderSummary.summarize(try await store.wonKPICases(), yearFrom: 2019, yearTo: 2022)
            #expect(summary.byYearField == expected.byYearField && summary.byCountry == expected.byCountry)
            #expect(summary.casesWithoutValue == expected.withoutValue)
            let all = OrderSummary.summarize(try await store.wonKPICases(), yearFrom: 0, yearTo: 0)
            #expect(all.byYearField.count >= 5 && all.byCountry.contains { $0.country == "BR" } && all.withoutValue > 0, "the load wins cases of every kind")
            // total_size from the kept counts (one dimension) and from a count of the rows (two).
            var filters: [CaseFilter] = []
            func add(_ change: (inout CaseFilter) -> Void) {
                var filter = CaseFilter()
                change(&filter)
                filters.append(filter)
            }
            for stage in CaseStage.allCases { add { $0.stages = [stage] } }
            add { $0.stages = [.awarded, .bidding, .awarded] }
            add { $0.fields = Array(KPIField.allCases.prefix(2)) }
            add { $0.subsectors = ["port"] }
            add { $0.subsectors = ["rail", "road"] }
            for country in countries { add { $0.countries = [country] } }
            add { $0.countries = ["VN", "BR"] }
            for region in Set(countries.map(Region.of)) { add { $0.regions = [region] } }
            add { $0.regions = [Region.of("VN"), Region.of("BR")] }
            add {
                $0.countries = ["BR"]
                $0.subsectors = ["rail"]
            }
            for filter in filters {
                let page = try await client.list(filter, pageSize: 1)
                let matching = try await client.listAll(filter)
                #expect(page.totalSize == UInt64(matching.count), "\(filter)")
            }
        }
    }

    @Test("a database an earlier release wrote gets its cases counted by subsector, country and region when opened")
    func countsMigration() async throws {
        try await withTestDatabases { databases in
            let earlier = try databases.open(CaseStore.migrator, "cases")
            _ = try await CaseStore(database: earlier).seed(SeedCases.all)
            // As the release before v4-more-counts left it.
            try await earlier.write { db in
                try db.execute(sql: "DELETE FROM case_counts WHERE dimension IN ('SUBSECTOR', 'COUNTRY', 'REGION')")
                try db.execute(sql: "DELETE FROM schema_migrations WHERE identifier = 'v4-more-counts'")
            }
            try await earlier.close()
            let store = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
            let check = try await store.checkTotals()
            #expect(check.kept == check.recomputed)
            #expect(check.kept.contains("COUNTRY QA 1") && check.kept.contains("SUBSECTOR airport"), "\(check.kept)")
        }
    }
}
