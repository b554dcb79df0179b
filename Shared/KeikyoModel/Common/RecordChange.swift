import Foundation

/// One entry of a record's history (`keikyo.common.v1.Change`).
public struct RecordChange: Sendable, Hashable {
    public var version: UInt64
    public var at: Date?
    public var by: String
    /// e.g. CREATED, UPDATED, TRANSACTION_ADDED.
    public var kind: String
    public var changedFields: [String]
    public var summary: String

    public init(version: UInt64, at: Date?, by: String, kind: String, changedFields: [String] = [], summary: String) {
        self.version = version
        self.at = at
        self.by = by
        self.kind = kind
        self.changedFields = changedFields
        self.summary = summary
    }
}
