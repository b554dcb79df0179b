import CasesService
import DiplomacyService
import FinancingService
import Foundation
import KPIService
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoTestSupport
import Testing

/// `keikyo migrate` from SQLite files to another database (SQLite, and PostgreSQL when the run
/// has a server), and what the copy answers.
@Suite("keikyo migrate")
struct MigrateCLITests {
    @Test(
        "copies the four services with histories, audit and totals; run again it finds the copy done; the copy answers as the original and takes new records",
        arguments: TestBackend.available)
    func migrate(target backend: TestBackend) async throws {
        try await withTestDatabases(.sqlite) { source in
            let cases = CaseStore(database: try source.open(CaseStore.migrator, "cases"))
            _ = try await cases.seed(SeedCases.all)
            var changed = try await cases.get(id: SeedCases.abidjanGrainBerth)
            changed.notes = "updated before the move"
            _ = try await cases.update(changed, expectedVersion: changed.version, by: Caller(agency: "MLIT", principal: "MLIT", method: "test"))
            let financing = FinancingStore(database: try source.open(FinancingStore.migrator, "financing"))
            _ = try await financing.seed(
                financings: SeedFinancing.financings, pledges: SeedFinancing.pledges, rates: SeedFinancing.exchangeRates, programmes: SeedFinancing.programmes)
            let diplomacy = DiplomacyStore(database: try source.open(DiplomacyStore.migrator, "diplomacy"))
            _ = try await diplomacy.seed(SeedEvents.all)
            let kpi = KPIStore(database: try source.open(KPIStore.migrator, "kpi"))
            _ = try await kpi.seed(indicators: SeedKPI.indicators, targets: SeedKPI.targets, actuals: SeedKPI.actuals)

            try await withTestDatabases(backend) { target in
                let environment = ["KEIKYO_TO_DATABASE_PASSWORD": target.password]
                for service in ["cases", "financing", "diplomacy", "kpi"] {
                    let arguments = ["migrate", "--from", "sqlite:\(source.directory)", "--to", try target.url(service), "--service", service]
                    let first = try await runCommand("keikyo", arguments, environment: environment)
                    #expect(first.status == 0 && first.output.contains("\(service): copied"), "\(first.output)\(first.errors)")
                    let again = try await runCommand("keikyo", arguments, environment: environment)
                    #expect(again.status == 0 && again.output.contains("\(service): already copied"), "\(again.output)\(again.errors)")
                }
                let copiedCases = CaseStore(database: try target.open(CaseStore.migrator, "cases"))
                let all = try await cases.list(filter: CaseFilter(), afterSeq: 0, limit: 1000)
                #expect(try await copiedCases.list(filter: CaseFilter(), afterSeq: 0, limit: 1000).cases == all.cases)
                #expect(try await copiedCases.history(id: SeedCases.abidjanGrainBerth) == cases.history(id: SeedCases.abidjanGrainBerth))
                let audit = try await cases.auditLog.entries(afterSequence: 0, agency: "", recordID: "", limit: 1000)
                #expect(try await copiedCases.auditLog.entries(afterSequence: 0, agency: "", recordID: "", limit: 1000) == audit)
                let check = try await copiedCases.checkTotals()
                #expect(check.kept == check.recomputed)
                #expect(try await copiedCases.orderSummary(yearFrom: 0, yearTo: 0).byYearField == cases.orderSummary(yearFrom: 0, yearTo: 0).byYearField)

                let copiedFinancing = FinancingStore(database: try target.open(FinancingStore.migrator, "financing"))
                #expect(try await copiedFinancing.commitmentSums(yearFrom: 0, yearTo: 9999) == financing.commitmentSums(yearFrom: 0, yearTo: 9999))
                #expect(try await copiedFinancing.pledges() == financing.pledges())
                let copiedDiplomacy = DiplomacyStore(database: try target.open(DiplomacyStore.migrator, "diplomacy"))
                #expect(try await copiedDiplomacy.topSalesTally(years: 2013...2020) == diplomacy.topSalesTally(years: 2013...2020))
                #expect(try await copiedDiplomacy.topSalesEvents() == diplomacy.topSalesEvents())
                let copiedKPI = KPIStore(database: try target.open(KPIStore.migrator, "kpi"))
                #expect(try await copiedKPI.indicators() == kpi.indicators())

                // The copy takes new records after the copied ones (PostgreSQL's sequences moved on).
                var record = ExportCase()
                record.title = LocalizedText(ja: "移行後の案件", en: "A case after the move")
                record.field = .transport
                record.subsector = "rail"
                record.countries = [CountryShare("VN")]
                record.provenance = Provenance(agency: "MLIT", document: "test")
                let created = try await copiedCases.create(record, by: .seed, idempotencyKey: nil, requestDigest: [])
                let page = try await copiedCases.list(filter: CaseFilter(), afterSeq: 0, limit: 1000)
                #expect(page.cases.last?.id == created.id && page.total == UInt64(all.cases.count + 1))

                // A target holding records of its own is refused.
                let refused = try await runCommand(
                    "keikyo", ["migrate", "--from", "sqlite:\(source.directory)", "--to", try target.url("cases"), "--service", "cases"],
                    environment: environment)
                #expect(refused.status != 0 && refused.errors.contains("row counts differ"), "\(refused.output)\(refused.errors)")
            }
        }
    }
}
