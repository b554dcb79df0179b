import CKeikyoProtos
import CProtobufC
import KeikyoModel
import KeikyoWire

/// `keikyo.financing.v1.CreateFinancingRequest`.
public struct CreateFinancingRequest: KWPMessage, Hashable {
    public var financing: Financing
    public init(_ financing: Financing) { self.financing = financing }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__create_financing_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__CreateFinancingRequest, arena: inout CArena) { m.financing = arena.message(financing) }
    public init(protobufC m: borrowing Keikyo__Financing__V1__CreateFinancingRequest) throws {
        financing = try ProtobufC.message(m.financing, as: Financing.self) ?? Financing()
    }
}

/// `keikyo.financing.v1.GetFinancingRequest`.
public struct GetFinancingRequest: KWPMessage, Hashable {
    public var id: String
    public init(id: String) { self.id = id }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__get_financing_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__GetFinancingRequest, arena: inout CArena) { m.id = arena.cString(id) }
    public init(protobufC m: borrowing Keikyo__Financing__V1__GetFinancingRequest) throws { id = ProtobufC.string(m.id) }
}

/// `keikyo.financing.v1.UpdateFinancingRequest`.
public struct UpdateFinancingRequest: KWPMessage, Hashable {
    public var financing: Financing
    public var expectedVersion: UInt64
    public init(_ financing: Financing, expectedVersion: UInt64) {
        self.financing = financing
        self.expectedVersion = expectedVersion
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__update_financing_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__UpdateFinancingRequest, arena: inout CArena) {
        m.financing = arena.message(financing)
        m.expected_version = expectedVersion
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__UpdateFinancingRequest) throws {
        financing = try ProtobufC.message(m.financing, as: Financing.self) ?? Financing()
        expectedVersion = m.expected_version
    }
}

/// `keikyo.financing.v1.ListFinancingRequest`.
public struct ListFinancingRequest: KWPMessage, Hashable {
    public var filter: FinancingFilter
    /// 1 to 500; 0 means 50.
    public var pageSize: UInt32
    public var pageToken: String
    public init(filter: FinancingFilter = FinancingFilter(), pageSize: UInt32 = 0, pageToken: String = "") {
        self.filter = filter
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_financing_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListFinancingRequest, arena: inout CArena) {
        m.filter = arena.message(filter)
        m.page_size = pageSize
        m.page_token = arena.cString(pageToken)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListFinancingRequest) throws {
        self.init(
            filter: try ProtobufC.message(m.filter, as: FinancingFilter.self) ?? FinancingFilter(), pageSize: m.page_size,
            pageToken: ProtobufC.string(m.page_token))
    }
}

/// `keikyo.financing.v1.ListFinancingResponse`.
public struct ListFinancingResponse: KWPMessage, Hashable {
    public var financings: [Financing]
    /// "" on the last page.
    public var nextPageToken: String
    public var totalSize: UInt64
    public init(financings: [Financing], nextPageToken: String, totalSize: UInt64) {
        self.financings = financings
        self.nextPageToken = nextPageToken
        self.totalSize = totalSize
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_financing_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListFinancingResponse, arena: inout CArena) {
        m.n_financings = financings.count
        m.financings = arena.messages(financings)
        m.next_page_token = arena.cString(nextPageToken)
        m.total_size = totalSize
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListFinancingResponse) throws {
        self.init(
            financings: try ProtobufC.messages(m.n_financings, m.financings, as: Financing.self, field: "financings"),
            nextPageToken: ProtobufC.string(m.next_page_token), totalSize: m.total_size)
    }
}

