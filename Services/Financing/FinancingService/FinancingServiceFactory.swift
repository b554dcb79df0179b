import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import Logging

/// Builds what `keikyo-financing` hosts: the financing register on its SQLite database, seeded
/// on request, with a client of the cases service for checking case ids.
public enum FinancingServiceFactory {
    public static func makeServices(
        configuration: ServiceConfiguration, access: AccessControl, logger: Logger
    ) async throws -> [any KWPServiceProvider] {
        let store: FinancingStore
        do {
            store = try FinancingStore(directory: configuration.dataDirectory)
        } catch {
            throw StartupError("cannot open the financing database in \(configuration.dataDirectory): \(error)")
        }
        if configuration.seed {
            let added = try await store.seed(
                financings: SeedFinancing.financings, pledges: SeedFinancing.pledges, rates: SeedFinancing.exchangeRates, programmes: SeedFinancing.programmes)
            logger.info(
                "seed loaded",
                metadata: ["financings.added": "\(added.financings)", "pledges.added": "\(added.pledges)", "rates.added": "\(added.rates)"])
        }
        let cases = try ServiceRunner.caseDirectory(for: configuration, logger: logger)
        return [FinancingServiceProvider(store: store, cases: cases, access: access), AuditServiceProvider(log: store.auditLog)]
    }
}
