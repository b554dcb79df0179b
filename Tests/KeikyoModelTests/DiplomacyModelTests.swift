import Foundation
import KeikyoModel
import KeikyoTestSupport
import Testing

@Suite("Diplomacy model")
struct DiplomacyModelTests {
    static func event(_ kind: EventKind, _ date: String, _ levels: [Level], countries: [String] = ["VN"]) -> Event {
        var event = Event()
        event.id = "event-\(UUID().uuidString.prefix(8).lowercased())"
        event.kind = kind
        event.startDate = date
        event.countries = countries
        event.title = LocalizedText(en: "test")
        event.participants = levels.map { Participant(post: "post", level: $0) }
        return event
    }

    @Test("top sales follow from the participants: the highest rank; never for task forces, \"other\" or no participants")
    func topSalesRule() {
        #expect(Self.event(.ministerialVisit, "2019", [.seniorOfficial, .minister]).topSalesLevel == .minister)
        #expect(Self.event(.summit, "2019", [.primeMinister, .minister]).topSalesLevel == .primeMinister)
        #expect(Self.event(.taskForce, "2019", [.minister]).topSalesLevel == nil)
        #expect(Self.event(.other, "2019", [.primeMinister]).topSalesLevel == nil)
        #expect(Self.event(.policyDialogue, "2019", []).isTopSales == false)
    }