/// `keikyo.financing.v1.AddTransactionRequest`.
public struct AddTransactionRequest: KWPMessage, Hashable {
    public var financingID: String
    public var transaction: Transaction
    /// 0 = any.
    public var expectedVersion: UInt64
    public init(financingID: String, transaction: Transaction, expectedVersion: UInt64 = 0) {
        self.financingID = financingID
        self.transaction = transaction
        self.expectedVersion = expectedVersion
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__add_transaction_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__AddTransactionRequest, arena: inout CArena) {
        m.financing_id = arena.cString(financingID)
        m.transaction = arena.message(transaction)
        m.expected_version = expectedVersion
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__AddTransactionRequest) throws {
        self.init(
            financingID: ProtobufC.string(m.financing_id),
            transaction: try ProtobufC.message(m.transaction, as: Transaction.self)
                ?? Transaction(type: nil, date: "", value: Money(amount: "", currency: "", valueDate: "")),
            expectedVersion: m.expected_version)
    }
}

/// `keikyo.financing.v1.ListTransactionsRequest`.
public struct ListTransactionsRequest: KWPMessage, Hashable {
    /// "" = every financing matching `filter`.
    public var financingID: String
    public var filter: FinancingFilter
    public var types: [TransactionType]
    public init(financingID: String = "", filter: FinancingFilter = FinancingFilter(), types: [TransactionType] = []) {
        self.financingID = financingID
        self.filter = filter
        self.types = types
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_transactions_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListTransactionsRequest, arena: inout CArena) {
        m.financing_id = arena.cString(financingID)
        m.filter = arena.message(filter)
        let numbers = types.map { Keikyo__Financing__V1__TransactionType(rawValue: WireEnum.number($0)) }
        m.n_types = numbers.count
        m.types = arena.scalars(numbers)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListTransactionsRequest) throws {
        self.init(
            financingID: ProtobufC.string(m.financing_id),
            filter: try ProtobufC.message(m.filter, as: FinancingFilter.self) ?? FinancingFilter(),
            types: try ProtobufC.scalars(m.n_types, m.types).enumerated().map { index, value in
                try WireEnum.required(value.rawValue, "types[\(index)]")
            })
    }
}

/// `keikyo.financing.v1.ListTransactionsResponse`.
public struct ListTransactionsResponse: KWPMessage, Hashable {
    public var transactions: [Transaction]
    public init(transactions: [Transaction]) { self.transactions = transactions }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_transactions_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListTransactionsResponse, arena: inout CArena) {
        m.n_transactions = transactions.count
        m.transactions = arena.messages(transactions)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListTransactionsResponse) throws {
        transactions = try ProtobufC.messages(m.n_transactions, m.transactions, as: Transaction.self, field: "transactions")
    }
}

/// `keikyo.financing.v1.GetFinancingHistoryRequest`.
public struct GetFinancingHistoryRequest: KWPMessage, Hashable {
    public var id: String
    public init(id: String) { self.id = id }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__get_financing_history_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__GetFinancingHistoryRequest, arena: inout CArena) { m.id = arena.cString(id) }
    public init(protobufC m: borrowing Keikyo__Financing__V1__GetFinancingHistoryRequest) throws { id = ProtobufC.string(m.id) }
}

/// `keikyo.financing.v1.GetFinancingHistoryResponse`.
public struct GetFinancingHistoryResponse: KWPMessage, Hashable {
    public var changes: [RecordChange]
    public init(changes: [RecordChange]) { self.changes = changes }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__get_financing_history_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__GetFinancingHistoryResponse, arena: inout CArena) {
        m.n_changes = changes.count
        m.changes = arena.messages(changes)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__GetFinancingHistoryResponse) throws {
        changes = try ProtobufC.messages(m.n_changes, m.changes, as: RecordChange.self, field: "changes")
    }
}

/// `keikyo.financing.v1.CreatePledgeRequest`.
public struct CreatePledgeRequest: KWPMessage, Hashable {
    public var pledge: Pledge
    public init(_ pledge: Pledge) { self.pledge = pledge }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__create_pledge_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__CreatePledgeRequest, arena: inout CArena) { m.pledge = arena.message(pledge) }
    public init(protobufC m: borrowing Keikyo__Financing__V1__CreatePledgeRequest) throws {
        pledge = try ProtobufC.message(m.pledge, as: Pledge.self) ?? Pledge()
    }
}

