/// Public finance bodies and partners (FACTS.md §3): a code list that grows without a
/// protocol change. Codes are uppercase words.
public enum Institution {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var nameJa: String
        /// A Japanese public body (counts toward Japan's own pledges) rather than a partner.
        public var isJapanese: Bool
    }

    public static let known: [String: Entry] = [
        "JBIC": Entry(name: "Japan Bank for International Cooperation", nameJa: "国際協力銀行", isJapanese: true),
        "JICA": Entry(name: "Japan International Cooperation Agency", nameJa: "国際協力機構", isJapanese: true),
        "NEXI": Entry(name: "Nippon Export and Investment Insurance", nameJa: "日本貿易保険", isJapanese: true),
        "JOIN": Entry(
            name: "Japan Overseas Infrastructure Investment Corporation for Transport & Urban Development",
            nameJa: "海外交通・都市開発事業支援機構", isJapanese: true),
        "JICT": Entry(
            name: "Fund Corporation for the Overseas Development of Japan's ICT and Postal Services",
            nameJa: "海外通信・放送・郵便事業支援機構", isJapanese: true),
        "JETRO": Entry(name: "Japan External Trade Organization", nameJa: "日本貿易振興機構", isJapanese: true),
        "DBJ": Entry(name: "Development Bank of Japan", nameJa: "日本政策投資銀行", isJapanese: true),
        "US_DFC": Entry(name: "U.S. International Development Finance Corporation", nameJa: "米国国際開発金融公社", isJapanese: false),
        "AU_EFA": Entry(name: "Export Finance Australia", nameJa: "オーストラリア輸出金融公社", isJapanese: false),
        "AU_DFAT": Entry(name: "Australian Department of Foreign Affairs and Trade", nameJa: "オーストラリア外務貿易省", isJapanese: false),
        "ADB": Entry(name: "Asian Development Bank", nameJa: "アジア開発銀行", isJapanese: false),
        "WORLD_BANK": Entry(name: "World Bank Group", nameJa: "世界銀行グループ", isJapanese: false),
    ]

    public static func isValid(_ code: String) -> Bool { known[code] != nil }
    static var names: [String: String] { known.mapValues(\.name) }
}

/// Named facilities and windows of the institutions (FACTS.md §3): a growing code list.
public enum Facility {
    public struct Entry: Sendable, Hashable {
        public var institution: String
        public var name: String
    }

    public static let known: [String: Entry] = [
        "JBIC_GROWTH_INVESTMENT_FACILITY": Entry(institution: "JBIC", name: "JBIC Growth Investment Facility"),
        "JBIC_COVID19_CRISIS_RESPONSE_WINDOW": Entry(institution: "JBIC", name: "JBIC COVID-19 crisis response emergency window"),
        "JICA_COVID19_CRISIS_RESPONSE_EMERGENCY_SUPPORT_LOAN": Entry(
            institution: "JICA", name: "JICA COVID-19 Crisis Response Emergency Support Loan"),
        "JICA_ASEAN_INVESTMENT_AND_LOAN_INITIATIVE": Entry(
            institution: "JICA", name: "JICA facility under the ASEAN overseas investment and loan initiative"),
        "NEXI_RECEIVABLES_SECURITISATION": Entry(
            institution: "NEXI", name: "NEXI receivables securitisation and transfer for insured infrastructure projects"),
        "NEXI_COVID19_LOSS_COVER": Entry(institution: "NEXI", name: "NEXI COVID-19 related loss cover"),
        "NEXI_OVERSEAS_SUBSIDIARY_WORKING_CAPITAL": Entry(institution: "NEXI", name: "NEXI working capital for overseas subsidiaries"),
        "NEXI_PREPAYMENT_IMPORT_INSURANCE": Entry(institution: "NEXI", name: "NEXI prepayment import insurance"),
        "JETRO_PROJECT_CALL": Entry(institution: "JETRO", name: "JETRO support through calls for projects"),
    ]

    public static func isValid(_ code: String) -> Bool { known[code] != nil }
    static var names: [String: String] { known.mapValues(\.name) }
}

/// The OECD CRS flow a financing is reported as.
public enum FlowType: String, Sendable, Hashable, CaseIterable {
    case oda = "ODA"
    case otherOfficialFlows = "OOF"
    case exportCredit = "EXPORT_CREDIT"
    /// Not finance at all, e.g. JETRO's project support.
    case nonFinancial = "NON_FINANCIAL"
}

