import KeikyoModel
import KeikyoServiceCore
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import Logging

/// Builds what `keikyo-cases` hosts: the case register on its database, seeded on
/// request.
public enum CasesServiceFactory {
    public static func makeServices(
        configuration: ServiceConfiguration, access: AccessControl, logger: Logger
    ) async throws -> ServiceParts {
        let store = try ServiceRunner.openStore(CaseStore.self, configuration, logger: logger)
        var parts = ServiceParts(providers: [CaseServiceProvider(store: store), AuditServiceProvider(log: store.auditLog)], database: store.database)
        if configuration.seed {
            parts.seed = {
                let added = try await store.seed(SeedCases.all)
                logger.info("seed loaded", metadata: ["cases.added": "\(added)", "cases.seed": "\(SeedCases.all.count)"])
            }
        }
        return parts
    }
}
