import Foundation

/// A record kept in versions: an id, a version (1 when created, one more with each change),
/// and the agency that made it and the one that last changed it, with when.
public protocol VersionedRecord: Sendable {
    var id: String { get set }
    var version: UInt64 { get set }
    var createdAt: Date? { get set }
    var createdBy: String { get set }
    var updatedAt: Date? { get set }
    var updatedBy: String { get set }
}

extension VersionedRecord {
    /// The record as first stored: version 1, made and last changed by `agency` at `now`.
    public func created(by agency: String, at now: Date) -> Self {
        var record = self
        record.version = 1
        (record.createdAt, record.createdBy) = (now, agency)
        (record.updatedAt, record.updatedBy) = (now, agency)
        return record
    }

    /// The record as the version after `current`: made when and by whom `current` was, last
    /// changed by `agency` at `now`.
    public func replacing(_ current: Self, by agency: String, at now: Date) -> Self {
        var record = self
        record.version = current.version + 1
        (record.createdAt, record.createdBy) = (current.createdAt, current.createdBy)
        (record.updatedAt, record.updatedBy) = (now, agency)
        return record
    }

    /// The next version of this record, changed by `agency` at `now`.
    public func changed(by agency: String, at now: Date) -> Self {
        replacing(self, by: agency, at: now)
    }
}

extension ExportCase: VersionedRecord {}
extension Event: VersionedRecord {}
extension Financing: VersionedRecord {}
extension Pledge: VersionedRecord {}
