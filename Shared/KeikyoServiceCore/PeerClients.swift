import KeikyoAPI
import KeikyoWire
import Logging

extension ServiceRunner {
    /// How a service's clients of the other services connect: a short connect timeout, so a
    /// peer that is down fails a call quickly instead of using up the caller's deadline.
    public static func peerClientConfiguration(for configuration: ServiceConfiguration) -> KWPClientConfiguration {
        var client = KWPClientConfiguration()
        client.agent = "keikyo-\(configuration.endpoint.name)/\(KeikyoVersion.current)"
        client.connectTimeout = .seconds(1)
        return client
    }

    /// A client of the cases service at `KEIKYO_CASES_ADDR`, for checking and reading cases.
    public static func caseDirectory(for configuration: ServiceConfiguration, logger: Logger) throws -> CaseDirectory {
        let address = configuration.peers[KeikyoEndpoint.cases.name] ?? KeikyoEndpoint.cases.defaultAddress
        do {
            let client = try KWPClient(address: address, configuration: peerClientConfiguration(for: configuration), logger: logger)
            logger.info("cases service", metadata: ["peer.cases": "\(address)"])
            return CaseDirectory(client: client)
        } catch {
            throw StartupError("KEIKYO_CASES_ADDR: \(address.debugDescription) is not HOST:PORT")
        }
    }
}
