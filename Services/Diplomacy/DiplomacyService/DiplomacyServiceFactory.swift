import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import Logging

/// Builds what `keikyo-diplomacy` hosts: the top-sales register on its SQLite database, seeded
/// on request, with a client of the cases service.
public enum DiplomacyServiceFactory {
    public static func makeServices(
        configuration: ServiceConfiguration, access: AccessControl, logger: Logger
    ) async throws -> [any KWPServiceProvider] {
        let store: DiplomacyStore
        do {
            store = try DiplomacyStore(directory: configuration.dataDirectory)
        } catch {
            throw StartupError("cannot open the diplomacy database in \(configuration.dataDirectory): \(error)")
        }
        if configuration.seed {
            let added = try await store.seed(SeedEvents.all)
            logger.info("seed loaded", metadata: ["events.added": "\(added)", "events.seed": "\(SeedEvents.all.count)"])
        }
        let cases = try ServiceRunner.caseDirectory(for: configuration, logger: logger)
        return [TopSalesServiceProvider(store: store, cases: cases, access: access), AuditServiceProvider(log: store.auditLog)]
    }
}
