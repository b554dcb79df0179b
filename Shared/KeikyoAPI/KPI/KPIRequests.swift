import CKeikyoProtos
import CProtobufC
import KeikyoModel
import KeikyoWire

/// `keikyo.kpi.v1.DefineIndicatorRequest`: creates the indicator (expected version 0) or
/// replaces it.
public struct DefineIndicatorRequest: KWPMessage, Hashable {
    public var indicator: Indicator
    public var expectedVersion: UInt64
    public init(_ indicator: Indicator, expectedVersion: UInt64 = 0) {
        self.indicator = indicator
        self.expectedVersion = expectedVersion
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__define_indicator_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__DefineIndicatorRequest, arena: inout CArena) {
        m.indicator = arena.message(indicator)
        m.expected_version = expectedVersion
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__DefineIndicatorRequest) throws {
        self.init(
            try ProtobufC.message(m.indicator, as: Indicator.self) ?? Indicator(code: "", title: LocalizedText(), unit: nil, direction: nil),
            expectedVersion: m.expected_version)
    }
}

/// `keikyo.kpi.v1.GetIndicatorRequest`.
public struct GetIndicatorRequest: KWPMessage, Hashable {
    public var code: String
    public init(code: String) { self.code = code }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__get_indicator_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__GetIndicatorRequest, arena: inout CArena) { m.code = arena.cString(code) }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__GetIndicatorRequest) throws { code = ProtobufC.string(m.code) }
}

/// `keikyo.kpi.v1.IndicatorDetail`: an indicator and its targets.
public struct IndicatorDetail: KWPMessage, Hashable {
    public var indicator: Indicator
    public var targets: [KPITarget]
    public init(indicator: Indicator, targets: [KPITarget]) {
        self.indicator = indicator
        self.targets = targets
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__indicator_detail__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__IndicatorDetail, arena: inout CArena) {
        m.indicator = arena.message(indicator)
        m.n_targets = targets.count
        m.targets = arena.messages(targets)
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__IndicatorDetail) throws {
        self.init(
            indicator: try ProtobufC.message(m.indicator, as: Indicator.self) ?? Indicator(code: "", title: LocalizedText(), unit: nil, direction: nil),
            targets: try ProtobufC.messages(m.n_targets, m.targets, as: KPITarget.self, field: "targets"))
    }
}

/// `keikyo.kpi.v1.ListIndicatorsRequest`.
public struct ListIndicatorsRequest: KWPMessage, Hashable {
    public init() {}
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__list_indicators_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__ListIndicatorsRequest, arena: inout CArena) {}
    public init(protobufC m: borrowing Keikyo__Kpi__V1__ListIndicatorsRequest) throws {}
}

/// `keikyo.kpi.v1.ListIndicatorsResponse`.
public struct ListIndicatorsResponse: KWPMessage, Hashable {
    public var indicators: [Indicator]
    public init(indicators: [Indicator]) { self.indicators = indicators }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__list_indicators_response__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__ListIndicatorsResponse, arena: inout CArena) {
        m.n_indicators = indicators.count
        m.indicators = arena.messages(indicators)
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__ListIndicatorsResponse) throws {
        indicators = try ProtobufC.messages(m.n_indicators, m.indicators, as: Indicator.self, field: "indicators")
    }
}

/// `keikyo.kpi.v1.SetTargetRequest`.
public struct SetTargetRequest: KWPMessage, Hashable {
    public var target: KPITarget
    public init(_ target: KPITarget) { self.target = target }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__set_target_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__SetTargetRequest, arena: inout CArena) { m.target = arena.message(target) }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__SetTargetRequest) throws {
        target = try ProtobufC.message(m.target, as: KPITarget.self)
            ?? KPITarget(indicator: "", strategy: LocalizedText(), adoptedOn: "", baselineYear: 0, baselineValue: "", targetYear: 0, targetValue: "", source: "")
    }
}

/// `keikyo.kpi.v1.RecordActualRequest`.
public struct RecordActualRequest: KWPMessage, Hashable {
    public var actual: Actual
    public init(_ actual: Actual) { self.actual = actual }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__record_actual_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__RecordActualRequest, arena: inout CArena) { m.actual = arena.message(actual) }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__RecordActualRequest) throws {
        actual = try ProtobufC.message(m.actual, as: Actual.self)
            ?? Actual(indicator: "", year: 0, value: "", source: "", publishedOn: "", status: nil)
    }
}

