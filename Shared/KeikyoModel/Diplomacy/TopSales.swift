/// Events per year by level or by country.
public struct TopSalesCount: Sendable, Hashable {
    public var year: UInt32
    public var level: Level?
    public var country: String
    public var events: UInt32

    public init(year: UInt32, level: Level? = nil, country: String = "", events: UInt32) {
        self.year = year
        self.level = level
        self.country = country
        self.events = events
    }
}

/// One year's top-sales events of a group, and how the year did against the group's target
/// where one is set (with its source).
public struct TopSalesTarget: Sendable, Hashable {
    public var year: UInt32
    public var group: String
    public var events: UInt32
    public var target: UInt32
    public var met: Bool
    public var hasTarget: Bool
    public var targetSource = Source()

    public init(year: UInt32, group: String, events: UInt32, target: UInt32 = 0, met: Bool = false, hasTarget: Bool = false) {
        self.year = year
        self.group = group
        self.events = events
        self.target = target
        self.met = met
        self.hasTarget = hasTarget
    }

    public static let primeMinister = "PRIME_MINISTER"
    public static let ministersAndSeniorOfficials = "MINISTERS_AND_SENIOR_OFFICIALS"

    /// This line measured against `target`, which its `source` publishes.
    public func against(_ target: UInt32, source: Source) -> TopSalesTarget {
        var line = TopSalesTarget(year: year, group: group, events: events, target: target, met: events >= target, hasTarget: true)
        line.targetSource = source
        return line
    }
}

/// CountTopSales: the top-sales KPI. Each top-sales event counts once, in the year it started,
/// at its level (the highest Japanese participant's), and once for each country involved.
public struct TopSalesTally: Sendable, Hashable {
    public var byLevel: [TopSalesCount] = []
    public var byCountry: [TopSalesCount] = []
    /// Empty: targets are the KPI service's, which measures `byGroup` against them.
    public var targets: [TopSalesTarget] = []
    /// Per year: the prime minister's events, and everyone else's.
    public var byGroup: [TopSalesTarget] = []
    /// Top-sales events without a date.
    public var undated: UInt32 = 0

    public init() {}

    public static func count(_ events: [Event], years: ClosedRange<Int>) -> TopSalesTally {
        var levels: [Int: [Level: UInt32]] = [:]
        var countries: [Int: [String: UInt32]] = [:]
        var undated: UInt32 = 0
        for event in events {
            for (key, count) in contribution(of: event) {
                if key.year == 0 {
                    undated += count
                } else if let level = key.level {
                    levels[key.year, default: [:]][level, default: 0] += count
                } else {
                    countries[key.year, default: [:]][key.country, default: 0] += count
                }
            }
        }
        return assemble(levels: levels, countries: countries, undated: undated, years: years)
    }

    /// One row of the tally's totals: a year and a level, or a year and a country; year 0 is
    /// the count of undated events.
    public struct Key: Hashable, Sendable {
        public var year: Int
        public var level: Level?
        public var country: String

        public init(year: Int, level: Level? = nil, country: String = "") {
            self.year = year
            self.level = level
            self.country = country
        }
    }

    /// What one event adds to the totals: once in its year at its level, once per country
    /// involved; undated events once in year 0; events that are not top sales nothing.
    public static func contribution(of event: Event) -> [Key: UInt32] {
        guard let level = event.topSalesLevel else { return [:] }
        guard let year = PartialDate(event.startDate)?.year else { return [Key(year: 0): 1] }
        var keys: [Key: UInt32] = [Key(year: year, level: level): 1]
        for country in Set(event.countries) { keys[Key(year: year, country: country)] = 1 }
        return keys
    }

    /// The tally from totals by year and level, by year and country, and the undated count.
    public static func assemble(levels: [Int: [Level: UInt32]], countries: [Int: [String: UInt32]], undated: UInt32, years: ClosedRange<Int>) -> TopSalesTally {
        var tally = TopSalesTally()
        tally.undated = undated
        for year in levels.keys.sorted() where years.contains(year) {
            let byLevel = levels[year]!
            for level in Level.allCases where byLevel[level] != nil {
                tally.byLevel.append(TopSalesCount(year: UInt32(year), level: level, events: byLevel[level]!))
            }
            let primeMinister = byLevel[.primeMinister] ?? 0
            let others = byLevel.filter { $0.key != .primeMinister }.values.reduce(0, +)
            tally.byGroup.append(TopSalesTarget(year: UInt32(year), group: TopSalesTarget.primeMinister, events: primeMinister))
            tally.byGroup.append(TopSalesTarget(year: UInt32(year), group: TopSalesTarget.ministersAndSeniorOfficials, events: others))
            for (country, count) in (countries[year] ?? [:]).sorted(by: { $0.key < $1.key }) {
                tally.byCountry.append(TopSalesCount(year: UInt32(year), country: country, events: count))
            }
        }
        return tally
    }
}

/// A case that reached CONTRACTED within some months after a top-sales event in its country.
public struct Attribution: Sendable, Hashable {
    public var eventID: String
    public var eventTitle: LocalizedText
    public var eventDate: String
    public var level: Level?
    public var caseID: String
    public var caseTitle: LocalizedText
    public var country: String
    public var contractedOn: String
    public var monthsAfter: UInt32
    public var japaneseShare: Money?
    /// The event is also linked to the case.
    public var linked: Bool

