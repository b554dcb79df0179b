import CasesService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

@Suite("Cases service over a live server")
struct CaseServiceTests {
    @Test("CreateCase assigns id, version and history; GetCase returns exactly what was stored")
    func createAndGet() async throws {
        try await withCasesService { client, _ in
            var record = sampleCase(1)
            record.countries = [CountryShare("SG", percent: "50"), CountryShare("IN", percent: "50")]
            record.contractValue = Money(amount: "1200000000.5", currency: "JPY", valueDate: "2020-03")
            record.keyDates = KeyDates(mou: "2019-05", contractSignature: "2020-03-31")
            record.stage = .contracted
            record.stageDate = "2020-03-31"
            record.parties = [Party(name: LocalizedText(ja: "東亜建設工業", en: "Toa Corporation"), role: .contractor, kind: .japaneseCompany, country: "JP")]
            record.policyTags = [.foip, .qualityInfrastructure]
            record.sdgGoals = [9, 11]
            let created = try await client.create(record, metadata: ["x-agency": "MLIT"])
            #expect(CaseID.isValid(created.id) && created.id.count == 17)
            #expect(created.version == 1)
            #expect(created.createdBy == "MLIT" && created.createdAt != nil)
            #expect(created.stageHistory.map(\.stage) == [.contracted])
            #expect(created.stageHistory.first?.date == "2020-03-31")

            let fetched = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: created.id))
            #expect(fetched == created)
            #expect(fetched.regions == [.eastAsiaPacific, .southAsia])
            #expect(fetched.contractValue?.amount == "1200000000.5")
        }
    }

    @Test("an invalid case gets INVALID_ARGUMENT naming each bad field, and nothing is written")
    func validation() async throws {
        try await withCasesService { client, store in
            var record = sampleCase()
            record.countries = [CountryShare("XX", percent: "60"), CountryShare("VN", percent: "30")]
            record.contractValue = Money(amount: "-5", currency: "YEN", valueDate: "2020")
            record.title = LocalizedText()
            record.keyDates = KeyDates(award: "2020-05", contractSignature: "2020-01")
            let error = await expectKWPError(.invalidArgument, reason: CaseServiceAPI.Reason.invalidField) {
                _ = try await client.create(record)
            }
            #expect(Set(error?.violations.map(\.field) ?? []) == [
                "case.title", "case.countries[0].country", "case.countries", "case.contract_value.amount",
                "case.contract_value.currency", "case.key_dates.contract_signature",
            ])
            let stored = try await store.count()
            #expect(stored == 0)

            var withID = sampleCase()
            withID.id = "case-mine"
            await expectKWPError(.invalidArgument) { _ = try await client.create(withID) }
        }
    }

    @Test("UpdateCase needs the current version: a stale one gets VERSION_MISMATCH; history names what changed")
    func updateAndConflict() async throws {
        try await withCasesService { client, _ in
            let created = try await client.create(sampleCase(2))
            var edited = created
            edited.notes = "tender documents published"
            edited.subsector = "urban_transit"
            let updated = try await client.unary(CaseServiceAPI.updateCase, UpdateCaseRequest(edited, expectedVersion: 1), metadata: ["x-agency": "METI"])
            #expect(updated.version == 2 && updated.notes == "tender documents published" && updated.updatedBy == "METI")
            #expect(updated.createdAt == created.createdAt)

            await expectKWPError(.failedPrecondition, reason: CaseServiceAPI.Reason.versionMismatch) {
                _ = try await client.unary(CaseServiceAPI.updateCase, UpdateCaseRequest(edited, expectedVersion: 1))
            }
            let history = try await client.unary(CaseServiceAPI.getCaseHistory, GetCaseHistoryRequest(id: created.id)).changes
            #expect(history.map(\.version) == [1, 2])
            #expect(history.map(\.kind) == [.created, .updated])
            #expect(history[1].changedFields == ["subsector", "notes"])
            #expect(history[1].by == "METI")

            var stageSmuggled = updated
            stageSmuggled.stage = .completed
            stageSmuggled.notes = "trying"
            let after = try await client.unary(CaseServiceAPI.updateCase, UpdateCaseRequest(stageSmuggled, expectedVersion: 2))
            #expect(after.stage == .formation, "UpdateCase does not change the stage")
        }
    }

    @Test("AdvanceStage follows the stage machine; an illegal move gets ILLEGAL_TRANSITION and changes nothing")
    func advance() async throws {
        try await withCasesService { client, _ in
            var record = sampleCase(3)
            record.stageDate = "2019-06"
            let created = try await client.create(record)
            let bidding = try await client.unary(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: created.id, stage: .bidding, date: "2020-02", note: "tender"))
            #expect(bidding.stage == .bidding && bidding.version == 2)
            let won = try await client.unary(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: created.id, stage: .contracted, date: "2020-06-30", expectedVersion: 2))
            #expect(won.stageHistory.map(\.stage) == [.formation, .bidding, .contracted])

            await expectKWPError(.failedPrecondition, reason: CaseServiceAPI.Reason.illegalTransition) {
                _ = try await client.unary(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: created.id, stage: .lost, date: "2020-07"))
            }
            await expectKWPError(.failedPrecondition, reason: CaseServiceAPI.Reason.versionMismatch) {
                _ = try await client.unary(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: created.id, stage: .construction, date: "2020-07", expectedVersion: 2))
            }
            await expectKWPError(.invalidArgument) {
                _ = try await client.unary(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: created.id, stage: .construction, date: "2020-05"))
            }
            await expectKWPError(.invalidArgument) {
                _ = try await client.unary(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: created.id, stage: .construction, date: "2999-01"))
            }
            let unchanged = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: created.id))
            #expect(unchanged.version == 3 && unchanged.stage == .contracted)

            let suspended = try await client.unary(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: created.id, stage: .suspended, date: "2020-08", note: "COVID-19"))
            #expect(suspended.stage == .suspended)
            let resumed = try await client.unary(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: created.id, stage: .contracted, date: "2021-01"))
            #expect(resumed.stage == .contracted)
        }
    }

    @Test("an unknown case gets NOT_FOUND CASE_NOT_FOUND")
    func notFound() async throws {
        try await withCasesService { client, _ in
            await expectKWPError(.notFound, reason: CaseServiceAPI.Reason.caseNotFound) {
                _ = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: "case-nothere"))
            }
            await expectKWPError(.invalidArgument) {
                _ = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: "../etc/passwd"))
            }
        }
    }

    @Test("ListCases filters the seed by field, country, region, stage, contract year, party and title")
    func filters() async throws {
        try await withCasesService(seeded: true) { client, _ in
            func ids(_ configure: (inout CaseFilter) -> Void) async throws -> Set<String> {
                var filter = CaseFilter()
                configure(&filter)
                return Set(try await client.listAll(filter).map(\.id))
            }
            #expect(try await ids { _ in }.count == SeedCases.all.count)
            #expect(try await ids { $0.fields = [.transport] } == [
                SeedCases.abidjanGrainBerth, SeedCases.hamadAirport, SeedCases.colomboECT, SeedCases.dhakaKamalapur, SeedCases.canadaRailcar,
            ])
            #expect(try await ids { $0.countries = ["IN"] } == [SeedCases.submarineCable, SeedCases.healthcareLogistics])
            #expect(try await ids { $0.regions = [.southAsia] } == [
                SeedCases.submarineCable, SeedCases.colomboECT, SeedCases.dhakaKamalapur, SeedCases.healthcareLogistics,
            ])
            #expect(try await ids { $0.stages = [.completed] } == [SeedCases.amataSmartCity, SeedCases.laosFiscal])
            #expect(try await ids { $0.contractYearFrom = 2019; $0.contractYearTo = 2019 } == [SeedCases.abidjanGrainBerth, SeedCases.westernSydney])
            #expect(try await ids { $0.partyName = "toa corp" } == [SeedCases.abidjanGrainBerth])
            #expect(try await ids { $0.partyName = "鴻池" } == [SeedCases.healthcareLogistics])
            #expect(try await ids { $0.text = "airport" } == [SeedCases.hamadAirport, SeedCases.westernSydney])
            #expect(try await ids { $0.text = "100%_" } == [])
            #expect(try await ids { $0.fields = [.transport]; $0.regions = [.southAsia] } == [SeedCases.colomboECT, SeedCases.dhakaKamalapur])
            let page = try await client.list({ var f = CaseFilter(); f.fields = [.transport]; return f }(), pageSize: 2)
            #expect(page.cases.count == 2 && page.totalSize == 5 && !page.nextPageToken.isEmpty)
        }
    }

    @Test("paging while another task inserts skips and repeats no case")
    func pagingDuringInserts() async throws {
        try await withCasesService { client, _ in
            var before: Set<String> = []
            for index in 0..<300 { before.insert(try await client.create(sampleCase(index)).id) }
            let inserted = Task {
                for index in 300..<500 { _ = try await client.create(sampleCase(index)) }
            }
            var seen: [String] = []
            var token = ""
            repeat {
                let page = try await client.list(pageSize: 37, token: token)
                seen += page.cases.map(\.id)
                token = page.nextPageToken
            } while !token.isEmpty
            try await inserted.value
            #expect(seen.count == Set(seen).count, "no case repeated")
            #expect(before.isSubset(of: Set(seen)), "no case that existed at the start skipped")
        }
    }

    @Test("a page token is refused with another filter, or when forged")
    func badTokens() async throws {
        try await withCasesService(seeded: true) { client, _ in
            let first = try await client.list(pageSize: 2)
            var other = CaseFilter()
            other.fields = [.energy]
            await expectKWPError(.invalidArgument, reason: CaseServiceAPI.Reason.badPageToken) {
                _ = try await client.list(other, pageSize: 2, token: first.nextPageToken)
            }
            await expectKWPError(.invalidArgument, reason: CaseServiceAPI.Reason.badPageToken) {
                _ = try await client.list(pageSize: 2, token: "AAAA")
            }
            await expectKWPError(.invalidArgument) { _ = try await client.list(pageSize: 501) }
        }
    }

    @Test("a CreateCase retried with the same idempotency-key returns the first result and creates nothing")
    func idempotentRetry() async throws {
        try await withCasesService { client, store in
            let first = try await client.create(sampleCase(7), metadata: ["idempotency-key": "req-7"])
            let retry = try await client.create(sampleCase(7), metadata: ["idempotency-key": "req-7"])
            #expect(retry == first)
            let afterRetry = try await store.count()
            #expect(afterRetry == 1)
            await expectKWPError(.failedPrecondition, reason: CaseServiceAPI.Reason.idempotencyKeyReused) {
                _ = try await client.create(sampleCase(8), metadata: ["idempotency-key": "req-7"])
            }
            let afterReuse = try await store.count()
            #expect(afterReuse == 1)
        }
    }

    @Test("StreamCases sends every matching case")
    func stream() async throws {
        try await withCasesService(seeded: true) { client, _ in
            for index in 0..<450 { _ = try await client.create(sampleCase(index, field: .energy)) }
            var filter = CaseFilter()
            filter.fields = [.energy]
            let streamed = try await client.serverStreaming(CaseServiceAPI.streamCases, StreamCasesRequest(filter: filter)) { stream in
                var ids: [String] = []
                for try await record in stream { ids.append(record.id) }
                return ids
            }
            #expect(streamed.count == 451 && Set(streamed).count == 451)
            #expect(streamed.contains(SeedCases.uzbekThermal))
        }
    }

    @Test("SummarizeOrders sums Japanese shares exactly by year × field and by country, in each currency")
    func summarize() async throws {
        try await withCasesService { client, _ in
            func won(_ index: Int, _ amount: String, _ currency: String, year: String, countries: [CountryShare], field: KPIField = .transport, kpi: Bool = true) async throws {
                var record = sampleCase(index, field: field)
                record.countries = countries
                record.japaneseShare = Money(amount: amount, currency: currency, valueDate: year)
                record.keyDates.contractSignature = year
                record.stage = .contracted
                record.stageDate = year
                record.countsTowardKPI = kpi
                _ = try await client.create(record)
            }
            try await won(1, "0.1", "USD", year: "2019-11", countries: [CountryShare("VN")])
            try await won(2, "0.2", "USD", year: "2019-12", countries: [CountryShare("VN")])
            try await won(3, "1000", "JPY", year: "2019-01", countries: [CountryShare("SG", percent: "25"), CountryShare("IN", percent: "75")])
            try await won(4, "90", "USD", year: "2020", countries: [CountryShare("SG"), CountryShare("MM"), CountryShare("IN")], field: .ictTelecomBusiness)
            try await won(5, "5", "USD", year: "2019", countries: [CountryShare("VN")], kpi: false)
            _ = try await client.create(sampleCase(6))  // not won
            var noValue = sampleCase(7)
            noValue.stage = .contracted
            noValue.countsTowardKPI = true
            noValue.keyDates.contractSignature = "2019"
            _ = try await client.create(noValue)

            let summary = try await client.unary(CaseServiceAPI.summarizeOrders, SummarizeOrdersRequest())
            #expect(summary.byYearField.map { "\($0.year) \($0.field!.rawValue) \($0.currency) \($0.amount) \($0.cases)" } == [
                "2019 TRANSPORT JPY 1000 1", "2019 TRANSPORT USD 0.3 2", "2020 ICT_TELECOM_BUSINESS USD 90 1",
            ])
            #expect(summary.byCountry.map { "\($0.country) \($0.currency) \($0.amount)" } == [
                "IN JPY 750", "IN USD 30", "MM USD 30", "SG JPY 250", "SG USD 30", "VN USD 0.3",
            ])
            #expect(summary.casesWithoutValue == 1)
            let only2020 = try await client.unary(CaseServiceAPI.summarizeOrders, SummarizeOrdersRequest(yearFrom: 2020, yearTo: 2020))
            #expect(only2020.byYearField.count == 1)
        }
    }

    @Test("the seed loads every FACTS.md case once; loading again changes nothing")
    func seedTwice() async throws {
        try await withTestDatabases { databases in
            let store = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
            #expect(try await store.seed(SeedCases.all) == SeedCases.all.count)
            #expect(try await store.seed(SeedCases.all) == 0)
            #expect(try await store.count() == SeedCases.all.count)
            let abidjan = try await store.get(id: SeedCases.abidjanGrainBerth)
            #expect(abidjan.title.ja == "アビジャン港穀物バース建設事業")
            #expect(abidjan.stage == .contracted && abidjan.createdBy == "seed")
        }
    }
}
