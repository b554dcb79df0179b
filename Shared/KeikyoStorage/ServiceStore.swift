/// A service's store: its name (its SQLite file's and its PostgreSQL schema's), its
/// migrations, and the database it runs on.
public protocol ServiceStore: Sendable {
    /// `cases`, `financing`, `diplomacy` or `kpi`.
    static var name: String { get }
    static var migrator: StoreMigrator { get }
    var database: any StoreDatabase { get }
    /// The store on `database`, opened with `migrator`.
    init(database: any StoreDatabase)
}

extension ServiceStore {
    /// Opens (creating if needed) `directory/<name>.sqlite` and migrates it.
    public init(directory: String) throws {
        self.init(database: try ServiceDatabase.open(directory: directory, file: "\(Self.name).sqlite", migrator: Self.migrator))
    }

    /// Every change this store made, with who made it.
    public var auditLog: AuditLog { AuditLog(database: database, service: Self.name) }
}

extension StoreDatabase {
    /// Creates each of `records` whose key is not stored yet (`exists` is the SELECT that finds
    /// one, given the key's arguments); returns how many it created. The seed loads this way,
    /// so loading it again changes nothing.
    public func createMissing<Record>(
        _ records: [Record], exists query: String, key: (Record) -> SQLArguments, create: (Record) async throws -> Void
    ) async throws -> Int {
        var created = 0
        for record in records {
            let arguments = key(record)
            guard try await !read({ db in try db.exists(query, arguments) }) else { continue }
            try await create(record)
            created += 1
        }
        return created
    }
}
