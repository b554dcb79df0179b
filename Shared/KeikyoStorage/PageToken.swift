import KeikyoAPI
import KeikyoWire
import NIOCore

/// The opaque `page_token` of the List methods: where the last page ended (an insertion
/// sequence number, so records inserted meanwhile neither shift nor repeat the pages) and a
/// digest of the filter it belongs to.
public struct PageToken: Equatable, Sendable {
    public var afterSeq: Int64
    public var filterDigest: UInt64

    public static let badPageTokenReason = CommonReason.badPageToken

    public init(afterSeq: Int64, filter: some KWPMessage) throws {
        self.afterSeq = afterSeq
        self.filterDigest = try Self.digest(filter)
    }

    public var encoded: String {
        var bytes: [UInt8] = [1]
        withUnsafeBytes(of: afterSeq.bigEndian) { bytes += $0 }
        withUnsafeBytes(of: filterDigest.bigEndian) { bytes += $0 }
        return Base64URL.encode(bytes)
    }

    /// Reads a token from a request with `filter`; throws INVALID_ARGUMENT `BAD_PAGE_TOKEN`.
    public init(decoding text: String, filter: some KWPMessage) throws {
        let bad = KWPError(
            .invalidArgument, "page_token is not one this service issued for this filter", reason: Self.badPageTokenReason,
            violations: [.init(field: "page_token", description: "use next_page_token from the previous reply, with the same filter")])
        guard let bytes = Base64URL.decode(text), bytes.count == 17, bytes[0] == 1 else { throw bad }
        let seq = bytes[1..<9].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let digest = bytes[9..<17].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard seq <= UInt64(Int64.max), digest == (try Self.digest(filter)) else { throw bad }
        self.afterSeq = Int64(seq)
        self.filterDigest = digest
    }

    /// The `afterSeq` of a request's token, 0 for none.
    public static func afterSeq(_ token: String, filter: some KWPMessage) throws -> Int64 {
        token.isEmpty ? 0 : try PageToken(decoding: token, filter: filter).afterSeq
    }

    static func digest(_ filter: some KWPMessage) throws -> UInt64 {
        FNV1a.hash(try ProtobufCCodec.encode(filter).readableBytesView)
    }
}

/// The opaque `page_token` of a listing in an order of its own (not insertion): the key of the
/// last row listed, a few strings, and a digest of the request it belongs to.
public struct KeysetToken: Equatable, Sendable {
    public var key: [String]
    public var requestDigest: UInt64

    /// The most bytes a part of a key may hold when decoding (the parts are ids and dates, a few
    /// dozen bytes), which bounds what a token from the network can make a service allocate.
    public static let maximumKeyBytes = 512

    public init(key: [String], request: some KWPMessage) throws {
        self.key = key
        self.requestDigest = try PageToken.digest(request)
    }

    public var encoded: String {
        var bytes: [UInt8] = [2]
        withUnsafeBytes(of: requestDigest.bigEndian) { bytes += $0 }
        for part in key {
            let utf8 = part.utf8.prefix(0xFFFF)
            bytes += [UInt8(utf8.count >> 8), UInt8(utf8.count & 0xFF)] + utf8
        }
        return Base64URL.encode(bytes)
    }

    /// The position a request's `page_token` names (nil for "", the first page), for the
    /// request whose page-less form is `request`: INVALID_ARGUMENT `BAD_PAGE_TOKEN` when the
    /// token or its key cannot be read.
    public static func cursor<Cursor: KeysetCursor>(_ text: String, request: some KWPMessage) throws -> Cursor? {
        guard !text.isEmpty else { return nil }
        guard let position = Cursor(key: try KeysetToken(decoding: text, parts: Cursor.parts, request: request).key) else { throw bad }
        return position
    }

    /// The `next_page_token` of a page that ended at `cursor`: "" when none follows.
    public static func nextPageToken(_ cursor: (some KeysetCursor)?, request: some KWPMessage) throws -> String {
        try cursor.map { try KeysetToken(key: $0.key, request: request).encoded } ?? ""
    }

    private static var bad: KWPError {
        KWPError(
            .invalidArgument, "page_token is not one this service issued for this request", reason: PageToken.badPageTokenReason,
            violations: [.init(field: "page_token", description: "use next_page_token from the previous reply, with the same request")])
    }

    /// Reads a token of `parts` strings from a request whose page-less form is `request`;
    /// throws INVALID_ARGUMENT `BAD_PAGE_TOKEN`.
    public init(decoding text: String, parts: Int, request: some KWPMessage) throws {
        let bad = Self.bad
        let limit = (9 + parts * (2 + Self.maximumKeyBytes)) * 4 / 3 + 4
        guard let bytes = Base64URL.decode(text, maximumLength: limit), bytes.count >= 9, bytes[0] == 2 else { throw bad }
        let digest = bytes[1..<9].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard digest == (try PageToken.digest(request)) else { throw bad }
        var key: [String] = []
        var index = 9
        while index < bytes.count {
            guard index + 2 <= bytes.count else { throw bad }
            let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            index += 2
            guard length <= Self.maximumKeyBytes, index + length <= bytes.count,
                let part = String(validating: bytes[index..<index + length], as: UTF8.self)
            else { throw bad }
            key.append(part)
            index += length
        }
        guard key.count == parts else { throw bad }
        self.key = key
        self.requestDigest = digest
    }
}

/// Where a page of a listing in an order of its own ended, as the strings of a `KeysetToken`.
public protocol KeysetCursor: Sendable {
    /// How many strings the key has.
    static var parts: Int { get }
    /// The parts of a page token.
    var key: [String] { get }
    /// From a page token's parts; nil if they cannot be one.
    init?(key: [String])
}

/// 64-bit FNV-1a, for digests that need no secrecy.
public enum FNV1a {
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}

/// What an idempotency key is checked against: the digest of the method and its encoded request.
public enum RequestDigest {
    public static func of(method: String, _ request: some KWPMessage) throws -> [UInt8] {
        let hash = FNV1a.hash(Array(method.utf8) + Array(try ProtobufCCodec.encode(request).readableBytesView))
        return withUnsafeBytes(of: hash.bigEndian) { Array($0) }
    }
}

/// Unpadded base64url.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * offset) }
            for position in 0..<(chunk.count + 1) { output.append(alphabet[Int(value >> (18 - 6 * position) & 0x3F)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of `text`; nil for a character outside the alphabet or a text longer than
    /// `maximumLength`.
    public static func decode(_ text: String, maximumLength: Int = 64) -> [UInt8]? {
        guard text.utf8.count <= maximumLength else { return nil }
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }
}