    public init(
        eventID: String, eventTitle: LocalizedText, eventDate: String, level: Level?, caseID: String, caseTitle: LocalizedText,
        country: String, contractedOn: String, monthsAfter: UInt32, japaneseShare: Money?, linked: Bool
    ) {
        self.eventID = eventID
        self.eventTitle = eventTitle
        self.eventDate = eventDate
        self.level = level
        self.caseID = caseID
        self.caseTitle = caseTitle
        self.country = country
        self.contractedOn = contractedOn
        self.monthsAfter = monthsAfter
        self.japaneseShare = japaneseShare
        self.linked = linked
    }

    /// Pairs every dated top-sales event with every case of a country it involved that was
    /// won (reached CONTRACTED or a later stage of the main path) in the same month or up to
    /// `months` months after the event's start month. Dates are compared by month: a date
    /// known only to the year counts as its December for the case and January for the event,
    /// which leans toward keeping a pair rather than losing it.
    public static func attribute(events: [Event], cases: [ExportCase], months: Int) -> [Attribution] {
        attribute(events: events, cases: cases, months: months, listing: .max).listed
    }

    /// The same pairs in the same order (event date, event id, case id): the first `listing`
    /// of them made, all of them counted. Won cases are grouped by country and sorted by
    /// month, so each event finds its cases by a binary search: the cost grows with the events,
    /// the cases and the pairs, not with events × cases, and a pair past the listed ones costs
    /// a count.
    public static func attribute(events: [Event], cases: [ExportCase], months: Int, listing: Int) -> (listed: [Attribution], total: Int) {
        struct Won {
            let record: ExportCase
            let contracted: PartialDate
            let month: Int
        }
        var byCountry: [String: [Won]] = [:]
        for record in cases {
            guard let (contracted, month) = won(record) else { continue }
            let won = Won(record: record, contracted: contracted, month: month)
            for country in Set(record.countries.map(\.country)) { byCountry[country, default: []].append(won) }
        }
        for country in byCountry.keys { byCountry[country]!.sort { $0.month < $1.month } }

        var listed: [Attribution] = []
        var total = 0
        for event in events.sorted(by: { ($0.startDate, $0.id) < ($1.startDate, $1.id) }) {
            guard let level = event.topSalesLevel, let eventMonth = eventMonth(event) else { continue }
            var seen: Set<String> = []
            var found: [Won] = []
            for country in event.countries {
                guard let candidates = byCountry[country] else { continue }
                var low = 0, high = candidates.count
                while low < high {
                    let middle = (low + high) / 2
                    if candidates[middle].month < eventMonth { low = middle + 1 } else { high = middle }
                }
                for won in candidates[low...] {
                    guard won.month <= eventMonth + months else { break }
                    if seen.insert(won.record.id).inserted { found.append(won) }
                }
            }
            total += found.count
            guard listed.count < listing else { continue }
            let linkedCases = Set(event.caseLinks.map(\.caseID))
            for won in found.sorted(by: { $0.record.id < $1.record.id }) {
                guard listed.count < listing else { break }
                let record = won.record
                let country = record.countries.map(\.country).first(where: event.countries.contains) ?? ""
                listed.append(Attribution(
                    eventID: event.id, eventTitle: event.title, eventDate: event.startDate, level: level, caseID: record.id,
                    caseTitle: record.title, country: country, contractedOn: won.contracted.description,
                    monthsAfter: UInt32(won.month - eventMonth), japaneseShare: record.japaneseShare, linked: linkedCases.contains(record.id)))
            }
        }
        return (listed, total)
    }

    /// The longest window a request may ask for, in months.
    public static let maximumMonths = 120

    /// The month (`year * 12 + month - 1`) a top-sales event counts from: its start month, or
    /// January when only the year is known; nil for an event that is undated or not top sales.
    public static func eventMonth(_ event: Event) -> Int? {
        guard event.topSalesLevel != nil, let start = PartialDate(event.startDate) else { return nil }
        return start.year * 12 + (start.month ?? 1) - 1
    }

    /// When a case that is won now was won, and its month (December when only the year is
    /// known); nil for a case that is not won (a suspended case counts if it was won before).
    public static func won(_ record: ExportCase) -> (date: PartialDate, month: Int)? {
        let stage = record.stage ?? .formation
        guard stage.isWon || stage == .suspended, let date = contractedDate(record) else { return nil }
        return (date, date.year * 12 + (date.month ?? 12) - 1)
    }

    /// When a case was won: the first recorded change to a won stage; for a won case with no
    /// history yet (a new record), its stage date, else its contract signature, else its award.
    public static func contractedDate(_ record: ExportCase) -> PartialDate? {
        if let change = record.stageHistory.first(where: { $0.stage.isWon }), let date = PartialDate(change.date) { return date }
        guard record.stageHistory.isEmpty, record.stage?.isWon == true else { return nil }
        return [record.stageDate, record.keyDates.contractSignature, record.keyDates.award].lazy.compactMap(PartialDate.init).first
    }
}
