import Foundation
import KeikyoModel
import Testing

@Suite("Financing model")
struct FinancingModelTests {
    static func money(_ amount: String, _ currency: String, _ date: String = "") -> Money {
        Money(amount: amount, currency: currency, valueDate: date)
    }

    static func rate(_ currency: String, _ period: String, _ value: String, _ type: RateType = .annualAverage) -> ExchangeRate {
        ExchangeRate(currency: currency, period: period, type: type, jpyPerUnit: value, source: "test")
    }

    @Test("decimal products, quotients and percentages round half up at the sixth decimal and refuse overflow")
    func decimalArithmetic() throws {
        let amount = try #require(DecimalAmount("50000000"))
        let rate = try #require(DecimalAmount("122.01"))
        #expect(amount.multiplied(by: rate)?.description == "6100500000")
        #expect(DecimalAmount("6100500000")!.divided(by: DecimalAmount("109.01")!)?.description == "55962755.710485")
        #expect(DecimalAmount("2")!.divided(by: DecimalAmount("3")!)?.description == "0.666667")
        #expect(DecimalAmount("1")!.divided(by: .zero) == nil)
        #expect(DecimalAmount("105600000000")!.percent(of: DecimalAmount("200000000000")!)?.description == "52.8")
        #expect(DecimalAmount("2")!.percent(of: DecimalAmount("3")!)?.description == "66.67")
        #expect(DecimalAmount("999999999999999999999999")!.multiplied(by: DecimalAmount("999999999999999999999999")!) == nil)
    }

    @Test("a rate is the day's, else the month's, else the year's; never another period's")
    func rateLookup() throws {
        let table = RateTable([
            Self.rate("USD", "2019", "109.01"), Self.rate("USD", "2019-10", "108.17", .monthlyAverage),
            Self.rate("USD", "2019-10-01", "107.99", .daily),
        ])
        #expect(table.rate(for: "USD", at: PartialDate("2019-10-01")!)?.jpyPerUnit == "107.99")
        #expect(table.rate(for: "USD", at: PartialDate("2019-10-02")!)?.jpyPerUnit == "108.17")
        #expect(table.rate(for: "USD", at: PartialDate("2019-03")!)?.jpyPerUnit == "109.01")
        #expect(table.rate(for: "USD", at: PartialDate("2019")!)?.jpyPerUnit == "109.01")
        #expect(table.rate(for: "USD", at: PartialDate("2020")!) == nil)
        #expect(table.rate(for: "EUR", at: PartialDate("2019")!) == nil)
    }

    @Test("conversion goes through yen and names every rate; a missing rate is named")
    func conversion() throws {
        let table = RateTable(SeedFinancing.exchangeRates)
        let converted = try table.convert(Self.money("50000000", "EUR", "2019-06"), to: "USD").get()
        #expect(converted.converted == Self.money("55962755.710485", "USD", "2019-06"))
        #expect(converted.ratesUsed.map { "\($0.currency) \($0.period)" } == ["EUR 2019", "USD 2019"])
        let yen = try table.convert(Self.money("78000000", "USD", "2019-10"), to: "JPY").get()
        #expect(yen.converted.amount == "8502780000" && yen.ratesUsed.count == 1)
        let same = try table.convert(Self.money("5", "USD"), to: "USD").get()
        #expect(same.converted.amount == "5" && same.ratesUsed.isEmpty)
        switch table.convert(Self.money("1", "XOF", "2019"), to: "JPY") {
        case .success: Issue.record("converted XOF without a rate")
        case .failure(let failure): #expect(failure.missingRate == "XOF 2019")
        }
    }

    @Test("the seeded rates cover USD and EUR for every year 2010-2024, annual averages, all valid")
    func seededRates() {
        let rates = SeedFinancing.exchangeRates
        for currency in ["USD", "EUR"] {
            #expect(rates.filter { $0.currency == currency }.map(\.period) == (2010...2024).map(String.init))
        }
        #expect(rates.allSatisfy { $0.type == .annualAverage && $0.violations().isEmpty })
    }

