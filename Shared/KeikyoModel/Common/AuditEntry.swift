import Foundation

/// One change in a service's audit log: who (agency, identity, credential id), when, by
/// which method, and what changed.
public struct AuditEntry: Sendable, Hashable {
    /// Position in the service's log, from 1.
    public var sequence: Int64
    public var at: Date?
    /// e.g. `cases`.
    public var service: String
    public var caller: Caller
    public var recordID: String
    /// e.g. CREATED, UPDATED, TRANSACTION_ADDED.
    public var kind: String
    public var changedFields: [String]
    public var summary: String

    public init(
        sequence: Int64 = 0, at: Date?, service: String = "", caller: Caller, recordID: String, kind: String,
        changedFields: [String] = [], summary: String
    ) {
        self.sequence = sequence
        self.at = at
        self.service = service
        self.caller = caller
        self.recordID = recordID
        self.kind = kind
        self.changedFields = changedFields
        self.summary = summary
    }
}
