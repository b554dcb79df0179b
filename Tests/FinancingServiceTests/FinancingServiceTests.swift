import FinancingService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

@Suite("Financing service over live servers")
struct FinancingServiceTests {
    @Test("CreateFinancing checks its cases with the cases service, assigns id and version, numbers the ledger and sums it")
    func createAndGet() async throws {
        try await withFinancingStack { stack in
            let financing = sampleFinancing(
                cases: [SeedCases.submarineCable, SeedCases.abidjanGrainBerth], institution: "JICT", instrument: .equity,
                transactions: [commitment("78000000", "USD", "2019-10"), Transaction(type: .equityPurchase, date: "2020-02", value: Money(amount: "30000000", currency: "USD", valueDate: ""))])
            let created = try await stack.client.create(financing, metadata: ["x-agency": "JICT"])
            #expect(FinancingID.isValid(created.id) && created.version == 1 && created.createdBy == "JICT")
            #expect(created.transactions.map(\.sequence) == [1, 2])
            #expect(created.transactions.allSatisfy { $0.financingID == created.id && $0.recordedBy == "JICT" })
            #expect(created.totals == [LedgerTotal(currency: "USD", committed: DecimalAmount("78000000")!, disbursed: DecimalAmount("30000000")!)])
            let fetched = try await stack.client.unary(FinancingServiceAPI.getFinancing, GetFinancingRequest(id: created.id))
            #expect(fetched == created)
            let history = try await stack.client.unary(FinancingServiceAPI.getFinancingHistory, GetFinancingHistoryRequest(id: created.id))
            #expect(history.changes.map(\.kind) == ["CREATED"] && history.changes[0].by == "JICT")
        }
    }

    @Test("an unknown case is FAILED_PRECONDITION CASE_NOT_FOUND naming it, and nothing is written")
    func unknownCase() async throws {
        try await withFinancingStack { stack in
            let error = await expectKWPError(.failedPrecondition, reason: FinancingServiceAPI.Reason.caseNotFound) {
                _ = try await stack.client.create(sampleFinancing(cases: [SeedCases.hamadAirport, "case-nowhere"]))
            }
            #expect(error?.violations.map(\.field) == ["financing.case_ids[1]"])
            let stored = try await stack.store.count()
            #expect(stored == 0)
        }
    }

    @Test("with the cases service stopped: UNAVAILABLE within the caller's deadline, and nothing written")
    func casesServiceStopped() async throws {
        try await withFinancingStack { stack in
            _ = try await stack.client.create(sampleFinancing())
            stack.casesServer.beginDrain()
            try await waitUntilRefused(port: stack.casesPort)
            await expectKWPError(.unavailable, reason: FinancingServiceAPI.Reason.casesUnavailable) {
                _ = try await stack.client.create(sampleFinancing(), timeout: .seconds(2))
            }
            let stored = try await stack.store.count()
            #expect(stored == 1)
        }
    }

    @Test("with a cases service too slow to answer: UNAVAILABLE before the caller's deadline, and nothing written")
    func casesServiceTooSlow() async throws {
        try await withTestDatabases { databases in
            try await withSilentListener { port in
                try await withFinancingService(casesPort: port, databases: databases) { client, store in
                    // Were the lookup not cut short, this call would end in DEADLINE_EXCEEDED instead. The
                    // service keeps 500 ms of the 2 s back to answer; the client's wait for its connection
                    // does not count against it (the timeout sent is the time left when written).
                    await expectKWPError(.unavailable, reason: FinancingServiceAPI.Reason.casesUnavailable) {
                        _ = try await client.create(sampleFinancing(), timeout: .seconds(2))
                    }
                    let stored = try await store.count()
                    #expect(stored == 0)
                }
            }
        }
    }

    @Test("invalid financings get INVALID_ARGUMENT naming each field, before the cases service is asked")
    func validation() async throws {
        try await withFinancingStack { stack in
            var financing = sampleFinancing(transactions: [Transaction(type: .equitySale, date: "2019", value: Money(amount: "1", currency: "JPY", valueDate: ""))])
            financing.institution = "ACME"
            financing.caseIDs = ["case-nowhere"]
            let error = await expectKWPError(.invalidArgument, reason: FinancingServiceAPI.Reason.invalidField) {
                _ = try await stack.client.create(financing)
            }
            #expect(Set(error?.violations.map(\.field) ?? []) == ["financing.institution", "financing.transactions[0].type"])
            let stored = try await stack.store.count()
            #expect(stored == 0)
        }
    }

