import ArgumentParser
import Foundation
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import Logging

/// The flags every service executable takes. Each falls back to an environment variable,
/// then to a default, so that flags, the local suite and compose.yaml configure services one way.
public struct ServiceOptions: ParsableArguments {
    @Option(help: "Address to listen on, HOST:PORT. Env KEIKYO_LISTEN; default 127.0.0.1 and the service's port.")
    public var listen: String?

    @Option(name: .customLong("data-dir"), help: "Directory for the service's database. Env KEIKYO_DATA_DIR; default ./.keikyo-data/<service>.")
    public var dataDir: String?

    @Option(
        help: """
            Where the data lives: sqlite:PATH, or postgres://USER@HOST:PORT/DATABASE[?sslmode=disable|prefer|require&sslrootcert=PEM] \
            (password from KEIKYO_DATABASE_PASSWORD or --database-password-file). Env KEIKYO_DATABASE_URL; \
            default sqlite:<data dir>/<service>.sqlite.
            """)
    public var database: String?

    @Option(
        name: .customLong("database-password-file"),
        help: "A file holding the PostgreSQL password. Env KEIKYO_DATABASE_PASSWORD_FILE.")
    public var databasePasswordFile: String?

    @Flag(help: "Load the seed data set into an empty database. Env KEIKYO_SEED=1.")
    public var seed = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical. Env KEIKYO_LOG_LEVEL; default info.")
    public var logLevel: String?

    @Option(name: .customLong("tokens-file"), help: "The tokens file (`keikyo tokens`), reread on SIGHUP. Env KEIKYO_TOKENS_FILE. Required unless --allow-anonymous.")
    public var tokensFile: String?

    @Flag(name: .customLong("allow-anonymous"), help: "Serve without tokens: anyone may call anything. Env KEIKYO_ALLOW_ANONYMOUS=1.")
    public var allowAnonymous = false

    @Option(name: .customLong("policy-file"), help: "The permissions policy (`keikyo policy default` prints the shipped one). Env KEIKYO_POLICY_FILE.")
    public var policyFile: String?

    @Option(
        name: .customLong("service-token-file"),
        help: "This service's own token, for its calls to the others. Env KEIKYO_SERVICE_TOKEN_FILE; default service-<name>.token beside the tokens file.")
    public var serviceTokenFile: String?

    @Option(name: .customLong("rate-limit"), help: "Calls a second each caller may make on average; 0 for no limit. Env KEIKYO_RATE_LIMIT; default 200.")
    public var rateLimit: Double?

    @Option(name: .customLong("rate-burst"), help: "Calls a caller may make at once above the rate. Env KEIKYO_RATE_BURST; default twice the rate.")
    public var rateBurst: Double?

    @Option(name: .customLong("max-connections"), help: "Connections open at once. Env KEIKYO_MAX_CONNECTIONS; default 1024.")
    public var maxConnections: Int?

    @Option(name: .customLong("max-connections-per-peer"), help: "Connections open at once from one IP address. Env KEIKYO_MAX_CONNECTIONS_PER_PEER; default 256.")
    public var maxConnectionsPerPeer: Int?

    @Option(name: .customLong("max-streams"), help: "Calls in flight per connection. Env KEIKYO_MAX_STREAMS; default 100.")
    public var maxStreams: Int?

    @Option(name: .customLong("idle-timeout"), help: "Seconds an idle connection is kept; 0 keeps it. Env KEIKYO_IDLE_TIMEOUT; default 300.")
    public var idleTimeout: Double?

    @Option(name: .customLong("tls-cert"), help: "PEM certificate (chain) to serve TLS 1.3 with; needs --tls-key. Env KEIKYO_TLS_CERT.")
    public var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-cert. Env KEIKYO_TLS_KEY.")
    public var tlsKey: String?

    @Option(
        name: .customLong("tls-client-ca"),
        help: "Require client certificates from this CA (mutual TLS); a certificate's common name is the caller. Env KEIKYO_TLS_CLIENT_CA.")
    public var tlsClientCA: String?

    @Option(
        name: .customLong("tls-ca"),
        help: "Call the other services over TLS, trusting this CA and presenting --tls-cert. Env KEIKYO_TLS_CA.")
    public var tlsCA: String?

    @Option(name: .customLong("handshake-timeout"), help: "Seconds a client has to send the preface and HELLO. Env KEIKYO_HANDSHAKE_TIMEOUT; default 5.")
    public var handshakeTimeout: Double?

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
        configuration.database = .sqlite(path: "\(configuration.dataDirectory)/\(endpoint.name).sqlite")
        if let url = database ?? environment["KEIKYO_DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            var password = environment["KEIKYO_DATABASE_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            if let file = databasePasswordFile ?? environment["KEIKYO_DATABASE_PASSWORD_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("--database-password-file / KEIKYO_DATABASE_PASSWORD_FILE: cannot read \(file)")
                }
                password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            do {
                configuration.database = try DatabaseLocation(url, password: password)
            } catch {
                throw ValidationError("--database / KEIKYO_DATABASE_URL: \(error)")
            }
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
        try resolveTrust(&configuration, environment: environment)
        return configuration
    }