/// `keikyo.financing.v1.GetPledgeRequest`.
public struct GetPledgeRequest: KWPMessage, Hashable {
    public var id: String
    public init(id: String) { self.id = id }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__get_pledge_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__GetPledgeRequest, arena: inout CArena) { m.id = arena.cString(id) }
    public init(protobufC m: borrowing Keikyo__Financing__V1__GetPledgeRequest) throws { id = ProtobufC.string(m.id) }
}

/// `keikyo.financing.v1.ListPledgesRequest`.
public struct ListPledgesRequest: KWPMessage, Hashable {
    public init() {}
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_pledges_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListPledgesRequest, arena: inout CArena) {}
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListPledgesRequest) throws {}
}

/// `keikyo.financing.v1.ListPledgesResponse`.
public struct ListPledgesResponse: KWPMessage, Hashable {
    public var pledges: [Pledge]
    public init(pledges: [Pledge]) { self.pledges = pledges }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_pledges_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListPledgesResponse, arena: inout CArena) {
        m.n_pledges = pledges.count
        m.pledges = arena.messages(pledges)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListPledgesResponse) throws {
        pledges = try ProtobufC.messages(m.n_pledges, m.pledges, as: Pledge.self, field: "pledges")
    }
}

/// `keikyo.financing.v1.RecordPledgeProgressRequest`.
public struct RecordPledgeProgressRequest: KWPMessage, Hashable {
    public var pledgeID: String
    public var progress: OfficialProgress
    /// 0 = any.
    public var expectedVersion: UInt64
    public init(pledgeID: String, progress: OfficialProgress, expectedVersion: UInt64 = 0) {
        self.pledgeID = pledgeID
        self.progress = progress
        self.expectedVersion = expectedVersion
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__record_pledge_progress_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__RecordPledgeProgressRequest, arena: inout CArena) {
        m.pledge_id = arena.cString(pledgeID)
        m.progress = arena.message(progress)
        m.expected_version = expectedVersion
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__RecordPledgeProgressRequest) throws {
        self.init(
            pledgeID: ProtobufC.string(m.pledge_id),
            progress: try ProtobufC.message(m.progress, as: OfficialProgress.self)
                ?? OfficialProgress(asOf: "", amount: Money(amount: "", currency: "", valueDate: ""), source: ""),
            expectedVersion: m.expected_version)
    }
}

/// `keikyo.financing.v1.GetPledgeProgressRequest`.
public struct GetPledgeProgressRequest: KWPMessage, Hashable {
    public var pledgeID: String
    /// "" = today.
    public var asOf: String
    /// Counted commitments listed a page, at most `PledgeProgress.maximumListed`; 0 means `defaultPageSize`.
    public var pageSize: UInt32
    public var pageToken: String
    public init(pledgeID: String, asOf: String = "", pageSize: UInt32 = 0, pageToken: String = "") {
        self.pledgeID = pledgeID
        self.asOf = asOf
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    public static let defaultPageSize: UInt32 = 100

    /// The request without its page: what a page token belongs to.
    public var query: GetPledgeProgressRequest { GetPledgeProgressRequest(pledgeID: pledgeID, asOf: asOf) }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__get_pledge_progress_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__GetPledgeProgressRequest, arena: inout CArena) {
        m.pledge_id = arena.cString(pledgeID)
        m.as_of = arena.cString(asOf)
        m.page_size = pageSize
        m.page_token = arena.cString(pageToken)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__GetPledgeProgressRequest) throws {
        self.init(
            pledgeID: ProtobufC.string(m.pledge_id), asOf: ProtobufC.string(m.as_of), pageSize: m.page_size,
            pageToken: ProtobufC.string(m.page_token))
    }
}

