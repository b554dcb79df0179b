import CasesService
import DiplomacyService
import FinancingService
import Foundation
import GRDB
import KPIService
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

/// Which source service a test stops or silences.
enum Source: String, CaseIterable, Sendable { case cases, financing, diplomacy }

/// The four seeded services' clients.
struct SeededStack: Sendable {
    var kpi: KWPClient
    var store: KPIStore
    var cases: KWPClient
    var peers: KPIPeers
}

/// The four services seeded and live on 127.0.0.1, each on its own database; `silent` is
/// replaced by a listener that never answers, `stopped` is drained before `body` runs.
func withKPIStack(
    silent: Source? = nil, stopped: Source? = nil, _ body: @Sendable (_ client: KWPClient, _ store: KPIStore, _ casesClient: KWPClient) async throws -> Void
) async throws {
    try await withSeededStack(silent: silent, stopped: stopped) { stack in try await body(stack.kpi, stack.store, stack.cases) }
}

func withSeededStack(
    silent: Source? = nil, stopped: Source? = nil, backend: TestBackend = .default, _ body: @Sendable (SeededStack) async throws -> Void
) async throws {
    try await withTestDatabases(backend) { databases in
        let caseStore = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
        _ = try await caseStore.seed(SeedCases.all)
        let financingStore = FinancingStore(database: try databases.open(FinancingStore.migrator, "financing"))
        _ = try await financingStore.seed(financings: SeedFinancing.financings, pledges: SeedFinancing.pledges, rates: SeedFinancing.exchangeRates, programmes: SeedFinancing.programmes)
        let diplomacyStore = DiplomacyStore(database: try databases.open(DiplomacyStore.migrator, "diplomacy"))
        _ = try await diplomacyStore.seed(SeedEvents.all)
        let store = KPIStore(database: try databases.open(KPIStore.migrator, "kpi"))
        _ = try await store.seed(indicators: SeedKPI.indicators, targets: SeedKPI.targets, actuals: SeedKPI.actuals)
        try await store.seed(strategies: SeedStrategies.all)

        try await withSilentListener { silentPort in
            try await withServer(services: [CaseServiceProvider(store: caseStore)]) { casesServer, casesPort in
                try await withClient(port: casesPort) { casesClient in
                    let directory = CaseDirectory(client: casesClient)
                    try await withServer(services: [FinancingServiceProvider(store: financingStore, cases: directory)]) { financingServer, financingPort in
                        try await withServer(services: [TopSalesServiceProvider(store: diplomacyStore, cases: directory)]) { diplomacyServer, diplomacyPort in
                            let ports: [Source: Int] = [.cases: casesPort, .financing: financingPort, .diplomacy: diplomacyPort]
                            func peer(_ source: Source) -> KWPClient {
                                KWPClient(host: "127.0.0.1", port: source == silent ? silentPort : ports[source]!, logger: quietLogger)
                            }
                            let peers = KPIPeers(cases: peer(.cases), financing: peer(.financing), diplomacy: peer(.diplomacy))
                            if let stopped {
                                let server = [Source.cases: casesServer, .financing: financingServer, .diplomacy: diplomacyServer][stopped]!
                                server.beginDrain()
                                try await waitUntilRefused(port: ports[stopped]!)
                            }
                            try await withServer(services: [KPIServiceProvider(store: store, peers: peers)]) { _, port in
                                try await withClient(port: port) { client in
                                    try await body(SeededStack(kpi: client, store: store, cases: casesClient, peers: peers))
                                }
                            }
                            for client in [peers.cases, peers.financing, peers.diplomacy] { await client.close() }
                        }
                    }
                }
            }
        }
    }
}

