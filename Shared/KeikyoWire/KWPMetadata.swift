/// Call metadata: ordered key/value pairs with lowercase ASCII keys; a key may repeat.
/// Reserved keys: `authorization`, `traceparent`, `idempotency-key`, `x-request-id`.
public struct KWPMetadata: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: String
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    public typealias Key = String
    public typealias Value = String

    public init(dictionaryLiteral elements: (String, String)...) {
        for (key, value) in elements { self.add(key, value) }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    /// The first value for `key`; setting replaces every value for it.
    public subscript(key: String) -> String? {
        get {
            let key = key.lowercased()
            return entries.first { $0.key == key }?.value
        }
        set {
            let key = key.lowercased()
            entries.removeAll { $0.key == key }
            if let newValue { entries.append(Entry(key: key, value: newValue)) }
        }
    }

    /// Every value for `key`, in order.
    public func values(forKey key: String) -> [String] {
        let key = key.lowercased()
        return entries.filter { $0.key == key }.map(\.value)
    }

    /// Appends a pair; the key is lowercased.
    public mutating func add(_ key: String, _ value: String) {
        entries.append(Entry(key: key.lowercased(), value: value))
    }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    /// Keys on the wire: lowercase ASCII letters, digits, `-`, `_` and `.`.
    static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
                || byte == 0x2E
        }
    }

    init(unchecked entries: [Entry]) { self.entries = entries }
}

extension KWPMetadata {
    /// Keys with a meaning across the suite.
    public enum Reserved {
        public static let authorization = "authorization"
        public static let traceparent = "traceparent"
        public static let idempotencyKey = "idempotency-key"
        public static let requestID = "x-request-id"
    }
}
