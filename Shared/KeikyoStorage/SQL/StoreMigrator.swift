/// A service's schema as a list of named migrations, applied once each and in order, on
/// either database. Applied names are kept in `schema_migrations` (SQLite files made by
/// earlier releases kept them in GRDB's `grdb_migrations`, which is read too).
public struct StoreMigrator: Sendable {
    public typealias Migration = @Sendable (any SQLExecutor) throws -> Void
    private var migrations: [(name: String, body: Migration)] = []

    public init() {}

    public mutating func register(_ name: String, _ body: @escaping Migration) {
        precondition(!migrations.contains { $0.name == name }, "migration \(name) is registered twice")
        migrations.append((name, body))
    }

    public var names: [String] { migrations.map(\.name) }

    /// Applies what is missing, inside the caller's transaction; returns the names applied.
    @discardableResult
    public func migrate(_ db: any SQLExecutor) throws -> [String] {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS schema_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        if db.dialect == .sqlite, try db.exists("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'grdb_migrations'") {
            try db.execute(
                sql: "INSERT INTO schema_migrations (identifier) SELECT identifier FROM grdb_migrations WHERE true ON CONFLICT DO NOTHING")
        }
        let applied = Set(try db.fetchColumn(String.self, sql: "SELECT identifier FROM schema_migrations"))
        var names: [String] = []
        for migration in migrations where !applied.contains(migration.name) {
            try migration.body(db)
            try db.execute(sql: "INSERT INTO schema_migrations (identifier) VALUES (?)", arguments: [migration.name])
            names.append(migration.name)
        }
        return names
    }
}
