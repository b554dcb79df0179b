import Foundation

public enum IndicatorUnit: String, Sendable, Hashable, CaseIterable {
    case jpyTrillion = "JPY_TRILLION"
    case usdBillion = "USD_BILLION"
    case count = "COUNT"
    case percent = "PERCENT"
}

public enum Direction: String, Sendable, Hashable, CaseIterable {
    case higherIsBetter = "HIGHER_IS_BETTER"
    case lowerIsBetter = "LOWER_IS_BETTER"
}

public enum KPIDimension: String, Sendable, Hashable, CaseIterable {
    case field = "FIELD"
    case region = "REGION"
    case instrument = "INSTRUMENT"

    /// Whether `value` is a code of this dimension.
    public func isValid(_ value: String) -> Bool {
        switch self {
        case .field: KPIField(rawValue: value) != nil || KPIField.groups[value] != nil
        case .region: Region(rawValue: value) != nil
        case .instrument: Instrument(rawValue: value) != nil
        }
    }
}

/// What a figure measures: the year's value, or its change from the year before as published.
public enum Measure: String, Sendable, Hashable, CaseIterable {
    case level = "LEVEL"
    case change = "CHANGE"
}

public enum ActualStatus: String, Sendable, Hashable, CaseIterable {
    case provisional = "PROVISIONAL"
    case final = "FINAL"
}

public enum ProgressStatus: String, Sendable, Hashable, CaseIterable {
    case onTrack = "ON_TRACK"
    case atRisk = "AT_RISK"
    case offTrack = "OFF_TRACK"
}

/// A strategy indicator (IATI's results framework: indicator, baseline, target, actual).
public struct Indicator: Sendable, Hashable {
    public var code: String
    public var title: LocalizedText
    public var unit: IndicatorUnit?
    public var direction: Direction?
    public var definition = LocalizedText()
    public var scopeNotes = LocalizedText()
    public var dimensions: [KPIDimension] = []
    public var version: UInt64 = 0
    public var updatedAt: Date? = nil
    public var updatedBy = ""

    public init(code: String, title: LocalizedText, unit: IndicatorUnit?, direction: Direction?, dimensions: [KPIDimension] = []) {
        self.code = code
        self.title = title
        self.unit = unit
        self.direction = direction
        self.dimensions = dimensions
    }

    /// Codes are A-Z, 0-9 and `_`, 2 to 64 characters, starting with a letter.
    public static func isValidCode(_ code: String) -> Bool {
        code.range(of: #"^[A-Z][A-Z0-9_]{1,63}$"#, options: .regularExpression) != nil
    }

    public func violations() -> [Violation] {
        var list = ViolationList()
        list.check(Self.isValidCode(code), "code", "\(code.debugDescription) is not a code: A-Z, 0-9 and _, starting with a letter")
        list.check(!title.isEmpty, "title", "required in Japanese or English (or both)")
        list.checkLength(title.ja, "title.ja", max: 500)
        list.checkLength(title.en, "title.en", max: 500)
        list.check(unit != nil, "unit", "required: one of \(IndicatorUnit.allCases.map(\.rawValue).joined(separator: ", "))")
        list.check(direction != nil, "direction", "required: one of \(Direction.allCases.map(\.rawValue).joined(separator: ", "))")
        for (field, text) in [("definition", definition), ("scope_notes", scopeNotes)] {
            list.checkLength(text.ja, "\(field).ja", max: 20_000)
            list.checkLength(text.en, "\(field).en", max: 20_000)
        }
        list.check(Set(dimensions).count == dimensions.count, "dimensions", "a dimension is listed twice")
        return list.items
    }
}

/// A target and the baseline it was set against, tied to the strategy that set both.
public struct KPITarget: Sendable, Hashable {
    public var indicator: String
    public var strategy: LocalizedText
    public var adoptedOn: String
    public var baselineYear: UInt32
    public var baselineValue: String
    /// 0: every year (a yearly target, such as the top-sales counts).
    public var targetYear: UInt32
    public var targetValue: String
    public var source: String
    public var recordedAt: Date? = nil
    public var recordedBy = ""
    public var provenance = Source()

    /// `provenance` when given, else the `source` text and adoption date.
    public var citedSource: Source {
        provenance.isEmpty ? .document(source, date: adoptedOn) : provenance
    }

    public init(
        indicator: String, strategy: LocalizedText, adoptedOn: String, baselineYear: UInt32, baselineValue: String, targetYear: UInt32,
        targetValue: String, source: String
    ) {
        self.indicator = indicator
        self.strategy = strategy
        self.adoptedOn = adoptedOn
        self.baselineYear = baselineYear
        self.baselineValue = baselineValue
        self.targetYear = targetYear
        self.targetValue = targetValue
        self.source = source
    }