/// `keikyo.financing.v1.SetExchangeRateRequest`.
public struct SetExchangeRateRequest: KWPMessage, Hashable {
    public var rate: ExchangeRate
    public init(_ rate: ExchangeRate) { self.rate = rate }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__set_exchange_rate_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__SetExchangeRateRequest, arena: inout CArena) { m.rate = arena.message(rate) }
    public init(protobufC m: borrowing Keikyo__Financing__V1__SetExchangeRateRequest) throws {
        rate = try ProtobufC.message(m.rate, as: ExchangeRate.self)
            ?? ExchangeRate(currency: "", period: "", type: nil, jpyPerUnit: "", source: "")
    }
}

/// `keikyo.financing.v1.ListExchangeRatesRequest`.
public struct ListExchangeRatesRequest: KWPMessage, Hashable {
    public var currency: String
    public var type: RateType?
    public var yearFrom: UInt32
    public var yearTo: UInt32
    public init(currency: String = "", type: RateType? = nil, yearFrom: UInt32 = 0, yearTo: UInt32 = 0) {
        self.currency = currency
        self.type = type
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_exchange_rates_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListExchangeRatesRequest, arena: inout CArena) {
        m.currency = arena.cString(currency)
        m.type = Keikyo__Financing__V1__RateType(rawValue: WireEnum.number(type))
        m.year_from = yearFrom
        m.year_to = yearTo
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListExchangeRatesRequest) throws {
        self.init(
            currency: ProtobufC.string(m.currency), type: try WireEnum.value(m.type.rawValue, "type"), yearFrom: m.year_from,
            yearTo: m.year_to)
    }
}

/// `keikyo.financing.v1.ListExchangeRatesResponse`.
public struct ListExchangeRatesResponse: KWPMessage, Hashable {
    public var rates: [ExchangeRate]
    public init(rates: [ExchangeRate]) { self.rates = rates }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_exchange_rates_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListExchangeRatesResponse, arena: inout CArena) {
        m.n_rates = rates.count
        m.rates = arena.messages(rates)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListExchangeRatesResponse) throws {
        rates = try ProtobufC.messages(m.n_rates, m.rates, as: ExchangeRate.self, field: "rates")
    }
}

/// `keikyo.financing.v1.ConvertRequest`.
public struct ConvertRequest: KWPMessage, Hashable {
    public var amount: Money
    public var toCurrency: String
    public init(amount: Money, toCurrency: String) {
        self.amount = amount
        self.toCurrency = toCurrency
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__convert_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ConvertRequest, arena: inout CArena) {
        m.amount = arena.message(amount)
        m.to_currency = arena.cString(toCurrency)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ConvertRequest) throws {
        self.init(
            amount: try ProtobufC.message(m.amount, as: Money.self) ?? Money(amount: "", currency: "", valueDate: ""),
            toCurrency: ProtobufC.string(m.to_currency))
    }
}

/// `keikyo.financing.v1.SummarizeCommitmentsRequest`.
public struct SummarizeCommitmentsRequest: KWPMessage, Hashable {
    public var yearFrom: UInt32
    public var yearTo: UInt32
    public init(yearFrom: UInt32 = 0, yearTo: UInt32 = 0) {
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__summarize_commitments_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__SummarizeCommitmentsRequest, arena: inout CArena) {
        m.year_from = yearFrom
        m.year_to = yearTo
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__SummarizeCommitmentsRequest) throws {
        self.init(yearFrom: m.year_from, yearTo: m.year_to)
    }
}

extension CommitmentSummary: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__summarize_commitments_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__SummarizeCommitmentsResponse, arena: inout CArena) {
        m.n_by_currency = byCurrency.count
        m.by_currency = arena.messages(byCurrency)
        m.n_in_jpy = inJPY.count
        m.in_jpy = arena.messages(inJPY)
        m.n_rates_used = ratesUsed.count
        m.rates_used = arena.messages(ratesUsed)
        m.n_missing_rates = missingRates.count
        m.missing_rates = arena.cStrings(missingRates)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__SummarizeCommitmentsResponse) throws {
        self.init()
        byCurrency = try ProtobufC.messages(m.n_by_currency, m.by_currency, as: CommitmentTotal.self, field: "by_currency")
        inJPY = try ProtobufC.messages(m.n_in_jpy, m.in_jpy, as: CommitmentTotal.self, field: "in_jpy")
        ratesUsed = try ProtobufC.messages(m.n_rates_used, m.rates_used, as: ExchangeRate.self, field: "rates_used")
        missingRates = ProtobufC.strings(m.n_missing_rates, m.missing_rates)
    }
}

