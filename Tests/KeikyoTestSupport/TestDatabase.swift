import Foundation
import KeikyoStorage
import Logging
import Testing

/// The databases store tests run their bodies on: SQLite always, PostgreSQL when
/// `KEIKYO_TEST_DATABASE_URL` names a server (with `KEIKYO_TEST_DATABASE_PASSWORD`);
/// `scripts/postgres-server` starts one and `.ci/run` sets both.
public enum TestBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    /// The backends this run can use.
    public static var available: [TestBackend] {
        postgresLocation == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static var postgresLocation: PostgresLocation? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["KEIKYO_TEST_DATABASE_URL"], !url.isEmpty else { return nil }
        return try? PostgresLocation(url, password: environment["KEIKYO_TEST_DATABASE_PASSWORD"])
    }
}

/// A fresh, empty database on `backend` migrated with `migrator`: a file in a new temporary
/// directory, or a schema of its own on the test server, dropped afterwards.
public func withTestDatabase<T>(
    _ backend: TestBackend, migrator: StoreMigrator, _ body: (any StoreDatabase) async throws -> T
) async throws -> T {
    switch backend {
    case .sqlite:
        return try await withTemporaryDirectory { directory in
            let database = try SQLiteDatabase(path: "\(directory)/test.sqlite", migrator: migrator)
            do {
                let result = try await body(database)
                try await database.close()
                return result
            } catch {
                try? await database.close()
                throw error
            }
        }
    case .postgres:
        let location = try #require(TestBackend.postgresLocation, "KEIKYO_TEST_DATABASE_URL names no PostgreSQL server")
        let schema = "test_" + String((0..<12).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
        let database = try PostgresStoreDatabase(
            location: location, schema: schema, migrator: migrator, logger: Logger(label: "keikyo.test.postgres"))
        do {
            let result = try await body(database)
            try await drop(database, schema: schema)
            return result
        } catch {
            try? await drop(database, schema: schema)
            throw error
        }
    }
}

private func drop(_ database: PostgresStoreDatabase, schema: String) async throws {
    try await database.write { db in try db.execute(sql: "DROP SCHEMA \(schema) CASCADE") }
    try await database.close()
}

/// A second handle on the same database as `database` (another pool, as another process has).
public func reopen(_ database: any StoreDatabase, migrator: StoreMigrator) throws -> any StoreDatabase {
    switch database {
    case let sqlite as SQLiteDatabase: return try SQLiteDatabase(path: sqlite.path, migrator: migrator)
    case let postgres as PostgresStoreDatabase:
        return try PostgresStoreDatabase(
            location: postgres.location, schema: postgres.schema, migrator: migrator, logger: Logger(label: "keikyo.test.postgres"))
    default: throw StoreError.schema("no second handle for \(database)")
    }
}
