import KeikyoAPI
import KeikyoWire

/// What storage itself can fail with, whichever database it runs on.
public enum StoreError: KWPErrorConvertible, CustomStringConvertible {
    /// The database cannot be reached; the service keeps trying.
    case unavailable(String)
    /// A stored row does not have the shape the code expects: a bug or a foreign schema.
    case schema(String)
    /// Kept totals that would become inconsistent; nothing was written.
    case inconsistentTotals(String)
    /// A write against `expected` found the record (e.g. "case case-abc") at `current`.
    case versionMismatch(record: String, current: UInt64, expected: UInt64)

    /// Throws `versionMismatch` unless `current` is `expected`.
    public static func checkVersion(_ current: UInt64, expected: UInt64, of record: String) throws {
        guard current == expected else { throw versionMismatch(record: record, current: current, expected: expected) }
    }

    public var description: String {
        switch self {
        case .unavailable(let detail): "the database is unavailable: \(detail)"
        case .schema(let detail): "unexpected stored data: \(detail)"
        case .inconsistentTotals(let detail): detail
        case .versionMismatch(let record, let current, let expected): "\(record) is at version \(current), not \(expected)"
        }
    }

    public var kwpError: KWPError {
        switch self {
        case .unavailable: KWPError(.unavailable, description, reason: StoreReason.databaseUnavailable)
        case .schema, .inconsistentTotals: KWPError(.internal, description, reason: KWPError.Reason.internal)
        case .versionMismatch: KWPError(.failedPrecondition, description, reason: CommonReason.versionMismatch)
        }
    }
}

public enum StoreReason {
    /// UNAVAILABLE: the service cannot reach its database.
    public static let databaseUnavailable = "DATABASE_UNAVAILABLE"
}
