import Foundation
import KeikyoWire
import Logging
import ServiceLifecycle

/// Runs a service executable: logging, the data directory, the KWP server hosting the
/// service's providers (plus Health and Reflection), and a graceful drain on SIGTERM or SIGINT.
public enum ServiceRunner {
    /// Call once, from `main`, before anything logs.
    public static func bootstrapLogging(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// Serves until SIGTERM or SIGINT, then drains. `makeServices` opens storage and builds
    /// the providers; what it throws ends the process with a clear message.
    public static func run(
        _ configuration: ServiceConfiguration,
        makeServices: (ServiceConfiguration, Logger) async throws -> [any KWPServiceProvider]
    ) async throws {
        var logger = Logger(label: "keikyo.\(configuration.endpoint.name)")
        logger[metadataKey: "service"] = "\(configuration.endpoint.name)"
        do {
            try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw StartupError("cannot create the data directory \(configuration.dataDirectory): \(error.localizedDescription)")
        }
        let services = try await makeServices(configuration, logger)

        var serverConfiguration = KWPServerConfiguration(host: configuration.host, port: configuration.port)
        serverConfiguration.agent = "keikyo-\(configuration.endpoint.name)/\(KeikyoVersion.current)"
        let server = KWPServer(configuration: serverConfiguration, services: services, logger: logger)
        logger.info(
            "starting",
            metadata: [
                "net.listen": "\(configuration.host):\(configuration.port)", "data.dir": "\(configuration.dataDirectory)",
                "seed": "\(configuration.seed)",
            ])
        let group = ServiceGroup(
            configuration: .init(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            throw StartupError("\(configuration.endpoint.name) stopped: \(error)")
        }
    }
}

/// A start-up failure, reported on one line before the process exits non-zero.
public struct StartupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public enum KeikyoVersion {
    public static let current = "0.1.0"
}
