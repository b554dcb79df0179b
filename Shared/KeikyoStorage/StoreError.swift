import KeikyoWire

/// What storage itself can fail with, whichever database it runs on.
public enum StoreError: KWPErrorConvertible, CustomStringConvertible {
    /// The database cannot be reached; the service keeps trying.
    case unavailable(String)
    /// A stored row does not have the shape the code expects: a bug or a foreign schema.
    case schema(String)
    /// Kept totals that would become inconsistent; nothing was written.
    case inconsistentTotals(String)

    public var description: String {
        switch self {
        case .unavailable(let detail): "the database is unavailable: \(detail)"
        case .schema(let detail): "unexpected stored data: \(detail)"
        case .inconsistentTotals(let detail): detail
        }
    }

    public var kwpError: KWPError {
        switch self {
        case .unavailable: KWPError(.unavailable, description, reason: StoreReason.databaseUnavailable)
        case .schema, .inconsistentTotals: KWPError(.internal, description, reason: KWPError.Reason.internal)
        }
    }
}

public enum StoreReason {
    /// UNAVAILABLE: the service cannot reach its database.
    public static let databaseUnavailable = "DATABASE_UNAVAILABLE"
}
