import CKeikyoProtos
import CProtobufC
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoWire
import Testing

@Suite("Financing messages on the wire")
struct FinancingMessageTests {
    static var fullFinancing: Financing {
        var financing = Financing()
        financing.id = "fin-full"
        financing.caseIDs = ["case-a", "case-b"]
        financing.institution = "JBIC"
        financing.instrument = .overseasInvestmentLoan
        financing.facility = "JBIC_GROWTH_INVESTMENT_FACILITY"
        financing.status = .disbursing
        financing.title = LocalizedText(ja: "融資", en: "Loan")
        financing.loanTerms = LoanTerms(
            interestRatePercent: "0.65", maturityMonths: 180, gracePeriodMonths: 36, repaymentType: .equalPrincipal, referenceRate: "TORF")
        financing.coFinanciers = [CoFinancier(institution: "US_DFC", amount: Money(amount: "50000000", currency: "USD", valueDate: "2020"), note: "parallel")]
        var entry = Transaction(type: .disbursement, date: "2020-04-01", value: Money(amount: "1000.5", currency: "EUR", valueDate: "2020-04"), note: "first")
        entry.sequence = 2
        entry.financingID = "fin-full"
        entry.recordedAt = Date(timeIntervalSince1970: 1_586_217_600.25)
        entry.recordedBy = "JBIC"
        financing.transactions = [entry]
        financing.totals = [LedgerTotal(currency: "EUR", committed: DecimalAmount("2000")!, disbursed: DecimalAmount("1000.5")!, repaid: .zero)]
        financing.source = "doc"
        financing.url = "https://example.org"
        financing.notes = "notes"
        financing.version = 3
        financing.createdAt = Date(timeIntervalSince1970: 1_577_836_800)
        financing.createdBy = "JBIC"
        financing.updatedAt = Date(timeIntervalSince1970: 1_586_217_600.5)
        financing.updatedBy = "METI"
        return financing
    }

    static var fullProgress: PledgeProgress {
        var pledge = SeedFinancing.pledges[0]
        pledge.scope = PledgeScope(institutions: ["JICA"], instruments: [.odaLoan, .equity], regions: [.southAsia], countries: ["IN"])
        pledge.officialProgress[0].recordedAt = Date(timeIntervalSince1970: 1_600_000_000)
        pledge.officialProgress[0].recordedBy = "CAS"
        let rate = SeedFinancing.exchangeRates[9]
        let converted = ConvertedAmount(
            original: Money(amount: "1", currency: "EUR", valueDate: "2019"), converted: Money(amount: "1.12", currency: "USD", valueDate: "2019"),
            ratesUsed: [rate])
        let figure = ProgressFigure(
            basis: .commitments, amount: Money(amount: "1.12", currency: "USD", valueDate: "2019"), asOf: "2019", sharePercent: "0",
            straightLinePercent: "60", pacePercent: "0", source: "s", ratesUsed: [rate])
        return PledgeProgress(
            pledge: pledge, official: nil, commitments: figure, counted: [CountedCommitment(financingID: "fin-x", transactionSequence: 1, amount: converted)],
            warnings: ["w"])
    }

    @Test("every field of a financing, a pledge's progress and a summary survives protobuf-c encoding")
    func roundTrips() throws {
        #expect(try ProtobufCCodec.decode(Financing.self, from: try ProtobufCCodec.encode(Self.fullFinancing)) == Self.fullFinancing)
        #expect(try ProtobufCCodec.decode(PledgeProgress.self, from: try ProtobufCCodec.encode(Self.fullProgress)) == Self.fullProgress)
        var summary = CommitmentSummary()
        summary.byCurrency = [CommitmentTotal(year: 2019, institution: "JICT", instrument: .equity, currency: "USD", amount: "78000000", commitments: 1)]
        summary.inJPY = [CommitmentTotal(year: 2019, institution: "JICT", instrument: .equity, currency: "JPY", amount: "8502780000", commitments: 1)]
        summary.ratesUsed = [SeedFinancing.exchangeRates[9]]
        summary.missingRates = ["XOF 2019"]
        #expect(try ProtobufCCodec.decode(CommitmentSummary.self, from: try ProtobufCCodec.encode(summary)) == summary)
    }

    @Test("a financing survives JSON and back, with enum names as in the .proto")
    func json() throws {
        let json = try ProtobufJSON.decode(try ProtobufCCodec.encode(Self.fullFinancing), as: Financing.protobufCDescriptor)
        #expect(json.contains("\"instrument\": \"INSTRUMENT_OVERSEAS_INVESTMENT_LOAN\""))
        #expect(json.contains("\"type\": \"TRANSACTION_TYPE_DISBURSEMENT\""))
        let back = try ProtobufCCodec.decode(Financing.self, from: try ProtobufJSON.encode(json: json, as: Financing.protobufCDescriptor))
        #expect(back == Self.fullFinancing)
    }

