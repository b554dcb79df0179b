import Foundation
import KeikyoTestSupport
import Testing

@testable import KeikyoTrust

@Suite struct TokenFileTests {
    @Test func anIssuedTokenVerifiesAsItsPrincipalAndNothingElseDoes() throws {
        var file = TokenFile()
        let (record, token) = file.issue(for: .agency("JICA"), note: "loans desk")
        #expect(record.principal == "JICA")
        #expect(token.hasPrefix("kk1.\(record.id)."))
        #expect(file.verify(token)?.id == record.id)

        // The stored record holds no part of the secret.
        let secret = String(token.split(separator: ".")[2])
        #expect(!record.sha256.contains(secret) && !record.salt.contains(secret))

        var tampered = Array(token)
        tampered[tampered.count - 1] = tampered.last == "A" ? "B" : "A"
        for bad in [String(tampered), token + "x", "kk1.\(record.id).", "kk1..\(secret)", "Bearer \(token)", "", String(repeating: "k", count: 5000)] {
            #expect(file.verify(bad) == nil, "\(bad.prefix(40)) verified")
        }
    }

    @Test func aRevokedTokenNoLongerVerifiesButStaysOnRecord() throws {
        var file = TokenFile()
        let (record, token) = file.issue(for: .agency("METI"))
        let (_, other) = file.issue(for: .agency("METI"))
        let revoked = file.revoke(id: record.id)
        #expect(revoked)
        #expect(file.verify(token) == nil)
        #expect(file.verify(other) != nil)
        #expect(file.records.first { $0.id == record.id }?.revokedAt != nil)
        let unknown = file.revoke(id: "no-such-id")
        #expect(!unknown)
    }

    @Test func theFileRoundTripsAndIsReadableByItsOwnerOnly() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/trust/tokens.json"
            var file = TokenFile()
            let (_, meti) = file.issue(for: .agency("METI"))
            let (_, service) = file.issue(for: .service("financing"))
            try file.save(path: path)

            let loaded = try TokenFile.load(path: path)
            #expect(loaded == file)
            #expect(loaded.verify(meti)?.principal == "METI")
            #expect(loaded.verify(service)?.principal == "service:financing")
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.contains(String(meti.split(separator: ".")[2])))
        }
    }

    @Test func aBrokenFileIsAnErrorNamingIt() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/tokens.json"
            try "{\"version\": 1, \"tokens\": [{\"id\": \"a\", \"principal\": \"NASA\", \"salt\": \"\", \"sha256\": \"\", \"issued_at\": \"\", \"note\": \"\"}]}"
                .write(toFile: path, atomically: true, encoding: .utf8)
            let error = try #require(throws: TrustError.self) { try TokenFile.load(path: path) }
            #expect(error.description.contains(path) && error.description.contains("NASA"))
            try "not json".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: TrustError.self) { try TokenFile.load(path: path) }
            #expect(throws: TrustError.self) { try TokenFile.load(path: directory + "/missing.json") }
        }
    }
}
