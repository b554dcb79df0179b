import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import Logging

/// Builds what `keikyo-kpi` hosts: the indicators and official figures in its database, seeded on
/// request, with clients of the other three services.
public enum KPIServiceFactory {
    public static func makeServices(
        configuration: ServiceConfiguration, access: AccessControl, logger: Logger
    ) async throws -> ServiceParts {
        let store = try ServiceRunner.openStore(KPIStore.self, configuration, logger: logger)
        let peers = KPIPeers(
            cases: try ServiceRunner.peerClient(.cases, for: configuration, logger: logger),
            financing: try ServiceRunner.peerClient(.financing, for: configuration, logger: logger),
            diplomacy: try ServiceRunner.peerClient(.diplomacy, for: configuration, logger: logger))
        var parts = ServiceParts(providers: [KPIServiceProvider(store: store, peers: peers), AuditServiceProvider(log: store.auditLog)], database: store.database)
        if configuration.seed {
            parts.seed = {
                let added = try await store.seed(indicators: SeedKPI.indicators, targets: SeedKPI.targets, actuals: SeedKPI.actuals)
                try await store.seed(strategies: SeedStrategies.all)
                logger.info("seed loaded", metadata: ["indicators.added": "\(added.indicators)", "actuals.added": "\(added.actuals)"])
            }
        }
        return parts
    }
}
