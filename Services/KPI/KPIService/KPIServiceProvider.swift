import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoWire

/// The other services the KPI service reads live figures from.
public struct KPIPeers: Sendable {
    public var cases: KWPClient
    public var financing: KWPClient
    public var diplomacy: KWPClient
    /// The most one call to another service may take (less when the caller's deadline is nearer).
    public var timeout: Duration = .seconds(2)

    public init(cases: KWPClient, financing: KWPClient, diplomacy: KWPClient) {
        self.cases = cases
        self.financing = financing
        self.diplomacy = diplomacy
    }
}

/// `keikyo.kpi.v1.KpiService` over a `KPIStore` and the other three services.
public struct KPIServiceProvider: KWPServiceProvider {
    public static let descriptor = KPIServiceAPI.descriptor

    let store: KPIStore
    let peers: KPIPeers

    public init(store: KPIStore, peers: KPIPeers) {
        self.store = store
        self.peers = peers
    }

    public func register(in router: inout KWPRouter) {
        router.register(KPIServiceAPI.defineIndicator) { request, context in
            let violations = request.indicator.violations().prefixed("indicator.")
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            return try await store.define(request.indicator, expectedVersion: request.expectedVersion, by: context.caller)
        }
        router.register(KPIServiceAPI.getIndicator) { request, _ in
            let figures = try await store.figures(try Self.code(request.code, field: "code"), withActuals: false)
            return IndicatorDetail(indicator: figures.indicator, targets: figures.targets)
        }
        router.register(KPIServiceAPI.listIndicators) { _, _ in
            ListIndicatorsResponse(indicators: try await store.indicators())
        }
        router.register(KPIServiceAPI.setTarget) { request, context in
            let violations = request.target.violations().prefixed("target.")
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            return try await store.setTarget(request.target, by: context.caller)
        }
        router.register(KPIServiceAPI.recordActual) { request, context in
            var actual = request.actual
            guard actual.id.isEmpty else { throw KWPError(invalid: [Violation("actual.id", "assigned by the server: leave it empty")]) }
            actual.supersededBy = ""
            let definition = Indicator.isValidCode(actual.indicator) ? try? await store.figures(actual.indicator, withActuals: false).indicator : nil
            let violations = actual.violations(indicator: definition).prefixed("actual.")
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            return try await store.record(actual, by: context.caller)
        }
        router.register(KPIServiceAPI.listActuals) { request, _ in
            let years = try YearRange.from(request.yearFrom, request.yearTo)
            let code = try Self.code(request.indicator, field: "indicator")
            guard request.pageSize <= ListActualsRequest.maximumPageSize else {
                throw KWPError(invalid: [Violation("page_size", "at most \(ListActualsRequest.maximumPageSize)")])
            }
            let after: ActualCursor? = try KeysetToken.cursor(request.pageToken, request: request.query)
            let page = try await store.actualsPage(
                code, years: years, currentOnly: request.currentOnly, includeChanges: request.includeChanges, after: after,
                limit: Int(request.pageSize == 0 ? ListActualsRequest.defaultPageSize : request.pageSize))
            return ListActualsResponse(actuals: page.actuals, nextPageToken: try KeysetToken.nextPageToken(page.next, request: request.query))
        }
        router.register(KPIServiceAPI.getProgress) { request, _ in
            let figures = try await store.progressFigures(try Self.code(request.indicator, field: "indicator"), year: request.year)
            guard let progress = figures.progress(year: request.year) else {
                throw Self.noFigures(request.indicator, request.year)
            }
            return progress
        }
        router.register(KPIServiceAPI.getBreakdown) { request, _ in
            let year = Int(request.year)
            let figures = try await store.figures(try Self.code(request.indicator, field: "indicator"), years: year...year)
            let breakdown = figures.breakdown(year: request.year, dimension: request.dimension ?? .field)
            guard !breakdown.items.isEmpty else { throw Self.noFigures(request.indicator, request.year, broken: true) }
            return breakdown
        }
        router.register(KPIServiceAPI.getYearOverYear) { request, _ in
            // Without a previous year the comparison is with the latest year before that has figures.
            let (year, previous) = (Int(request.year), Int(request.previousYear))
            let years = previous == 0 || previous > year ? YearRange.all : previous...year
            let figures = try await store.figures(try Self.code(request.indicator, field: "indicator"), years: years)
            guard let change = figures.yearOverYear(year: request.year, previousYear: request.previousYear, dimension: request.dimension ?? .field)
            else { throw Self.noFigures(request.indicator, request.year, broken: true) }
            return change
        }
        router.register(KPIServiceAPI.reconcile) { request, context in
            try await reconcile(request, metadata: context.forwardedMetadata)
        }
        router.register(KPIServiceAPI.getDashboard) { request, context in
            await dashboard(year: request.year, metadata: context.forwardedMetadata)
        }
        router.register(KPIServiceAPI.listStrategies) { _, _ in
            ListStrategiesResponse(strategies: try await store.strategies())
        }
        router.register(KPIServiceAPI.getStrategy) { request, _ in
            guard StrategyID.isValid(request.id) else {
                throw KWPError(invalid: [Violation("id", "\(request.id.debugDescription) is not a strategy id (strategy-...)")])
            }
            return try await store.strategy(id: request.id)
        }
    }

