import Foundation

/// An infrastructure export case: a project a Japanese company or public body pursues or has
/// won abroad (FACTS.md §4), from formation to operation.
public struct ExportCase: Sendable, Hashable {
    /// Assigned by the server: `case-` and 12 lowercase letters or digits (URL-safe).
    public var id: String = ""
    public var externalIDs: [ExternalID] = []
    public var title = LocalizedText()
    public var description = LocalizedText()
    public var field: KPIField? = nil
    /// A `Subsector` code, e.g. `port`.
    public var subsector: String = ""
    public var dacPurposes: [PurposeShare] = []
    public var countries: [CountryShare] = []
    public var stage: CaseStage? = nil
    /// Oldest first; the last entry is the current stage.
    public var stageHistory: [StageChange] = []
    public var businessModels: [BusinessModel] = []
    /// A `PPIType` code for PPP/concession cases, else "".
    public var ppiType: String = ""
    public var parties: [Party] = []
    public var contractValue: Money? = nil
    /// The part won by Japanese firms.
    public var japaneseShare: Money? = nil
    /// Whether the Japanese share counts in the order statistics (guards double counting).
    public var countsTowardKPI = false
    public var keyDates = KeyDates()
    public var policyTags: [PolicyTag] = []
    public var sdgGoals: [UInt32] = []
    public var provenance = Provenance()
    public var notes: String = ""
    /// 1 on creation, +1 per change.
    public var version: UInt64 = 0
    public var createdAt: Date? = nil
    public var createdBy: String = ""
    public var updatedAt: Date? = nil
    public var updatedBy: String = ""
    /// On creation: when the initial stage was reached.
    public var stageDate: String = ""

    public init() {}

    /// The World Bank regions of the countries, in first-seen order.
    public var regions: [Region] {
        var seen: [Region] = []
        for share in countries where CountryCode.isValid(share.country) {
            let region = Region.of(share.country)
            if !seen.contains(region) { seen.append(region) }
        }
        return seen
    }
}

public struct ExternalID: Sendable, Hashable {
    public var scheme: ExternalIDScheme
    public var value: String
    public var owner: String

    public init(scheme: ExternalIDScheme, value: String, owner: String) {
        self.scheme = scheme
        self.value = value
        self.owner = owner
    }
}

/// A country of a case and, optionally, its share of the case in percent.
public struct CountryShare: Sendable, Hashable {
    /// ISO 3166-1 alpha-2.
    public var country: String
    /// A decimal percentage, or "" when no shares are given.
    public var percent: String

    public init(_ country: String, percent: String = "") {
        self.country = country
        self.percent = percent
    }
}

/// An OECD DAC CRS purpose code and, optionally, its share in percent.
public struct PurposeShare: Sendable, Hashable {
    public var dacCode: UInt32
    public var percent: String

    public init(dacCode: UInt32, percent: String = "") {
        self.dacCode = dacCode
        self.percent = percent
    }
}

public struct Party: Sendable, Hashable {
    public var name: LocalizedText
    public var role: PartyRole
    public var kind: PartyKind
    /// ISO 3166-1 alpha-2; required for host- and third-country parties.
    public var country: String

    public init(name: LocalizedText, role: PartyRole, kind: PartyKind, country: String = "") {
        self.name = name
        self.role = role
        self.kind = kind
        self.country = country
    }
}

/// Key dates, each a `PartialDate` string or "" when unknown.
public struct KeyDates: Sendable, Hashable {
    public var mou = ""
    public var tender = ""
    public var award = ""
    public var contractSignature = ""
    public var financialClose = ""
    public var operationStart = ""

    public init(
        mou: String = "", tender: String = "", award: String = "", contractSignature: String = "",
        financialClose: String = "", operationStart: String = ""
    ) {
        self.mou = mou
        self.tender = tender
        self.award = award
        self.contractSignature = contractSignature
        self.financialClose = financialClose
        self.operationStart = operationStart
    }

    /// The dates in the order they must follow, with their wire names.
    public var ordered: [(field: String, value: String)] {
        [
            ("mou", mou), ("tender", tender), ("award", award), ("contract_signature", contractSignature),
            ("financial_close", financialClose), ("operation_start", operationStart),
        ]
    }
}

/// Where the record comes from.
public struct Provenance: Sendable, Hashable {
    /// An `Agency` code, e.g. `METI`.
    public var agency: String
    public var document: String
    public var url: String
    /// The document and its lines, or RECORDED.
    public var source: Source

    public init(agency: String = "", document: String = "", url: String = "", source: Source = Source()) {
        self.agency = agency
        self.document = document
        self.url = url
        self.source = source
    }
}

/// One dated stage transition.
public struct StageChange: Sendable, Hashable {
    public var stage: CaseStage
    /// When it happened: a `PartialDate` string.
    public var date: String
    public var note: String
    public var recordedAt: Date?
    public var recordedBy: String

    public init(stage: CaseStage, date: String, note: String = "", recordedAt: Date? = nil, recordedBy: String = "") {
        self.stage = stage
        self.date = date
        self.note = note
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}
