/// One pillar of a strategy and its measures, as the strategy words them.
public struct StrategyPillar: Sendable, Hashable {
    public var number: UInt32
    public var title: LocalizedText
    public var measures: [LocalizedText]
    public var provenance: Source

    public init(number: UInt32, title: LocalizedText, measures: [LocalizedText], provenance: Source) {
        self.number = number
        self.title = title
        self.measures = measures
        self.provenance = provenance
    }
}

/// A strategy of the council, or the outline of one: its period, aims and pillars.
public struct Strategy: Sendable, Hashable {
    public var id = ""
    public var title = LocalizedText()
    public var decidedOn = ""
    public var periodStart = ""
    public var periodEnd = ""
    /// An outline (骨子) of a strategy to come.
    public var outline = false
    public var aims: [LocalizedText] = []
    public var pillars: [StrategyPillar] = []
    /// e.g. the COVID-19 response, what the KPIs are to cover.
    public var directions: [LocalizedText] = []
    public var provenance = Source()

    public init() {}
}

/// Ids of strategies: `strategy-` and lowercase words.
public enum StrategyID {
    public static let prefix = "strategy-"
    public static func isValid(_ id: String) -> Bool { RecordID.isValid(id, prefix: prefix) }
}
