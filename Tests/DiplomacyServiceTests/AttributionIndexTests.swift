import DiplomacyService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

@Suite("Attribution from kept counts by country and month, following the cases' change feed")
struct AttributionIndexTests {
    @Test(
        "after random event writes and case creates, stage changes and country changes, Attribution equals pairing every event with every case",
        arguments: [UInt64(31), 32])
    func randomLoad(seed: UInt64) async throws {
        try await withDiplomacyStack(seeded: true) { client, store, casesServer in
            try await withClient(port: casesServer.listeningAddress.port!) { cases in
                var random = SeededGenerator(seed: seed)
                let countries = ["VN", "IN", "QA", "BR", "TH"]
                func month() -> String {
                    let year = Int.random(in: 2016...2020, using: &random)
                    return Int.random(in: 0..<4, using: &random) == 0 ? "\(year)" : String(format: "%04d-%02d", year, Int.random(in: 1...12, using: &random))
                }
                func places() -> [String] { Array(countries.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random))) }
                func newCase(_ index: Int) -> ExportCase {
                    var record = ExportCase()
                    record.title = LocalizedText(ja: "案件\(index)", en: "Case \(index)")
                    record.field = .transport
                    record.subsector = "rail"
                    record.countries = places().map { CountryShare($0) }
                    record.businessModels = [.epc]
                    record.provenance = Provenance(agency: "MLIT", document: "test")
                    record.stageDate = month()
                    record.stage = Bool.random(using: &random) ? .contracted : .formation
                    return record
                }

                /// Attribution as asked, and as pairing every top-sales event with every case gives.
                func compare(_ request: AttributionRequest) async throws -> Int {
                    let answered = try await client.unary(TopSalesServiceAPI.attribution, request)
                    let years = try YearRange.from(request.yearFrom, request.yearTo)
                    let events = try await store.topSalesEvents().filter { PartialDate($0.startDate).map { years.contains($0.year) } ?? false }
                    let every = try await cases.serverStreaming(CaseServiceAPI.streamCases, StreamCasesRequest()) { stream in
                        var records: [ExportCase] = []
                        for try await record in stream { records.append(record) }
                        return records
                    }
                    let months = Int(request.months == 0 ? 12 : request.months)
                    let expected = Attribution.attribute(events: events, cases: every, months: months, listing: .max)
                    #expect(answered.attributions == Array(expected.listed.prefix(Int(AttributionRequest.defaultPageSize))), "\(request)")
                    #expect(Int(answered.total) == expected.total, "\(request)")
                    #expect(answered.nextPageToken.isEmpty == (expected.total <= Int(AttributionRequest.defaultPageSize)))
                    // Pages of any size stop within a month and within an event's cases, and
                    // follow one another to the same pairs in the same order.
                    for size: UInt32 in [1, 3, 8, 20] {
                        var paged: [Attribution] = []
                        var page = request
                        page.pageSize = size
                        repeat {
                            let reply = try await client.unary(TopSalesServiceAPI.attribution, page)
                            #expect(reply.attributions.count <= Int(size) && Int(reply.total) == expected.total)
                            #expect(reply.nextPageToken.isEmpty || reply.attributions.count == Int(size), "a page is full unless it is the last")
                            paged += reply.attributions
                            page.pageToken = reply.nextPageToken
                        } while !page.pageToken.isEmpty && paged.count <= expected.total
                        #expect(paged == expected.listed, "\(request), pages of \(size)")
                    }
                    return expected.total
                }

                var caseIDs: [String] = []
                var eventIDs: [String] = []
                var pairs = 0
                for round in 0..<4 {
                    for index in 0..<15 {
                        caseIDs.append(try await cases.unary(CaseServiceAPI.createCase, CreateCaseRequest(newCase(round * 100 + index))).id)
                    }
                    for _ in 0..<10 {
                        let levels: [Level] = [[.minister], [.primeMinister], [.stateMinister, .seniorOfficial], []].randomElement(using: &random)!
                        eventIDs.append(try await client.create(visit(.summit, date: month(), countries: places(), levels: levels)).id)
                    }
                    for _ in 0..<12 {
                        let id = caseIDs.randomElement(using: &random)!
                        let current = try await cases.unary(CaseServiceAPI.getCase, GetCaseRequest(id: id))
                        switch Int.random(in: 0..<3, using: &random) {
                        case 0:
                            var changed = current
                            changed.countries = places().map { CountryShare($0) }
                            _ = try await cases.unary(CaseServiceAPI.updateCase, UpdateCaseRequest(changed, expectedVersion: current.version))
                        case 1 where current.stage == .formation:
                            _ = try await cases.unary(
                                CaseServiceAPI.advanceStage, AdvanceStageRequest(id: id, stage: .contracted, date: "2020-12", expectedVersion: current.version))
                        default:
                            guard current.stage != .cancelled else { continue }
                            _ = try await cases.unary(
                                CaseServiceAPI.advanceStage, AdvanceStageRequest(id: id, stage: .cancelled, date: "2021-01", expectedVersion: current.version))
                        }
                    }
                    for _ in 0..<6 {
                        var event = try await client.unary(TopSalesServiceAPI.getEvent, GetEventRequest(id: eventIDs.randomElement(using: &random)!))
                        switch Int.random(in: 0..<3, using: &random) {
                        case 0: event.startDate = month()
                        case 1: event.countries = places()
                        default: event.participants = Bool.random(using: &random) ? [] : [Participant(post: "pm", level: .primeMinister)]
                        }
                        _ = try await client.unary(TopSalesServiceAPI.updateEvent, UpdateEventRequest(event, expectedVersion: event.version))
                    }
                    // Asked between rounds, so the copy of the cases follows the feed from where it was.
                    pairs = try await compare(AttributionRequest())
                }
                #expect(pairs > 10, "the load makes pairs: \(pairs)")
                _ = try await compare(AttributionRequest(months: 120))
                _ = try await compare(AttributionRequest(months: 3, yearFrom: 2018, yearTo: 2019))
                _ = try await compare(AttributionRequest(months: 36, yearFrom: 2017))
            }
        }
    }

    @Test("ListCaseChanges lists each changed case once, in the order of its last change, a page at a time")
    func changeFeed() async throws {
        try await withDiplomacyStack { _, _, casesServer in
            try await withClient(port: casesServer.listeningAddress.port!) { cases in
                let start = try await cases.unary(CaseServiceAPI.listCaseChanges, ListCaseChangesRequest(after: 0, pageSize: 1000))
                #expect(start.cases.count == SeedCases.all.count && !start.more)
                let first = try await cases.unary(CaseServiceAPI.getCase, GetCaseRequest(id: SeedCases.hamadAirport))
                var changed = first
                changed.notes = "changed after the seed"
                _ = try await cases.unary(CaseServiceAPI.updateCase, UpdateCaseRequest(changed, expectedVersion: first.version))
                let page = try await cases.unary(CaseServiceAPI.listCaseChanges, ListCaseChangesRequest(after: start.position, pageSize: 1))
                #expect(page.cases.map(\.id) == [SeedCases.hamadAirport] && page.cases.first?.notes == "changed after the seed" && !page.more)
                #expect(page.position > start.position)
                let again = try await cases.unary(CaseServiceAPI.listCaseChanges, ListCaseChangesRequest(after: 0, pageSize: 1000))
                #expect(again.cases.last?.id == SeedCases.hamadAirport && again.cases.count == SeedCases.all.count, "moved to the end, listed once")
                let paged = try await cases.unary(CaseServiceAPI.listCaseChanges, ListCaseChangesRequest(after: 0, pageSize: 2))
                #expect(paged.cases.count == 2 && paged.more)
                await #expect(throws: KWPError.self) {
                    try await cases.unary(CaseServiceAPI.listCaseChanges, ListCaseChangesRequest(after: 0, pageSize: 1001))
                }
            }
        }
    }
}
