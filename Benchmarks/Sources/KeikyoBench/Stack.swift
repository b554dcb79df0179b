import ArgumentParser
import KeikyoTrust
import KeikyoWire
import NIOCore

/// The running stack a load talks to: the four services' addresses (loopback only) and the
/// tokens of the agencies it acts as.
struct StackOptions: ParsableArguments {
    @Option(help: "Cases service, HOST:PORT on 127.0.0.0/8.") var cases = "127.0.0.1:7101"
    @Option(help: "Financing service.") var financing = "127.0.0.1:7102"
    @Option(help: "Diplomacy service.") var diplomacy = "127.0.0.1:7103"
    @Option(help: "KPI service.") var kpi = "127.0.0.1:7104"
    @Option(help: "Tokens by agency: METI=kk1...;MOFA=kk1... (METI writes cases, financing, figures; MOFA events).")
    var tokens: String

    func validate() throws {
        for address in [cases, financing, diplomacy, kpi] where !address.hasPrefix("127.") {
            throw ValidationError("\(address): the load runs on loopback (127.0.0.0/8) only")
        }
    }

    /// Clients of the four services: METI's, but MOFA's for diplomacy (MOFA writes events).
    func clients(group: any EventLoopGroup) throws -> (cases: KWPClient, financing: KWPClient, diplomacy: KWPClient, kpi: KWPClient) {
        let tokenOf = Dictionary(
            tokens.split(separator: ";").compactMap { pair -> (String, String)? in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }, uniquingKeysWith: { $1 })
        guard let meti = tokenOf["METI"], let mofa = tokenOf["MOFA"] else { throw ValidationError("--tokens needs METI and MOFA") }
        func client(_ address: String, _ token: String) throws -> KWPClient {
            var configuration = KWPClientConfiguration()
            configuration.interceptors = [BearerTokenInterceptor(token: token)]
            return try KWPClient(address: address, configuration: configuration, eventLoopGroup: group, logger: quiet)
        }
        return (try client(cases, meti), try client(financing, meti), try client(diplomacy, mofa), try client(kpi, meti))
    }
}
