import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import Logging

/// Builds what `keikyo-financing` hosts: the financing register on its database, seeded
/// on request, with a client of the cases service for checking case ids.
public enum FinancingServiceFactory {
    public static func makeServices(
        configuration: ServiceConfiguration, access: AccessControl, logger: Logger
    ) async throws -> ServiceParts {
        let store = try ServiceRunner.openStore(FinancingStore.self, configuration, logger: logger)
        let cases = try ServiceRunner.caseDirectory(for: configuration, logger: logger)
        var parts = ServiceParts(
            providers: [FinancingServiceProvider(store: store, cases: cases, access: access), AuditServiceProvider(log: store.auditLog)],
            database: store.database)
        if configuration.seed {
            parts.seed = {
                let added = try await store.seed(
                    financings: SeedFinancing.financings, pledges: SeedFinancing.pledges, rates: SeedFinancing.exchangeRates,
                    programmes: SeedFinancing.programmes)
                logger.info(
                    "seed loaded",
                    metadata: ["financings.added": "\(added.financings)", "pledges.added": "\(added.pledges)", "rates.added": "\(added.rates)"])
            }
        }
        return parts
    }
}
