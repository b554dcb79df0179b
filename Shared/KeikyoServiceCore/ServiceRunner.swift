import Foundation
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import Logging
import ServiceLifecycle
import UnixSignals

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
        makeServices: (ServiceConfiguration, AccessControl, Logger) async throws -> ServiceParts
    ) async throws {
        var logger = Logger(label: "keikyo.\(configuration.endpoint.name)")
        logger[metadataKey: "service"] = "\(configuration.endpoint.name)"
        if case .sqlite = configuration.database {
            do {
                try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
            } catch {
                throw StartupError("cannot create the data directory \(configuration.dataDirectory): \(error.localizedDescription)")
            }
        }
        var configuration = configuration
        let access = try accessControl(for: configuration, logger: logger)
        configuration.serviceToken = try serviceToken(for: configuration, access: access, logger: logger)
        let parts = try await makeServices(configuration, access, logger)
        let services = parts.providers
        var pendingSeed = parts.seed
        if let seed = pendingSeed {
            do {
                try await seed()
                pendingSeed = nil
            } catch StoreError.unavailable(let detail) {
                logger.error("the database does not answer; the seed is loaded once it does", metadata: ["error": "\(detail)"])
            } catch {
                throw StartupError("cannot load the seed: \(error)")
            }
        }
        let validate = policyValidator(for: services)
        do {
            try validate(access.policy)
        } catch {
            throw StartupError("\(error)")
        }

        var serverConfiguration = configuration.limits
        serverConfiguration.tls = try serverTLS(for: configuration)
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        serverConfiguration.agent = "keikyo-\(configuration.endpoint.name)/\(KeikyoVersion.current)"
        let server = KWPServer(
            configuration: serverConfiguration, services: services, interceptors: [TrustInterceptor(access: access)], logger: logger)
        logger.info(
            "starting",
            metadata: [
                "net.listen": "\(configuration.host):\(configuration.port)", "database": "\(parts.database)",
                "seed": "\(configuration.seed)", "auth": "\(configuration.tokensFile.map { "tokens \($0)" } ?? "ANONYMOUS")",
                "rate.limit": "\(configuration.rateLimit.rate)/s burst \(configuration.rateLimit.burst)",
                "tls": "\(configuration.tlsCertificate == nil ? "off" : configuration.tlsClientCA == nil ? "TLS 1.3" : "TLS 1.3, client certificates required")",
                "tls.peers": "\(configuration.tlsCA == nil ? "off" : "TLS 1.3")",
            ])
        let reloader = TrustReloader(access: access, validate: validate, logger: logger)
        let healthNames = [""] + services.map { type(of: $0).descriptor.name }
        let reachable: Bool
        switch await DatabaseWatch.probe(parts.database) {
        case .success: reachable = true
        case .failure(let error):
            reachable = false
            logger.error("the database does not answer: NOT_SERVING until it does", metadata: ["error": "\(error)"])
            for name in healthNames { server.health.setStatus(.notServing, for: name) }
        }
        let watch = DatabaseWatch(
            database: parts.database, health: server.health, services: healthNames, seed: pendingSeed, interval: .seconds(2),
            logger: logger, servingAtStart: reachable)
        let group = ServiceGroup(
            configuration: .init(services: [server, reloader, watch], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            throw StartupError("\(configuration.endpoint.name) stopped: \(error)")
        }
    }

    /// TLS 1.3 from the configured PEM files; mutual TLS with a client CA.
    static func serverTLS(for configuration: ServiceConfiguration) throws -> KWPServerTLS? {
        guard let certificate = configuration.tlsCertificate, let key = configuration.tlsKey else { return nil }
        do {
            let context = try KeikyoTLS.serverContext(certificate: certificate, key: key, clientCA: configuration.tlsClientCA)
            return KWPServerTLS(context: context, principal: KeikyoTLS.principal(of:))
        } catch let error as TrustError {
            throw StartupError(error.description)
        }
    }

    /// Tokens from the tokens file; or, only when asked for, none at all, said loudly.
    static func accessControl(for configuration: ServiceConfiguration, logger: Logger) throws -> AccessControl {
        do {
            if let path = configuration.tokensFile {
                return try AccessControl(mode: .tokens(path: path), policyPath: configuration.policyFile, rateLimit: configuration.rateLimit)
            }
            guard configuration.allowAnonymous else {
                throw StartupError(
                    "no tokens file: give --tokens-file (KEIKYO_TOKENS_FILE; `keikyo tokens init` makes one), "
                        + "or --allow-anonymous (KEIKYO_ALLOW_ANONYMOUS=1) to let anyone call anything")
            }
            for line in [
                "RUNNING WITHOUT AUTHENTICATION (--allow-anonymous): anyone who can reach this port may read and change everything,",
                "and histories record whatever agency a caller claims. Give --tokens-file to require tokens.",
            ] {
                logger.critical("\(line)")
            }
            return try AccessControl(mode: .anonymous, policyPath: configuration.policyFile, rateLimit: configuration.rateLimit)
        } catch let error as TrustError {
            throw StartupError(error.description)
        }
    }

    /// This service's own token, checked against the tokens file; nil without tokens.
    static func serviceToken(for configuration: ServiceConfiguration, access: AccessControl, logger: Logger) throws -> String? {
        guard configuration.tokensFile != nil, let path = configuration.serviceTokenFile else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            logger.warning("no service token: calls to the other services will be refused", metadata: ["file": "\(path)"])
            return nil
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let expected = "service:\(configuration.endpoint.name)"
        guard let principal = access.authenticate([KWPMetadata.Reserved.authorization: "Bearer \(token)"]), principal.name == expected else {
            throw StartupError("\(path) does not hold a valid token of \(expected) in \(configuration.tokensFile ?? "")")
        }
        return token
    }

    /// Checks a policy against the methods `services` host and the relations their handlers check.
    static func policyValidator(for services: [any KWPServiceProvider]) -> @Sendable (Policy) throws -> Void {
        var methods: [String] = []
        var checks: [String: Set<Policy.Relation>] = [:]
        for service in services {
            let descriptor = type(of: service).descriptor
            methods += descriptor.methods.map { "/\(descriptor.name)/\($0.name)" }
            if let checking = type(of: service) as? any RelationCheckingProvider.Type {
                checks.merge(checking.relationChecks) { $0.union($1) }
            }
        }
        return { [methods, checks] policy in try policy.validate(methods: methods, checks: checks) }
    }
}

/// Rereads the tokens and policy files on SIGHUP; a bad file leaves the ones in force.
struct TrustReloader: Service {
    let access: AccessControl
    let validate: @Sendable (Policy) throws -> Void
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            do {
                try access.reload(validate: validate)
                logger.notice("reloaded the tokens and policy files")
            } catch {
                logger.error("kept the tokens and policy in force: \(error)")
            }
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