/// `keikyo.financing.v1.CreateSupportProgrammeRequest`.
public struct CreateSupportProgrammeRequest: KWPMessage, Hashable {
    public var programme: SupportProgramme
    public init(_ programme: SupportProgramme) { self.programme = programme }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__create_support_programme_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__CreateSupportProgrammeRequest, arena: inout CArena) { m.programme = arena.message(programme) }
    public init(protobufC m: borrowing Keikyo__Financing__V1__CreateSupportProgrammeRequest) throws {
        programme = try ProtobufC.message(m.programme, as: SupportProgramme.self) ?? SupportProgramme()
    }
}

/// `keikyo.financing.v1.GetSupportProgrammeRequest`.
public struct GetSupportProgrammeRequest: KWPMessage, Hashable {
    public var id: String
    public init(id: String) { self.id = id }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__get_support_programme_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__GetSupportProgrammeRequest, arena: inout CArena) { m.id = arena.cString(id) }
    public init(protobufC m: borrowing Keikyo__Financing__V1__GetSupportProgrammeRequest) throws { id = ProtobufC.string(m.id) }
}

/// `keikyo.financing.v1.ListSupportProgrammesRequest`.
public struct ListSupportProgrammesRequest: KWPMessage, Hashable {
    public var institution: String
    public var field: String
    public var country: String
    public var covid19Only: Bool
    /// 1...500; 0: 50.
    public var pageSize: UInt32
    public var pageToken: String
    public init(institution: String = "", field: String = "", country: String = "", covid19Only: Bool = false, pageSize: UInt32 = 0, pageToken: String = "") {
        self.institution = institution
        self.field = field
        self.country = country
        self.covid19Only = covid19Only
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_support_programmes_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListSupportProgrammesRequest, arena: inout CArena) {
        m.institution = arena.cString(institution)
        m.field = arena.cString(field)
        m.country = arena.cString(country)
        m.covid_19_only = covid19Only ? 1 : 0
        m.page_size = pageSize
        m.page_token = arena.cString(pageToken)
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListSupportProgrammesRequest) throws {
        self.init(
            institution: ProtobufC.string(m.institution), field: ProtobufC.string(m.field), country: ProtobufC.string(m.country),
            covid19Only: m.covid_19_only != 0, pageSize: m.page_size, pageToken: ProtobufC.string(m.page_token))
    }
}

/// `keikyo.financing.v1.ListSupportProgrammesResponse`.
public struct ListSupportProgrammesResponse: KWPMessage, Hashable {
    public var programmes: [SupportProgramme]
    /// "" on the last page.
    public var nextPageToken: String
    public var totalSize: UInt64
    public init(programmes: [SupportProgramme], nextPageToken: String, totalSize: UInt64) {
        self.programmes = programmes
        self.nextPageToken = nextPageToken
        self.totalSize = totalSize
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__list_support_programmes_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Financing__V1__ListSupportProgrammesResponse, arena: inout CArena) {
        m.n_programmes = programmes.count
        m.programmes = arena.messages(programmes)
        m.next_page_token = arena.cString(nextPageToken)
        m.total_size = totalSize
    }
    public init(protobufC m: borrowing Keikyo__Financing__V1__ListSupportProgrammesResponse) throws {
        self.init(
            programmes: try ProtobufC.messages(m.n_programmes, m.programmes, as: SupportProgramme.self, field: "programmes"),
            nextPageToken: ProtobufC.string(m.next_page_token), totalSize: m.total_size)
    }
}