    // MARK: Reconcile

    func reconcile(_ request: ReconcileRequest, metadata: KWPMetadata) async throws -> ReconcileResponse {
        let years = try YearRange.from(request.yearFrom, request.yearTo)
        let figures = try await store.figures(SeedKPI.infrastructureOrders, years: years)
        var official: [UInt32: [String: DecimalAmount]] = [:]
        for actual in figures.current where actual.dimensions.count == 1 && actual.dimensions[0].dimension == .field {
            official[actual.year, default: [:]][actual.dimensions[0].value] = DecimalAmount(actual.value)
        }
        var sources: [FigureSource] = []
        for year in figures.years where years.contains(Int(year)) {
            guard let total = figures.total(year: year) else { continue }
            official[year, default: [:]]["TOTAL"] = total.value
            sources.append(FigureSource("rows[\(year) TOTAL].official_jpy", figures.totalSource(total.vintages)))
        }
        for actual in figures.current where actual.dimensions.count == 1 && years.contains(Int(actual.year)) {
            sources.append(FigureSource("rows[\(actual.year) \(actual.dimensions[0].value)].official_jpy", actual.citedSource))
        }
        sources.append(FigureSource("rows[].cases_jpy", .derived(["the registered cases' Japanese shares (SummarizeOrders)", "rates_used"])))
        sources.append(FigureSource("rows[].coverage_percent", .derived(["cases_jpy", "official_jpy"], note: "cases / official")))
        async let orders = call(peers.cases, CaseServiceAPI.summarizeOrders, SummarizeOrdersRequest(yearFrom: request.yearFrom, yearTo: request.yearTo),
            metadata: metadata, reason: KPIServiceAPI.Reason.casesUnavailable, what: "cases")
        async let rates = call(peers.financing, FinancingServiceAPI.listExchangeRates, ListExchangeRatesRequest(), metadata: metadata,
            reason: KPIServiceAPI.Reason.financingUnavailable, what: "financing")
        let (summary, table) = try await (orders, rates)
        let result = ReconcileRow.reconcile(official: official, orders: summary.byYearField, rates: RateTable(table.rates), years: years)
        return ReconcileResponse(
            rows: result.rows, ratesUsed: result.ratesUsed.map { "\($0.currency) \($0.period) \($0.jpyPerUnit) (\($0.source))" },
            figureSources: sources)
    }

    // MARK: Dashboard

