import KeikyoModel
import KeikyoServiceCore
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import Logging

/// Builds what `keikyo-cases` hosts: the case register on its SQLite database, seeded on
/// request.
public enum CasesServiceFactory {
    public static func makeServices(
        configuration: ServiceConfiguration, access: AccessControl, logger: Logger
    ) async throws -> [any KWPServiceProvider] {
        let store: CaseStore
        do {
            store = try CaseStore(directory: configuration.dataDirectory)
        } catch {
            throw StartupError("cannot open the case database in \(configuration.dataDirectory): \(error)")
        }
        if configuration.seed {
            let added = try await store.seed(SeedCases.all)
            logger.info("seed loaded", metadata: ["cases.added": "\(added)", "cases.seed": "\(SeedCases.all.count)"])
        }
        return [CaseServiceProvider(store: store), AuditServiceProvider(log: store.auditLog)]
    }
}
