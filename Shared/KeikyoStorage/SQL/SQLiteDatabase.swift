import Foundation
import GRDB

/// A service's data in one SQLite file (GRDB): WAL, `synchronous=FULL`, so a write is on
/// disk before it is acknowledged (writes that arrive together share a commit: `GroupCommit`);
/// readers see snapshots while the one writer writes.
public final class SQLiteDatabase: StoreDatabase {
    let pool: DatabasePool
    private let commits = GroupCommit()
    public let path: String
    public var dialect: SQLDialect { .sqlite }
    public var description: String { "sqlite:\(path)" }
    public var isAvailable: Bool { true }

    /// Opens (creating it and its directory if needed) the file at `path` and migrates it.
    public init(path: String, migrator: StoreMigrator) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var configuration = Configuration()
        // Savepoints (one per write of a group commit) keep their undo pages in memory, not in
        // a temporary file opened, written and deleted by every transaction.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        configuration.busyMode = .timeout(10)
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        // After `prepareDatabase`, the pool puts its writer in WAL mode with synchronous=NORMAL
        // (no flush at commit): FULL is set here, on the one writer connection, once that is done.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try pool.write { db in try migrator.migrate(GRDBExecutor(db: db)) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) throws -> T) async throws -> T {
        try await pool.read { db in try body(GRDBExecutor(db: db)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) throws -> T) async throws -> T {
        let pool = self.pool
        return try await commits.write(body) { jobs in
            await GroupCommit.finish(jobs) { batch in try await pool.write { db in try batch(GRDBExecutor(db: db)) } }
        }
    }

    /// Copies the database, as it is now, to a new file at `path` (SQLite's online backup):
    /// writes may go on meanwhile.
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try pool.backup(to: destination)
        try destination.close()
    }

    public func close() async throws {
        try pool.close()
    }
}

/// Statements on one GRDB connection, inside the transaction GRDB opened.
struct GRDBExecutor: SQLExecutor {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        statement.arguments = Self.arguments(arguments)
        let columns = statement.columnNames
        var rows: [SQLRow] = []
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: row.databaseValues.map(Self.value)))
        }
        return rows
    }

    static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.values.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let integer): integer.databaseValue
            case .real(let real): real.databaseValue
            case .text(let text): text.databaseValue
            case .blob(let bytes): Data(bytes).databaseValue
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let data): .blob(Array(data))
        }
    }
}
