import Foundation

/// KPIProgress toward a target for one indicator and year.
public struct KPIProgress: Sendable, Hashable {
    public var indicator: String
    public var year: UInt32
    public var actual: String
    public var vintagesUsed: [Actual]
    public var target: KPITarget?
    public var sharePercent: String
    public var gap: String
    public var requiredCAGRPercent: String
    public var straightPathValue: String
    public var status: ProgressStatus?
    public var statusRule: String

    public init(
        indicator: String, year: UInt32, actual: String, vintagesUsed: [Actual], target: KPITarget?, sharePercent: String, gap: String,
        requiredCAGRPercent: String, straightPathValue: String, status: ProgressStatus?, statusRule: String
    ) {
        self.indicator = indicator
        self.year = year
        self.actual = actual
        self.vintagesUsed = vintagesUsed
        self.target = target
        self.sharePercent = sharePercent
        self.gap = gap
        self.requiredCAGRPercent = requiredCAGRPercent
        self.straightPathValue = straightPathValue
        self.status = status
        self.statusRule = statusRule
    }

    public static let statusRule =
        "ON_TRACK when the actual is at or above the straight path from the target's baseline to the target in that year; "
        + "AT_RISK when below it by less than 10% of the path's value; OFF_TRACK otherwise (reversed for lower-is-better indicators; "
        + "a yearly target is its own path)"
}

public struct BreakdownItem: Sendable, Hashable {
    public var value: String
    public var amount: String
    public var sharePercent: String
    public var vintage: Actual?

    public init(value: String, amount: String, sharePercent: String, vintage: Actual?) {
        self.value = value
        self.amount = amount
        self.sharePercent = sharePercent
        self.vintage = vintage
    }
}

public struct Breakdown: Sendable, Hashable {
    public var indicator: String
    public var year: UInt32
    public var dimension: KPIDimension?
    public var items: [BreakdownItem]
    public var total: String

    public init(indicator: String, year: UInt32, dimension: KPIDimension?, items: [BreakdownItem], total: String) {
        self.indicator = indicator
        self.year = year
        self.dimension = dimension
        self.items = items
        self.total = total
    }
}

public struct YearOverYearItem: Sendable, Hashable {
    public var value: String
    public var previous: String
    public var current: String
    public var change: String
    public var shareOfChangePercent: String

    public init(value: String, previous: String, current: String, change: String, shareOfChangePercent: String) {
        self.value = value
        self.previous = previous
        self.current = current
        self.change = change
        self.shareOfChangePercent = shareOfChangePercent
    }
}

public struct YearOverYear: Sendable, Hashable {
    public var indicator: String
    public var year: UInt32
    public var previousYear: UInt32
    public var items: [YearOverYearItem]
    public var totalChange: String

    public init(indicator: String, year: UInt32, previousYear: UInt32, items: [YearOverYearItem], totalChange: String) {
        self.indicator = indicator
        self.year = year
        self.previousYear = previousYear
        self.items = items
        self.totalChange = totalChange
    }
}

/// The figures of one indicator: every vintage, the targets, and what follows from them.
public struct IndicatorFigures: Sendable {
    public var indicator: Indicator
    public var targets: [KPITarget]
    /// Every vintage, superseded ones included.
    public var actuals: [Actual]

    public init(indicator: Indicator, targets: [KPITarget], actuals: [Actual]) {
        self.indicator = indicator
        self.targets = targets
        self.actuals = actuals
    }

    /// The figures not superseded by a later one.
    public var current: [Actual] {
        let superseded = Set(actuals.map(\.supersedes).filter { !$0.isEmpty })
        return actuals.filter { !superseded.contains($0.id) }
    }

    /// The year's total and the vintages it comes from: the current total figure if there is
    /// one, else the sum of the current figures broken down by field.
    public func total(year: UInt32) -> (value: DecimalAmount, vintages: [Actual])? {
        let ofYear = current.filter { $0.year == year }
        if let total = ofYear.first(where: { $0.dimensions.isEmpty }), let value = DecimalAmount(total.value) { return (value, [total]) }
        let parts = ofYear.filter { $0.dimensions.count == 1 && $0.dimensions[0].dimension == .field }
        guard !parts.isEmpty else { return nil }
        return (parts.compactMap { DecimalAmount($0.value) }.reduce(.zero, +), parts.sorted { $0.dimensions[0].value < $1.dimensions[0].value })
    }

    /// Years with a total, in order.
    public var years: [UInt32] { Set(current.map(\.year)).sorted().filter { total(year: $0) != nil } }

    /// The target that applies to `year`: the first dated one at or after it, else a yearly one.
    public func target(for year: UInt32) -> KPITarget? {
        targets.filter { $0.targetYear >= year && $0.targetYear != 0 }.min { $0.targetYear < $1.targetYear }
            ?? targets.last { $0.targetYear == 0 }
    }

