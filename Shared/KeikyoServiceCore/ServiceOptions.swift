import ArgumentParser
import Foundation
import KeikyoWire
import Logging

/// The flags every service executable takes. Each falls back to an environment variable,
/// then to a default, so that flags, the local suite and compose.yaml configure services one way.
public struct ServiceOptions: ParsableArguments {
    @Option(help: "Address to listen on, HOST:PORT. Env KEIKYO_LISTEN; default 127.0.0.1 and the service's port.")
    public var listen: String?

    @Option(name: .customLong("data-dir"), help: "Directory for the service's database. Env KEIKYO_DATA_DIR; default ./.keikyo-data/<service>.")
    public var dataDir: String?

    @Flag(help: "Load the seed data set into an empty database. Env KEIKYO_SEED=1.")
    public var seed = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical. Env KEIKYO_LOG_LEVEL; default info.")
    public var logLevel: String?

    public init() {}

    /// The configuration these flags and `environment` give `endpoint`; a bad value is a
    /// `ValidationError` naming the flag or variable.
    public func resolve(
        for endpoint: KeikyoEndpoint, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServiceConfiguration {
        var configuration = ServiceConfiguration(endpoint: endpoint)
        if let listen = listen ?? environment["KEIKYO_LISTEN"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do {
                (configuration.host, configuration.port) = try HostPort.parse(listen)
            } catch {
                throw ValidationError("--listen / KEIKYO_LISTEN: \(listen.debugDescription) is not HOST:PORT")
            }
        }
        if let directory = dataDir ?? environment["KEIKYO_DATA_DIR"].flatMap({ $0.isEmpty ? nil : $0 }) {
            configuration.dataDirectory = directory
        }
        if seed {
            configuration.seed = true
        } else if let value = environment["KEIKYO_SEED"], !value.isEmpty {
            switch value.lowercased() {
            case "1", "true", "yes": configuration.seed = true
            case "0", "false", "no": configuration.seed = false
            default: throw ValidationError("KEIKYO_SEED: \(value.debugDescription) is not 1 or 0")
            }
        }
        if let level = logLevel ?? environment["KEIKYO_LOG_LEVEL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ValidationError("--log-level / KEIKYO_LOG_LEVEL: \(level.debugDescription) is not a log level")
            }
            configuration.logLevel = parsed
        }
        for peer in KeikyoEndpoint.allCases where peer != endpoint {
            configuration.peers[peer.name] = peer.address(in: environment)
        }
        return configuration
    }
}

/// A service's resolved start-up configuration.
public struct ServiceConfiguration: Sendable {
    public var endpoint: KeikyoEndpoint
    public var host: String = "127.0.0.1"
    public var port: Int
    public var dataDirectory: String
    public var seed = false
    public var logLevel: Logger.Level = .info
    /// HOST:PORT of the other services, by name (`KEIKYO_<NAME>_ADDR`).
    public var peers: [String: String] = [:]

    public init(endpoint: KeikyoEndpoint) {
        self.endpoint = endpoint
        self.port = endpoint.defaultPort
        self.dataDirectory = ".keikyo-data/\(endpoint.name)"
    }
}