    @Test("proto enums and model code lists agree, value by value")
    func enumsAgree() {
        #expect(CaseMessageTests.names(keikyo__financing__v1__instrument__descriptor_ptr(), prefix: "INSTRUMENT_") == ["UNSPECIFIED"] + Instrument.allCases.map(\.rawValue))
        #expect(CaseMessageTests.names(keikyo__financing__v1__financing_status__descriptor_ptr(), prefix: "FINANCING_STATUS_") == ["UNSPECIFIED"] + FinancingStatus.allCases.map(\.rawValue))
        #expect(CaseMessageTests.names(keikyo__financing__v1__transaction_type__descriptor_ptr(), prefix: "TRANSACTION_TYPE_") == ["UNSPECIFIED"] + TransactionType.allCases.map(\.rawValue))
        #expect(CaseMessageTests.names(keikyo__financing__v1__repayment_type__descriptor_ptr(), prefix: "REPAYMENT_TYPE_") == ["UNSPECIFIED"] + RepaymentType.allCases.map(\.rawValue))
        #expect(CaseMessageTests.names(keikyo__financing__v1__rate_type__descriptor_ptr(), prefix: "RATE_TYPE_") == ["UNSPECIFIED"] + RateType.allCases.map(\.rawValue))
    }

    @Test("an unknown region in a pledge's scope is refused, naming the field")
    func unknownRegion() throws {
        let bytes = try ProtobufJSON.encode(json: #"{"scope": {"regions": ["ATLANTIS"]}}"#, as: Pledge.protobufCDescriptor)
        do {
            _ = try ProtobufCCodec.decode(Pledge.self, from: bytes)
            Issue.record("accepted region ATLANTIS")
        } catch let error as KWPError {
            #expect(error.violations.map(\.field) == ["scope.regions[0]"])
        }
    }
}

@Suite("Diplomacy messages on the wire")
struct DiplomacyMessageTests {
    @Test("every field of an event survives protobuf-c and JSON; the top-sales fields are derived on the way out")
    func roundTrips() throws {
        var event = SeedEvents.all[0]
        event.endDate = "2019-01-12"
        event.outcomes = Outcomes(
            statements: [LocalizedText(ja: "声明", en: "statement")],
            memoranda: [Memorandum(title: LocalizedText(en: "MoC"), url: "https://example.org/moc", signedOn: "2019-01-12")],
            pledgeIDs: ["pledge-x"])
        event.caseLinks[0].linkedAt = Date(timeIntervalSince1970: 1_600_000_000.5)
        event.caseLinks[0].linkedBy = "MOFA"
        event.version = 4
        event.createdAt = Date(timeIntervalSince1970: 1_577_836_800)
        event.createdBy = "MOFA"
        event.updatedAt = Date(timeIntervalSince1970: 1_586_217_600.5)
        event.updatedBy = "CAS"
        #expect(try ProtobufCCodec.decode(Event.self, from: try ProtobufCCodec.encode(event)) == event)
        let json = try ProtobufJSON.decode(try ProtobufCCodec.encode(event), as: Event.protobufCDescriptor)
        #expect(json.contains("\"top_sales\": true") && json.contains("\"top_sales_level\": \"LEVEL_PRIME_MINISTER\""))
        #expect(try ProtobufCCodec.decode(Event.self, from: try ProtobufJSON.encode(json: json, as: Event.protobufCDescriptor)) == event)

        var tally = TopSalesTally()
        tally.byLevel = [TopSalesCount(year: 2019, level: .minister, events: 3)]
        tally.byCountry = [TopSalesCount(year: 2019, country: "QA", events: 1)]
        tally.targets = [TopSalesTarget(year: 2019, group: "PRIME_MINISTER", events: 3, target: 10, met: false)]
        tally.undated = 2
        #expect(try ProtobufCCodec.decode(TopSalesTally.self, from: try ProtobufCCodec.encode(tally)) == tally)
        let attribution = Attribution(
            eventID: "event-x", eventTitle: LocalizedText(en: "e"), eventDate: "2019-01", level: .primeMinister, caseID: "case-x",
            caseTitle: LocalizedText(ja: "案件"), country: "QA", contractedOn: "2019-11", monthsAfter: 10,
            japaneseShare: Money(amount: "1", currency: "JPY", valueDate: "2019"), linked: true)
        let response = AttributionResponse(attributions: [attribution])
        #expect(try ProtobufCCodec.decode(AttributionResponse.self, from: try ProtobufCCodec.encode(response)) == response)
    }

    @Test("proto enums and model code lists agree, value by value")
    func enumsAgree() {
        #expect(CaseMessageTests.names(keikyo__diplomacy__v1__event_kind__descriptor_ptr(), prefix: "EVENT_KIND_") == ["UNSPECIFIED"] + EventKind.allCases.map(\.rawValue))
        #expect(CaseMessageTests.names(keikyo__diplomacy__v1__level__descriptor_ptr(), prefix: "LEVEL_") == ["UNSPECIFIED"] + Level.allCases.map(\.rawValue))
        #expect(CaseMessageTests.names(keikyo__diplomacy__v1__case_relation__descriptor_ptr(), prefix: "CASE_RELATION_") == ["UNSPECIFIED"] + CaseRelation.allCases.map(\.rawValue))
    }
}

@Suite("Year ranges from requests")
struct YearRangeTests {
    @Test("0 leaves an end open; years outside 1900-2200 and reversed ranges are INVALID_ARGUMENT, never a trap")
    func ranges() throws {
        #expect(try YearRange.from(0, 0) == 1900...2200)
        #expect(try YearRange.from(2019, 0) == 2019...2200)
        #expect(try YearRange.from(0, 1950) == 1900...1950)
        for (from, to) in [(3000 as UInt32, 0 as UInt32), (0, 1), (2020, 2019), (UInt32.max, UInt32.max)] {
            #expect(throws: KWPError.self) { try YearRange.from(from, to) }
        }
    }
}