/// `keikyo.kpi.v1.ListActualsRequest`.
public struct ListActualsRequest: KWPMessage, Hashable {
    public var indicator: String
    public var yearFrom: UInt32
    public var yearTo: UInt32
    public var currentOnly: Bool
    /// Also the published year-on-year changes.
    public var includeChanges: Bool
    /// Figures a page, at most `maximumPageSize`; 0 means `defaultPageSize`.
    public var pageSize: UInt32
    public var pageToken: String
    public init(
        indicator: String, yearFrom: UInt32 = 0, yearTo: UInt32 = 0, currentOnly: Bool = false, includeChanges: Bool = false,
        pageSize: UInt32 = 0, pageToken: String = ""
    ) {
        self.indicator = indicator
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.currentOnly = currentOnly
        self.includeChanges = includeChanges
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    public static let defaultPageSize: UInt32 = 100
    /// The most figures one reply lists, so that it never nears the message limit.
    public static let maximumPageSize: UInt32 = 1_000

    /// The request without its page: what a page token belongs to.
    public var query: ListActualsRequest {
        ListActualsRequest(indicator: indicator, yearFrom: yearFrom, yearTo: yearTo, currentOnly: currentOnly, includeChanges: includeChanges)
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__list_actuals_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__ListActualsRequest, arena: inout CArena) {
        m.indicator = arena.cString(indicator)
        m.year_from = yearFrom
        m.year_to = yearTo
        m.current_only = currentOnly ? 1 : 0
        m.include_changes = includeChanges ? 1 : 0
        m.page_size = pageSize
        m.page_token = arena.cString(pageToken)
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__ListActualsRequest) throws {
        self.init(
            indicator: ProtobufC.string(m.indicator), yearFrom: m.year_from, yearTo: m.year_to, currentOnly: m.current_only != 0,
            includeChanges: m.include_changes != 0, pageSize: m.page_size, pageToken: ProtobufC.string(m.page_token))
    }
}

/// `keikyo.kpi.v1.ListActualsResponse`.
public struct ListActualsResponse: KWPMessage, Hashable {
    public var actuals: [Actual]
    /// "" on the last page.
    public var nextPageToken: String
    public init(actuals: [Actual], nextPageToken: String = "") {
        self.actuals = actuals
        self.nextPageToken = nextPageToken
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__list_actuals_response__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__ListActualsResponse, arena: inout CArena) {
        m.n_actuals = actuals.count
        m.actuals = arena.messages(actuals)
        m.next_page_token = arena.cString(nextPageToken)
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__ListActualsResponse) throws {
        actuals = try ProtobufC.messages(m.n_actuals, m.actuals, as: Actual.self, field: "actuals")
        nextPageToken = ProtobufC.string(m.next_page_token)
    }
}

/// `keikyo.kpi.v1.GetProgressRequest`.
public struct GetProgressRequest: KWPMessage, Hashable {
    public var indicator: String
    public var year: UInt32
    public init(indicator: String, year: UInt32 = 0) {
        self.indicator = indicator
        self.year = year
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__get_progress_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__GetProgressRequest, arena: inout CArena) {
        m.indicator = arena.cString(indicator)
        m.year = year
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__GetProgressRequest) throws {
        self.init(indicator: ProtobufC.string(m.indicator), year: m.year)
    }
}

/// `keikyo.kpi.v1.GetBreakdownRequest`.
public struct GetBreakdownRequest: KWPMessage, Hashable {
    public var indicator: String
    public var year: UInt32
    /// nil: FIELD.
    public var dimension: KPIDimension?
    public init(indicator: String, year: UInt32, dimension: KPIDimension? = nil) {
        self.indicator = indicator
        self.year = year
        self.dimension = dimension
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__get_breakdown_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__GetBreakdownRequest, arena: inout CArena) {
        m.indicator = arena.cString(indicator)
        m.year = year
        m.dimension = Keikyo__Kpi__V1__Dimension(rawValue: WireEnum.number(dimension))
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__GetBreakdownRequest) throws {
        self.init(indicator: ProtobufC.string(m.indicator), year: m.year, dimension: try WireEnum.value(m.dimension.rawValue, "dimension"))
    }
}

/// `keikyo.kpi.v1.GetYearOverYearRequest`.
public struct GetYearOverYearRequest: KWPMessage, Hashable {
    public var indicator: String
    public var year: UInt32
    /// 0: the latest year before `year` with figures.
    public var previousYear: UInt32
    public var dimension: KPIDimension?
    public init(indicator: String, year: UInt32, previousYear: UInt32 = 0, dimension: KPIDimension? = nil) {
        self.indicator = indicator
        self.year = year
        self.previousYear = previousYear
        self.dimension = dimension
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__get_year_over_year_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__GetYearOverYearRequest, arena: inout CArena) {
        m.indicator = arena.cString(indicator)
        m.year = year
        m.previous_year = previousYear
        m.dimension = Keikyo__Kpi__V1__Dimension(rawValue: WireEnum.number(dimension))
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__GetYearOverYearRequest) throws {
        self.init(
            indicator: ProtobufC.string(m.indicator), year: m.year, previousYear: m.previous_year,
            dimension: try WireEnum.value(m.dimension.rawValue, "dimension"))
    }
}

/// `keikyo.kpi.v1.ReconcileRequest`.
public struct ReconcileRequest: KWPMessage, Hashable {
    public var yearFrom: UInt32
    public var yearTo: UInt32
    public init(yearFrom: UInt32 = 0, yearTo: UInt32 = 0) {
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__reconcile_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__ReconcileRequest, arena: inout CArena) {
        m.year_from = yearFrom
        m.year_to = yearTo
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__ReconcileRequest) throws { self.init(yearFrom: m.year_from, yearTo: m.year_to) }
}

/// `keikyo.kpi.v1.ReconcileResponse`.
public struct ReconcileResponse: KWPMessage, Hashable {
    public var rows: [ReconcileRow]
    /// e.g. "USD 2019 109.01 (Federal Reserve G.5A, annual average)".
    public var ratesUsed: [String]
    /// Official figures published, the cases' sums and coverage derived.
    public var figureSources: [FigureSource] = []
    public init(rows: [ReconcileRow], ratesUsed: [String], figureSources: [FigureSource] = []) {
        self.rows = rows
        self.ratesUsed = ratesUsed
        self.figureSources = figureSources
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__reconcile_response__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__ReconcileResponse, arena: inout CArena) {
        m.n_rows = rows.count
        m.rows = arena.messages(rows)
        m.n_rates_used = ratesUsed.count
        m.rates_used = arena.cStrings(ratesUsed)
        m.n_figure_sources = figureSources.count
        m.figure_sources = arena.messages(figureSources)
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__ReconcileResponse) throws {
        self.init(
            rows: try ProtobufC.messages(m.n_rows, m.rows, as: ReconcileRow.self, field: "rows"),
            ratesUsed: ProtobufC.strings(m.n_rates_used, m.rates_used),
            figureSources: try ProtobufC.messages(m.n_figure_sources, m.figure_sources, as: FigureSource.self, field: "figure_sources"))
    }
}

/// `keikyo.kpi.v1.GetDashboardRequest`.
public struct GetDashboardRequest: KWPMessage, Hashable {
    /// 0: the latest year with an actual.
    public var year: UInt32
    public init(year: UInt32 = 0) { self.year = year }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__get_dashboard_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__GetDashboardRequest, arena: inout CArena) { m.year = year }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__GetDashboardRequest) throws { year = m.year }
}