    @Test("UpdateFinancing: stale versions and backward status moves are refused; history names fields and transitions")
    func update() async throws {
        try await withFinancingStack { stack in
            let created = try await stack.client.create(sampleFinancing())
            var edited = created
            edited.status = .signed
            edited.caseIDs.append(SeedCases.uzbekThermal)
            edited.loanTerms = LoanTerms(interestRatePercent: "0.1", maturityMonths: 480, gracePeriodMonths: 120, repaymentType: .equalPrincipal)
            let updated = try await stack.client.unary(
                FinancingServiceAPI.updateFinancing, UpdateFinancingRequest(edited, expectedVersion: 1), metadata: ["x-agency": "MOF"])
            #expect(updated.version == 2 && updated.status == .signed && updated.updatedBy == "MOF")
            await expectKWPError(.failedPrecondition, reason: FinancingServiceAPI.Reason.versionMismatch) {
                _ = try await stack.client.unary(FinancingServiceAPI.updateFinancing, UpdateFinancingRequest(edited, expectedVersion: 1))
            }
            var backwards = updated
            backwards.status = .planned
            await expectKWPError(.failedPrecondition, reason: FinancingServiceAPI.Reason.illegalTransition) {
                _ = try await stack.client.unary(FinancingServiceAPI.updateFinancing, UpdateFinancingRequest(backwards, expectedVersion: 2))
            }
            var unknownCase = updated
            unknownCase.caseIDs.append("case-nowhere")
            await expectKWPError(.failedPrecondition, reason: FinancingServiceAPI.Reason.caseNotFound) {
                _ = try await stack.client.unary(FinancingServiceAPI.updateFinancing, UpdateFinancingRequest(unknownCase, expectedVersion: 2))
            }
            let history = try await stack.client.unary(FinancingServiceAPI.getFinancingHistory, GetFinancingHistoryRequest(id: created.id)).changes
            #expect(history.map(\.version) == [1, 2])
            #expect(history[1].changedFields == ["case_ids", "status", "loan_terms"] && history[1].by == "MOF")
            #expect(history[1].summary.contains("APPROVED → SIGNED"))
        }
    }

    @Test("AddTransaction appends to the ledger, once per idempotency key, within the ledger's rules")
    func transactions() async throws {
        try await withFinancingStack { stack in
            let created = try await stack.client.create(sampleFinancing(transactions: [commitment("1000000000", "JPY", "2019-11")]))
            let disbursement = Transaction(type: .disbursement, date: "2020-04", value: Money(amount: "400000000", currency: "JPY", valueDate: ""))
            let key: KWPMetadata = ["idempotency-key": "disb-1", "x-agency": "JICA"]
            let first = try await stack.client.add(disbursement, to: created.id, metadata: key)
            let again = try await stack.client.add(disbursement, to: created.id, metadata: key)
            #expect(first == again && first.transactions.count == 2 && first.version == 2)
            #expect(first.totals[0].disbursed == DecimalAmount("400000000"))
            await expectKWPError(.failedPrecondition, reason: FinancingServiceAPI.Reason.idempotencyKeyReused) {
                _ = try await stack.client.add(commitment("1", "JPY", "2020"), to: created.id, metadata: key)
            }
            await expectKWPError(.failedPrecondition, reason: FinancingServiceAPI.Reason.exceedsCommitment) {
                _ = try await stack.client.add(
                    Transaction(type: .disbursement, date: "2020-05", value: Money(amount: "600000000.01", currency: "JPY", valueDate: "")), to: created.id)
            }
            let wrongType = await expectKWPError(.invalidArgument) {
                _ = try await stack.client.add(
                    Transaction(type: .equityPurchase, date: "2020", value: Money(amount: "1", currency: "JPY", valueDate: "")), to: created.id)
            }
            #expect(wrongType?.violations.map(\.field) == ["transaction.type"])
            await expectKWPError(.notFound, reason: FinancingServiceAPI.Reason.financingNotFound) {
                _ = try await stack.client.add(disbursement, to: "fin-nowhere")
            }
            let ledger = try await stack.client.unary(
                FinancingServiceAPI.listTransactions, ListTransactionsRequest(financingID: created.id, types: [.disbursement]))
            #expect(ledger.transactions.map(\.sequence) == [2])
            let history = try await stack.client.unary(FinancingServiceAPI.getFinancingHistory, GetFinancingHistoryRequest(id: created.id)).changes
            #expect(history.map(\.kind) == ["CREATED", "TRANSACTION_ADDED"] && history[1].by == "JICA")
        }
    }

