import Crypto
import Foundation
import SwiftASN1
import X509

/// A small certificate authority for a deployment without one, and for tests: a CA
/// certificate and the leaf certificates it signs (P-256, PEM).
public struct CertificateAuthority: Sendable {
    public let certificate: Certificate
    let key: Certificate.PrivateKey

    /// A leaf certificate and its key, in PEM.
    public struct Issued: Sendable {
        public var certificatePEM: String
        public var keyPEM: String
    }

    /// A new CA, valid for `days`.
    public init(name: String = "Keikyo local CA", days: Int = 3650, now: Date = Date()) throws {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = try DistinguishedName { CommonName(name) }
        self.key = key
        self.certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Double(days) * 86_400),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: key)
    }

    /// The CA reloaded from its PEM files.
    public init(certificatePEM: String, keyPEM: String) throws {
        self.certificate = try Certificate(pemEncoded: certificatePEM)
        self.key = try Certificate.PrivateKey(pemEncoded: keyPEM)
    }

    public var certificatePEM: String { get throws { try certificate.serializeAsPEM().pemString } }
    public var keyPEM: String { get throws { try key.serializeAsPEM().pemString } }

    /// A certificate for `commonName` (e.g. `service:cases`, `METI`), usable by a server at
    /// `dnsNames` and `ipAddresses` and as a client.
    public func issue(
        commonName: String, dnsNames: [String] = [], ipAddresses: [String] = [], days: Int = 825, now: Date = Date()
    ) throws -> Issued {
        let leafKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
        var names = dnsNames.map(GeneralName.dnsName)
        for address in ipAddresses {
            guard let bytes = Self.addressBytes(address) else { throw TrustError("\(address.debugDescription) is not an IP address") }
            names.append(.ipAddress(ASN1OctetString(contentBytes: bytes[...])))
        }
        let leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: leafKey.publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Double(days) * 86_400),
            issuer: certificate.subject, subject: try DistinguishedName { CommonName(commonName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                if !names.isEmpty { SubjectAlternativeNames(names) }
            },
            issuerPrivateKey: key)
        return Issued(certificatePEM: try leaf.serializeAsPEM().pemString, keyPEM: try leafKey.serializeAsPEM().pemString)
    }

    /// The bytes of an IPv4 or IPv6 address; nil for a host name.
    public static func addressBytes(_ address: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