    @Test("validation names each bad field; the seed is valid")
    func validation() {
        var event = Self.event(.summit, "2099-01", [.primeMinister], countries: ["JP", "XX", "VN", "VN"])
        event.endDate = "2098"
        event.participants.append(Participant(name: "x", post: "", level: nil))
        event.counterparts = [Counterpart(post: "Emir", country: "ZZ")]
        event.outcomes.pledgeIDs = ["fin-not-a-pledge"]
        let fields = Set(event.violations(today: PartialDate("2026-11-29")).map(\.field))
        #expect(fields == [
            "start_date", "end_date", "countries[0]", "countries[1]", "countries", "participants[1].post", "participants[1].level",
            "counterparts[0].country", "outcomes.pledge_ids[0]",
        ])
        for event in SeedEvents.all {
            #expect(event.violations(today: PartialDate("2026-11-29")).isEmpty, "\(event.id)")
            #expect(event.caseLinks.allSatisfy { $0.violations().isEmpty }, "\(event.id)")
        }
    }

    @Test("the tally counts each top-sales event once in its year at its level, once per country and per group")
    func tally() {
        var events = (0..<12).map { _ in Self.event(.leaderVisitAbroad, "2019-03", [.primeMinister], countries: ["IN", "BD"]) }
        events += (0..<5).map { _ in Self.event(.ministerialVisit, "2019-07-01", [.minister, .seniorOfficial]) }
        events += [
            Self.event(.seniorOfficialVisit, "2020", [.seniorOfficial]), Self.event(.summit, "", [.primeMinister]),
            Self.event(.taskForce, "2019", [.minister]), Self.event(.summit, "2018", [.primeMinister]),
        ]
        let tally = TopSalesTally.count(events, years: 2019...2020)
        #expect(tally.byLevel == [
            TopSalesCount(year: 2019, level: .primeMinister, events: 12), TopSalesCount(year: 2019, level: .minister, events: 5),
            TopSalesCount(year: 2020, level: .seniorOfficial, events: 1),
        ])
        #expect(tally.byCountry.filter { $0.year == 2019 }.map { "\($0.country) \($0.events)" } == ["BD 12", "IN 12", "VN 5"])
        #expect(tally.byGroup.filter { $0.year == 2019 }.map { "\($0.group) \($0.events) \($0.hasTarget)" } == [
            "PRIME_MINISTER 12 false", "MINISTERS_AND_SENIOR_OFFICIALS 5 false",
        ])
        #expect(tally.targets.isEmpty, "the diplomacy service assumes no target")
        #expect(tally.undated == 1)
    }

    @Test("attribution by country and month lists and counts what pairing every event with every case gives", arguments: [UInt64(21), 22, 23])
    func attributionMatchesPairingAll(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let countries = ["VN", "IN", "QA", "BR"]
        func date() -> String {
            let year = Int.random(in: 2015...2020, using: &random)
            return Bool.random(using: &random) ? "\(year)" : String(format: "%04d-%02d", year, Int.random(in: 1...12, using: &random))
        }
        let events = (0..<60).map { index -> Event in
            let levels: [Level] = [[.minister], [.primeMinister], [.stateMinister, .seniorOfficial], []][index % 4]
            let involved = Array(countries.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random)))
            var event = Self.event(.ministerialVisit, date(), levels, countries: involved)
            event.id = String(format: "event-%03d", index)
            return event
        }
        let cases = (0..<80).map { index -> ExportCase in
            var record = ExportCase()
            record.id = String(format: "case-%03d", Int.random(in: 0..<1000, using: &random) * 100 + index)
            record.countries = countries.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random)).map { CountryShare($0) }
            record.stage = index % 5 == 0 ? .formation : .contracted
            record.stageHistory = [StageChange(stage: .formation, date: "2014"), StageChange(stage: record.stage!, date: date())]
            return record
        }
        // What Attribution did before it indexed the cases: every event against every case, then sorted.
        var everyPair: [Attribution] = []
        for event in events {
            guard let level = event.topSalesLevel, let start = PartialDate(event.startDate) else { continue }
            for record in cases {
                guard let contracted = Attribution.contractedDate(record),
                    let country = record.countries.map(\.country).first(where: event.countries.contains)
                else { continue }
                let caseMonth: Int = contracted.year * 12 + (contracted.month ?? 12)
                let eventMonth: Int = start.year * 12 + (start.month ?? 1)
                let after = caseMonth - eventMonth
                guard (0...12).contains(after) else { continue }
                everyPair.append(Attribution(
                    eventID: event.id, eventTitle: event.title, eventDate: event.startDate, level: level, caseID: record.id,
                    caseTitle: record.title, country: country, contractedOn: contracted.description, monthsAfter: UInt32(after),
                    japaneseShare: nil, linked: false))
            }
        }
        everyPair.sort { ($0.eventDate, $0.eventID, $0.caseID) < ($1.eventDate, $1.eventID, $1.caseID) }
        #expect(everyPair.count > 30, "the random data makes pairs")
        let capped = Attribution.attribute(events: events, cases: cases, months: 12, listing: 25)
        #expect(capped.total == everyPair.count && capped.listed == Array(everyPair.prefix(25)))
        #expect(Attribution.attribute(events: events, cases: cases, months: 12) == everyPair)
    }

    @Test("attribution pairs a dated top-sales event with cases of its countries won within N months, by month")
    func attribution() throws {
        let cases = SeedCases.all
        let pairs = Attribution.attribute(events: SeedEvents.all, cases: cases, months: 12)
        let hamad = try #require(pairs.first { $0.caseID == SeedCases.hamadAirport })
        #expect(hamad.eventID == SeedEvents.qatarSummit && hamad.monthsAfter == 10 && hamad.contractedOn == "2019-11" && hamad.linked)
        #expect(hamad.level == .primeMinister && hamad.country == "QA")
        #expect(Attribution.attribute(events: SeedEvents.all, cases: cases, months: 9).allSatisfy { $0.caseID != SeedCases.hamadAirport })

        var before = Self.event(.summit, "2019-12", [.primeMinister], countries: ["QA"])
        before.id = "event-after-the-win"
        #expect(Attribution.attribute(events: [before], cases: cases, months: 12).isEmpty, "an event after the win explains nothing")
        var yearOnly = Self.event(.summit, "2019", [.primeMinister], countries: ["QA"])
        yearOnly.id = "event-year-only"
        #expect(Attribution.attribute(events: [yearOnly], cases: cases, months: 12).map(\.monthsAfter) == [10], "a bare year is its January")
    }
}
