import ArgumentParser
import Foundation
import KeikyoServiceCore
import KeikyoTrust
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

    @Option(help: "Your agency's token (`keikyo tokens issue`), sent as `authorization: Bearer`. Env KEIKYO_TOKEN.")
    var token: String?

    @Option(name: .customLong("tls-ca"), help: "Connect over TLS 1.3, trusting this CA (PEM). Env KEIKYO_TLS_CA.")
    var tlsCA: String?
    @Option(name: .customLong("tls-cert"), help: "Client certificate for mutual TLS (PEM; its common name is you). Env KEIKYO_CLIENT_CERT.")
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "Key of --tls-cert (PEM). Env KEIKYO_CLIENT_KEY.")
    var tlsKey: String?

    /// `--token`, else `KEIKYO_TOKEN`, else none.
    var bearerToken: String? {
        token ?? ProcessInfo.processInfo.environment["KEIKYO_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    var kwpOptions: KWPCallOptions { KWPCallOptions(timeout: .milliseconds(Int64(timeout * 1000))) }

    /// A client that fails fast: one connect attempt within the call's timeout.
    func client(for address: String) throws -> KWPClient {
        var configuration = KWPClientConfiguration()
        configuration.connectTimeout = .milliseconds(Int64(timeout * 1000))
        configuration.agent = "keikyo-cli/\(KeikyoVersion.current)"
        if let bearerToken { configuration.interceptors.append(BearerTokenInterceptor(token: bearerToken)) }
        let environment = ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty }
        if let ca = tlsCA ?? environment["KEIKYO_TLS_CA"] {
            do {
                configuration.tls = try KeikyoTLS.clientContext(
                    ca: ca, certificate: tlsCert ?? environment["KEIKYO_CLIENT_CERT"], key: tlsKey ?? environment["KEIKYO_CLIENT_KEY"])
            } catch let error as TrustError {
                throw ValidationError(error.description)
            }
        }
        do {
            return try KWPClient(address: address, configuration: configuration)
        } catch {
            throw ValidationError("\(address.debugDescription) is not HOST:PORT")
        }
    }
}

/// What every service subcommand shares: where the services are, call options, output.
struct ServiceConnection: ParsableArguments {
    @OptionGroup var endpoints: EndpointOptions
    @OptionGroup var call: CallOptions

    @Flag(help: "Print JSON (the .proto field names) instead of a table.")
    var json = false

    @Option(help: "The agency to record in the history (e.g. METI), sent as x-agency; heeded only by services running without tokens.")
    var agency: String?

    var metadata: KWPMetadata {
        var metadata = KWPMetadata()
        if let agency { metadata["x-agency"] = agency }
        return metadata
    }

    /// Runs `body` with a client of `endpoint`, reporting a failed call plainly.
    func withClient(_ endpoint: KeikyoEndpoint, _ body: (KWPClient) async throws -> Void) async throws {
        let client = try call.client(for: endpoints.address(of: endpoint))
        do {
            try await body(client)
            await client.close()
        } catch {
            await client.close()
            throw CLIFailure.report(error)
        }
    }

    func printJSON<M: KWPMessage>(_ message: M, pretty: Bool = true) throws {
        print(try ProtobufJSON.decode(try ProtobufCCodec.encode(message), as: M.protobufCDescriptor, pretty: pretty))
    }
}

/// A message read from JSON with the .proto field names (a file, or - for standard input).
func readJSON<M: KWPMessage>(_ type: M.Type, from file: String, what: String) throws -> M {
    let data: Data
    if file == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let contents = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
        data = contents
    }
    do {
        let bytes = try ProtobufJSON.encode(json: String(decoding: data, as: UTF8.self), as: M.protobufCDescriptor)
        return try ProtobufCCodec.decode(M.self, from: bytes)
    } catch let error as KWPError {
        throw ValidationError("the JSON is not \(what): \(error.message)" + error.violations.map { "\n  \($0.field): \($0.description)" }.joined())
    }
}
