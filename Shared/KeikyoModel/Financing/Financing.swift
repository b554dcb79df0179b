import Foundation

/// How one of Japan's public finance bodies backs one or more cases, with its ledger.
public struct Financing: Sendable, Hashable {
    public var id = ""
    /// Cases service ids; the financing service stores the ids only.
    public var caseIDs: [String] = []
    public var institution = ""
    public var instrument: Instrument? = nil
    public var facility = ""
    public var status: FinancingStatus? = nil
    public var title = LocalizedText()
    public var loanTerms: LoanTerms? = nil
    public var coFinanciers: [CoFinancier] = []
    public var transactions: [Transaction] = []
    /// Output only, from the ledger.
    public var totals: [LedgerTotal] = []
    public var source = ""
    public var url = ""
    /// Where `source` is: the seed's lines, a document's date.
    public var provenance = Source()
    public var notes = ""
    public var version: UInt64 = 0
    public var createdAt: Date? = nil
    public var createdBy = ""
    public var updatedAt: Date? = nil
    public var updatedBy = ""

    public init() {}
}

/// One ledger entry (IATI transaction types, narrowed to what these bodies do).
public struct Transaction: Sendable, Hashable {
    /// Position in the ledger from 1; set by the server.
    public var sequence: UInt32 = 0
    public var type: TransactionType? = nil
    public var date = ""
    public var value = Money(amount: "", currency: "", valueDate: "")
    public var note = ""
    public var financingID = ""
    public var recordedAt: Date? = nil
    public var recordedBy = ""

    public init(type: TransactionType?, date: String, value: Money, note: String = "") {
        self.type = type
        self.date = date
        self.value = value
        self.note = note
    }

    /// The date the amount is valued at: its own value date, else the transaction's date.
    public var valueDate: PartialDate? { PartialDate(value.valueDate.isEmpty ? date : value.valueDate) }
}

public struct LoanTerms: Sendable, Hashable {
    public var interestRatePercent = ""
    public var maturityMonths: UInt32 = 0
    public var gracePeriodMonths: UInt32 = 0
    public var repaymentType: RepaymentType? = nil
    public var referenceRate = ""

    public init(
        interestRatePercent: String = "", maturityMonths: UInt32 = 0, gracePeriodMonths: UInt32 = 0,
        repaymentType: RepaymentType? = nil, referenceRate: String = ""
    ) {
        self.interestRatePercent = interestRatePercent
        self.maturityMonths = maturityMonths
        self.gracePeriodMonths = gracePeriodMonths
        self.repaymentType = repaymentType
        self.referenceRate = referenceRate
    }
}

public struct CoFinancier: Sendable, Hashable {
    /// An institution code, or a name for a body not on the list.
    public var institution: String
    public var amount: Money?
    public var note: String

    public init(institution: String, amount: Money? = nil, note: String = "") {
        self.institution = institution
        self.amount = amount
        self.note = note
    }
}

/// What a ledger adds up to in one currency.
public struct LedgerTotal: Sendable, Hashable {
    public var currency: String
    public var committed: DecimalAmount
    /// Disbursements and equity purchases.
    public var disbursed: DecimalAmount
    /// Repayments and equity sales.
    public var repaid: DecimalAmount

    public init(currency: String, committed: DecimalAmount = .zero, disbursed: DecimalAmount = .zero, repaid: DecimalAmount = .zero) {
        self.currency = currency
        self.committed = committed
        self.disbursed = disbursed
        self.repaid = repaid
    }

    /// Per currency, in currency order; transactions whose amount does not parse are skipped.
    public static func of(_ transactions: [Transaction]) -> [LedgerTotal] {
        var totals: [String: LedgerTotal] = [:]
        for transaction in transactions {
            guard let amount = transaction.value.decimal, let type = transaction.type else { continue }
            let currency = transaction.value.currency
            var total = totals[currency] ?? LedgerTotal(currency: currency)
            switch type {
            case .commitment: total.committed = total.committed + amount
            case .disbursement, .equityPurchase: total.disbursed = total.disbursed + amount
            case .repayment, .equitySale: total.repaid = total.repaid + amount
            case .interest, .guaranteeIssued, .insuranceUnderwritten: break
            }
            totals[currency] = total
        }
        return totals.keys.sorted().map { totals[$0]! }
    }
}

/// What ListFinancing and ListTransactions select; empty lists match everything.
public struct FinancingFilter: Sendable, Hashable {
    public var caseIDs: [String] = []
    public var institutions: [String] = []
    public var instruments: [Instrument] = []
    public var statuses: [FinancingStatus] = []
    /// With a commitment valued in this year; 0 = any.
    public var year: UInt32 = 0

    public init() {}

    public func violations() -> [Violation] {
        var list = ViolationList()
        list.check(caseIDs.count <= 100, "filter.case_ids", "at most 100")
        list.check(institutions.count <= 100, "filter.institutions", "at most 100")
        for (index, id) in caseIDs.enumerated() {
            list.check(CaseID.isValid(id), "filter.case_ids[\(index)]", "\(id.debugDescription) is not a case id")
        }
        for (index, code) in institutions.enumerated() {
            list.check(Institution.isValid(code), "filter.institutions[\(index)]", "\(code.debugDescription) is not an institution code")
        }
        if year != 0 { list.check((1900...2200).contains(year), "filter.year", "not a year") }
        return list.items
    }
}

/// Ids the financing service assigns: `fin-` and 12 characters of a-z0-9.
public enum FinancingID {
    public static let prefix = "fin-"
    public static func isValid(_ id: String) -> Bool { RecordID.isValid(id, prefix: prefix) }
}

/// Ids the financing service assigns to pledges: `pledge-` and a slug.
public enum PledgeID {
    public static let prefix = "pledge-"
    public static func isValid(_ id: String) -> Bool { RecordID.isValid(id, prefix: prefix) }
}