    @Test("a status moves forward, may skip, may be cancelled before it is final, and never goes back")
    func statusMachine() {
        #expect(FinancingStatus.planned.canMove(to: .signed))
        #expect(FinancingStatus.disbursing.canMove(to: .cancelled))
        #expect(!FinancingStatus.signed.canMove(to: .approved))
        #expect(!FinancingStatus.repaid.canMove(to: .cancelled))
        #expect(!FinancingStatus.cancelled.canMove(to: .planned))
        #expect(FinancingStatus.cancelled.canMove(to: .cancelled))
    }

    @Test("the ledger refuses outflows beyond commitments, repayments beyond outflows, and entries once closed")
    func ledgerRules() {
        var financing = Financing()
        financing.instrument = .odaLoan
        financing.status = .signed
        financing.transactions = [Transaction(type: .commitment, date: "2019", value: Self.money("100", "JPY"))]
        #expect(financing.ledgerRefusal(adding: Transaction(type: .disbursement, date: "2020", value: Self.money("100", "JPY"))) == nil)
        #expect(financing.ledgerRefusal(adding: Transaction(type: .disbursement, date: "2020", value: Self.money("100.5", "JPY")))?.reason == "EXCEEDS_COMMITMENT")
        financing.transactions.append(Transaction(type: .disbursement, date: "2020", value: Self.money("60", "JPY")))
        #expect(financing.ledgerRefusal(adding: Transaction(type: .repayment, date: "2021", value: Self.money("61", "JPY")))?.reason == "EXCEEDS_DISBURSED")
        #expect(financing.ledgerRefusal(adding: Transaction(type: .disbursement, date: "2020", value: Self.money("999", "USD"))) == nil,
            "a currency with no commitment is not bounded")
        financing.status = .cancelled
        #expect(financing.ledgerRefusal(adding: Transaction(type: .interest, date: "2021", value: Self.money("1", "JPY")))?.reason == "LEDGER_CLOSED")
        #expect(LedgerTotal.of(financing.transactions) == [LedgerTotal(currency: "JPY", committed: DecimalAmount("100")!, disbursed: DecimalAmount("60")!)])
    }

    @Test("validation names each bad field, including ledger entries a loan cannot have")
    func validation() {
        var financing = Financing()
        financing.caseIDs = ["case-a", "case-a", "nope"]
        financing.institution = "ACME"
        financing.facility = "JBIC_GROWTH_INVESTMENT_FACILITY"
        financing.instrument = .odaLoan
        financing.loanTerms = LoanTerms(interestRatePercent: "101", maturityMonths: 12, gracePeriodMonths: 24)
        financing.transactions = [
            Transaction(type: .equityPurchase, date: "2019", value: Self.money("1", "JPY")),
            Transaction(type: .commitment, date: "2099", value: Self.money("0", "YEN")),
        ]
        let fields = Set(financing.violations(today: PartialDate("2026-11-29")).map(\.field))
        #expect(fields == [
            "case_ids[2]", "case_ids", "institution", "facility", "status", "title", "loan_terms.interest_rate_percent",
            "loan_terms.grace_period_months", "transactions[0].type", "transactions[1].date", "transactions[1].value.currency",
            "transactions[1].value.amount",
        ])
        for financing in SeedFinancing.financings {
            #expect(financing.violations(today: PartialDate("2026-11-29")).isEmpty, "\(financing.id)")
        }
        for pledge in SeedFinancing.pledges { #expect(pledge.violations().isEmpty, "\(pledge.id)") }
    }

    @Test("the straight line counts whole months; the seeded USD 200 billion pledge is 52.8% reached against 60%")
    func seededPledge() throws {
        let pledge = try #require(SeedFinancing.pledges.first { $0.id == SeedFinancing.qualityInfrastructurePledge })
        #expect(pledge.straightLinePercent(at: PartialDate("2016")!)?.description == "0")
        #expect(pledge.straightLinePercent(at: PartialDate("2017-06")!)?.description == "10")
        #expect(pledge.straightLinePercent(at: PartialDate("2030")!)?.description == "100")
        let progress = pledge.progress(commitments: [], rates: RateTable(SeedFinancing.exchangeRates), asOf: PartialDate("2019")!)
        let official = try #require(progress.official)
        #expect(official.sharePercent == "52.8")
        #expect(official.straightLinePercent == "60")
        #expect(official.pacePercent == "88")
        #expect(official.amount == Self.money("105600000000", "USD", "2019"))
        #expect(progress.commitments?.amount.amount == "0")
    }

    @Test("progress counts commitments in scope and period, converted at their value dates, three currencies")
    func progressFromCommitments() throws {
        var pledge = Pledge()
        pledge.target = Self.money("1000000000", "USD")
        pledge.periodStart = "2018"
        pledge.periodEnd = "2020"
        pledge.scope = PledgeScope(institutions: ["JICA", "JBIC"], regions: [.southAsia])
        func candidate(_ id: String, _ institution: String, _ type: TransactionType, _ money: Money, _ date: String, countries: [String] = ["IN"])
            -> CandidateCommitment
        {
            var entry = Transaction(type: type, date: date, value: money)
            entry.sequence = 1
            return CandidateCommitment(financingID: id, institution: institution, instrument: .odaLoan, transaction: entry, caseCountries: countries)
        }
        let candidates = [
            candidate("fin-usd", "JICA", .commitment, Self.money("100000000", "USD"), "2019-04"),
            candidate("fin-eur", "JBIC", .commitment, Self.money("50000000", "EUR"), "2019-06"),
            candidate("fin-jpy", "JICA", .commitment, Self.money("10000000000", "JPY", "2020-01"), "2020-01-15"),
            candidate("fin-before", "JICA", .commitment, Self.money("1", "USD"), "2017-12"),
            candidate("fin-nexi", "NEXI", .commitment, Self.money("1", "USD"), "2019"),
            candidate("fin-vn", "JICA", .commitment, Self.money("1", "USD"), "2019", countries: ["VN"]),
            candidate("fin-disb", "JICA", .disbursement, Self.money("1", "USD"), "2019"),
            candidate("fin-xof", "JICA", .commitment, Self.money("1", "XOF"), "2019"),
        ]
        let progress = pledge.progress(commitments: candidates, rates: RateTable(SeedFinancing.exchangeRates), asOf: PartialDate("2020-06")!)
        #expect(progress.counted.map(\.financingID) == ["fin-usd", "fin-eur", "fin-jpy"])
        // 100,000,000 + 50,000,000 × 122.01 / 109.01 + 10,000,000,000 / 106.78, each rounded to millionths.
        #expect(progress.counted.map(\.amount.converted.amount) == ["100000000", "55962755.710485", "93650496.347631"])
        let figure = try #require(progress.commitments)
        #expect(figure.amount.amount == "249613252.058116")
        #expect(figure.sharePercent == "24.96")
        #expect(figure.straightLinePercent == "83.33")
        #expect(Set(figure.ratesUsed.map { "\($0.currency) \($0.period) \($0.jpyPerUnit)" }) == ["EUR 2019 122.01", "USD 2019 109.01", "USD 2020 106.78"])
        #expect(progress.warnings == ["1 commitment of 1 XOF valued 2019 left out: no XOF rate for 2019 (daily, monthly or annual)"])
        #expect(progress.official == nil)
    }

    @Test("commitments sum by year, institution and instrument, in yen at each value date")
    func summary() throws {
        var a = Transaction(type: .commitment, date: "2019-10", value: Self.money("78000000", "USD"))
        a.sequence = 1
        let b = Transaction(type: .commitment, date: "2019", value: Self.money("1000", "JPY"))
        let c = Transaction(type: .commitment, date: "2019", value: Self.money("5", "XOF"))
        let d = Transaction(type: .commitment, date: "2015", value: Self.money("5", "USD"))
        let summary = CommitmentSummary.summarize(
            [("JICT", .equity, a), ("JICT", .equity, b), ("JICT", .equity, c), ("JICA", .odaLoan, d)],
            rates: RateTable(SeedFinancing.exchangeRates), years: 2016...2020)
        #expect(summary.byCurrency.map { "\($0.year) \($0.currency) \($0.amount)" } == ["2019 JPY 1000", "2019 USD 78000000", "2019 XOF 5"])
        #expect(summary.inJPY.map { "\($0.year) \($0.institution) \($0.amount) \($0.commitments)" } == ["2019 JICT 8502781000 2"])
        #expect(summary.missingRates == ["XOF 2019"])
        #expect(summary.ratesUsed.map(\.period) == ["2019"])
    }
}
