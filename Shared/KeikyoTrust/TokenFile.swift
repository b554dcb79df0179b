import Crypto
import Foundation

/// The tokens file: one record per issued token, holding only a salted SHA-256 of its secret.
///
/// A token reads `kk1.<id>.<secret>`: the id names its record (and is what audits and logs
/// show), the secret is 32 random bytes in base64url. The file is JSON, written atomically
/// with mode 0600; services read it at start and on SIGHUP.
public struct TokenFile: Sendable, Equatable {
    public struct Record: Sendable, Equatable, Codable {
        public var id: String
        /// `METI`, or `service:cases` for a service's own token.
        public var principal: String
        /// base64 of 16 random bytes.
        public var salt: String
        /// hex SHA-256 of the salt's bytes followed by the secret's UTF-8.
        public var sha256: String
        public var issuedAt: String
        public var revokedAt: String?
        public var note: String

        enum CodingKeys: String, CodingKey {
            case id, principal, salt, sha256, note
            case issuedAt = "issued_at"
            case revokedAt = "revoked_at"
        }
    }

    /// A token's parts, as presented by a caller.
    struct Presented {
        var id: String
        var secret: String
    }

    public private(set) var records: [Record]
    private var index: [String: Int]

    public init(records: [Record] = []) {
        self.records = records
        self.index = Dictionary(records.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Reading and writing

    private struct Contents: Codable {
        var version: Int
        var tokens: [Record]
    }

    /// Reads `path`; a file that does not parse, or names an unknown principal, is an error
    /// naming the file.
    public static func load(path: String) throws -> TokenFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrustError("cannot read the tokens file \(path)")
        }
        let contents: Contents
        do {
            contents = try JSONDecoder().decode(Contents.self, from: data)
        } catch {
            throw TrustError("the tokens file \(path) is not valid: \(error)")
        }
        guard contents.version == 1 else { throw TrustError("the tokens file \(path) has version \(contents.version); this build reads 1") }
        for record in contents.tokens where Principal(record.principal) == nil {
            throw TrustError("the tokens file \(path): token \(record.id) names an unknown principal \(record.principal.debugDescription)")
        }
        return TokenFile(records: contents.tokens)
    }

    /// Writes the file atomically (a temporary file renamed over it), readable by its owner only.
    public func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(Contents(version: 1, tokens: records))
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw TrustError("cannot write \(temporary.path)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw TrustError("cannot replace \(path): \(reason)")
        }
    }

    // MARK: Issuing

    /// Adds a token for `principal`; returns its record and the token, which is not stored
    /// anywhere and cannot be shown again.
    public mutating func issue(for principal: Principal, note: String = "", now: Date = Date()) -> (record: Record, token: String) {
        var id: String
        repeat { id = Self.randomID() } while index[id] != nil
        let secret = Self.base64URL(Self.randomBytes(32))
        let salt = Self.randomBytes(16)
        let record = Record(
            id: id, principal: principal.description, salt: Data(salt).base64EncodedString(),
            sha256: Self.hash(salt: salt, secret: secret), issuedAt: Self.timestamp(now), revokedAt: nil, note: note)
        index[id] = records.count
        records.append(record)
        return (record, "kk1.\(id).\(secret)")
    }

    /// Marks token `id` revoked (kept for the audit trail); false when there is no such token.
    public mutating func revoke(id: String, now: Date = Date()) -> Bool {
        guard let position = index[id] else { return false }
        if records[position].revokedAt == nil { records[position].revokedAt = Self.timestamp(now) }
        return true
    }

    // MARK: Verifying

    /// The record of a valid, unrevoked token; nil for anything else, without saying why.
    public func verify(_ token: String) -> Record? {
        guard let presented = Self.parse(token), let position = index[presented.id] else { return nil }
        let record = records[position]
        guard record.revokedAt == nil, let salt = Data(base64Encoded: record.salt) else { return nil }
        let expected = Array(hexString: record.sha256)
        let actual = Array(SHA256.hash(data: salt + Data(presented.secret.utf8)))
        guard let expected, expected.count == actual.count else { return nil }
        // Constant time over the digest: no early exit on the first differing byte.
        return zip(expected, actual).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0 ? record : nil
    }

    static func parse(_ token: String) -> Presented? {
        guard token.utf8.count <= 128 else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "kk1", !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        return Presented(id: String(parts[1]), secret: String(parts[2]))
    }

    // MARK: Helpers

    static func hash(salt: [UInt8], secret: String) -> String {
        SHA256.hash(data: Data(salt) + Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Array($0) }
    }

    static func randomID() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyz23456789")
        return String(randomBytes(10).map { alphabet[Int($0) % alphabet.count] })
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }
}

extension Array where Element == UInt8 {
    init?(hexString: String) {
        let utf8 = Array(hexString.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        for pair in stride(from: 0, to: utf8.count, by: 2) {
            guard let byte = UInt8(String(decoding: utf8[pair...pair + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        self = bytes
    }
}

/// A problem with the trust configuration (tokens file, policy file, certificates).
public struct TrustError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension TokenFile {
    /// Reads, changes and saves the file at `path` under an exclusive lock (`PATH.lock`), so
    /// that two `keikyo tokens` commands at once cannot lose a token. A missing file starts empty.
    public static func update<T>(path: String, _ body: (inout TokenFile) throws -> T) throws -> T {
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let lock = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw TrustError("cannot open \(path).lock: \(String(cString: strerror(errno)))") }
        defer { close(lock) }
        guard flock(lock, LOCK_EX) == 0 else { throw TrustError("cannot lock \(path).lock: \(String(cString: strerror(errno)))") }
        var file = FileManager.default.fileExists(atPath: path) ? try load(path: path) : TokenFile()
        let result = try body(&file)
        try file.save(path: path)
        return result
    }
}
