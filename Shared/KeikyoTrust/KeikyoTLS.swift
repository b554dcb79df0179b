import Foundation
import KeikyoWire
import NIOSSL
import X509

/// TLS for the suite: KWP/1 inside TLS 1.3, from PEM files; mutual TLS where a client
/// certificate's subject common name is the caller (an agency code, or `service:NAME`).
public enum KeikyoTLS {
    /// A server context: TLS 1.3 only. With `clientCA`, every client must present a
    /// certificate that chains to it (mutual TLS).
    public static func serverContext(certificate: String, key: String, clientCA: String?) throws -> NIOSSLContext {
        let chain = try certificates(certificate).map(NIOSSLCertificateSource.certificate)
        let privateKey = NIOSSLPrivateKeySource.privateKey(try privateKey(key))
        var configuration =
            if let clientCA {
                TLSConfiguration.makeServerConfigurationWithMTLS(
                    certificateChain: chain, privateKey: privateKey, trustRoots: .certificates(try certificates(clientCA)))
            } else {
                TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: privateKey)
            }
        configuration.minimumTLSVersion = .tlsv13
        return try context(configuration, "server")
    }

    /// A client context: TLS 1.3 only, trusting `ca`, presenting `certificate` and `key`
    /// when given (for mutual TLS).
    public static func clientContext(ca: String, certificate: String? = nil, key: String? = nil) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv13
        configuration.trustRoots = .certificates(try certificates(ca))
        if let certificate, let key {
            configuration.certificateChain = try certificates(certificate).map(NIOSSLCertificateSource.certificate)
            configuration.privateKey = .privateKey(try privateKey(key))
        } else if (certificate == nil) != (key == nil) {
            throw TrustError("a client certificate needs its key, and a key its certificate")
        }
        return try context(configuration, "client")
    }

    /// The caller a verified client certificate names: its subject's common name, when that is
    /// an agency or service; the credential id is the certificate's serial number.
    public static func principal(of certificate: NIOSSLCertificate) -> KWPPrincipal? {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else { return nil }
        for rdn in parsed.subject {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                if let name = String(attribute.value), Principal(name) != nil {
                    return KWPPrincipal(name: name, credentialID: "cert:\(parsed.serialNumber)")
                }
            }
        }
        return nil
    }

    private static func certificates(_ path: String) throws -> [NIOSSLCertificate] {
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(path)
            guard !certificates.isEmpty else { throw TrustError("\(path) holds no certificate") }
            return certificates
        } catch let error as TrustError {
            throw error
        } catch {
            throw TrustError("cannot read the certificates in \(path): \(error)")
        }
    }

    private static func privateKey(_ path: String) throws -> NIOSSLPrivateKey {
        do {
            return try NIOSSLPrivateKey(file: path, format: .pem)
        } catch {
            throw TrustError("cannot read the private key in \(path): \(error)")
        }
    }

    private static func context(_ configuration: TLSConfiguration, _ side: String) throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TrustError("the TLS \(side) configuration is not usable: \(error)")
        }
    }
}