    /// Every section at once; a section whose source does not answer within the caller's
    /// deadline is marked unavailable and the others are still filled.
    func dashboard(year: UInt32, metadata: KWPMetadata) async -> Dashboard {
        async let official = section(reason: KPIServiceAPI.Reason.noFigures) {
            guard let progress = try await store.progressFigures(SeedKPI.infrastructureOrders, year: year).progress(year: year) else {
                throw Self.noFigures(SeedKPI.infrastructureOrders, year)
            }
            return progress
        }
        async let cases = section(reason: KPIServiceAPI.Reason.casesUnavailable) { try await caseCounts(metadata: metadata) }
        async let pledges = section(reason: KPIServiceAPI.Reason.financingUnavailable) { try await pledgeLines(metadata: metadata) }
        async let topSales = section(reason: KPIServiceAPI.Reason.diplomacyUnavailable) {
            let tally = try await call(peers.diplomacy, TopSalesServiceAPI.countTopSales, CountTopSalesRequest(), metadata: metadata,
                reason: KPIServiceAPI.Reason.diplomacyUnavailable, what: "diplomacy")
            return try await topSalesLines(tally.byGroup)
        }
        var dashboard = Dashboard()
        let officialResult = await official
        dashboard.progress = officialResult.value
        dashboard.officialStatus = officialResult.status
        dashboard.year = officialResult.value?.year ?? year
        let casesResult = await cases
        (dashboard.casesByStage, dashboard.casesByField) = casesResult.value ?? ([], [])
        dashboard.casesStatus = casesResult.status
        let pledgesResult = await pledges
        dashboard.pledges = pledgesResult.value ?? []
        dashboard.pledgesStatus = pledgesResult.status
        let topSalesResult = await topSales
        dashboard.topSales = topSalesResult.value ?? []
        dashboard.topSalesStatus = topSalesResult.status
        dashboard.figureSources = Self.dashboardSources(dashboard)
        dashboard.generatedAt = Date()
        return dashboard
    }

    /// Each group's yearly count beside the target CAS or METI set for it, if any: the seed
    /// publishes none, so none is assumed.
    func topSalesLines(_ counts: [TopSalesTarget]) async throws -> [TopSalesTarget] {
        var targets: [String: IndicatorFigures] = [:]
        for code in [SeedKPI.topSalesPrimeMinister, SeedKPI.topSalesMinisters] {
            targets[code] = try? await store.figures(code, withActuals: false)
        }
        return counts.map { line in
            let code = line.group == TopSalesTarget.primeMinister ? SeedKPI.topSalesPrimeMinister : SeedKPI.topSalesMinisters
            guard let target = targets[code]?.target(for: line.year), let value = UInt32(target.targetValue) else { return line }
            return line.against(value, source: target.citedSource)
        }
    }

    static func dashboardSources(_ dashboard: Dashboard) -> [FigureSource] {
        var sources: [FigureSource] = []
        if dashboard.casesStatus.available {
            sources.append(FigureSource("cases_by_stage[].count", .derived(["the cases registered in keikyo-cases, by stage"])))
            sources.append(FigureSource("cases_by_field[].count", .derived(["the cases registered in keikyo-cases, by field"])))
        }
        if !dashboard.pledges.isEmpty {
            sources.append(FigureSource(
                "pledges[].official_share_percent", .derived(["the pledge's latest official progress figure (published)", "the pledge's target"])))
            sources.append(FigureSource(
                "pledges[].commitments_share_percent", .derived(["the commitments counted toward the pledge (GetPledgeProgress)", "the pledge's target"])))
            sources.append(FigureSource("pledges[].straight_line_percent", .derived(["the pledge's period"], note: "the share of the period elapsed")))
        }
        if !dashboard.topSales.isEmpty {
            sources.append(FigureSource("top_sales[].events", .derived(["the top-sales events recorded in keikyo-diplomacy (CountTopSales)"])))
            for line in dashboard.topSales where line.hasTarget {
                sources.append(FigureSource("top_sales[\(line.year) \(line.group)].target", line.targetSource))
            }
        }
        return sources
    }

    func section<T: Sendable>(reason: String, _ body: @Sendable () async throws -> T) async -> (value: T?, status: SectionStatus) {
        do {
            return (try await body(), .ok)
        } catch let error as KWPError {
            return (nil, SectionStatus(available: false, reason: error.reason.isEmpty ? reason : error.reason, message: error.message))
        } catch {
            return (nil, SectionStatus(available: false, reason: reason, message: "\(error)"))
        }
    }

