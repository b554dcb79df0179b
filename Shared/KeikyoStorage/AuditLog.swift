import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoWire

/// A service's audit log: one row per change, written in the transaction that makes it, so a
/// change is never without its entry nor an entry without its change.
public struct AuditLog: Sendable {
    let database: any StoreDatabase
    /// The service's short name, e.g. `cases`, reported with each entry.
    public let service: String

    public init(database: any StoreDatabase, service: String) {
        self.database = database
        self.service = service
    }

    /// Adds the audit table; call from every service's migrator.
    public static func registerMigration(_ migrator: inout StoreMigrator) {
        migrator.register("audit-log") { db in
            try db.executeDDL(
                """
                CREATE TABLE audit (
                    seq SEQ,
                    at TEXT NOT NULL,
                    agency TEXT NOT NULL,
                    principal TEXT NOT NULL,
                    credential_id TEXT NOT NULL,
                    method TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    changed_fields TEXT NOT NULL,
                    summary TEXT NOT NULL
                );
                CREATE INDEX audit_on_agency ON audit(agency);
                CREATE INDEX audit_on_record_id ON audit(record_id)
                """)
        }
    }

    public static func append(_ db: any SQLExecutor, _ entry: AuditEntry) throws {
        try db.executeLater(
            sql: """
                INSERT INTO audit (at, agency, principal, credential_id, method, record_id, kind, changed_fields, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                Timestamp.string(entry.at), entry.caller.agency, entry.caller.principal, entry.caller.credentialID,
                entry.caller.method, entry.recordID, entry.kind, entry.changedFields.joined(separator: ","), entry.summary,
            ])
    }

    /// Entries after `afterSequence`, oldest first, at most `limit`, optionally of one agency or record.
    public func entries(afterSequence: Int64, agency: String, recordID: String, limit: Int) async throws -> [AuditEntry] {
        var conditions = ["seq > ?"]
        var arguments: SQLArguments = [afterSequence]
        if !agency.isEmpty {
            conditions.append("agency = ?")
            arguments += [agency]
        }
        if !recordID.isEmpty {
            conditions.append("record_id = ?")
            arguments += [recordID]
        }
        arguments += [limit]
        let sql = "SELECT * FROM audit WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq LIMIT ?"
        let service = self.service
        let bound = arguments
        return try await database.read { db in
            try db.fetchAll(sql: sql, arguments: bound).map { row in
                AuditEntry(
                    sequence: try row["seq"], at: Timestamp.date(try row["at"]), service: service,
                    caller: Caller(
                        agency: try row["agency"], principal: try row["principal"], credentialID: try row["credential_id"],
                        method: try row["method"]),
                    recordID: try row["record_id"], kind: try row["kind"],
                    changedFields: (try row["changed_fields"] as String).split(separator: ",").map(String.init), summary: try row["summary"])
            }
        }
    }
}

/// `keikyo.audit.v1.AuditService` over a service's `AuditLog`.
public struct AuditServiceProvider: KWPServiceProvider {
    public static let descriptor = AuditServiceAPI.descriptor
    static let maxPageSize: UInt32 = 500

    let log: AuditLog

    public init(log: AuditLog) {
        self.log = log
    }

    public func register(in router: inout KWPRouter) {
        router.register(AuditServiceAPI.listAudit) { [log] request, _ in
            var violations: [Violation] = []
            if request.pageSize > Self.maxPageSize { violations.append(Violation("page_size", "at most \(Self.maxPageSize)")) }
            if request.afterSequence < 0 { violations.append(Violation("after_sequence", "not negative")) }
            if request.recordID.utf8.count > 100 { violations.append(Violation("record_id", "at most 100 bytes")) }
            if !request.agency.isEmpty, request.agency.utf8.count > 40 { violations.append(Violation("agency", "at most 40 bytes")) }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            let filter = ListAuditRequest(agency: request.agency, recordID: request.recordID)
            let after = max(request.afterSequence, try PageToken.afterSeq(request.pageToken, filter: filter))
            let size = Int(request.pageSize == 0 ? 100 : request.pageSize)
            let entries = try await log.entries(afterSequence: after, agency: request.agency, recordID: request.recordID, limit: size + 1)
            let page = Array(entries.prefix(size))
            let next = entries.count > size ? try PageToken(afterSeq: page.last!.sequence, filter: filter).encoded : ""
            return ListAuditResponse(entries: page, nextPageToken: next)
        }
    }
}