    private func resolveTrust(_ configuration: inout ServiceConfiguration, environment: [String: String]) throws {
        func setting(_ flag: String?, _ key: String) -> String? {
            flag ?? environment[key].flatMap { $0.isEmpty ? nil : $0 }
        }
        func number(_ flag: Double?, _ key: String, _ name: String, range: ClosedRange<Double>) throws -> Double? {
            guard let text = flag.map({ "\($0)" }) ?? setting(nil, key) else { return nil }
            guard let value = Double(text), range.contains(value) else {
                throw ValidationError("\(name) / \(key): \(text.debugDescription) is not a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        configuration.tokensFile = setting(tokensFile, "KEIKYO_TOKENS_FILE")
        configuration.policyFile = setting(policyFile, "KEIKYO_POLICY_FILE")
        configuration.serviceTokenFile =
            setting(serviceTokenFile, "KEIKYO_SERVICE_TOKEN_FILE")
            ?? configuration.tokensFile.map {
                URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("service-\(configuration.endpoint.name).token").path
            }
        if allowAnonymous {
            configuration.allowAnonymous = true
        } else if let value = setting(nil, "KEIKYO_ALLOW_ANONYMOUS") {
            guard ["1", "0", "true", "false"].contains(value.lowercased()) else {
                throw ValidationError("KEIKYO_ALLOW_ANONYMOUS: \(value.debugDescription) is not 1 or 0")
            }
            configuration.allowAnonymous = value == "1" || value.lowercased() == "true"
        }
        let rate = try number(rateLimit, "KEIKYO_RATE_LIMIT", "--rate-limit", range: 0...1_000_000) ?? configuration.rateLimit.rate
        let burst = try number(rateBurst, "KEIKYO_RATE_BURST", "--rate-burst", range: 1...2_000_000) ?? max(1, rate * 2)
        configuration.rateLimit = .init(rate: rate, burst: burst)
        if let value = try number(maxConnections.map(Double.init), "KEIKYO_MAX_CONNECTIONS", "--max-connections", range: 1...1_000_000) {
            configuration.limits.maxConnections = Int(value)
        }
        if let value = try number(
            maxConnectionsPerPeer.map(Double.init), "KEIKYO_MAX_CONNECTIONS_PER_PEER", "--max-connections-per-peer", range: 1...1_000_000)
        {
            configuration.limits.maxConnectionsPerPeer = Int(value)
        }
        if let value = try number(maxStreams.map(Double.init), "KEIKYO_MAX_STREAMS", "--max-streams", range: 1...100_000) {
            configuration.limits.maxConcurrentStreams = Int(value)
        }
        if let value = try number(idleTimeout, "KEIKYO_IDLE_TIMEOUT", "--idle-timeout", range: 0...86_400) {
            configuration.limits.idleTimeout = value == 0 ? nil : .milliseconds(Int64(value * 1000))
        }
        configuration.tlsCertificate = setting(tlsCert, "KEIKYO_TLS_CERT")
        configuration.tlsKey = setting(tlsKey, "KEIKYO_TLS_KEY")
        configuration.tlsClientCA = setting(tlsClientCA, "KEIKYO_TLS_CLIENT_CA")
        configuration.tlsCA = setting(tlsCA, "KEIKYO_TLS_CA")
        guard (configuration.tlsCertificate == nil) == (configuration.tlsKey == nil) else {
            throw ValidationError("--tls-cert (KEIKYO_TLS_CERT) and --tls-key (KEIKYO_TLS_KEY) go together")
        }
        if configuration.tlsClientCA != nil, configuration.tlsCertificate == nil {
            throw ValidationError("--tls-client-ca (KEIKYO_TLS_CLIENT_CA) needs --tls-cert and --tls-key")
        }
        if let value = try number(handshakeTimeout, "KEIKYO_HANDSHAKE_TIMEOUT", "--handshake-timeout", range: 0.1...600) {
            configuration.limits.handshakeTimeout = .milliseconds(Int64(value * 1000))
        }
    }
}

/// A service's resolved start-up configuration.
public struct ServiceConfiguration: Sendable {
    public var endpoint: KeikyoEndpoint
    public var host: String = "127.0.0.1"
    public var port: Int
    public var dataDirectory: String
    /// Where the data lives; SQLite in `dataDirectory` unless `--database` says otherwise.
    public var database: DatabaseLocation
    public var seed = false
    public var logLevel: Logger.Level = .info
    /// HOST:PORT of the other services, by name (`KEIKYO_<NAME>_ADDR`).
    public var peers: [String: String] = [:]
    public var tokensFile: String?
    public var allowAnonymous = false
    public var policyFile: String?
    /// This service's own token for its calls to the others, when tokens are in use.
    public var serviceTokenFile: String?
    /// Read from `serviceTokenFile` at start.
    public var serviceToken: String?
    public var rateLimit = RateLimiter.Configuration()
    /// PEM files: the server's certificate and key (TLS when set), the CA of client
    /// certificates (mutual TLS), and the CA to trust when calling the other services.
    public var tlsCertificate: String?
    public var tlsKey: String?
    public var tlsClientCA: String?
    public var tlsCA: String?
    /// Connection limits and timeouts; `host`, `port` and `agent` are set from the fields above.
    public var limits = KWPServerConfiguration()

    public init(endpoint: KeikyoEndpoint) {
        self.endpoint = endpoint
        self.port = endpoint.defaultPort
        self.dataDirectory = ".keikyo-data/\(endpoint.name)"
        self.database = .sqlite(path: ".keikyo-data/\(endpoint.name)/\(endpoint.name).sqlite")
    }
}
