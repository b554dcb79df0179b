import Foundation

/// A service's database: SQLite on the machine (`SQLiteDatabase`) or a PostgreSQL server
/// (`PostgresStoreDatabase`). A store reads and writes in transactions of synchronous code,
/// as GRDB does: a write's statements, its history, its audit entry and its kept totals commit
/// together or not at all.
public protocol StoreDatabase: Sendable, CustomStringConvertible {
    var dialect: SQLDialect { get }
    /// Runs `body` in a read-only transaction that sees one snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) throws -> T) async throws -> T
    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws;
    /// returns once it is committed. Writes asked for together may share a transaction, each in
    /// a savepoint of its own (`GroupCommit`), so one that throws never undoes another.
    /// On PostgreSQL a transaction that conflicts with another runs again, so `body` must
    /// depend on nothing but the database and its inputs.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) throws -> T) async throws -> T
    /// Whether the database answered the last time it was used.
    var isAvailable: Bool { get async }
    /// Ends every connection; later calls fail.
    func close() async throws
}

/// Where a service's data lives: `--database URL` (`KEIKYO_DATABASE_URL`).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// `sqlite:PATH`: one file on this machine.
    case sqlite(path: String)
    /// `postgres://USER@HOST:PORT/DATABASE?sslmode=...`: a server; the service keeps its tables
    /// in a schema of its own.
    case postgres(PostgresLocation)

    /// Reads `sqlite:PATH`, `sqlite://PATH` or `postgres://…` (`postgresql://…`).
    public init(_ url: String, password: String? = nil) throws {
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw DatabaseLocationError("sqlite: needs a path, e.g. sqlite:/var/lib/keikyo/cases.sqlite") }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url, password: password))
        } else {
            throw DatabaseLocationError("\(url.debugDescription) is neither sqlite:PATH nor postgres://USER@HOST:PORT/DATABASE")
        }
    }

    /// The URL without its password, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }
}

/// A PostgreSQL server and how to reach it.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        /// Plain TCP (the default on loopback).
        case disable
        /// TLS when the server offers it.
        case prefer
        /// TLS or no connection, with the server's certificate verified.
        case require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// A PEM file of the CA that signed the server's certificate (`sslrootcert`).
    public var rootCertificate: String?
    /// The schema to keep the service's tables in (`schema=`), instead of the service's name.
    public var schema: String?

    public init(_ url: String, password: String? = nil) throws {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw DatabaseLocationError("\(Self.redacted(url)) is not a postgres://USER@HOST:PORT/DATABASE URL")
        }
        guard let user = components.user, !user.isEmpty else {
            throw DatabaseLocationError("\(Self.redacted(url)) names no user (postgres://USER@HOST:PORT/DATABASE)")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = password ?? components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? user : path
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let hostIsLoopback = host == "localhost" || host.hasPrefix("127.") || host == "::1"
        switch query["sslmode"] {
        case nil: tls = hostIsLoopback ? .disable : .require
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        case let other?: throw DatabaseLocationError("sslmode \(other.debugDescription) is not disable, prefer or require")
        }
        rootCertificate = query["sslrootcert"]
        if let schema = query["schema"] {
            guard Self.isSchemaName(schema) else {
                throw DatabaseLocationError("schema \(schema.debugDescription) is not 1 to 63 lower-case letters, digits and _, starting with a letter")
            }
            self.schema = schema
        }
    }

    /// A schema name that needs no quoting: `[a-z][a-z0-9_]*`, at most 63 bytes.
    public static func isSchemaName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), name.utf8.count <= 63 else { return false }
        return name.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)" + (schema.map { "&schema=\($0)" } ?? "")
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "…"
        return components.string ?? "the URL"
    }
}

public struct DatabaseLocationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
