import FinancingService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

@Suite("Commitment totals and pledge counts kept with every ledger write")
struct CommitmentTotalsTests {
    @Test(
        "after random financings, ledger entries and changes of institution, instrument and cases, SummarizeCommitments and GetPledgeProgress equal a count of every commitment",
        arguments: [UInt64(11), 12])
    func randomLoad(seed: UInt64) async throws {
        try await withFinancingStack(seeded: true) { stack in
            var random = SeededGenerator(seed: seed)
            let caseSets = [[SeedCases.abidjanGrainBerth], [SeedCases.dhakaKamalapur], [SeedCases.healthcareLogistics],
                [SeedCases.dhakaKamalapur, SeedCases.abidjanGrainBerth]]
            func pledge(_ name: String, _ scope: PledgeScope, from: String = "2016", to: String = "2021-06") async throws -> String {
                var pledge = Pledge()
                pledge.name = LocalizedText(en: name)
                pledge.target = Money(amount: "5000000000", currency: "USD", valueDate: "")
                pledge.periodStart = from
                pledge.periodEnd = to
                pledge.scope = scope
                return try await stack.client.unary(FinancingServiceAPI.createPledge, CreatePledgeRequest(pledge), metadata: ["x-agency": "MOF"]).id
            }
            var pledges = [
                try await pledge("open", PledgeScope()),
                try await pledge("two lenders", PledgeScope(institutions: ["JICA", "JBIC"]), from: "2018-04"),
                try await pledge("South Asia", PledgeScope(regions: [.southAsia])),
            ]
            let institutions = ["JICA", "JBIC", "NEXI", "JOIN"]
            let loans: [Instrument] = [.odaLoan, .overseasInvestmentLoan, .untiedLoan]
            func entry() -> Transaction {
                let currency = ["USD", "EUR", "JPY", "XOF"].randomElement(using: &random)!
                let date = Int.random(in: 0..<3, using: &random) == 0
                    ? "\(Int.random(in: 2015...2022, using: &random))"
                    : String(format: "%04d-%02d", Int.random(in: 2015...2022, using: &random), Int.random(in: 1...12, using: &random))
                return commitment("\(Int.random(in: 1...90_000, using: &random))000.5", currency, date)
            }
            var ids: [String] = []
            for _ in 0..<30 {
                let financing = sampleFinancing(
                    cases: caseSets.randomElement(using: &random)!, institution: institutions.randomElement(using: &random)!, instrument: loans.randomElement(using: &random)!,
                    transactions: (0..<Int.random(in: 0...2, using: &random)).map { _ in entry() })
                ids.append(try await stack.client.create(financing).id)
            }
            // Counted from the ledgers on record when it is created, then kept.
            pledges.append(try await pledge("Bangladesh and Côte d'Ivoire loans", PledgeScope(instruments: [.odaLoan, .untiedLoan], countries: ["BD", "CI"])))
            for _ in 0..<80 {
                let id = ids.randomElement(using: &random)!
                if Int.random(in: 0..<4, using: &random) == 0 {
                    var current = try await stack.client.unary(FinancingServiceAPI.getFinancing, GetFinancingRequest(id: id))
                    current.institution = institutions.randomElement(using: &random)!
                    current.instrument = loans.randomElement(using: &random)!
                    if Bool.random(using: &random) { current.caseIDs = caseSets.randomElement(using: &random)! }
                    _ = try await stack.client.unary(FinancingServiceAPI.updateFinancing, UpdateFinancingRequest(current, expectedVersion: current.version))
                } else {
                    _ = try await stack.client.add(entry(), to: id)
                }
            }
            let rates = RateTable(try await stack.store.rates())
            for (from, to): (UInt32, UInt32) in [(0, 0), (2017, 2019)] {
                let kept = try await stack.client.unary(FinancingServiceAPI.summarizeCommitments, SummarizeCommitmentsRequest(yearFrom: from, yearTo: to))
                let years = (from == 0 ? 1900 : Int(from))...(to == 0 ? 2200 : Int(to))
                let all = try await stack.store.commitments()
                let counted = CommitmentSummary.summarize(all.map { ($0.financing.institution, $0.financing.instrument, $0.transaction) }, rates: rates, years: years)
                #expect(kept.byCurrency == counted.byCurrency && kept.inJPY == counted.inJPY && kept.missingRates == counted.missingRates)
                #expect(Set(kept.ratesUsed) == Set(counted.ratesUsed), "the same rates, listed in another order")
            }
            let countries = Dictionary(uniqueKeysWithValues: SeedCases.all.map { ($0.id, $0.countries.map(\.country)) })
            let candidates = try await stack.store.commitments().map { entry in
                CandidateCommitment(
                    financingID: entry.financing.id, institution: entry.financing.institution, instrument: entry.financing.instrument,
                    transaction: entry.transaction, caseCountries: entry.financing.caseIDs.flatMap { countries[$0] ?? [] })
            }
            var tokens: [(String, GetPledgeProgressRequest)] = []
            for id in pledges + SeedFinancing.pledges.map(\.id) {
                for asOf in ["2019-06", "2020", "2026-12-01"] {
                    let kept = try await stack.client.unary(FinancingServiceAPI.getPledgeProgress, GetPledgeProgressRequest(pledgeID: id, asOf: asOf))
                    let counted = kept.pledge.progress(commitments: candidates, rates: rates, asOf: try #require(PartialDate(asOf)))
                    let what = "\(kept.pledge.name.en) as of \(asOf)"
                    #expect(kept.commitments?.amount == counted.commitments?.amount && kept.countedTotal == counted.countedTotal, "\(what)")
                    let firstPage = Array(counted.counted.prefix(Int(GetPledgeProgressRequest.defaultPageSize)))
                    #expect(kept.counted.map(\.line) == firstPage.map(\.line), "\(what)")
                    #expect(kept.warnings == counted.warnings, "\(what)")
                    var rest = kept
                    (rest.counted, rest.nextPageToken) = (counted.counted, "")
                    #expect(rest == counted, "\(what): the rest of the reply")
                    // The listing three at a time: the same commitments in the same order, the
                    // figures the same on every page.
                    var paged: [CountedCommitment] = []
                    var request = GetPledgeProgressRequest(pledgeID: id, asOf: asOf, pageSize: 3)
                    repeat {
                        let page = try await stack.client.unary(FinancingServiceAPI.getPledgeProgress, request)
                        #expect(page.counted.count <= 3 && page.countedTotal == counted.countedTotal && page.commitments == counted.commitments)
                        paged += page.counted
                        if !page.nextPageToken.isEmpty { tokens.append((page.nextPageToken, request)) }
                        request.pageToken = page.nextPageToken
                    } while !request.pageToken.isEmpty && paged.count <= Int(counted.countedTotal)
                    #expect(paged.map(\.line) == counted.counted.map(\.line), "\(what), pages of 3")
                    if asOf == "2026-12-01", id == pledges[3] { #expect(kept.countedTotal >= 5, "the country scope counts some") }
                }
            }
            // A page token holds for the pledge and date it was issued for, and only as issued.
            let (token, issuedFor) = try #require(tokens.first, "some pledge counts more than three commitments")
            for request in [
                GetPledgeProgressRequest(pledgeID: issuedFor.pledgeID, asOf: "2018", pageSize: 3, pageToken: token),
                GetPledgeProgressRequest(pledgeID: issuedFor.pledgeID, asOf: issuedFor.asOf, pageToken: String(token.dropLast(3))),
                GetPledgeProgressRequest(pledgeID: issuedFor.pledgeID, asOf: issuedFor.asOf, pageToken: "AgAAAAAAAAAAAAE"),
            ] {
                await expectKWPError(.invalidArgument, reason: "BAD_PAGE_TOKEN") { _ = try await stack.client.unary(FinancingServiceAPI.getPledgeProgress, request) }
            }
            await expectKWPError(.invalidArgument) {
                _ = try await stack.client.unary(FinancingServiceAPI.getPledgeProgress, GetPledgeProgressRequest(pledgeID: issuedFor.pledgeID, pageSize: 1001))
            }
            let all = try await stack.client.unary(FinancingServiceAPI.summarizeCommitments, SummarizeCommitmentsRequest())
            #expect(all.byCurrency.count >= 10 && !all.missingRates.isEmpty && all.byCurrency.map(\.commitments).reduce(0, +) >= 60, "the load is varied enough to matter")
        }
    }
}

extension CountedCommitment {
    fileprivate var line: String { "\(financingID) #\(transactionSequence) \(amount.converted.amount)" }
}
