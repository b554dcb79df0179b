import ArgumentParser
import Foundation
import KeikyoStorage

/// `keikyo backup`: a consistent copy of services' data while they run: SQLite's online backup
/// (`<service>.sqlite`), or `pg_dump` of the service's schema (`<service>.pgdump`).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up services' databases into a directory, while they run.",
        discussion: """
            SQLite: the online backup API, one consistent file per service (<service>.sqlite). \
            PostgreSQL: pg_dump of the service's schema in its custom format (<service>.pgdump); \
            pg_dump must be on the PATH. `keikyo restore` reads either.
            """)

    @Option(help: "The databases: sqlite:DIR (or sqlite:FILE.sqlite with one --service) or postgres://USER@HOST:PORT/DB. Env KEIKYO_DATABASE_URL.")
    var database: String?

    @Option(help: "The directory to write the backups to (made if missing).")
    var to: String

    @Option(name: .customLong("service"), help: "cases, financing, diplomacy or kpi; repeat for several. Default: all four.")
    var services: [StoredService] = []

    func run() async throws {
        let chosen = services.isEmpty ? StoredService.allCases : services
        guard let url = database ?? ProcessInfo.processInfo.environment["KEIKYO_DATABASE_URL"] else {
            throw ValidationError("give --database (or KEIKYO_DATABASE_URL)")
        }
        let password = ProcessInfo.processInfo.environment["KEIKYO_DATABASE_PASSWORD"]
        try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
        for service in chosen {
            let location = try service.location(url, password: password, many: chosen.count > 1)
            switch location {
            case .sqlite(let path):
                guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no \(service.rawValue) database at \(path)") }
                let database = try SQLiteDatabase(path: path, migrator: service.migrator)
                let file = "\(to)/\(service.rawValue).sqlite"
                try? FileManager.default.removeItem(atPath: file)
                try database.backup(to: file)
                try await database.close()
                print("\(service.rawValue): \(file)")
            case .postgres(let server):
                let file = "\(to)/\(service.rawValue).pgdump"
                try PostgresTool.run(
                    "pg_dump", ["--format=custom", "--no-owner", "--schema=\(server.schema ?? service.rawValue)", "--file=\(file)"], server)
                print("\(service.rawValue): \(file)")
            }
        }
    }
}

/// `keikyo restore`: puts services' data back from `keikyo backup`'s directory.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore services' databases from a backup directory (stop the services first).",
        discussion: """
            A <service>.sqlite backup is copied into the target database, SQLite or PostgreSQL, \
            which must be empty (as keikyo migrate copies). A <service>.pgdump is restored with \
            pg_restore into the PostgreSQL database, into the schema it was dumped from, replacing it.
            """)

    @Option(help: "The directory `keikyo backup` wrote.")
    var from: String

    @Option(help: "The databases to restore into, as for backup. Env KEIKYO_DATABASE_URL.")
    var database: String?

    @Option(name: .customLong("service"), help: "cases, financing, diplomacy or kpi; repeat for several. Default: those in the backup.")
    var services: [StoredService] = []

    func run() async throws {
        guard let url = database ?? ProcessInfo.processInfo.environment["KEIKYO_DATABASE_URL"] else {
            throw ValidationError("give --database (or KEIKYO_DATABASE_URL)")
        }
        let password = ProcessInfo.processInfo.environment["KEIKYO_DATABASE_PASSWORD"]
        let inBackup = StoredService.allCases.filter { service in
            ["sqlite", "pgdump"].contains { FileManager.default.fileExists(atPath: "\(from)/\(service.rawValue).\($0)") }
        }
        let chosen = services.isEmpty ? inBackup : services
        guard !chosen.isEmpty else { throw ValidationError("\(from) holds no backup (<service>.sqlite or <service>.pgdump)") }
        for service in chosen {
            let location = try service.location(url, password: password, many: chosen.count > 1)
            let sqliteFile = "\(from)/\(service.rawValue).sqlite"
            if FileManager.default.fileExists(atPath: sqliteFile) {
                let backup = try SQLiteDatabase(path: sqliteFile, migrator: service.migrator)
                let target = try service.open(location)
                let report = try await StoreCopy.copy(from: backup, to: target)
                try await backup.close()
                try await target.close()
                print("\(service.rawValue): restored \(report.rows.values.reduce(0, +)) rows from \(sqliteFile) into \(location)")
            } else {
                guard case .postgres(let server) = location else {
                    throw ValidationError("\(service.rawValue).pgdump can only be restored into PostgreSQL")
                }
                try PostgresTool.run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "\(from)/\(service.rawValue).pgdump"], server)
                print("\(service.rawValue): restored \(from)/\(service.rawValue).pgdump into \(location)")
            }
        }
    }
}

/// PostgreSQL's own programs (pg_dump, pg_restore), run against a server.
enum PostgresTool {
    static func run(_ tool: String, _ arguments: [String], _ server: PostgresLocation) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool, "--host=\(server.host)", "--port=\(server.port)", "--username=\(server.user)", "--dbname=\(server.database)", "--no-password"]
            + arguments
        var environment = ProcessInfo.processInfo.environment
        if let password = server.password { environment["PGPASSWORD"] = password }
        environment["PGSSLMODE"] = server.tls == .disable ? "disable" : server.tls == .prefer ? "prefer" : "require"
        if let root = server.rootCertificate { environment["PGSSLROOTCERT"] = root }
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ToolFailure(description: "\(tool) exited with status \(process.terminationStatus)") }
    }
}

/// A program the command ran failed; it has said why on standard error.
struct ToolFailure: Error, CustomStringConvertible {
    var description: String
}
