import Foundation
import KeikyoStorage
import KeikyoWire
import Logging
import ServiceLifecycle

/// What a service's factory hands the runner: the providers to host, the database they use,
/// and how to load the seed when asked to.
public struct ServiceParts: Sendable {
    public var providers: [any KWPServiceProvider]
    public var database: any StoreDatabase
    /// Loads the seed data set (what is not stored yet); nil without `--seed`.
    public var seed: (@Sendable () async throws -> Void)?

    public init(providers: [any KWPServiceProvider], database: any StoreDatabase, seed: (@Sendable () async throws -> Void)? = nil) {
        self.providers = providers
        self.database = database
        self.seed = seed
    }
}

extension ServiceRunner {
    /// The service's store on its database: `--database` or SQLite in `--data-dir`. PostgreSQL
    /// is not reached here: a service starts without it (see `DatabaseWatch`).
    public static func openStore<Store: ServiceStore>(_ type: Store.Type, _ configuration: ServiceConfiguration, logger: Logger) throws -> Store {
        do {
            return Store(
                database: try ServiceDatabase.open(configuration.database, schema: Store.name, migrator: Store.migrator, logger: logger))
        } catch {
            throw StartupError("cannot open the \(Store.name) database \(configuration.database): \(error)")
        }
    }
}

/// Keeps Health true to the database: NOT_SERVING (for the server and every service it hosts)
/// while the database does not answer, SERVING again once it does. Loads the seed once the
/// database first answers, when the service was started with `--seed` and the database was
/// not there at start.
struct DatabaseWatch: Service {
    let database: any StoreDatabase
    let health: HealthService
    let services: [String]
    var seed: (@Sendable () async throws -> Void)?
    let interval: Duration
    let logger: Logger

    /// Whether Health said SERVING when the watch started.
    let servingAtStart: Bool

    /// Whether the database answers a trivial query.
    static func probe(_ database: any StoreDatabase) async -> Result<Void, any Error> {
        do {
            _ = try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT 1") }
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    func run() async throws {
        var seed = self.seed
        var serving = servingAtStart
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let available: Bool
            switch await Self.probe(database) {
            case .success: available = true
            case .failure(let error):
                available = false
                if serving { logger.error("the database does not answer: NOT_SERVING until it does", metadata: ["error": "\(error)"]) }
            }
            if available, let pending = seed {
                do {
                    try await pending()
                    seed = nil
                } catch {
                    logger.error("seed not loaded yet", metadata: ["error": "\(error)"])
                }
            }
            if available != serving {
                serving = available
                if serving { logger.notice("the database answers again: SERVING") }
                for service in services { health.setStatus(serving ? .serving : .notServing, for: service) }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
