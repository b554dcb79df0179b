import Foundation

/// For one year and field: the official figure beside the registered cases' Japanese shares.
public struct ReconcileRow: Sendable, Hashable {
    public var year: UInt32
    public var field: String
    public var officialJPY: String
    public var casesJPY: String
    public var coveragePercent: String
    public var cases: UInt32
    public var unconverted: [String]

    public init(year: UInt32, field: String, officialJPY: String, casesJPY: String, coveragePercent: String, cases: UInt32, unconverted: [String]) {
        self.year = year
        self.field = field
        self.officialJPY = officialJPY
        self.casesJPY = casesJPY
        self.coveragePercent = coveragePercent
        self.cases = cases
        self.unconverted = unconverted
    }

    /// Official figures (in JPY trillion, by year and field) beside the cases' order totals
    /// converted to yen at each year's rate: one row per year and field that has either.
    /// `official` may hold a `TOTAL` entry for a year (its total); the cases' `TOTAL` row sums
    /// every field.
    public static func reconcile(
        official: [UInt32: [String: DecimalAmount]], orders: [OrderTotal], rates: RateTable, years: ClosedRange<Int>
    ) -> (rows: [ReconcileRow], ratesUsed: [ExchangeRate]) {
        struct Sum { var yen = DecimalAmount.zero, cases: UInt32 = 0, unconverted: [String] = [] }
        var sums: [UInt32: [String: Sum]] = [:]
        var ratesUsed: [ExchangeRate] = []
        for order in orders where years.contains(Int(order.year)) {
            var yen: DecimalAmount? = nil
            var missing: String? = nil
            switch rates.convert(Money(amount: order.amount.description, currency: order.currency, valueDate: String(order.year)), to: "JPY") {
            case .success(let converted):
                yen = converted.converted.decimal
                for rate in converted.ratesUsed where !ratesUsed.contains(rate) { ratesUsed.append(rate) }
            case .failure(let failure):
                missing = failure.missingRate ?? "\(order.currency) \(order.year)"
            }
            for key in [order.field?.rawValue ?? "", "TOTAL"] {
                var sum = sums[order.year, default: [:]][key, default: Sum()]
                sum.cases += order.cases
                if let yen { sum.yen = sum.yen + yen }
                if let missing, !sum.unconverted.contains(missing) { sum.unconverted.append(missing) }
                sums[order.year, default: [:]][key] = sum
            }
        }
        let trillion = DecimalAmount(micros: 1_000_000_000_000 * 1_000_000)
        var rows: [ReconcileRow] = []
        let allYears = Set(official.keys).union(sums.keys).filter { years.contains(Int($0)) }.sorted()
        for year in allYears {
            let fields = (KPIField.allCases.map(\.rawValue) + ["TOTAL"]).filter { official[year]?[$0] != nil || sums[year]?[$0] != nil }
            for field in fields {
                let officialYen = official[year]?[field].flatMap { $0.multiplied(by: trillion) }
                let sum = sums[year]?[field] ?? Sum()
                rows.append(ReconcileRow(
                    year: year, field: field, officialJPY: officialYen?.description ?? "", casesJPY: sum.yen.description,
                    coveragePercent: officialYen.flatMap { sum.yen.percent(of: $0, decimals: 4) }?.description ?? "", cases: sum.cases,
                    unconverted: sum.unconverted))
            }
        }
        return (rows, ratesUsed)
    }
}

/// Whether a dashboard section could be filled, and why not.
public struct SectionStatus: Sendable, Hashable {
    public var available: Bool
    public var reason: String
    public var message: String

    public init(available: Bool, reason: String = "", message: String = "") {
        self.available = available
        self.reason = reason
        self.message = message
    }

    public static let ok = SectionStatus(available: true)
}

public struct CountByName: Sendable, Hashable {
    public var name: String
    public var count: UInt64
    public init(name: String, count: UInt64) {
        self.name = name
        self.count = count
    }
}

public struct PledgeLine: Sendable, Hashable {
    public var pledgeID: String
    public var name: LocalizedText
    public var target: String
    public var officialSharePercent: String
    public var commitmentsSharePercent: String
    public var straightLinePercent: String

    public init(pledgeID: String, name: LocalizedText, target: String, officialSharePercent: String, commitmentsSharePercent: String, straightLinePercent: String) {
        self.pledgeID = pledgeID
        self.name = name
        self.target = target
        self.officialSharePercent = officialSharePercent
        self.commitmentsSharePercent = commitmentsSharePercent
        self.straightLinePercent = straightLinePercent
    }
}

/// Everything the council looks at, gathered in one call; a section whose source service did
/// not answer says so and stays empty.
public struct Dashboard: Sendable, Hashable {
    public var year: UInt32 = 0
    public var officialStatus = SectionStatus.ok
    public var progress: KPIProgress? = nil
    public var casesStatus = SectionStatus.ok
    public var casesByStage: [CountByName] = []
    public var casesByField: [CountByName] = []
    public var pledgesStatus = SectionStatus.ok
    public var pledges: [PledgeLine] = []
    public var topSalesStatus = SectionStatus.ok
    public var topSales: [TopSalesTarget] = []
    public var generatedAt: Date? = nil
    /// For the pledge lines and top sales: published or derived.
    public var figureSources: [FigureSource] = []

    public init() {}
}
