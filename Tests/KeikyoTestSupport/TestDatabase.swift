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

    /// The backend the test helpers use unless a test names one: `KEIKYO_TEST_BACKEND`
    /// (`sqlite`, the default, or `postgres`), so that a whole run can go to PostgreSQL.
    public static var `default`: TestBackend {
        ProcessInfo.processInfo.environment["KEIKYO_TEST_BACKEND"].flatMap(TestBackend.init(rawValue:)) ?? .sqlite
    }

    /// For a service process started with `--data-dir dataDirectory` while the default backend
    /// is PostgreSQL: the environment that puts its data in a schema of the test server of its
    /// own (the same one when it is started again on the same directory).
    static func processEnvironment(executable: String, dataDirectory: String) -> [String: String] {
        guard Self.default == .postgres, let url = ProcessInfo.processInfo.environment["KEIKYO_TEST_DATABASE_URL"] else { return [:] }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(executable)|\(dataDirectory)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return [
            "KEIKYO_DATABASE_URL": url + (url.contains("?") ? "&" : "?") + "schema=p_\(String(hash, radix: 16))",
            "KEIKYO_DATABASE_PASSWORD": ProcessInfo.processInfo.environment["KEIKYO_TEST_DATABASE_PASSWORD"] ?? "",
        ]
    }

    /// The backends this run can use.
    public static var available: [TestBackend] {
        postgresLocation == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// The test server, when this run has one.
    public static var postgresLocationForTests: PostgresLocation? { postgresLocation }

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

/// Fresh databases on one backend for a test's stores, closed (and on PostgreSQL dropped)
/// when the test ends.
public final class TestDatabases: @unchecked Sendable {
    public let backend: TestBackend
    /// A temporary directory of the test's own, for SQLite files and anything else.
    public let directory: String
    private let prefix = String((0..<10).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
    private var opened: [(any StoreDatabase, String)] = []

    init(backend: TestBackend, directory: String) {
        self.backend = backend
        self.directory = directory
    }

    /// A new database called `name` for `migrator`.
    public func open(_ migrator: StoreMigrator, _ name: String) throws -> any StoreDatabase {
        let database: any StoreDatabase
        switch backend {
        case .sqlite:
            database = try SQLiteDatabase(path: "\(directory)/\(name)/\(name).sqlite", migrator: migrator)
        case .postgres:
            let location = try #require(TestBackend.postgresLocation, "KEIKYO_TEST_DATABASE_URL names no PostgreSQL server")
            database = try PostgresStoreDatabase(
                location: location, schema: "t_\(prefix)_\(name)", migrator: migrator, logger: Logger(label: "keikyo.test.postgres"))
        }
        opened.append((database, name))
        return database
    }

    /// The `--database` URL of the database `open(_:name)` makes (or made), for a process or
    /// a command; on PostgreSQL its password is `password`.
    public func url(_ name: String) throws -> String {
        switch backend {
        case .sqlite: return "sqlite:\(directory)/\(name)/\(name).sqlite"
        case .postgres:
            let location = try #require(TestBackend.postgresLocation, "KEIKYO_TEST_DATABASE_URL names no PostgreSQL server")
            return "postgres://\(location.user)@\(location.host):\(location.port)/\(location.database)?schema=t_\(prefix)_\(name)"
        }
    }

    /// The test server's password (empty on SQLite).
    public var password: String { TestBackend.postgresLocation?.password ?? "" }

    func closeAll() async {
        for (database, name) in opened {
            if let postgres = database as? PostgresStoreDatabase {
                try? await postgres.write { db in try db.execute(sql: "DROP SCHEMA IF EXISTS t_\(self.prefix)_\(name) CASCADE") }
            }
            try? await database.close()
        }
    }
}

/// Runs `body` with a `TestDatabases` on `backend` (by default `TestBackend.default`).
public func withTestDatabases<T>(_ backend: TestBackend = .default, _ body: (TestDatabases) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        let databases = TestDatabases(backend: backend, directory: directory)
        do {
            let result = try await body(databases)
            await databases.closeAll()
            return result
        } catch {
            await databases.closeAll()
            throw error
        }
    }
}