    /// Cases by stage and by field: the totals of one-case pages of ListCases, asked at once.
    func caseCounts(metadata: KWPMetadata) async throws -> ([CountByName], [CountByName]) {
        var filters: [(String, Bool, CaseFilter)] = []
        for stage in CaseStage.allCases {
            var filter = CaseFilter()
            filter.stages = [stage]
            filters.append((stage.rawValue, true, filter))
        }
        for field in KPIField.allCases {
            var filter = CaseFilter()
            filter.fields = [field]
            filters.append((field.rawValue, false, filter))
        }
        let counts = try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
            for (index, entry) in filters.enumerated() {
                group.addTask {
                    let page = try await call(peers.cases, CaseServiceAPI.listCases, ListCasesRequest(filter: entry.2, pageSize: 1),
                        metadata: metadata, reason: KPIServiceAPI.Reason.casesUnavailable, what: "cases")
                    return (index, page.totalSize)
                }
            }
            var counts = [UInt64](repeating: 0, count: filters.count)
            for try await (index, count) in group { counts[index] = count }
            return counts
        }
        let rows = filters.enumerated().map { (entry: $0.element, count: counts[$0.offset]) }
        return (
            rows.filter { $0.entry.1 }.map { CountByName(name: $0.entry.0, count: $0.count) },
            rows.filter { !$0.entry.1 }.map { CountByName(name: $0.entry.0, count: $0.count) }
        )
    }

    func pledgeLines(metadata: KWPMetadata) async throws -> [PledgeLine] {
        let reason = KPIServiceAPI.Reason.financingUnavailable
        let pledges = try await call(peers.financing, FinancingServiceAPI.listPledges, ListPledgesRequest(), metadata: metadata, reason: reason, what: "financing")
        // A pledge whose progress cannot be computed (its scope may need the cases service) still
        // shows its official figure, from the pledge itself.
        return await withTaskGroup(of: (Int, PledgeLine).self) { group in
            for (index, pledge) in pledges.pledges.enumerated() {
                group.addTask {
                    let progress: PledgeProgress
                    do {
                        progress = try await call(peers.financing, FinancingServiceAPI.getPledgeProgress, GetPledgeProgressRequest(pledgeID: pledge.id, pageSize: 1),
                            metadata: metadata, reason: reason, what: "financing")
                    } catch {
                        let local = pledge.progress(commitments: [], rates: RateTable([]), asOf: PartialDate.today())
                        return (index, Self.line(pledge, official: local.official, commitments: nil))
                    }
                    return (index, Self.line(pledge, official: progress.official, commitments: progress.commitments))
                }
            }
            var lines = [PledgeLine?](repeating: nil, count: pledges.pledges.count)
            for await (index, line) in group { lines[index] = line }
            return lines.compactMap { $0 }
        }
    }

    static func line(_ pledge: Pledge, official: ProgressFigure?, commitments: ProgressFigure?) -> PledgeLine {
        PledgeLine(
            pledgeID: pledge.id, name: pledge.name, target: "\(pledge.target.amount) \(pledge.target.currency)",
            officialSharePercent: official?.sharePercent ?? "", commitmentsSharePercent: commitments?.sharePercent ?? "",
            straightLinePercent: official?.straightLinePercent ?? commitments?.straightLinePercent ?? "")
    }

    /// A call to another service within the caller's deadline; any failure becomes
    /// UNAVAILABLE with `reason`, naming the service.
    func call<Input, Output>(
        _ client: KWPClient, _ method: KWPMethod<Input, Output>, _ request: Input, metadata: KWPMetadata, reason: String, what: String
    ) async throws -> Output {
        do {
            return try await client.unary(method, request, metadata: metadata, options: try KWPCallOptions.withinCallerDeadline(timeout: peers.timeout))
        } catch let error as KWPError {
            throw KWPError(
                .unavailable, "the \(what) service at \(client.host):\(client.port) did not answer: \(error.code) \(error.reason): \(error.message)",
                reason: reason)
        }
    }

    static func code(_ code: String, field: String) throws -> String {
        guard Indicator.isValidCode(code) else { throw KWPError(invalid: [Violation(field, "\(code.debugDescription) is not an indicator code")]) }
        return code
    }

    static func noFigures(_ indicator: String, _ year: UInt32, broken: Bool = false) -> KWPError {
        KWPError(
            .failedPrecondition,
            "\(indicator) has no \(broken ? "breakdown" : "figure") for \(year == 0 ? "any year" : String(year))",
            reason: KPIServiceAPI.Reason.noFigures)
    }
}