/// The kind of support a financing is.
public enum Instrument: String, Sendable, Hashable, CaseIterable {
    case odaLoan = "ODA_LOAN"
    case privateSectorInvestmentLoan = "PRIVATE_SECTOR_INVESTMENT_LOAN"
    case privateSectorInvestmentEquity = "PRIVATE_SECTOR_INVESTMENT_EQUITY"
    case exportCredit = "EXPORT_CREDIT"
    case overseasInvestmentLoan = "OVERSEAS_INVESTMENT_LOAN"
    case untiedLoan = "UNTIED_LOAN"
    case equity = "EQUITY"
    case guarantee = "GUARANTEE"
    case tradeInsurance = "TRADE_INSURANCE"
    case investmentInsurance = "INVESTMENT_INSURANCE"
    case grant = "GRANT"
    case technicalCooperation = "TECHNICAL_COOPERATION"
    case feasibilityStudy = "FEASIBILITY_STUDY"
    case projectSupport = "PROJECT_SUPPORT"

    public enum Kind: Sendable { case loan, equity, guarantee, insurance, grant, nonFinancial }

    public var kind: Kind {
        switch self {
        case .odaLoan, .privateSectorInvestmentLoan, .exportCredit, .overseasInvestmentLoan, .untiedLoan: .loan
        case .privateSectorInvestmentEquity, .equity: .equity
        case .guarantee: .guarantee
        case .tradeInsurance, .investmentInsurance: .insurance
        case .grant, .technicalCooperation, .feasibilityStudy: .grant
        case .projectSupport: .nonFinancial
        }
    }

    public var flowType: FlowType {
        switch self {
        case .odaLoan, .privateSectorInvestmentLoan, .privateSectorInvestmentEquity, .grant, .technicalCooperation, .feasibilityStudy: .oda
        case .exportCredit, .tradeInsurance: .exportCredit
        case .overseasInvestmentLoan, .untiedLoan, .equity, .guarantee, .investmentInsurance: .otherOfficialFlows
        case .projectSupport: .nonFinancial
        }
    }

    /// OECD CRS finance type: 110 standard grant, 421 standard loan, 510 common equity,
    /// 1100 guarantees and insurance; nil for non-financial support.
    public var crsFinanceType: Int? {
        switch kind {
        case .loan: 421
        case .equity: 510
        case .guarantee, .insurance: 1100
        case .grant: 110
        case .nonFinancial: nil
        }
    }

    /// The ledger entries that make sense for this instrument.
    public var allowedTransactions: Set<TransactionType> {
        switch kind {
        case .loan: [.commitment, .disbursement, .repayment, .interest]
        case .equity: [.commitment, .equityPurchase, .equitySale]
        case .guarantee: [.commitment, .guaranteeIssued]
        case .insurance: [.commitment, .insuranceUnderwritten]
        case .grant, .nonFinancial: [.commitment, .disbursement]
        }
    }
}

public enum TransactionType: String, Sendable, Hashable, CaseIterable {
    case commitment = "COMMITMENT"
    case disbursement = "DISBURSEMENT"
    case repayment = "REPAYMENT"
    case interest = "INTEREST"
    case equityPurchase = "EQUITY_PURCHASE"
    case equitySale = "EQUITY_SALE"
    case guaranteeIssued = "GUARANTEE_ISSUED"
    case insuranceUnderwritten = "INSURANCE_UNDERWRITTEN"
}

public enum RepaymentType: String, Sendable, Hashable, CaseIterable {
    case equalPrincipal = "EQUAL_PRINCIPAL"
    case annuity = "ANNUITY"
    case bullet = "BULLET"
    case other = "OTHER"
}

/// A financing's life: forward along the list (skipping allowed), CANCELLED from any
/// status before REPAID; REPAID and CANCELLED are final.
public enum FinancingStatus: String, Sendable, Hashable, CaseIterable {
    case planned = "PLANNED"
    case approved = "APPROVED"
    case signed = "SIGNED"
    case disbursing = "DISBURSING"
    case fullyDisbursed = "FULLY_DISBURSED"
    case repaid = "REPAID"
    case cancelled = "CANCELLED"

    public var isFinal: Bool { self == .repaid || self == .cancelled }

    public func canMove(to next: FinancingStatus) -> Bool {
        if next == self { return true }
        if isFinal { return false }
        if next == .cancelled { return true }
        let order = Self.allCases
        return order.firstIndex(of: next)! > order.firstIndex(of: self)!
    }
}
