import Foundation
import KeikyoTestSupport
import KeikyoWire
import NIOConcurrencyHelpers
import NIOSSL
import Testing

@testable import KeikyoTrust

/// KWP/1 inside TLS 1.3 with certificates from an in-process CA.
@Suite("TLS and mutual TLS")
struct TLSTests {
    /// A CA, a server certificate for 127.0.0.1, client certificates, as PEM files in `directory`.
    struct Files {
        let directory: String
        func path(_ name: String) -> String { "\(directory)/\(name)" }

        static func make(in directory: String) throws -> Files {
            let ca = try CertificateAuthority()
            let other = try CertificateAuthority(name: "Someone else's CA")
            let files = Files(directory: directory)
            let server = try ca.issue(commonName: "service:cases", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
            let jica = try ca.issue(commonName: "JICA")
            let stranger = try ca.issue(commonName: "NASA")
            let forged = try other.issue(commonName: "METI")
            for (name, text) in [
                ("ca.pem", try ca.certificatePEM), ("other-ca.pem", try other.certificatePEM),
                ("server.pem", server.certificatePEM), ("server-key.pem", server.keyPEM), ("jica.pem", jica.certificatePEM),
                ("jica-key.pem", jica.keyPEM), ("nasa.pem", stranger.certificatePEM), ("nasa-key.pem", stranger.keyPEM),
                ("forged.pem", forged.certificatePEM), ("forged-key.pem", forged.keyPEM),
            ] {
                try text.write(toFile: files.path(name), atomically: true, encoding: .utf8)
            }
            return files
        }
    }

    /// Records the principal each call arrives with.
    final class PrincipalLog: KWPServerInterceptor {
        let seen = NIOLockedValueBox<[KWPPrincipal?]>([])
        func intercept<Output: Sendable>(
            context: KWPServerContext, next: @Sendable (KWPServerContext) async throws -> Output
        ) async throws -> Output {
            seen.withLockedValue { $0.append(context.principal) }
            return try await next(context)
        }
    }

    func withTLSServer(_ files: Files, mutual: Bool, log: PrincipalLog = PrincipalLog(), _ body: @Sendable (Int) async throws -> Void) async throws {
        var configuration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
        let context = try KeikyoTLS.serverContext(
            certificate: files.path("server.pem"), key: files.path("server-key.pem"), clientCA: mutual ? files.path("ca.pem") : nil)
        configuration.tls = KWPServerTLS(context: context, principal: KeikyoTLS.principal(of:))
        try await withServer(configuration: configuration, interceptors: [log]) { _, port in try await body(port) }
    }

    func echo(_ port: Int, tls: NIOSSLContext?) async throws -> String {
        var configuration = KWPClientConfiguration()
        configuration.tls = tls
        configuration.connectTimeout = .seconds(5)
        return try await withClient(port: port, configuration: configuration) { client in
            try await client.unary(EchoMethods.echo, EchoRequest(text: "over TLS")).text
        }
    }

    @Test("a client trusting the CA is served over TLS 1.3; plaintext, another CA and TLS 1.2 are refused")
    func serverTLS() async throws {
        try await withTemporaryDirectory { directory in
            let files = try Files.make(in: directory)
            try await withTLSServer(files, mutual: false) { port in
                let text = try await echo(port, tls: try KeikyoTLS.clientContext(ca: files.path("ca.pem")))
                #expect(text == "over TLS")
                await expectKWPError(.unavailable) { _ = try await echo(port, tls: nil) }
                await expectKWPError(.unavailable) { _ = try await echo(port, tls: try KeikyoTLS.clientContext(ca: files.path("other-ca.pem"))) }
                var old = TLSConfiguration.makeClientConfiguration()
                old.maximumTLSVersion = .tlsv12
                old.trustRoots = .file(files.path("ca.pem"))
                await expectKWPError(.unavailable) { _ = try await echo(port, tls: try NIOSSLContext(configuration: old)) }
            }
        }
    }

    @Test("mutual TLS: a client certificate from the CA names the caller; none, or one from another CA, is refused")
    func mutualTLS() async throws {
        try await withTemporaryDirectory { directory in
            let files = try Files.make(in: directory)
            let log = PrincipalLog()
            try await withTLSServer(files, mutual: true, log: log) { port in
                let ca = files.path("ca.pem")
                let jica = try KeikyoTLS.clientContext(ca: ca, certificate: files.path("jica.pem"), key: files.path("jica-key.pem"))
                let asJICA = try await echo(port, tls: jica)
                #expect(asJICA == "over TLS")
                let nasa = try KeikyoTLS.clientContext(ca: ca, certificate: files.path("nasa.pem"), key: files.path("nasa-key.pem"))
                let asNASA = try await echo(port, tls: nasa)
                #expect(asNASA == "over TLS")
                await expectKWPError(.unavailable) { _ = try await echo(port, tls: try KeikyoTLS.clientContext(ca: ca)) }
                let forged = try KeikyoTLS.clientContext(ca: ca, certificate: files.path("forged.pem"), key: files.path("forged-key.pem"))
                await expectKWPError(.unavailable) { _ = try await echo(port, tls: forged) }
            }
            let seen = log.seen.withLockedValue { $0 }
            #expect(seen.count == 2)
            #expect(seen.first??.name == "JICA")
            #expect(seen.first??.credentialID.hasPrefix("cert:") == true)
            // A certificate whose name is no agency or service proves no one.
            #expect(seen.last! == nil)
        }
    }

    @Test("a bad PEM path or a certificate without its key is a clear error")
    func badFiles() async throws {
        try await withTemporaryDirectory { directory in
            let files = try Files.make(in: directory)
            let missing = #expect(throws: TrustError.self) {
                _ = try KeikyoTLS.serverContext(certificate: files.path("nope.pem"), key: files.path("server-key.pem"), clientCA: nil)
            }
            #expect(missing?.description.contains("nope.pem") == true)
            #expect(throws: TrustError.self) { _ = try KeikyoTLS.clientContext(ca: files.path("ca.pem"), certificate: files.path("jica.pem")) }
        }
    }
}