@Suite("KPI service over live servers")
struct KPIServiceTests {
    @Test("the dashboard with every source up: official progress, cases by stage and field, pledges, top sales")
    func dashboardAllUp() async throws {
        try await withKPIStack { client, _, _ in
            let dashboard = try await client.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(5)))
            let statuses = [dashboard.officialStatus, dashboard.casesStatus, dashboard.pledgesStatus, dashboard.topSalesStatus]
            #expect(statuses.allSatisfy { $0.available }, "\(statuses)")
            #expect(dashboard.year == 2022 && dashboard.progress?.status == .onTrack)
            #expect(dashboard.casesByStage.map(\.count).reduce(0, +) == UInt64(SeedCases.all.count))
            #expect(dashboard.casesByField.first { $0.name == "TRANSPORT" }?.count == 5)
            #expect(dashboard.pledges.first { $0.pledgeID == SeedFinancing.qualityInfrastructurePledge }?.officialSharePercent == "52.8")
            #expect(dashboard.topSales.contains { $0.year == 2019 && $0.group == "PRIME_MINISTER" && $0.events == 3 && !$0.met })
        }
    }

    @Test("opening a store an earlier release seeded removes its unsourced top-sales target and audits it; a target a caller set stays")
    func unsourcedTargetsMigration() async throws {
        try await withTemporaryDirectory { directory in
            let store = try KPIStore(directory: directory)
            _ = try await store.seed(indicators: SeedKPI.indicators, targets: [], actuals: [])
            func yearly(_ indicator: String, _ value: String) -> KPITarget {
                KPITarget(
                    indicator: indicator, strategy: LocalizedText(en: "Infrastructure System Export Strategy"), adoptedOn: "2013-05", baselineYear: 0,
                    baselineValue: "", targetYear: 0, targetValue: value, source: "at least \(value) a year")
            }
            _ = try await store.setTarget(yearly(SeedKPI.topSalesPrimeMinister, "10"), by: .seed)
            _ = try await store.setTarget(yearly(SeedKPI.topSalesMinisters, "200"), by: Caller(agency: "CAS", principal: "CAS", method: "test"))
            // The database as an earlier release left it: GRDB's list of migrations, without this one.
            let queue = try DatabaseQueue(path: directory + "/kpi.sqlite")
            try await queue.write { db in
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                try db.execute(sql: "INSERT INTO grdb_migrations SELECT identifier FROM schema_migrations WHERE identifier <> ?", arguments: ["v2-unsourced-top-sales-targets"])
                try db.execute(sql: "DROP TABLE schema_migrations")
            }
            try queue.close()
            let reopened = try KPIStore(directory: directory)
            #expect(try await reopened.figures(SeedKPI.topSalesPrimeMinister, withActuals: false).targets.isEmpty)
            #expect(try await reopened.figures(SeedKPI.topSalesMinisters, withActuals: false).targets.map(\.targetValue) == ["200"])
            let audit = try await reopened.auditLog.entries(afterSequence: 0, agency: "", recordID: SeedKPI.topSalesPrimeMinister, limit: 100)
            #expect(audit.contains { $0.kind == "TARGET_REMOVED" })
        }
    }

    @Test("top sales on the dashboard: no target unless one is set; a target CAS sets, with its document, is met or not")
    func topSalesTargets() async throws {
        try await withKPIStack { client, store, _ in
            let before = try await client.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(5)))
            #expect(!before.topSales.isEmpty && before.topSales.allSatisfy { !$0.hasTarget && $0.target == 0 })
            var target = KPITarget(
                indicator: SeedKPI.topSalesPrimeMinister, strategy: LocalizedText(en: "A test strategy"), adoptedOn: "2019-01", baselineYear: 0,
                baselineValue: "", targetYear: 0, targetValue: "2", source: "A test document")
            target.provenance = .document("A test document", date: "2019-01")
            _ = try await store.setTarget(target, by: Caller(agency: "CAS", principal: "CAS", method: "test"))
            let after = try await client.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(5)))
            let primeMinister = try #require(after.topSales.first { $0.year == 2019 && $0.group == TopSalesTarget.primeMinister })
            #expect(primeMinister.hasTarget && primeMinister.target == 2 && primeMinister.events == 3 && primeMinister.met)
            #expect(primeMinister.targetSource == .document("A test document", date: "2019-01"))
            #expect(after.topSales.filter { $0.group == TopSalesTarget.ministersAndSeniorOfficials }.allSatisfy { !$0.hasTarget })
            #expect(after.figureSources.contains { $0.figure == "top_sales[2019 PRIME_MINISTER].target" })
        }
    }

    @Test("with each source stopped in turn, the dashboard still answers within the deadline, that section marked UNAVAILABLE",
        arguments: Source.allCases)
    func dashboardSourceStopped(_ source: Source) async throws {
        try await withKPIStack(stopped: source) { client, _, _ in
            try await Self.expectDegraded(client, without: source)
        }
    }

    @Test("with a source that accepts but never answers, the dashboard still answers within the deadline", arguments: Source.allCases)
    func dashboardSourceSilent(_ source: Source) async throws {
        try await withKPIStack(silent: source) { client, _, _ in
            try await Self.expectDegraded(client, without: source)
        }
    }

    static func expectDegraded(_ client: KWPClient, without source: Source) async throws {
        // Were any section to wait past the caller's deadline, the call would end in DEADLINE_EXCEEDED.
        // A silent source is given up after `KPIPeers.timeout` (2 s), well inside these 5 s: with
        // a deadline of 2 s the service kept half a second to answer, which the whole suite on two
        // busy cores once outlasted.
        let dashboard = try await client.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(5)))
        let sections: [(Source, SectionStatus, Bool)] = [
            (.cases, dashboard.casesStatus, !dashboard.casesByStage.isEmpty),
            (.financing, dashboard.pledgesStatus, !dashboard.pledges.isEmpty),
            (.diplomacy, dashboard.topSalesStatus, !dashboard.topSales.isEmpty),
        ]
        for (section, status, filled) in sections {
            if section == source {
                #expect(!status.available && status.reason == "\(source.rawValue.uppercased())_UNAVAILABLE" && !filled, "\(status)")
            } else {
                #expect(status.available && filled, "\(section): \(status)")
            }
        }
        #expect(dashboard.officialStatus.available && dashboard.progress?.actual == "31")
    }

    @Test("progress, the dashboard, Reconcile and ListActuals read only the years asked, and answer as every figure would")
    func figuresByYear() async throws {
        try await withKPIStack { client, store, _ in
            let code = SeedKPI.infrastructureOrders
            func record(_ year: UInt32, _ value: String, supersedes: String = "", field: KPIField? = nil) async throws -> Actual {
                var actual = Actual(
                    indicator: code, year: year, value: value, source: "test \(year)", publishedOn: "\(year + 1)-06", status: .provisional, supersedes: supersedes)
                actual.dimensions = field.map { [DimensionValue(.field, $0.rawValue)] } ?? []
                return try await client.unary(KPIServiceAPI.recordActual, RecordActualRequest(actual), metadata: ["x-agency": "CAS"])
            }
            let first = try await record(2024, "35")
            _ = try await record(2024, "35.5", supersedes: first.id)
            for (index, field) in KPIField.allCases.prefix(3).enumerated() { _ = try await record(2026, "\(index + 1).5", field: field) }
            for year in UInt32(2030)...2045 where year % 3 != 0 { _ = try await record(year, "\(year - 1990)") }

            let every = try await store.figures(code)
            for year: UInt32 in [0, 2018, 2024, 2026, 2044] {
                let progress = try await client.unary(KPIServiceAPI.getProgress, GetProgressRequest(indicator: code, year: year))
                #expect(progress == every.progress(year: year), "\(year)")
            }
            #expect(try await client.unary(KPIServiceAPI.getProgress, GetProgressRequest(indicator: code)).year == 2045, "the latest year with a total")
            let dashboard = try await client.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(year: 2024), options: .init(timeout: .seconds(5)))
            #expect(dashboard.progress == every.progress(year: 2024) && dashboard.progress?.actual == "35.5")

            let whole = try await client.unary(KPIServiceAPI.reconcile, ReconcileRequest())
            let some = try await client.unary(KPIServiceAPI.reconcile, ReconcileRequest(yearFrom: 2018, yearTo: 2026))
            #expect(some.rows == whole.rows.filter { (2018...2026).contains($0.year) } && !some.rows.isEmpty)
            #expect(Set(some.figureSources).isSubset(of: Set(whole.figureSources)))
            var compared = 0
            for year: UInt32 in [2017, 2018, 2019, 2026] {
                let breakdown = try? await client.unary(KPIServiceAPI.getBreakdown, GetBreakdownRequest(indicator: code, year: year))
                let expected = every.breakdown(year: year, dimension: .field)
                #expect(breakdown == (expected.items.isEmpty ? nil : expected), "\(year)")
                for previous in [0, year - 1, year - 2] {
                    let change = try? await client.unary(KPIServiceAPI.getYearOverYear, GetYearOverYearRequest(indicator: code, year: year, previousYear: previous))
                    let expected = every.yearOverYear(year: year, previousYear: previous, dimension: .field)
                    #expect(change == expected, "\(year) against \(previous)")
                    compared += expected == nil ? 0 : 1
                }
            }
            #expect(compared >= 3, "some comparisons have figures on both sides")
            let listed = try await client.unary(KPIServiceAPI.listActuals, ListActualsRequest(indicator: code, yearFrom: 2024, yearTo: 2026))
            #expect(listed.actuals == every.actuals.filter { (2024...2026).contains($0.year) } && listed.actuals.count == 5)
        }
    }

    @Test("ListActuals pages: every figure once, in year order, as the model lists them, at any page size; a token serves only its own query")
    func actualsPaging() async throws {
        try await withKPIStack { client, store, _ in
            let code = SeedKPI.infrastructureOrders
            var previous = ""
            for revision in 0..<4 {
                let actual = Actual(
                    indicator: code, year: 2027, value: "4\(revision)", source: "revision \(revision)", publishedOn: "2028-0\(revision + 1)",
                    status: .provisional, supersedes: previous)
                previous = try await client.unary(KPIServiceAPI.recordActual, RecordActualRequest(actual), metadata: ["x-agency": "CAS"]).id
            }
            let every = try await store.figures(code)
            #expect(every.actuals.contains(where: \.isChange) && every.actuals.contains { !$0.supersededBy.isEmpty })
            for (yearFrom, yearTo) in [(UInt32(0), UInt32(0)), (2018, 2027)] {
                for currentOnly in [false, true] {
                    for includeChanges in [false, true] {
                        let expected = every.actuals.filter {
                            (yearFrom == 0 || $0.year >= yearFrom) && (yearTo == 0 || $0.year <= yearTo) && (includeChanges || !$0.isChange)
                                && (!currentOnly || $0.supersededBy.isEmpty)
                        }
                        for pageSize: UInt32 in [1, 7, 0, 1_000] {
                            var request = ListActualsRequest(
                                indicator: code, yearFrom: yearFrom, yearTo: yearTo, currentOnly: currentOnly, includeChanges: includeChanges, pageSize: pageSize)
                            var listed: [Actual] = []
                            var pages = 0
                            repeat {
                                let page = try await client.unary(KPIServiceAPI.listActuals, request)
                                listed += page.actuals
                                pages += 1
                                request.pageToken = page.nextPageToken
                            } while !request.pageToken.isEmpty && pages <= expected.count
                            let size = Int(pageSize == 0 ? ListActualsRequest.defaultPageSize : pageSize)
                            let label = "years \(yearFrom)-\(yearTo) current \(currentOnly) changes \(includeChanges) size \(pageSize)"
                            #expect(listed == expected, "\(label)")
                            #expect(pages == max(1, (expected.count + size - 1) / size), "\(label)")
                        }
                    }
                }
            }
            let first = try await client.unary(KPIServiceAPI.listActuals, ListActualsRequest(indicator: code, pageSize: 5))
            #expect(first.actuals.count == 5 && !first.nextPageToken.isEmpty)
            await expectKWPError(.invalidArgument, reason: CommonReason.badPageToken) {
                _ = try await client.unary(KPIServiceAPI.listActuals, ListActualsRequest(indicator: code, currentOnly: true, pageToken: first.nextPageToken))
            }
            await expectKWPError(.invalidArgument, reason: CommonReason.badPageToken) {
                _ = try await client.unary(KPIServiceAPI.listActuals, ListActualsRequest(indicator: code, pageToken: "AQIDBA"))
            }
            await expectKWPError(.invalidArgument) {
                _ = try await client.unary(KPIServiceAPI.listActuals, ListActualsRequest(indicator: code, pageSize: ListActualsRequest.maximumPageSize + 1))
            }
            await expectKWPError(.notFound, reason: KPIServiceAPI.Reason.indicatorNotFound) {
                _ = try await client.unary(KPIServiceAPI.listActuals, ListActualsRequest(indicator: "NOPE"))
            }
            #expect(try await client.allActuals(ListActualsRequest(indicator: code, pageSize: 3)) == every.actuals.filter { !$0.isChange })
        }
    }

    @Test("a database an earlier release wrote gets each figure's measure and breakdown when opened (v5-actuals-shape)")
    func measureMigration() async throws {
        try await withTestDatabases { databases in
            let earlier = try databases.open(KPIStore.migrator, "kpi")
            _ = try await KPIStore(database: earlier).seed(indicators: SeedKPI.indicators, targets: SeedKPI.targets, actuals: SeedKPI.actuals)
            // As the release before v5-actuals-shape left it.
            try await earlier.write { db in
                try db.execute(sql: "DROP INDEX actuals_by_shape")
                try db.execute(sql: "ALTER TABLE actuals DROP COLUMN is_change")
                try db.execute(sql: "ALTER TABLE actuals DROP COLUMN breakdown")
                try db.execute(sql: "DELETE FROM schema_migrations WHERE identifier = 'v5-actuals-shape'")
            }
            try await earlier.close()
            let store = KPIStore(database: try databases.open(KPIStore.migrator, "kpi"))
            let code = SeedKPI.infrastructureOrders
            let every = try await store.figures(code).actuals
            #expect(every.contains(where: \.isChange) && every.contains { !$0.isChange })
            for includeChanges in [false, true] {
                let page = try await store.actualsPage(
                    code, years: YearRange.all, currentOnly: false, includeChanges: includeChanges, after: nil, limit: Int(ListActualsRequest.maximumPageSize))
                #expect(page.actuals == every.filter { includeChanges || !$0.isChange } && page.next == nil)
            }
            let model = try await store.figures(code)
            for year: UInt32 in [0, 2018, 2019, 2020] {
                #expect(try await store.progressFigures(code, year: year).progress(year: year) == model.progress(year: year), "\(year)")
            }
        }
    }

    @Test("a provisional figure and its final revision: both kept, progress uses the revision and says so")
    func vintages() async throws {
        try await withKPIStack { client, _, _ in
            let provisional = try await client.unary(
                KPIServiceAPI.recordActual,
                RecordActualRequest(Actual(indicator: SeedKPI.infrastructureOrders, year: 2023, value: "32.7", source: "first release", publishedOn: "2024-06", status: .provisional)),
                metadata: ["x-agency": "CAS"])
            #expect(ActualID.isValid(provisional.id) && provisional.recordedBy == "CAS")
            let revision = Actual(
                indicator: SeedKPI.infrastructureOrders, year: 2023, value: "33.2", source: "revised", publishedOn: "2025-06", status: .final,
                supersedes: provisional.id)
            let final = try await client.unary(KPIServiceAPI.recordActual, RecordActualRequest(revision))
            await expectKWPError(.failedPrecondition, reason: KPIServiceAPI.Reason.alreadySuperseded) {
                _ = try await client.unary(KPIServiceAPI.recordActual, RecordActualRequest(revision))
            }
            let progress = try await client.unary(KPIServiceAPI.getProgress, GetProgressRequest(indicator: SeedKPI.infrastructureOrders, year: 2023))
            #expect(progress.actual == "33.2" && progress.vintagesUsed.map(\.id) == [final.id])
            let all = try await client.unary(KPIServiceAPI.listActuals, ListActualsRequest(indicator: SeedKPI.infrastructureOrders, yearFrom: 2023))
            #expect(all.actuals.map(\.id) == [provisional.id, final.id] && all.actuals[0].supersededBy == final.id)
            let current = try await client.unary(
                KPIServiceAPI.listActuals, ListActualsRequest(indicator: SeedKPI.infrastructureOrders, yearFrom: 2023, currentOnly: true))
            #expect(current.actuals.map(\.id) == [final.id])

            var wrongSeries = revision
            wrongSeries.year = 2022
            wrongSeries.supersedes = "actual-orders-2018-energy"
            await expectKWPError(.invalidArgument) { _ = try await client.unary(KPIServiceAPI.recordActual, RecordActualRequest(wrongSeries)) }
            let bad = await expectKWPError(.invalidArgument, reason: KPIServiceAPI.Reason.invalidField) {
                _ = try await client.unary(
                    KPIServiceAPI.recordActual,
                    RecordActualRequest(Actual(
                        indicator: SeedKPI.infrastructureOrders, year: 2023, dimensions: [DimensionValue(.region, "SOUTH_ASIA")], value: "-1",
                        source: "", publishedOn: "soon", status: nil)))
            }
            #expect(Set(bad?.violations.map(\.field) ?? []) == [
                "actual.value", "actual.source", "actual.published_on", "actual.status", "actual.dimensions[0].dimension",
            ])
        }
    }

    @Test("progress, breakdown and year over year over the wire; unknown indicators and years are refused plainly")
    func figures() async throws {
        try await withKPIStack { client, _, _ in
            let progress = try await client.unary(KPIServiceAPI.getProgress, GetProgressRequest(indicator: SeedKPI.infrastructureOrders, year: 2018))
            #expect(progress.status == .atRisk && progress.requiredCAGRPercent == "9.54" && progress.actual == "25")
            #expect(progress.figureSources.first { $0.figure == "actual" }?.source == KeikyoModel.Source.seed("113"))
            let change = try await client.unary(KPIServiceAPI.getYearOverYear, GetYearOverYearRequest(indicator: SeedKPI.infrastructureOrders, year: 2018))
            #expect(change.items.filter { $0.change.hasPrefix("0.") }.map(\.value) == ["ENERGY", "TRANSPORT", "ICT_TELECOM_BUSINESS", "LIVING_ENVIRONMENT", "NEW_FIELDS", "ICT"])
            #expect(change.items.filter { !$0.publishedChange.isEmpty }.map { "\($0.value) \($0.publishedChange)" } == [
                "ENERGY 0.6", "TRANSPORT 0.4", "NEW_FIELDS 0.3", "ICT 0.3",
            ])
            #expect(change.publishedTotalChange == "2" && change.totalChange == "1.7")
            // Published changes are listed only when asked for, so a client that sums figures is not misled.
            let levels = try await client.unary(KPIServiceAPI.listActuals, ListActualsRequest(indicator: SeedKPI.infrastructureOrders, yearFrom: 2018, yearTo: 2018))
            #expect(!levels.actuals.contains(where: \.isChange) && levels.actuals.count == 8)
            let all = try await client.unary(
                KPIServiceAPI.listActuals, ListActualsRequest(indicator: SeedKPI.infrastructureOrders, yearFrom: 2018, yearTo: 2018, includeChanges: true))
            #expect(all.actuals.filter(\.isChange).count == 5)
            await expectKWPError(.notFound, reason: KPIServiceAPI.Reason.indicatorNotFound) {
                _ = try await client.unary(KPIServiceAPI.getProgress, GetProgressRequest(indicator: "NOPE"))
            }
            await expectKWPError(.failedPrecondition, reason: KPIServiceAPI.Reason.noFigures) {
                _ = try await client.unary(KPIServiceAPI.getBreakdown, GetBreakdownRequest(indicator: SeedKPI.infrastructureOrders, year: 2019))
            }
            let detail = try await client.unary(KPIServiceAPI.getIndicator, GetIndicatorRequest(code: SeedKPI.infrastructureOrders))
            #expect(detail.targets.map(\.targetYear) == [2020, 2025, 2030])
            await expectKWPError(.alreadyExists, reason: KPIServiceAPI.Reason.alreadyExists) {
                _ = try await client.unary(KPIServiceAPI.defineIndicator, DefineIndicatorRequest(detail.indicator))
            }
            var renamed = detail.indicator
            renamed.title.en = "Orders"
            let redefined = try await client.unary(KPIServiceAPI.defineIndicator, DefineIndicatorRequest(renamed, expectedVersion: 1))
            #expect(redefined.version == 2 && redefined.title.en == "Orders")
            await expectKWPError(.invalidArgument) {
                _ = try await client.unary(KPIServiceAPI.listActuals, ListActualsRequest(indicator: SeedKPI.infrastructureOrders, yearFrom: 2020, yearTo: 2010))
            }
            await expectKWPError(.invalidArgument) { _ = try await client.unary(KPIServiceAPI.reconcile, ReconcileRequest(yearFrom: 9999)) }
        }
    }

    @Test("Reconcile puts a registered case's Japanese share, converted with the financing rates, beside the official figure")
    func reconcile() async throws {
        try await withKPIStack { client, _, casesClient in
            var record = ExportCase()
            record.title = LocalizedText(en: "Contracted 2018 case")
            record.field = .transport
            record.subsector = "rail"
            record.countries = [CountryShare("IN")]
            record.stage = .contracted
            record.stageDate = "2018-06"
            record.keyDates = KeyDates(contractSignature: "2018-06")
            record.countsTowardKPI = true
            record.japaneseShare = Money(amount: "200000000", currency: "USD", valueDate: "2018-06")
            record.provenance = Provenance(agency: "MLIT")
            _ = try await casesClient.unary(CaseServiceAPI.createCase, CreateCaseRequest(record))
            let reply = try await client.unary(KPIServiceAPI.reconcile, ReconcileRequest(yearFrom: 2018, yearTo: 2018))
            // 200,000,000 × 110.40 = 22,080,000,000 yen of JPY 2.2 trillion: 1.0036%.
            let transport = try #require(reply.rows.first { $0.field == "TRANSPORT" })
            #expect(transport.casesJPY == "22080000000" && transport.officialJPY == "2200000000000" && transport.coveragePercent == "1.0036")
            #expect(reply.ratesUsed == ["USD 2018 110.40 (Federal Reserve G.5A, annual average)"])
            #expect(reply.rows.first { $0.field == "TOTAL" }?.officialJPY == "25000000000000", "the published total, not the table's 24.8")
            #expect(reply.figureSources.first { $0.figure == "rows[2018 TOTAL].official_jpy" }?.source.lines == "113")
        }
    }
}