    public func violations() -> [Violation] {
        var list = ViolationList()
        list.check(Indicator.isValidCode(indicator), "indicator", "\(indicator.debugDescription) is not an indicator code")
        list.check(!strategy.isEmpty, "strategy", "required: the strategy that set the target")
        list.checkDate(adoptedOn, "adopted_on", required: true)
        list.check(DecimalAmount(targetValue) != nil, "target_value", "\(targetValue.debugDescription) is not a non-negative decimal")
        if targetYear != 0 {
            list.check((1900...2200).contains(targetYear), "target_year", "not a year")
            list.check((1900...2200).contains(baselineYear) && baselineYear < targetYear, "baseline_year", "required: a year before target_year")
            list.check(DecimalAmount(baselineValue) != nil, "baseline_value", "\(baselineValue.debugDescription) is not a non-negative decimal")
        } else if !baselineValue.isEmpty {
            list.check(DecimalAmount(baselineValue) != nil, "baseline_value", "\(baselineValue.debugDescription) is not a non-negative decimal")
        }
        list.checkLength(source, "source", max: 500)
        list.append(contentsOf: provenance.violations("provenance"))
        return list.items
    }
}

public struct DimensionValue: Sendable, Hashable {
    public var dimension: KPIDimension?
    public var value: String

    public init(_ dimension: KPIDimension?, _ value: String) {
        self.dimension = dimension
        self.value = value
    }
}

/// One published figure. A revision is a new actual that supersedes an earlier one, which is
/// kept: figures are never erased.
public struct Actual: Sendable, Hashable {
    public var id = ""
    public var indicator: String
    public var year: UInt32
    /// None: the total.
    public var dimensions: [DimensionValue]
    public var value: String
    public var source: String
    public var publishedOn: String
    public var status: ActualStatus?
    public var supersedes: String
    public var note: String
    public var recordedAt: Date? = nil
    public var recordedBy = ""
    /// Output only.
    public var supersededBy = ""
    /// nil reads as `.level`.
    public var measure: Measure? = nil
    public var provenance = Source()

    public var isChange: Bool { measure == .change }

    /// `provenance` when given, else the `source` text and publication date.
    public var citedSource: Source {
        provenance.isEmpty ? .document(source, date: publishedOn) : provenance
    }

    public init(
        indicator: String, year: UInt32, dimensions: [DimensionValue] = [], value: String, source: String, publishedOn: String,
        status: ActualStatus?, supersedes: String = "", note: String = ""
    ) {
        self.indicator = indicator
        self.year = year
        self.dimensions = dimensions
        self.value = value
        self.source = source
        self.publishedOn = publishedOn
        self.status = status
        self.supersedes = supersedes
        self.note = note
    }

    /// The series this figure belongs to: the same indicator, year and dimension values.
    public var seriesKey: String {
        ([indicator, String(year)] + (isChange ? ["CHANGE"] : []) + dimensions.map { "\($0.dimension?.rawValue ?? "")=\($0.value)" }.sorted()).joined(separator: "|")
    }

    public func violations(indicator definition: Indicator?) -> [Violation] {
        var list = ViolationList()
        list.check(definition != nil, "indicator", "\(indicator.debugDescription) is not a defined indicator")
        list.check((1900...2200).contains(year), "year", "not a year")
        if isChange {
            list.check(SignedDecimal.micros(value) != nil, "value", "\(value.debugDescription) is not a decimal (a change may be negative: \"-0.3\")")
        } else {
            list.check(DecimalAmount(value) != nil, "value", "\(value.debugDescription) is not a non-negative decimal")
        }
        list.check(!source.isEmpty, "source", "required: where the figure was published")
        list.append(contentsOf: provenance.violations("provenance"))
        list.checkLength(source, "source", max: 500)
        list.checkDate(publishedOn, "published_on", required: true)
        list.check(status != nil, "status", "required: PROVISIONAL or FINAL")
        list.checkLength(note, "note", max: 2_000)
        for (index, dimension) in dimensions.enumerated() {
            guard let kind = dimension.dimension else {
                list.add("dimensions[\(index)].dimension", "required")
                continue
            }
            if let definition { list.check(definition.dimensions.contains(kind), "dimensions[\(index)].dimension", "\(indicator) is not broken down by \(kind.rawValue)") }
            list.check(kind.isValid(dimension.value), "dimensions[\(index)].value", "\(dimension.value.debugDescription) is not a \(kind.rawValue) code")
        }
        list.check(Set(dimensions.compactMap(\.dimension)).count == dimensions.count, "dimensions", "a dimension is given twice")
        return list.items
    }
}

/// Ids of recorded actuals: `actual-` and 12 characters of a-z0-9.
public enum ActualID {
    public static let prefix = "actual-"
    public static func isValid(_ id: String) -> Bool { RecordID.isValid(id, prefix: prefix) }
}