    @Test("ListFinancing filters by case, institution, instrument, status and commitment year, and pages without repeats")
    func list() async throws {
        try await withFinancingStack(seeded: true) { stack in
            for year in 2015...2021 {
                _ = try await stack.client.create(sampleFinancing(
                    cases: [SeedCases.dhakaKamalapur], institution: year % 2 == 0 ? "JICA" : "JBIC",
                    instrument: year % 2 == 0 ? .odaLoan : .untiedLoan, transactions: [commitment("\(year)", "JPY", "\(year)-03")]))
            }
            var filter = FinancingFilter()
            filter.institutions = ["JICA"]
            let jica = try await stack.client.listFinancing(filter)
            #expect(jica.totalSize == 5, "the two seeded JICA yen loans and the three of even years")
            filter = FinancingFilter()
            filter.caseIDs = [SeedCases.submarineCable]
            #expect(try await stack.client.listFinancing(filter).financings.map(\.id) == ["fin-submarine-cable-jict"])
            filter = FinancingFilter()
            filter.year = 2019
            filter.instruments = [.untiedLoan]
            let page = try await stack.client.listFinancing(filter)
            #expect(page.financings.count == 1 && page.financings[0].transactions[0].date == "2019-03")
            filter = FinancingFilter()
            filter.statuses = [.signed]
            #expect(try await stack.client.listFinancing(filter).totalSize == 3)

            var seen: [String] = []
            var token = ""
            repeat {
                let page = try await stack.client.listFinancing(pageSize: 3, token: token)
                seen += page.financings.map(\.id)
                token = page.nextPageToken
            } while !token.isEmpty
            #expect(seen.count == 11 && Set(seen).count == 11)
            await expectKWPError(.invalidArgument, reason: FinancingServiceAPI.Reason.badPageToken) {
                let first = try await stack.client.listFinancing(pageSize: 2)
                _ = try await stack.client.listFinancing(filter, pageSize: 2, token: first.nextPageToken)
            }
        }
    }

    @Test("the seeded USD 200 billion pledge shows 52.8% reached from its official figure, and the JICT commitment counted")
    func seededPledge() async throws {
        try await withFinancingStack(seeded: true) { stack in
            let progress = try await stack.client.unary(
                FinancingServiceAPI.getPledgeProgress, GetPledgeProgressRequest(pledgeID: SeedFinancing.qualityInfrastructurePledge, asOf: "2019-12"))
            let official = try #require(progress.official)
            #expect(official.sharePercent == "52.8" && official.straightLinePercent == "60" && official.pacePercent == "88")
            #expect(official.source.contains("105.6"))
            #expect(progress.counted.map(\.financingID) == ["fin-submarine-cable-jict"])
            #expect(progress.commitments?.amount == Money(amount: "78000000", currency: "USD", valueDate: "2019-12"))
            let pledges = try await stack.client.unary(FinancingServiceAPI.listPledges, ListPledgesRequest()).pledges
            #expect(pledges.map(\.id) == [SeedFinancing.qualityInfrastructurePledge, SeedFinancing.aseanPledge])
        }
    }

    @Test("pledge progress from commitments in three currencies, converted at their value dates, says which rates it used")
    func pledgeProgressThreeCurrencies() async throws {
        try await withFinancingStack { stack in
            var pledge = Pledge()
            pledge.name = LocalizedText(en: "South Asia test pledge")
            pledge.target = Money(amount: "1000000000", currency: "USD", valueDate: "")
            pledge.periodStart = "2018"
            pledge.periodEnd = "2020"
            pledge.scope = PledgeScope(regions: [.southAsia])
            let created = try await stack.client.unary(FinancingServiceAPI.createPledge, CreatePledgeRequest(pledge), metadata: ["x-agency": "MOF"])
            #expect(PledgeID.isValid(created.id) && created.createdBy == "MOF")

            // Dhaka (Bangladesh) and the healthcare centre (India) are in South Asia; Abidjan is not.
            _ = try await stack.client.create(sampleFinancing(cases: [SeedCases.dhakaKamalapur], transactions: [commitment("100000000", "USD", "2019-04")]))
            _ = try await stack.client.create(sampleFinancing(
                cases: [SeedCases.healthcareLogistics], institution: "JBIC", instrument: .overseasInvestmentLoan,
                transactions: [commitment("50000000", "EUR", "2019-06")]))
            _ = try await stack.client.create(sampleFinancing(
                cases: [SeedCases.dhakaKamalapur, SeedCases.abidjanGrainBerth], transactions: [commitment("10000000000", "JPY", "2020-01-15")]))
            _ = try await stack.client.create(sampleFinancing(cases: [SeedCases.abidjanGrainBerth], transactions: [commitment("5", "USD", "2019")]))

            let progress = try await stack.client.unary(
                FinancingServiceAPI.getPledgeProgress, GetPledgeProgressRequest(pledgeID: created.id, asOf: "2020-06"))
            #expect(progress.counted.map(\.amount.original.currency) == ["USD", "EUR", "JPY"])
            #expect(progress.counted.map(\.amount.converted.amount) == ["100000000", "55962755.710485", "93650496.347631"])
            let figure = try #require(progress.commitments)
            #expect(figure.amount.amount == "249613252.058116" && figure.sharePercent == "24.96" && figure.straightLinePercent == "83.33")
            #expect(Set(figure.ratesUsed.map { "\($0.currency) \($0.period) \($0.jpyPerUnit) \($0.source)" }) == [
                "EUR 2019 122.01 ECB euro reference rate, annual average", "USD 2019 109.01 Federal Reserve G.5A, annual average",
                "USD 2020 106.78 Federal Reserve G.5A, annual average",
            ])
            #expect(progress.official == nil)

