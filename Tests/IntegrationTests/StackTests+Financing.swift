import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoTestSupport
import KeikyoWire
import Testing

/// The financing service in the running stack: in the same serialized suite as the other stack
/// tests, since some stop and start the cases service.
extension StackTests {
    static func financingLoan(for caseID: String) -> Financing {
        var financing = Financing()
        financing.caseIDs = [caseID]
        financing.institution = "JICA"
        financing.instrument = .odaLoan
        financing.status = .approved
        financing.title = LocalizedText(en: "Integration loan")
        financing.transactions = [Transaction(type: .commitment, date: "2020-03", value: Money(amount: "2500000000", currency: "JPY", valueDate: ""))]
        return financing
    }

    @Test(
        "a financing for a case just created through the cases service is accepted; an unknown case is refused",
        .enabled(if: Stack.hosts(.financing)))
    func crossServiceCheck() async throws {
        let cases = try Stack.client(.cases)
        let financing = try Stack.client(.financing, as: "JICA")
        var record = ExportCase()
        record.title = LocalizedText(en: "Financed integration case \(UUID().uuidString.prefix(8))")
        record.field = .transport
        record.subsector = "port"
        record.countries = [CountryShare("KE")]
        record.provenance = Provenance(agency: "MLIT")
        let created = try await cases.unary(CaseServiceAPI.createCase, CreateCaseRequest(record))
        let stored = try await financing.unary(
            FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financingLoan(for: created.id)), metadata: ["x-agency": "JICA"])
        #expect(stored.caseIDs == [created.id] && stored.createdBy == "JICA" && stored.totals.first?.committed == DecimalAmount("2500000000"))
        await expectKWPError(.failedPrecondition, reason: FinancingServiceAPI.Reason.caseNotFound) {
            _ = try await financing.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financingLoan(for: "case-nowhere")))
        }
        await cases.close()
        await financing.close()
    }

    @Test("the seeded USD 200 billion pledge is 52.8% reached by its official figure", .enabled(if: Stack.hosts(.financing)))
    func seededPledge() async throws {
        let financing = try Stack.client(.financing)
        let progress = try await financing.unary(
            FinancingServiceAPI.getPledgeProgress, GetPledgeProgressRequest(pledgeID: SeedFinancing.qualityInfrastructurePledge))
        #expect(progress.official?.sharePercent == "52.8")
        await financing.close()
    }

    @Test(
        "with cases stopped, CreateFinancing is UNAVAILABLE within its deadline and writes nothing, the dashboard degrades; start brings both back",
        .enabled(if: Stack.isCompose && Stack.hosts(.financing)))
    func casesStopped() async throws {
        let financing = try Stack.client(.financing)
        var filter = FinancingFilter()
        filter.caseIDs = [SeedCases.colomboECT]
        let before = try await financing.unary(FinancingServiceAPI.listFinancing, ListFinancingRequest(filter: filter)).totalSize
        try await Stack.compose("stop cases")
        await expectKWPError(.unavailable, reason: FinancingServiceAPI.Reason.casesUnavailable) {
            _ = try await financing.unary(
                FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financingLoan(for: SeedCases.colomboECT)), options: .init(timeout: .seconds(3)))
        }
        if Stack.hosts(.kpi) {
            let kpi = try Stack.client(.kpi)
            let degraded = try await kpi.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(3)))
            #expect(!degraded.casesStatus.available && degraded.casesStatus.reason == KPIServiceAPI.Reason.casesUnavailable)
            #expect(degraded.officialStatus.available && degraded.topSalesStatus.available)
            await kpi.close()
        }
        try await Stack.compose("start cases")
        try await Stack.waitUntilServing(.cases)
        let after = try await financing.unary(FinancingServiceAPI.listFinancing, ListFinancingRequest(filter: filter)).totalSize
        #expect(after == before)
        // Back without restarting the others: the same financing and KPI processes now succeed.
        _ = try await financing.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.financingLoan(for: SeedCases.colomboECT)))
        if Stack.hosts(.kpi) {
            let kpi = try Stack.client(.kpi)
            let restored = try await kpi.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(5)))
            #expect(restored.casesStatus.available && !restored.casesByStage.isEmpty)
            await kpi.close()
        }
        await financing.close()
    }
}