/// `keikyo.kpi.v1.ListStrategiesRequest`.
public struct ListStrategiesRequest: KWPMessage, Hashable {
    public init() {}
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__list_strategies_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__ListStrategiesRequest, arena: inout CArena) {}
    public init(protobufC m: borrowing Keikyo__Kpi__V1__ListStrategiesRequest) throws {}
}

/// `keikyo.kpi.v1.ListStrategiesResponse`: every strategy, oldest first.
public struct ListStrategiesResponse: KWPMessage, Hashable {
    public var strategies: [Strategy]
    public init(strategies: [Strategy]) { self.strategies = strategies }
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__list_strategies_response__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__ListStrategiesResponse, arena: inout CArena) {
        m.n_strategies = strategies.count
        m.strategies = arena.messages(strategies)
    }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__ListStrategiesResponse) throws {
        strategies = try ProtobufC.messages(m.n_strategies, m.strategies, as: Strategy.self, field: "strategies")
    }
}

/// `keikyo.kpi.v1.GetStrategyRequest`.
public struct GetStrategyRequest: KWPMessage, Hashable {
    public var id: String
    public init(id: String) { self.id = id }
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__get_strategy_request__descriptor_ptr() }
    public func fill(_ m: inout Keikyo__Kpi__V1__GetStrategyRequest, arena: inout CArena) { m.id = arena.cString(id) }
    public init(protobufC m: borrowing Keikyo__Kpi__V1__GetStrategyRequest) throws { id = ProtobufC.string(m.id) }
}
