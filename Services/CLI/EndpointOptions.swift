import ArgumentParser
import Foundation
import KeikyoServiceCore
import KeikyoWire

/// Where the services are: flags, else `KEIKYO_<NAME>_ADDR`, else the default ports on 127.0.0.1.
struct EndpointOptions: ParsableArguments {
    @Option(help: "Cases service, HOST:PORT (env KEIKYO_CASES_ADDR; default 127.0.0.1:7101).")
    var cases: String?
    @Option(help: "Financing service, HOST:PORT (env KEIKYO_FINANCING_ADDR; default 127.0.0.1:7102).")
    var financing: String?
    @Option(help: "Diplomacy service, HOST:PORT (env KEIKYO_DIPLOMACY_ADDR; default 127.0.0.1:7103).")
    var diplomacy: String?
    @Option(help: "KPI service, HOST:PORT (env KEIKYO_KPI_ADDR; default 127.0.0.1:7104).")
    var kpi: String?

    func address(of endpoint: KeikyoEndpoint, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let flag: String? =
            switch endpoint {
            case .cases: cases
            case .financing: financing
            case .diplomacy: diplomacy
            case .kpi: kpi
            default: nil
            }
        return flag ?? endpoint.address(in: environment)
    }
}

/// Options every call takes.
struct CallOptions: ParsableArguments {
    @Option(help: "Seconds to wait for the reply.")
    var timeout: Double = 5

    var kwpOptions: KWPCallOptions { KWPCallOptions(timeout: .milliseconds(Int64(timeout * 1000))) }

    /// A client that fails fast: one connect attempt within the call's timeout.
    func client(for address: String) throws -> KWPClient {
        var configuration = KWPClientConfiguration()
        configuration.connectTimeout = .milliseconds(Int64(timeout * 1000))
        configuration.agent = "keikyo-cli/\(KeikyoVersion.current)"
        do {
            return try KWPClient(address: address, configuration: configuration)
        } catch {
            throw ValidationError("\(address.debugDescription) is not HOST:PORT")
        }
    }
}
