import KeikyoModel
import Testing

/// The shipped seed data set: every record valid by the rules callers are held to, and every
/// record and figure saying where it comes from.
@Suite("Seed data: valid, and sourced")
struct SeedProvenanceTests {
    static let seedLines = 493

    /// A seed source names lines that exist in the seed text (1...493).
    static func expectSeedLines(_ source: Source, _ what: String) {
        guard source.kind == .seedDocument else { return }
        let numbers = source.lines.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(!numbers.isEmpty && numbers.allSatisfy { (1...seedLines).contains($0) }, "\(what): lines \(source.lines)")
    }

    @Test("every seeded record passes its own validation")
    func valid() {
        let today = PartialDate("2020-07-09")
        for record in SeedCases.all { #expect(record.violations().isEmpty, "\(record.id): \(record.violations())") }
        for record in SeedFinancing.financings { #expect(record.violations(today: today).isEmpty, "\(record.id): \(record.violations(today: today))") }
        for record in SeedFinancing.pledges { #expect(record.violations().isEmpty, "\(record.id): \(record.violations())") }
        for record in SeedFinancing.programmes { #expect(record.violations().isEmpty, "\(record.id): \(record.violations())") }
        for record in SeedFinancing.exchangeRates { #expect(record.violations().isEmpty, "\(record.currency) \(record.period)") }
        for record in SeedEvents.all { #expect(record.violations(today: today).isEmpty, "\(record.id): \(record.violations(today: today))") }
        let indicators = Dictionary(uniqueKeysWithValues: SeedKPI.indicators.map { ($0.code, $0) })
        for record in SeedKPI.actuals {
            #expect(record.violations(indicator: indicators[record.indicator]).isEmpty, "\(record.id): \(record.violations(indicator: indicators[record.indicator]))")
        }
        for record in SeedKPI.targets { #expect(record.violations().isEmpty, "\(record.indicator) \(record.targetYear)") }
    }

    @Test("every seeded record and figure names its source: the seed's lines, or another document with its date")
    func sourced() {
        var sources: [(String, Source)] = []
        sources += SeedCases.all.map { ($0.id, $0.provenance.source) }
        sources += SeedFinancing.financings.map { ($0.id, $0.provenance) }
        sources += SeedFinancing.pledges.map { ($0.id, $0.provenance) }
        sources += SeedFinancing.pledges.flatMap { pledge in pledge.officialProgress.map { ("\(pledge.id) progress \($0.asOf)", $0.provenance) } }
        sources += SeedFinancing.pledges.flatMap { pledge in pledge.contributions.map { ("\(pledge.id) \($0.institution)", $0.provenance) } }
        sources += SeedFinancing.programmes.map { ($0.id, $0.provenance) }
        sources += SeedFinancing.exchangeRates.map { ("\($0.currency) \($0.period)", $0.provenance) }
        sources += SeedEvents.all.map { ($0.id, $0.provenance) }
        sources += SeedEvents.all.flatMap { event in event.caseLinks.map { ("\(event.id) → \($0.caseID)", $0.provenance) } }
        sources += SeedKPI.actuals.map { ($0.id, $0.provenance) }
        sources += SeedKPI.targets.map { ("\($0.indicator) \($0.targetYear)", $0.provenance) }
        sources += SeedStrategies.all.map { ($0.id, $0.provenance) }
        sources += SeedStrategies.all.flatMap { strategy in strategy.pillars.map { ("\(strategy.id) pillar \($0.number)", $0.provenance) } }
        #expect(sources.count > 120, "\(sources.count) sources")
        for (what, source) in sources {
            switch source.kind {
            case .seedDocument: Self.expectSeedLines(source, what)
            case .publicDocument: #expect(!source.title.isEmpty && PartialDate(source.date) != nil, "\(what): a document needs its title and date")
            case .inferred: #expect(!source.note.isEmpty, "\(what): an inference says what it rests on")
            default: Issue.record("\(what) has no source (\(String(describing: source.kind)))")
            }
        }
    }

    @Test("pledge progress says its official figure is the seed's (l.138) and the rest derived")
    func pledgeProgressSources() throws {
        let pledge = try #require(SeedFinancing.pledges.first { $0.id == SeedFinancing.qualityInfrastructurePledge })
        let progress = pledge.progress(commitments: [], rates: RateTable(SeedFinancing.exchangeRates), asOf: try #require(PartialDate("2020")))
        let sources = Dictionary(uniqueKeysWithValues: progress.figureSources.map { ($0.figure, $0.source) })
        #expect(sources["official.amount"]?.kind == .seedDocument && sources["official.amount"]?.lines == "138")
        #expect(sources["official.share_percent"]?.kind == .derived && sources["commitments.amount"]?.kind == .derived)
    }

    @Test("the seed sets no top-sales target, and every event link it does not make is marked as an inference")
    func noUnsourcedClaims() {
        #expect(!SeedKPI.targets.contains { $0.indicator == SeedKPI.topSalesPrimeMinister || $0.indicator == SeedKPI.topSalesMinisters })
        let inferred = SeedEvents.all.flatMap { event in event.caseLinks.filter { $0.provenance.kind == .inferred }.map { "\(event.id) \($0.caseID)" } }
        #expect(Set(inferred) == [
            "\(SeedEvents.ticad7) \(SeedCases.abidjanGrainBerth)", "\(SeedEvents.smartCityNetwork) \(SeedCases.amataSmartCity)",
            "\(SeedEvents.smartCityTaskForce) \(SeedCases.amataSmartCity)",
        ])
        #expect(!SeedFinancing.pledges.contains { $0.scope.institutions.contains("DBJ") })
        let cable = SeedCases.all.first { $0.id == SeedCases.submarineCable }
        #expect(cable?.parties.contains { $0.name.ja == "NTT国際通信" } == true && cable?.keyDates.financialClose == "")
    }

    @Test("a reply that lists what it counted stops at 1,000 entries and says how many there are: pledge progress and attribution")
    func cappedLists() throws {
        let pledge = try #require(SeedFinancing.pledges.first { $0.id == SeedFinancing.qualityInfrastructurePledge })
        let candidates = (0..<1_500).map { index in
            CandidateCommitment(
                financingID: "fin-\(index)", institution: "JBIC", instrument: .overseasInvestmentLoan,
                transaction: Transaction(type: .commitment, date: "2019", value: Money(amount: "1", currency: "USD", valueDate: "2019")), caseCountries: [])
        }
        let progress = pledge.progress(commitments: candidates, rates: RateTable(SeedFinancing.exchangeRates), asOf: try #require(PartialDate("2020")))
        #expect(progress.counted.count == PledgeProgress.maximumListed && progress.countedTotal == 1_500)
        #expect(progress.commitments?.amount.amount == "1500", "every commitment is in the total, listed or not")
    }
}