    public func progress(year requested: UInt32) -> KPIProgress? {
        let year = requested == 0 ? (years.last ?? 0) : requested
        guard let (actual, vintages) = total(year: year) else { return nil }
        var progress = KPIProgress(
            indicator: indicator.code, year: year, actual: actual.description, vintagesUsed: vintages, target: nil, sharePercent: "", gap: "",
            requiredCAGRPercent: "", straightPathValue: "", status: nil, statusRule: KPIProgress.statusRule)
        guard let target = target(for: year), let goal = DecimalAmount(target.targetValue) else { return progress }
        progress.target = target
        progress.sharePercent = actual.percent(of: goal)?.description ?? ""
        progress.gap = SignedDecimal.string(goal.micros - actual.micros)
        let path: DecimalAmount
        if target.targetYear == 0 {
            path = goal
        } else {
            let baseline = DecimalAmount(target.baselineValue) ?? .zero
            let span = Int128(target.targetYear) - Int128(target.baselineYear)
            let elapsed = Int128(year) - Int128(target.baselineYear)
            path = DecimalAmount(micros: baseline.micros + (goal.micros - baseline.micros) * elapsed / span)
            if target.targetYear > year, actual.micros > 0 {
                let growth = pow(Double(goal.micros) / Double(actual.micros), 1 / Double(target.targetYear - year)) - 1
                progress.requiredCAGRPercent = String(format: "%.2f", growth * 100)
            }
        }
        progress.straightPathValue = path.description
        let better = indicator.direction == .lowerIsBetter ? path.micros - actual.micros : actual.micros - path.micros
        progress.status = better >= 0 ? .onTrack : (-better * 10 < path.micros ? .atRisk : .offTrack)
        return progress
    }

    /// The year's current figures by `dimension`, with shares of their sum.
    public func breakdown(year: UInt32, dimension: KPIDimension) -> Breakdown {
        let parts = current.filter { $0.year == year && $0.dimensions.count == 1 && $0.dimensions[0].dimension == dimension }
            .sorted { order(dimension, $0.dimensions[0].value) < order(dimension, $1.dimensions[0].value) }
        let total = parts.compactMap { DecimalAmount($0.value) }.reduce(.zero, +)
        let items = parts.map { part in
            BreakdownItem(
                value: part.dimensions[0].value, amount: part.value,
                sharePercent: DecimalAmount(part.value).flatMap { $0.percent(of: total) }?.description ?? "", vintage: part)
        }
        return Breakdown(indicator: indicator.code, year: year, dimension: dimension, items: items, total: total.description)
    }

    /// Per value of `dimension`: the change from `previousYear` (0: the latest earlier year
    /// with figures) and its share of the total change.
    public func yearOverYear(year: UInt32, previousYear requested: UInt32, dimension: KPIDimension) -> YearOverYear? {
        let previousYear = requested != 0 ? requested : (years.filter { $0 < year }.last ?? 0)
        guard previousYear != 0 else { return nil }
        let now = breakdown(year: year, dimension: dimension)
        let before = breakdown(year: previousYear, dimension: dimension)
        guard !now.items.isEmpty, !before.items.isEmpty else { return nil }
        let values = (now.items.map(\.value) + before.items.map(\.value)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let totalChange = (DecimalAmount(now.total)?.micros ?? 0) - (DecimalAmount(before.total)?.micros ?? 0)
        let items = values.map { value -> YearOverYearItem in
            let current = now.items.first { $0.value == value }.flatMap { DecimalAmount($0.amount) } ?? .zero
            let previous = before.items.first { $0.value == value }.flatMap { DecimalAmount($0.amount) } ?? .zero
            let change = current.micros - previous.micros
            return YearOverYearItem(
                value: value, previous: previous.description, current: current.description, change: SignedDecimal.string(change),
                shareOfChangePercent: totalChange == 0 ? "" : SignedDecimal.percent(change, of: totalChange))
        }
        return YearOverYear(indicator: indicator.code, year: year, previousYear: previousYear, items: items, totalChange: SignedDecimal.string(totalChange))
    }

    private func order(_ dimension: KPIDimension, _ value: String) -> Int {
        switch dimension {
        case .field: KPIField.allCases.firstIndex { $0.rawValue == value } ?? Int.max
        case .region: Region.allCases.firstIndex { $0.rawValue == value } ?? Int.max
        case .instrument: Instrument.allCases.firstIndex { $0.rawValue == value } ?? Int.max
        }
    }
}

/// Signed decimals (changes, gaps) written like `DecimalAmount`, with a leading `-` below zero.
public enum SignedDecimal {
    public static func string(_ micros: Int128) -> String {
        micros < 0 ? "-" + DecimalAmount(micros: -micros).description : DecimalAmount(micros: micros).description
    }

    /// `part / whole` in percent, two decimals, signed.
    public static func percent(_ part: Int128, of whole: Int128) -> String {
        let negative = (part < 0) != (whole < 0) && part != 0
        let value = DecimalAmount(micros: abs(part)).percent(of: DecimalAmount(micros: abs(whole)))?.description ?? ""
        return negative ? "-" + value : value
    }
}
