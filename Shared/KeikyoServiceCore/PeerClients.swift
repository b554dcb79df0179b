import KeikyoAPI
import KeikyoTrust
import KeikyoWire
import Logging

extension ServiceRunner {
    /// How a service's clients of the other services connect: a short connect timeout, so a
    /// peer that is down fails a call quickly instead of using up the caller's deadline.
    public static func peerClientConfiguration(for configuration: ServiceConfiguration) throws -> KWPClientConfiguration {
        var client = KWPClientConfiguration()
        client.agent = "keikyo-\(configuration.endpoint.name)/\(KeikyoVersion.current)"
        client.connectTimeout = .seconds(1)
        if let token = configuration.serviceToken { client.interceptors.append(BearerTokenInterceptor(token: token)) }
        if let ca = configuration.tlsCA {
            do {
                client.tls = try KeikyoTLS.clientContext(ca: ca, certificate: configuration.tlsCertificate, key: configuration.tlsKey)
            } catch let error as TrustError {
                throw StartupError(error.description)
            }
        }
        return client
    }

    /// A client of another service, at its `KEIKYO_<NAME>_ADDR`.
    public static func peerClient(_ peer: KeikyoEndpoint, for configuration: ServiceConfiguration, logger: Logger) throws -> KWPClient {
        let address = configuration.peers[peer.name] ?? peer.defaultAddress
        let clientConfiguration = try peerClientConfiguration(for: configuration)
        do {
            let client = try KWPClient(address: address, configuration: clientConfiguration, logger: logger)
            logger.info("peer", metadata: ["peer.\(peer.name)": "\(address)"])
            return client
        } catch {
            throw StartupError("\(peer.environmentKey): \(address.debugDescription) is not HOST:PORT")
        }
    }

    /// A client of the cases service at `KEIKYO_CASES_ADDR`, for checking and reading cases.
    public static func caseDirectory(for configuration: ServiceConfiguration, logger: Logger) throws -> CaseDirectory {
        CaseDirectory(client: try peerClient(.cases, for: configuration, logger: logger))
    }
}