            let recorded = try await stack.client.unary(
                FinancingServiceAPI.recordPledgeProgress,
                RecordPledgeProgressRequest(
                    pledgeID: created.id,
                    progress: OfficialProgress(asOf: "2019", amount: Money(amount: "30000000000", currency: "JPY", valueDate: ""), source: "test release")),
                metadata: ["x-agency": "CAS"])
            #expect(recorded.version == 2 && recorded.officialProgress[0].recordedBy == "CAS")
            let withOfficial = try await stack.client.unary(
                FinancingServiceAPI.getPledgeProgress, GetPledgeProgressRequest(pledgeID: created.id, asOf: "2020-06"))
            // JPY 30 billion at 109.01 yen per dollar: 275,204,109.71 USD, 27.52% of the target.
            #expect(withOfficial.official?.amount.amount == "275204109.714705" && withOfficial.official?.sharePercent == "27.52")
        }
    }

    @Test("exchange rates: set with validation and history, listed by filter, used by Convert and SummarizeCommitments")
    func exchangeRates() async throws {
        try await withFinancingStack(seeded: true) { stack in
            let bad = await expectKWPError(.invalidArgument) {
                _ = try await stack.client.unary(
                    FinancingServiceAPI.setExchangeRate,
                    SetExchangeRateRequest(ExchangeRate(currency: "JPY", period: "2019-10", type: .annualAverage, jpyPerUnit: "0", source: "")))
            }
            #expect(Set(bad?.violations.map(\.field) ?? []) == ["rate.currency", "rate.period", "rate.jpy_per_unit", "rate.source"])
            let set = try await stack.client.unary(
                FinancingServiceAPI.setExchangeRate,
                SetExchangeRateRequest(ExchangeRate(currency: "USD", period: "2019-10", type: .monthlyAverage, jpyPerUnit: "108.17", source: "test monthly")),
                metadata: ["x-agency": "MOF"])
            #expect(set.updatedBy == "MOF")
            let usd2019 = try await stack.client.unary(
                FinancingServiceAPI.listExchangeRates, ListExchangeRatesRequest(currency: "USD", yearFrom: 2019, yearTo: 2019))
            #expect(usd2019.rates.map(\.period) == ["2019", "2019-10"])

            let monthly = try await stack.client.unary(
                FinancingServiceAPI.convert, ConvertRequest(amount: Money(amount: "100", currency: "USD", valueDate: "2019-10-15"), toCurrency: "JPY"))
            #expect(monthly.converted.amount == "10817" && monthly.ratesUsed.map(\.period) == ["2019-10"])
            await expectKWPError(.failedPrecondition, reason: FinancingServiceAPI.Reason.rateNotFound) {
                _ = try await stack.client.unary(
                    FinancingServiceAPI.convert, ConvertRequest(amount: Money(amount: "1", currency: "USD", valueDate: "2009"), toCurrency: "JPY"))
            }

            let summary = try await stack.client.unary(FinancingServiceAPI.summarizeCommitments, SummarizeCommitmentsRequest(yearFrom: 2019, yearTo: 2019))
            #expect(summary.byCurrency.map { "\($0.institution) \($0.amount) \($0.currency)" } == ["JICT 78000000 USD"])
            // The seed's commitment is valued 2019-10: the monthly rate now applies.
            #expect(summary.inJPY.map(\.amount) == ["8437260000"])
            for (from, to) in [(3000 as UInt32, 0 as UInt32), (2020, 2019), (0, 99)] {
                await expectKWPError(.invalidArgument) {
                    _ = try await stack.client.unary(FinancingServiceAPI.summarizeCommitments, SummarizeCommitmentsRequest(yearFrom: from, yearTo: to))
                }
            }
        }
    }
}
