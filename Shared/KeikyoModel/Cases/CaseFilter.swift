import Foundation

/// Which cases a listing returns; empty lists and zero years match everything.
public struct CaseFilter: Sendable, Hashable {
    public var fields: [KPIField] = []
    public var subsectors: [String] = []
    public var countries: [String] = []
    public var regions: [Region] = []
    public var stages: [CaseStage] = []
    /// Years of the contract signature, inclusive; 0 leaves that end open.
    public var contractYearFrom: UInt32 = 0
    public var contractYearTo: UInt32 = 0
    /// Part of a party's name, either language.
    public var partyName: String = ""
    /// Part of the title, either language.
    public var text: String = ""

    public init() {}

    public func violations() -> [Violation] {
        var list = ViolationList()
        for (index, country) in countries.enumerated() {
            list.check(CountryCode.isValid(country), "filter.countries[\(index)]", "\(country.debugDescription) is not an ISO 3166-1 alpha-2 code")
        }
        for (index, subsector) in subsectors.enumerated() {
            list.check(Subsector.isValid(subsector), "filter.subsectors[\(index)]", "\(subsector.debugDescription) is not a known subsector")
        }
        if contractYearFrom > 0, contractYearTo > 0 {
            list.check(contractYearFrom <= contractYearTo, "filter.contract_year_to", "before contract_year_from")
        }
        list.checkLength(partyName, "filter.party_name", max: 200)
        list.checkLength(text, "filter.text", max: 200)
        return list.items
    }
}

/// Case ids: `case-` and 1 to 40 lowercase letters, digits or hyphens.
public enum CaseID {
    public static func isValid(_ id: String) -> Bool {
        guard id.hasPrefix("case-"), (6...45).contains(id.utf8.count) else { return false }
        return id.utf8.dropFirst(5).allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}

/// One entry of a case's history.
public struct CaseChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case created = "CREATED"
        case updated = "UPDATED"
        case stageChanged = "STAGE_CHANGED"
    }

    public var version: UInt64
    public var at: Date?
    /// The caller's identity.
    public var by: String
    public var kind: Kind
    /// Wire names of the fields that changed.
    public var changedFields: [String]
    public var summary: String

    public init(version: UInt64, at: Date?, by: String, kind: Kind, changedFields: [String], summary: String) {
        self.version = version
        self.at = at
        self.by = by
        self.kind = kind
        self.changedFields = changedFields
        self.summary = summary
    }
}

/// A sum of Japanese order shares in one currency, by year and field or by country.
public struct OrderTotal: Sendable, Hashable {
    public var year: UInt32
    public var field: KPIField?
    public var country: String
    public var currency: String
    public var amount: DecimalAmount
    public var cases: UInt32

    public init(year: UInt32 = 0, field: KPIField? = nil, country: String = "", currency: String, amount: DecimalAmount, cases: UInt32) {
        self.year = year
        self.field = field
        self.country = country
        self.currency = currency
        self.amount = amount
        self.cases = cases
    }
}
