import DiplomacyService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

@Suite("Top-sales totals kept with every event write")
struct TopSalesTotalsTests {
    @Test("after random creates and updates (dates, levels, countries, kinds), CountTopSales equals a count of every event", arguments: [UInt64(7), 8])
    func randomLoad(seed: UInt64) async throws {
        try await withDiplomacyStack(seeded: true) { client, store, _ in
            var random = SeededGenerator(seed: seed)
            let countries = ["VN", "IN", "QA", "BR", "TH"]
            func date() -> String {
                switch Int.random(in: 0..<6, using: &random) {
                case 0: ""
                case 1: "\(Int.random(in: 2015...2022, using: &random))"
                default: String(format: "%04d-%02d", Int.random(in: 2015...2022, using: &random), Int.random(in: 1...12, using: &random))
                }
            }
            func levels() -> [Level] {
                Array(Level.allCases.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)))
            }
            func places() -> [String] { Array(countries.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))) }
            let kinds: [EventKind] = [.ministerialVisit, .leaderVisitAbroad, .summit, .taskForce]
            var ids: [String] = []
            for _ in 0..<50 {
                ids.append(try await client.create(visit(kinds.randomElement(using: &random)!, date: date(), countries: places(), levels: levels())).id)
            }
            for _ in 0..<100 {
                var event = try await client.unary(TopSalesServiceAPI.getEvent, GetEventRequest(id: ids.randomElement(using: &random)!))
                switch Int.random(in: 0..<4, using: &random) {
                case 0: event.startDate = date()
                case 1: event.participants = levels().map { Participant(post: $0.rawValue.lowercased(), level: $0) }
                case 2: event.countries = places()
                default: event.kind = kinds.randomElement(using: &random)!
                }
                _ = try await client.unary(TopSalesServiceAPI.updateEvent, UpdateEventRequest(event, expectedVersion: event.version))
            }
            // An undated top-sales event, and one that stops being top sales.
            _ = try await client.create(visit(date: "", levels: [.minister]))
            var stopped = try await client.create(visit(date: "2019-05", countries: ["IN"], levels: [.primeMinister]))
            stopped.participants = []
            _ = try await client.unary(TopSalesServiceAPI.updateEvent, UpdateEventRequest(stopped, expectedVersion: stopped.version))
            let kept = try await client.unary(TopSalesServiceAPI.countTopSales, CountTopSalesRequest())
            let counted = TopSalesTally.count(try await store.topSalesEvents(), years: Int.min...Int.max)
            #expect(kept == counted)
            #expect(kept.byLevel.count >= 5 && kept.undated > 0 && !kept.byCountry.isEmpty, "the load is varied enough to matter: \(kept.byLevel.count) \(kept.undated) \(kept.byCountry.count)")
            let window = try await client.unary(TopSalesServiceAPI.countTopSales, CountTopSalesRequest(yearFrom: 2018, yearTo: 2019))
            #expect(window == TopSalesTally.count(try await store.topSalesEvents(), years: 2018...2019))
        }
    }
}

