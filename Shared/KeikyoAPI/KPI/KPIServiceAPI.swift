import CKeikyoProtos
import KeikyoModel
import KeikyoWire

/// `keikyo.kpi.v1.KpiService`: its descriptor and methods.
public enum KPIServiceAPI {
    public static let serviceName = "keikyo.kpi.v1.KpiService"
    public static let descriptor = KWPServiceDescriptor(keikyo__kpi__v1__kpi_service__descriptor_ptr())

    public static let defineIndicator = KWPMethod<DefineIndicatorRequest, Indicator>(service: serviceName, name: "DefineIndicator")
    public static let getIndicator = KWPMethod<GetIndicatorRequest, IndicatorDetail>(service: serviceName, name: "GetIndicator")
    public static let listIndicators = KWPMethod<ListIndicatorsRequest, ListIndicatorsResponse>(service: serviceName, name: "ListIndicators")
    public static let setTarget = KWPMethod<SetTargetRequest, KPITarget>(service: serviceName, name: "SetTarget")
    public static let recordActual = KWPMethod<RecordActualRequest, Actual>(service: serviceName, name: "RecordActual")
    public static let listActuals = KWPMethod<ListActualsRequest, ListActualsResponse>(service: serviceName, name: "ListActuals")
    public static let getProgress = KWPMethod<GetProgressRequest, KPIProgress>(service: serviceName, name: "GetProgress")
    public static let getBreakdown = KWPMethod<GetBreakdownRequest, Breakdown>(service: serviceName, name: "GetBreakdown")
    public static let getYearOverYear = KWPMethod<GetYearOverYearRequest, YearOverYear>(service: serviceName, name: "GetYearOverYear")
    public static let reconcile = KWPMethod<ReconcileRequest, ReconcileResponse>(service: serviceName, name: "Reconcile")
    public static let getDashboard = KWPMethod<GetDashboardRequest, Dashboard>(service: serviceName, name: "GetDashboard")
    public static let listStrategies = KWPMethod<ListStrategiesRequest, ListStrategiesResponse>(service: serviceName, name: "ListStrategies")
    public static let getStrategy = KWPMethod<GetStrategyRequest, Strategy>(service: serviceName, name: "GetStrategy")

    /// Reasons the KPI service gives.
    public enum Reason {
        public static let indicatorNotFound = "INDICATOR_NOT_FOUND"
        public static let strategyNotFound = "STRATEGY_NOT_FOUND"
        public static let actualNotFound = "ACTUAL_NOT_FOUND"
        public static let noFigures = "NO_FIGURES"
        public static let versionMismatch = CommonReason.versionMismatch
        public static let alreadyExists = "ALREADY_EXISTS"
        public static let alreadySuperseded = "ALREADY_SUPERSEDED"
        public static let invalidField = CommonReason.invalidField
        public static let casesUnavailable = "CASES_UNAVAILABLE"
        public static let financingUnavailable = "FINANCING_UNAVAILABLE"
        public static let diplomacyUnavailable = "DIPLOMACY_UNAVAILABLE"
    }
}

extension KWPClient {
    /// Every figure `request` selects, following its pages: for a caller that needs them all
    /// at once (the orders chart, a check).
    public func allActuals(_ request: ListActualsRequest, metadata: KWPMetadata = [:], options: KWPCallOptions = .init()) async throws -> [Actual] {
        var request = request
        var actuals: [Actual] = []
        repeat {
            let page = try await unary(KPIServiceAPI.listActuals, request, metadata: metadata, options: options)
            actuals += page.actuals
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty
        return actuals
    }
}
