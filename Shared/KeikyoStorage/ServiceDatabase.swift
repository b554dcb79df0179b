import Foundation
import Logging
import KeikyoAPI
import KeikyoModel
import KeikyoWire

/// What every service's store shares, on either database: opening by `DatabaseLocation`,
/// idempotency keys, and the history tables of `RecordChange`s.
public enum ServiceDatabase {
    /// Opens the service's database at `location` and migrates it; a PostgreSQL database
    /// migrates on its first connection, in the schema `schema` unless the URL names one.
    public static func open(
        _ location: DatabaseLocation, schema: String, migrator: StoreMigrator, logger: Logger = Logger(label: "keikyo.storage")
    ) throws -> any StoreDatabase {
        switch location {
        case .sqlite(let path): try SQLiteDatabase(path: path, migrator: migrator)
        case .postgres(let server):
            try PostgresStoreDatabase(location: server, schema: server.schema ?? schema, migrator: migrator, logger: logger)
        }
    }

    /// Opens (creating it and its directory if needed) `directory/file` on SQLite.
    public static func open(directory: String, file: String, migrator: StoreMigrator) throws -> any StoreDatabase {
        try SQLiteDatabase(path: "\(directory)/\(file)", migrator: migrator)
    }

    /// A write under an idempotency key, in one transaction: when the key comes again with the
    /// same request, what its first request made (read with `existing`); else `write`'s result,
    /// the key then kept with the id of what it made. The same key with a different request is
    /// FAILED_PRECONDITION `IDEMPOTENCY_KEY_REUSED`. Without a key, `write` alone.
    public static func idempotent<Result>(
        _ db: any SQLExecutor, key: String?, digest: [UInt8], now: Date, existing: (String) throws -> Result,
        _ write: () throws -> (id: String, result: Result)
    ) throws -> Result {
        guard let key else { return try write().result }
        if let id = try idempotentResult(db, key: key, digest: digest) { return try existing(id) }
        let (id, result) = try write()
        try recordIdempotencyKey(db, key: key, digest: digest, resultID: id, now: now)
        return result
    }

    /// The id an idempotency key answered with, or nil for a new key.
    static func idempotentResult(_ db: any SQLExecutor, key: String, digest: [UInt8]) throws -> String? {
        guard let row = try db.fetchOne(sql: "SELECT request_digest, result_id FROM idempotency_keys WHERE key = ?", arguments: [key])
        else { return nil }
        guard try (row["request_digest"] as Data?).map(Array.init) == digest else {
            throw KWPError(
                .failedPrecondition, "the idempotency key was already used for a different request", reason: CommonReason.idempotencyKeyReused)
        }
        return try row["result_id"]
    }

    /// Stores `key` with the request's digest and the id of the record it made, for
    /// `idempotentResult` to find when the request comes again.
    static func recordIdempotencyKey(_ db: any SQLExecutor, key: String, digest: [UInt8], resultID: String, now: Date) throws {
        try db.executeLater(
            sql: "INSERT INTO idempotency_keys (key, request_digest, result_id, created_at) VALUES (?, ?, ?, ?)",
            arguments: [key, Data(digest), resultID, Timestamp.string(now)])
    }

    /// A history table owned by rows of another table (`owner_seq`).
    public static func createHistoryTable(_ db: any SQLExecutor, _ table: String, owner: String) throws {
        try db.executeDDL(
            """
            CREATE TABLE \(table) (
                owner_seq INTEGER NOT NULL REFERENCES \(owner)(seq) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                at TEXT NOT NULL,
                by TEXT NOT NULL,
                kind TEXT NOT NULL,
                changed_fields TEXT NOT NULL,
                summary TEXT NOT NULL,
                PRIMARY KEY (owner_seq, version)
            )
            """)
    }

    /// The `idempotency_keys` table: a key, the digest of the request it came with, and the id
    /// of the record that request made. (The cases service's first migration named that column
    /// `case_id`.)
    public static func createIdempotencyTable(_ db: any SQLExecutor, resultColumn: String = "result_id") throws {
        try db.executeDDL(
            """
            CREATE TABLE idempotency_keys (
                key TEXT NOT NULL PRIMARY KEY,
                request_digest BLOB NOT NULL,
                \(resultColumn) TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """)
    }

    /// Appends `change` to the history of the record at `ownerSeq` and, in the same
    /// transaction, to the audit log with the caller's identity.
    public static func appendHistory(
        _ db: any SQLExecutor, _ table: String, ownerSeq: Int64, recordID: String, _ change: RecordChange, caller: Caller
    ) throws {
        try db.executeLater(
            sql: "INSERT INTO \(table) (owner_seq, version, at, by, kind, changed_fields, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [ownerSeq, Int64(change.version), Timestamp.string(change.at), change.by, change.kind,
                change.changedFields.joined(separator: ","), change.summary])
        try AuditLog.append(
            db,
            AuditEntry(
                at: change.at, caller: caller, recordID: recordID, kind: change.kind, changedFields: change.changedFields,
                summary: change.summary))
    }

    public static func history(_ db: any SQLExecutor, _ table: String, ownerSeq: Int64) throws -> [RecordChange] {
        try db.fetchAll(sql: "SELECT * FROM \(table) WHERE owner_seq = ? ORDER BY version", arguments: [ownerSeq]).map { row in
            RecordChange(
                version: try row["version"], at: Timestamp.date(try row["at"]), by: try row["by"], kind: try row["kind"],
                changedFields: (try row["changed_fields"] as String).split(separator: ",").map(String.init), summary: try row["summary"])
        }
    }

    /// A new id for `table`: `prefix` and 12 random characters of a-z0-9, unused so far.
    public static func newID(_ db: any SQLExecutor, prefix: String, table: String) throws -> String {
        while true {
            let id = RecordID.random(prefix: prefix)
            if try !db.exists("SELECT 1 FROM \(table) WHERE id = ?", [id]) { return id }
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
