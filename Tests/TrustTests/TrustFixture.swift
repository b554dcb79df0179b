import Foundation
import KeikyoTestSupport
import KeikyoTrust
import KeikyoWire

/// A tokens file with a token for each agency the tests act as and for each service (beside
/// it as `service-<name>.token`, where a service looks for its own).
struct TrustFixture: Sendable {
    let directory: String
    let tokens: [String: String]
    var tokensFile: String { directory + "/tokens.json" }

    static let agencies = ["METI", "MOF", "MOFA", "CAS", "MLIT", "JICA", "JBIC"]

    /// `serviceTokenFiles: false` leaves the services without tokens of their own (for
    /// services that prove themselves with certificates).
    static func make(in directory: String, serviceTokenFiles: Bool = true) throws -> TrustFixture {
        var file = TokenFile()
        var tokens: [String: String] = [:]
        for agency in agencies { tokens[agency] = file.issue(for: .agency(agency)).token }
        for service in Principal.services {
            let token = file.issue(for: .service(service)).token
            tokens["service:\(service)"] = token
            if serviceTokenFiles { try token.write(toFile: "\(directory)/service-\(service).token", atomically: true, encoding: .utf8) }
        }
        try file.save(path: directory + "/tokens.json")
        return TrustFixture(directory: directory, tokens: tokens)
    }

    /// The id of `agency`'s token, as audits show it.
    func tokenID(_ name: String) -> String { String(tokens[name]!.split(separator: ".")[1]) }

    /// A client that sends `agency`'s token (none for nil) with every call.
    func withClient<T: Sendable>(port: Int, as name: String?, _ body: @Sendable (KWPClient) async throws -> T) async throws -> T {
        var configuration = KWPClientConfiguration()
        if let name { configuration.interceptors = [BearerTokenInterceptor(token: tokens[name]!)] }
        return try await KeikyoTestSupport.withClient(port: port, configuration: configuration, body)
    }

    /// Starts a service with this tokens file; `extra` flags after.
    func start(_ executable: String, data: String, environment: [String: String] = [:], _ extra: [String] = []) async throws -> ServiceProcess {
        try await ServiceProcess.start(
            executable, arguments: ["--data-dir", "\(directory)/\(data)", "--tokens-file", tokensFile] + extra, environment: environment)
    }
}
