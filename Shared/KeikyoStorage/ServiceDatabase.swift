import Foundation
import GRDB
import KeikyoAPI
import KeikyoModel
import KeikyoWire

/// What every service's SQLite storage shares: how a database is opened, idempotency keys,
/// and the history tables of `RecordChange`s.
public enum ServiceDatabase {
    /// Opens (creating it and its directory if needed) `directory/file` with WAL and `synchronous=FULL`, so a write
    /// is on disk before it is acknowledged, and migrates it.
    public static func open(directory: String, file: String, migrator: DatabaseMigrator) throws -> DatabasePool {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.busyMode = .timeout(10)
        let pool = try DatabasePool(path: "\(directory)/\(file)", configuration: configuration)
        try migrator.migrate(pool)
        return pool
    }

    /// The id an idempotency key stored in `table` answered with, or nil for a new key. The
    /// same key with a different request is FAILED_PRECONDITION `IDEMPOTENCY_KEY_REUSED`.
    public static func idempotentResult(
        _ db: Database, key: String, digest: [UInt8], table: String = "idempotency_keys", resultColumn: String = "result_id"
    ) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT request_digest, \(resultColumn) FROM \(table) WHERE key = ?", arguments: [key])
        else { return nil }
        guard (row["request_digest"] as Data?).map(Array.init) == digest else {
            throw KWPError(
                .failedPrecondition, "the idempotency key was already used for a different request", reason: "IDEMPOTENCY_KEY_REUSED")
        }
        return row[resultColumn]
    }

    public static func recordIdempotencyKey(
        _ db: Database, key: String, digest: [UInt8], resultID: String, now: Date, table: String = "idempotency_keys",
        resultColumn: String = "result_id"
    ) throws {
        try db.execute(
            sql: "INSERT INTO \(table) (key, request_digest, \(resultColumn), created_at) VALUES (?, ?, ?, ?)",
            arguments: [key, Data(digest), resultID, Timestamp.string(now)])
    }

    /// A history table owned by rows of another table (`owner_seq`).
    public static func createHistoryTable(_ db: Database, _ table: String, owner: String) throws {
        try db.create(table: table) { t in
            t.column("owner_seq", .integer).notNull().references(owner, column: "seq", onDelete: .cascade)
            t.column("version", .integer).notNull()
            t.column("at", .text).notNull()
            t.column("by", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("changed_fields", .text).notNull()
            t.column("summary", .text).notNull()
            t.primaryKey(["owner_seq", "version"])
        }
    }

    /// Appends `change` to the history of the record at `ownerSeq` and, in the same
    /// transaction, to the audit log with the caller's identity.
    public static func appendHistory(
        _ db: Database, _ table: String, ownerSeq: Int64, recordID: String, _ change: RecordChange, caller: Caller
    ) throws {
        try db.execute(
            sql: "INSERT INTO \(table) (owner_seq, version, at, by, kind, changed_fields, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [ownerSeq, Int64(change.version), Timestamp.string(change.at), change.by, change.kind,
                change.changedFields.joined(separator: ","), change.summary])
        try AuditLog.append(
            db,
            AuditEntry(
                at: change.at, caller: caller, recordID: recordID, kind: change.kind, changedFields: change.changedFields,
                summary: change.summary))
    }

    public static func history(_ db: Database, _ table: String, ownerSeq: Int64) throws -> [RecordChange] {
        try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE owner_seq = ? ORDER BY version", arguments: [ownerSeq]).map { row in
            RecordChange(
                version: row["version"], at: Timestamp.date(row["at"]), by: row["by"], kind: row["kind"],
                changedFields: (row["changed_fields"] as String).split(separator: ",").map(String.init), summary: row["summary"])
        }
    }

    /// Whether `query` (a SELECT) finds a row.
    public static func exists(_ db: Database, _ query: String, _ arguments: StatementArguments) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (\(query))", arguments: arguments) ?? false
    }

    /// A new id for `table`: `prefix` and 12 random characters of a-z0-9, unused so far.
    public static func newID(_ db: Database, prefix: String, table: String) throws -> String {
        while true {
            let id = RecordID.random(prefix: prefix)
            if try !exists(db, "SELECT 1 FROM \(table) WHERE id = ?", [id]) { return id }
        }
    }

    /// `body` decoded as `M`.
    public static func decode<M: KWPMessage>(_ type: M.Type, _ body: Data) throws -> M {
        try body.withUnsafeBytes { try ProtobufCCodec.decode(type, from: $0) }
    }

    /// `message` encoded for a `body` column.
    public static func encode(_ message: some KWPMessage) throws -> Data {
        Data(try ProtobufCCodec.encode(message).readableBytesView)
    }
}
