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
    /// Published or derived, for each number.
    public var figureSources: [FigureSource] = []

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
    /// The sum of the items.
    public var total: String
    /// The year's total as published, "" when none.
    public var publishedTotal = ""
    public var figureSources: [FigureSource] = []

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
    /// current - previous, from the figures.
    public var change: String
    public var shareOfChangePercent: String
    /// As published (signed), "" when none.
    public var publishedChange = ""
    public var publishedChangeSource = Source()

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
    /// The difference of the two years' sums of the figures by the dimension.
    public var totalChange: String
    /// As published, "" when none.
    public var publishedTotalChange = ""
    public var figureSources: [FigureSource] = []

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
    /// Every vintage, superseded ones and published changes included.
    public var actuals: [Actual]

    public init(indicator: Indicator, targets: [KPITarget], actuals: [Actual]) {
        self.indicator = indicator
        self.targets = targets
        self.actuals = actuals
    }

    private var latest: [Actual] {
        let superseded = Set(actuals.map(\.supersedes).filter { !$0.isEmpty })
        return actuals.filter { !superseded.contains($0.id) }
    }

    /// The yearly values not superseded by a later one.
    public var current: [Actual] { latest.filter { !$0.isChange } }

    /// The published changes from the year before not superseded by a later one.
    public var currentChanges: [Actual] { latest.filter(\.isChange) }

    /// The year's total and the vintages it comes from: the published total if there is one
    /// (the seed's "about 25" for 2018 wins over the sum of its rounded table), else the sum
    /// of the current figures by field.
    public func total(year: UInt32) -> (value: DecimalAmount, vintages: [Actual])? {
        Self.total(of: current.filter { $0.year == year })
    }

    /// The total of one year's current figures.
    static func total(of ofYear: [Actual]) -> (value: DecimalAmount, vintages: [Actual])? {
        if let total = ofYear.first(where: { $0.dimensions.isEmpty }), let value = DecimalAmount(total.value) { return (value, [total]) }
        let parts = ofYear.filter { $0.dimensions.count == 1 && $0.dimensions[0].dimension == .field }
        guard !parts.isEmpty else { return nil }
        return (parts.compactMap { DecimalAmount($0.value) }.reduce(.zero, +), parts.sorted { $0.dimensions[0].value < $1.dimensions[0].value })
    }

    /// Where the year's total comes from: its published figure, or the sum of the parts.
    public func totalSource(_ vintages: [Actual]) -> Source {
        if vintages.count == 1, vintages[0].dimensions.isEmpty { return vintages[0].citedSource }
        return .derived(vintages.map(\.id), note: "the sum of the year's figures by field; no total is recorded for the year")
    }

    /// Years with a total, in order: one pass over the figures, however many years.
    public var years: [UInt32] {
        let byYear = Dictionary(grouping: current, by: \.year)
        return byYear.keys.sorted().filter { Self.total(of: byYear[$0]!) != nil }
    }

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
        progress.figureSources = [FigureSource("actual", totalSource(vintages))]
        guard let target = target(for: year), let goal = DecimalAmount(target.targetValue) else { return progress }
        progress.target = target
        let targetName = "the target \(target.targetValue) for \(target.targetYear == 0 ? "every year" : String(target.targetYear)) (\(target.citedSource.citation))"
        let actualName = "the \(year) actual \(actual)"
        progress.sharePercent = actual.percent(of: goal)?.description ?? ""
        progress.gap = SignedDecimal.string(goal.micros - actual.micros)
        progress.figureSources += [
            FigureSource("share_percent", .derived([actualName, targetName], note: "actual / target")),
            FigureSource("gap", .derived([actualName, targetName], note: "target - actual")),
        ]
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
                progress.figureSources.append(FigureSource(
                    "required_cagr_percent", .derived([actualName, targetName], note: "(target / actual)^(1 / years left) - 1")))
            }
            progress.figureSources.append(FigureSource(
                "straight_path_value",
                .derived(["the baseline \(target.baselineValue) in \(target.baselineYear)", targetName], note: "the straight line from the baseline to the target, in \(year)")))
        }
        progress.straightPathValue = path.description
        let better = indicator.direction == .lowerIsBetter ? path.micros - actual.micros : actual.micros - path.micros
        progress.status = better >= 0 ? .onTrack : (-better * 10 < path.micros ? .atRisk : .offTrack)
        progress.figureSources.append(FigureSource("status", .derived([actualName, "straight_path_value"], note: KPIProgress.statusRule)))
        return progress
    }

    /// The year's current figures by `dimension`, with shares of their sum, and the year's
    /// published total beside that sum.
    public func breakdown(year: UInt32, dimension: KPIDimension) -> Breakdown {
        let parts = current.filter { $0.year == year && $0.dimensions.count == 1 && $0.dimensions[0].dimension == dimension }
            .sorted { order(dimension, $0.dimensions[0].value) < order(dimension, $1.dimensions[0].value) }
        let total = parts.compactMap { DecimalAmount($0.value) }.reduce(.zero, +)
        let items = parts.map { part in
            BreakdownItem(
                value: part.dimensions[0].value, amount: part.value,
                sharePercent: DecimalAmount(part.value).flatMap { $0.percent(of: total) }?.description ?? "", vintage: part)
        }
        var breakdown = Breakdown(indicator: indicator.code, year: year, dimension: dimension, items: items, total: total.description)
        breakdown.figureSources = parts.map { FigureSource("items[\($0.dimensions[0].value)].amount", $0.citedSource) }
        breakdown.figureSources.append(FigureSource("total", .derived(parts.map(\.id), note: "the sum of the items")))
        breakdown.figureSources.append(FigureSource("items[].share_percent", .derived(["items[].amount", "total"], note: "amount / total")))
        if let published = current.first(where: { $0.year == year && $0.dimensions.isEmpty }) {
            breakdown.publishedTotal = published.value
            breakdown.figureSources.append(FigureSource("published_total", published.citedSource))
        }
        return breakdown
    }

    /// Per value of `dimension`: the change from `previousYear` (0: the latest earlier year
    /// with figures), computed from the figures, beside the change as published where one is.
    public func yearOverYear(year: UInt32, previousYear requested: UInt32, dimension: KPIDimension) -> YearOverYear? {
        let previousYear = requested != 0 ? requested : (years.filter { $0 < year }.last ?? 0)
        guard previousYear != 0 else { return nil }
        let now = breakdown(year: year, dimension: dimension)
        let before = breakdown(year: previousYear, dimension: dimension)
        guard !now.items.isEmpty, !before.items.isEmpty else { return nil }
        // Published changes are from the year before; they apply only when that is the comparison.
        let changes = year == previousYear + 1 ? currentChanges.filter { $0.year == year } : []
        let publishedTotal = changes.first { $0.dimensions.isEmpty }
        func publishedChange(_ value: String) -> Actual? {
            changes.first { $0.dimensions.count == 1 && $0.dimensions[0].dimension == dimension && $0.dimensions[0].value == value }
        }
        let values = (now.items.map(\.value) + before.items.map(\.value)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        // From the same figures as the items, so that the items add up to it.
        let totalChange = (DecimalAmount(now.total)?.micros ?? 0) - (DecimalAmount(before.total)?.micros ?? 0)
        var sources: [FigureSource] = [
            FigureSource(
                "total_change",
                .derived(
                    ["the sum of the \(year) figures by \(dimension.rawValue) (\(now.total))", "the sum of the \(previousYear) figures (\(before.total))"],
                    note: "the difference of the two sums")),
            FigureSource("items[].change", .derived(["items[].current", "items[].previous"], note: "current - previous, from the figures by \(dimension.rawValue)")),
        ]
        if let publishedTotal { sources.append(FigureSource("published_total_change", publishedTotal.citedSource)) }
        let publishedTotalMicros = publishedTotal.flatMap { SignedDecimal.micros($0.value) }
        let items = values.map { value -> YearOverYearItem in
            let current = now.items.first { $0.value == value }.flatMap { DecimalAmount($0.amount) } ?? .zero
            let previous = before.items.first { $0.value == value }.flatMap { DecimalAmount($0.amount) } ?? .zero
            let change = current.micros - previous.micros
            var item = YearOverYearItem(
                value: value, previous: previous.description, current: current.description, change: SignedDecimal.string(change),
                shareOfChangePercent: totalChange == 0 ? "" : SignedDecimal.percent(change, of: totalChange))
            if let published = publishedChange(value), let micros = SignedDecimal.micros(published.value) {
                item.publishedChange = SignedDecimal.string(micros)
                item.publishedChangeSource = published.citedSource
                if let publishedTotalMicros, publishedTotalMicros != 0 {
                    item.shareOfChangePercent = SignedDecimal.percent(micros, of: publishedTotalMicros)
                }
                sources.append(FigureSource("items[\(value)].published_change", published.citedSource))
            }
            return item
        }
        var groupItems: [YearOverYearItem] = []
        if dimension == .field {
            // A group the seed publishes a change for (ICT): its members summed, beside it.
            for (group, members) in KPIField.groups.sorted(by: { $0.key < $1.key }) {
                guard let published = publishedChange(group), let micros = SignedDecimal.micros(published.value) else { continue }
                let memberValues = Set(members.map(\.rawValue))
                func sum(_ list: [YearOverYearItem], _ key: KeyPath<YearOverYearItem, String>) -> DecimalAmount {
                    DecimalAmount(micros: list.filter { memberValues.contains($0.value) }.compactMap { DecimalAmount($0[keyPath: key])?.micros }.reduce(0, +))
                }
                let current = sum(items, \.current)
                let previous = sum(items, \.previous)
                let change = current.micros - previous.micros
                var item = YearOverYearItem(
                    value: group, previous: previous.description, current: current.description, change: SignedDecimal.string(change),
                    shareOfChangePercent: totalChange == 0 ? "" : SignedDecimal.percent(change, of: totalChange))
                item.publishedChange = SignedDecimal.string(micros)
                item.publishedChangeSource = published.citedSource
                if let publishedTotalMicros, publishedTotalMicros != 0 { item.shareOfChangePercent = SignedDecimal.percent(micros, of: publishedTotalMicros) }
                sources.append(FigureSource("items[\(group)].published_change", published.citedSource))
                sources.append(FigureSource("items[\(group)].change", .derived(members.map { "items[\($0.rawValue)].change" }, note: "the group's fields summed")))
                groupItems.append(item)
            }
        }
        sources.append(FigureSource(
            "items[].share_of_change_percent",
            .derived(["published_change / published_total_change where both are published, else change / total_change"])))
        var result = YearOverYear(indicator: indicator.code, year: year, previousYear: previousYear, items: items + groupItems, totalChange: SignedDecimal.string(totalChange))
        if let publishedTotal, let micros = SignedDecimal.micros(publishedTotal.value) { result.publishedTotalChange = SignedDecimal.string(micros) }
        result.figureSources = sources
        return result
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
    /// Millionths of a signed decimal such as "-0.3" or "+0.6"; nil when it is not one.
    public static func micros(_ text: String) -> Int128? {
        if text.hasPrefix("-") { return DecimalAmount(String(text.dropFirst())).map { -$0.micros } }
        if text.hasPrefix("+") { return DecimalAmount(String(text.dropFirst()))?.micros }
        return DecimalAmount(text)?.micros
    }

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
