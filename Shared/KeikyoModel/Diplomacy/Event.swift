import Foundation

public enum EventKind: String, Sendable, Hashable, CaseIterable {
    case summit = "SUMMIT"
    case leaderVisitAbroad = "LEADER_VISIT_ABROAD"
    /// 要人招へい: a foreign dignitary invited to Japan.
    case invitation = "INVITATION"
    case ministerialVisit = "MINISTERIAL_VISIT"
    case seniorOfficialVisit = "SENIOR_OFFICIAL_VISIT"
    case internationalConference = "INTERNATIONAL_CONFERENCE"
    case policyDialogue = "POLICY_DIALOGUE"
    case memorandum = "MEMORANDUM"
    case publicPrivateForum = "PUBLIC_PRIVATE_FORUM"
    /// A body of the government's own: never top sales.
    case taskForce = "TASK_FORCE"
    case mission = "MISSION"
    /// Anything else the council tracks, e.g. an institution opened; never top sales.
    case other = "OTHER"

    /// Whether an event of this kind counts as top sales when Japanese participants take part.
    public var canBeTopSales: Bool { self != .taskForce && self != .other }
}

/// The rank of a Japanese participant, highest first.
public enum Level: String, Sendable, Hashable, CaseIterable, Comparable {
    case primeMinister = "PRIME_MINISTER"
    case minister = "MINISTER"
    case stateMinister = "STATE_MINISTER"
    case parliamentaryViceMinister = "PARLIAMENTARY_VICE_MINISTER"
    case seniorOfficial = "SENIOR_OFFICIAL"

    /// Higher ranks compare smaller: `min` is the highest.
    public static func < (lhs: Level, rhs: Level) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum CaseRelation: String, Sendable, Hashable, CaseIterable {
    case promoted = "PROMOTED"
    case signed = "SIGNED"
    case announced = "ANNOUNCED"
    case followedUp = "FOLLOWED_UP"
}

public struct Participant: Sendable, Hashable {
    /// May be empty when only the post is known.
    public var name: String
    public var post: String
    public var level: Level?
    /// The ministry or office the participant represents (`MLIT`; `CAS` for the Prime
    /// Minister), which may then write the event; empty when not recorded.
    public var agency: String

    public init(name: String = "", post: String, level: Level?, agency: String = "") {
        self.name = name
        self.post = post
        self.level = level
        self.agency = agency
    }
}

public struct Counterpart: Sendable, Hashable {
    public var name: String
    public var post: String
    public var country: String

    public init(name: String = "", post: String, country: String) {
        self.name = name
        self.post = post
        self.country = country
    }
}

public struct Memorandum: Sendable, Hashable {
    public var title: LocalizedText
    public var url: String
    /// "" = the event's date.
    public var signedOn: String

    public init(title: LocalizedText, url: String = "", signedOn: String = "") {
        self.title = title
        self.url = url
        self.signedOn = signedOn
    }
}

public struct Outcomes: Sendable, Hashable {
    public var statements: [LocalizedText] = []
    public var memoranda: [Memorandum] = []
    /// Financing service pledge ids announced at the event.
    public var pledgeIDs: [String] = []

    public init(statements: [LocalizedText] = [], memoranda: [Memorandum] = [], pledgeIDs: [String] = []) {
        self.statements = statements
        self.memoranda = memoranda
        self.pledgeIDs = pledgeIDs
    }

    public var isEmpty: Bool { statements.isEmpty && memoranda.isEmpty && pledgeIDs.isEmpty }
}

public struct CaseLink: Sendable, Hashable {
    public var caseID: String
    public var relation: CaseRelation?
    public var note: String
    public var linkedAt: Date? = nil
    public var linkedBy = ""
    /// The source that makes the link, or INFERRED with its grounds.
    public var provenance: Source

    public init(caseID: String, relation: CaseRelation?, note: String = "", provenance: Source = Source()) {
        self.caseID = caseID
        self.relation = relation
        self.note = note
        self.provenance = provenance
    }
}

/// A top-sales event: a summit, visit, invitation, conference, dialogue or memorandum.
public struct Event: Sendable, Hashable {
    public var id = ""
    public var kind: EventKind? = nil
    /// "" when the record does not say.
    public var startDate = ""
    /// "" = the start date.
    public var endDate = ""
    /// The foreign countries involved.
    public var countries: [String] = []
    public var city = ""
    public var title = LocalizedText()
    public var participants: [Participant] = []
    public var counterparts: [Counterpart] = []
    public var outcomes = Outcomes()
    /// Output only.
    public var caseLinks: [CaseLink] = []
    public var source = ""
    /// Where `source` is: the seed's lines, a document's date.
    public var provenance = Source()
    public var notes = ""
    public var version: UInt64 = 0
    public var createdAt: Date? = nil
    public var createdBy = ""
    public var updatedAt: Date? = nil
    public var updatedBy = ""

    public init() {}

    /// The highest rank among the Japanese participants, when the event counts as top sales:
    /// it is of a kind that can be (not a task force or "other") and a Japanese participant
    /// with a rank took part.
    public var topSalesLevel: Level? {
        guard let kind, kind.canBeTopSales else { return nil }
        return participants.compactMap(\.level).min()
    }

    public var isTopSales: Bool { topSalesLevel != nil }
}

/// What ListEvents selects; empty fields match everything.
public struct EventFilter: Sendable, Hashable {
    public var countries: [String] = []
    public var kinds: [EventKind] = []
    public var levels: [Level] = []
    public var dateFrom = ""
    public var dateTo = ""
    public var caseID = ""
    public var topSalesOnly = false

    public init() {}

    public func violations() -> [Violation] {
        var list = ViolationList()
        list.check(countries.count <= 300, "filter.countries", "at most 300")
        for (index, code) in countries.enumerated() {
            list.check(CountryCode.isValid(code), "filter.countries[\(index)]", "\(code.debugDescription) is not an ISO 3166-1 alpha-2 code")
        }
        list.checkDate(dateFrom, "filter.date_from")
        list.checkDate(dateTo, "filter.date_to")
        if !caseID.isEmpty { list.check(CaseID.isValid(caseID), "filter.case_id", "\(caseID.debugDescription) is not a case id") }
        return list.items
    }
}

/// Ids the diplomacy service assigns: `event-` and 12 characters of a-z0-9.
public enum EventID {
    public static let prefix = "event-"
    public static func isValid(_ id: String) -> Bool { RecordID.isValid(id, prefix: prefix) }
}
