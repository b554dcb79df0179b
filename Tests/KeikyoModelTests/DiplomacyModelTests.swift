import Foundation
import KeikyoModel
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
