import FinancingService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

@Suite("Commitment totals kept with every ledger write")
struct CommitmentTotalsTests {
    @Test("after random financings, ledger entries and changes of institution and instrument, SummarizeCommitments equals a sum of every commitment", arguments: [UInt64(11), 12])
    func randomLoad(seed: UInt64) async throws {
        try await withFinancingStack(seeded: true) { stack in
            var random = SeededGenerator(seed: seed)
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
                    institution: institutions.randomElement(using: &random)!, instrument: loans.randomElement(using: &random)!,
                    transactions: (0..<Int.random(in: 0...2, using: &random)).map { _ in entry() })
                ids.append(try await stack.client.create(financing).id)
            }
            for _ in 0..<80 {
                let id = ids.randomElement(using: &random)!
                if Int.random(in: 0..<4, using: &random) == 0 {
                    var current = try await stack.client.unary(FinancingServiceAPI.getFinancing, GetFinancingRequest(id: id))
                    current.institution = institutions.randomElement(using: &random)!
                    current.instrument = loans.randomElement(using: &random)!
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
            let all = try await stack.client.unary(FinancingServiceAPI.summarizeCommitments, SummarizeCommitmentsRequest())
            #expect(all.byCurrency.count >= 10 && !all.missingRates.isEmpty && all.byCurrency.map(\.commitments).reduce(0, +) >= 60, "the load is varied enough to matter")
        }
    }
}
