import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoTestSupport
import KeikyoWire
import Testing

/// The KPI service in the running stack: in the same serialized suite as the other stack tests,
/// since some stop and start services.
extension StackTests {
    @Test("the dashboard gathers every section from the running services", .enabled(if: Stack.hosts(.kpi)))
    func kpiDashboard() async throws {
        let kpi = try Stack.client(.kpi)
        let dashboard = try await kpi.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(5)))
        #expect(dashboard.officialStatus.available && dashboard.casesStatus.available && dashboard.pledgesStatus.available && dashboard.topSalesStatus.available)
        #expect(dashboard.progress?.actual == "31")
        #expect(dashboard.pledges.contains { $0.officialSharePercent == "52.8" })
        #expect(dashboard.casesByStage.map(\.count).reduce(0, +) >= UInt64(SeedCases.all.count))
        let change = try await kpi.unary(KPIServiceAPI.getYearOverYear, GetYearOverYearRequest(indicator: SeedKPI.infrastructureOrders, year: 2018))
        #expect(change.items.first { $0.value == "ENERGY" }?.change == "0.6")
        await kpi.close()
    }

    @Test("with diplomacy stopped, the dashboard answers within its deadline and marks top sales UNAVAILABLE",
        .enabled(if: Stack.isCompose && Stack.hosts(.kpi) && Stack.hosts(.diplomacy)))
    func kpiDashboardDegraded() async throws {
        try await Stack.compose("stop diplomacy")
        let kpi = try Stack.client(.kpi)
        let dashboard = try await kpi.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(3)))
        #expect(!dashboard.topSalesStatus.available && dashboard.topSalesStatus.reason == KPIServiceAPI.Reason.diplomacyUnavailable)
        #expect(dashboard.casesStatus.available && dashboard.pledgesStatus.available && dashboard.progress != nil)
        try await Stack.compose("start diplomacy")
        try await Stack.waitUntilServing(.diplomacy)
        await kpi.close()
    }
}
