import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import Logging

/// Builds what `keikyo-diplomacy` hosts: the top-sales register on its database, seeded
/// on request, with a client of the cases service.
public enum DiplomacyServiceFactory {
    public static func makeServices(
        configuration: ServiceConfiguration, access: AccessControl, logger: Logger
    ) async throws -> ServiceParts {
        let store = try ServiceRunner.openStore(DiplomacyStore.self, configuration, logger: logger)
        let cases = try ServiceRunner.caseDirectory(for: configuration, logger: logger)
        var parts = ServiceParts(providers: [TopSalesServiceProvider(store: store, cases: cases, access: access), AuditServiceProvider(log: store.auditLog)], database: store.database)
        if configuration.seed {
            parts.seed = {
                let added = try await store.seed(SeedEvents.all)
                logger.info("seed loaded", metadata: ["events.added": "\(added)", "events.seed": "\(SeedEvents.all.count)"])
            }
        }
        return parts
    }
}
