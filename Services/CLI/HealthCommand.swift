import ArgumentParser
import Foundation
import KeikyoServiceCore
import KeikyoWire

/// `keikyo health [HOST:PORT]`: exit 0 when SERVING; with no address, every service.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check that a service is SERVING (exit 0) — usable as a container healthcheck.",
        discussion: "With no address, checks every service at its configured address.")

    @Argument(help: "HOST:PORT of one service.")
    var address: String?

    @Flag(help: "Check the service this container runs: the address in KEIKYO_LISTEN (0.0.0.0 is asked as 127.0.0.1).")
    var local = false

    @Option(help: "A hosted service's full name, e.g. keikyo.cases.v1.CaseService; default: the whole server.")
    var service: String = ""

    @OptionGroup var endpoints: EndpointOptions
    @OptionGroup var call: CallOptions

    func run() async throws {
        let targets: [(String, String)]
        if local {
            guard let listen = ProcessInfo.processInfo.environment["KEIKYO_LISTEN"], let (host, port) = try? HostPort.parse(listen) else {
                throw ValidationError("--local needs KEIKYO_LISTEN=HOST:PORT")
            }
            let address = (host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host) + ":\(port)"
            targets = [(address, address)]
        } else if let address {
            targets = [(address, address)]
        } else {
            targets = KeikyoEndpoint.allCases.map { ($0.name, endpoints.address(of: $0)) }
        }
        var allServing = true
        for (name, address) in targets {
            let client = try call.client(for: address)
            let outcome: String
            do {
                let reply = try await client.unary(HealthMethods.check, HealthCheckRequest(service: service), options: call.kwpOptions)
                outcome = "\(reply.status)".uppercased()
                if reply.status != .serving { allServing = false }
            } catch let error as KWPError {
                outcome = "\(error.code): \(error.message)"
                allServing = false
            }
            await client.close()
            print(targets.count == 1 ? outcome : "\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(address.padding(toLength: 22, withPad: " ", startingAt: 0)) \(outcome)")
        }
        if !allServing { throw ExitCode.failure }
    }
}

extension HealthCheckResponse.ServingStatus: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unknown: "unknown"
        case .serving: "serving"
        case .notServing: "not_serving"
        case .serviceUnknown: "service_unknown"
        }
    }
}
