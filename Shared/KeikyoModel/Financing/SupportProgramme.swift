import Foundation

/// What a support programme is.
public enum ProgrammeKind: String, Sendable, Hashable, CaseIterable {
    case facility = "FACILITY"
    case window = "WINDOW"
    case callForProjects = "CALL_FOR_PROJECTS"
    case scheme = "SCHEME"
    case measure = "MEASURE"
}

/// Where a programme works: a field and the countries (or groups of countries) named for it.
public struct ProgrammeFocus: Sendable, Hashable {
    /// A lowercase code in the programme's terms ("waste", "hydrogen_production"); "" for any.
    public var field: String
    public var countries: [String]
    /// e.g. `ASEAN`, `ADVANCED_COUNTRIES`, `DEVELOPING_COUNTRIES`.
    public var countryGroups: [String]

    public init(field: String = "", countries: [String] = [], countryGroups: [String] = []) {
        self.field = field
        self.countries = countries
        self.countryGroups = countryGroups
    }
}

/// A support programme of a public institution or ministry (a facility, a window, a call for
/// projects, a scheme or a measure): what it offers, where, in which fields, for how much, and
/// where that is published.
public struct SupportProgramme: Sendable, Hashable {
    public var id = ""
    /// The body that runs it: an `Agency` code.
    public var institution = ""
    /// Agency codes named with it.
    public var partners: [String] = []
    public var name = LocalizedText()
    public var kind: ProgrammeKind? = nil
    public var periodStart = ""
    public var periodEnd = ""
    public var focus: [ProgrammeFocus] = []
    public var amount: Money? = nil
    /// What it offers, one item each.
    public var measures: [LocalizedText] = []
    /// A `Facility` code, if any.
    public var facility = ""
    public var covid19 = false
    public var provenance = Source()
    public var notes = ""
    public var version: UInt64 = 0
    public var createdAt: Date? = nil
    public var createdBy = ""

    public init() {}

    /// Every field code of its focus, and every country.
    public var fields: [String] { focus.map(\.field).filter { !$0.isEmpty } }
    public var countries: [String] { focus.flatMap(\.countries) }

    public static let groups: Set<String> = ["ASEAN", "ADVANCED_COUNTRIES", "DEVELOPING_COUNTRIES", "LATIN_AMERICA", "AFRICA"]

    public func violations() -> [Violation] {
        var list = ViolationList()
        list.check(Agency.isValid(institution), "institution", "\(institution.debugDescription) is not an agency code")
        for (index, partner) in partners.enumerated() {
            list.check(Agency.isValid(partner), "partners[\(index)]", "\(partner.debugDescription) is not an agency code")
        }
        list.check(!name.isEmpty, "name", "required in Japanese or English (or both)")
        list.checkLength(name.ja, "name.ja", max: 500)
        list.checkLength(name.en, "name.en", max: 500)
        list.check(kind != nil, "kind", "required: one of \(ProgrammeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        list.checkDate(periodStart, "period_start")
        list.checkDate(periodEnd, "period_end")
        if let start = PartialDate(periodStart), let end = PartialDate(periodEnd) {
            list.check(start.year <= end.year, "period_end", "before period_start")
        }
        list.check(focus.count <= 50, "focus", "at most 50")
        for (index, entry) in focus.enumerated() {
            list.check(
                entry.field.isEmpty || entry.field.range(of: #"^[a-z][a-z0-9_]{0,63}$"#, options: .regularExpression) != nil,
                "focus[\(index)].field", "\(entry.field.debugDescription) is not a lowercase code")
            for (position, country) in entry.countries.enumerated() {
                list.check(CountryCode.isValid(country), "focus[\(index)].countries[\(position)]", "\(country.debugDescription) is not an ISO 3166-1 alpha-2 code")
            }
            for (position, group) in entry.countryGroups.enumerated() {
                list.check(Self.groups.contains(group), "focus[\(index)].country_groups[\(position)]", "one of \(Self.groups.sorted().joined(separator: ", "))")
            }
        }
        if let amount { list.checkMoney(amount, "amount", valueDateRequired: false) }
        list.check(measures.count <= 50, "measures", "at most 50")
        for (index, measure) in measures.enumerated() {
            list.check(!measure.isEmpty, "measures[\(index)]", "empty")
            list.checkLength(measure.ja, "measures[\(index)].ja", max: 2_000)
            list.checkLength(measure.en, "measures[\(index)].en", max: 2_000)
        }
        list.check(facility.isEmpty || Facility.isValid(facility), "facility", "\(facility.debugDescription) is not a facility code")
        list.append(contentsOf: provenance.violations("provenance"))
        list.checkLength(notes, "notes", max: 20_000)
        return list.items
    }
}

/// Ids of support programmes: `prog-` and 12 characters of a-z0-9 (seeded ones are readable).
public enum SupportProgrammeID {
    public static let prefix = "prog-"
    public static func isValid(_ id: String) -> Bool { RecordID.isValid(id, prefix: prefix) }
}
