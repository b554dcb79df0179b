import ArgumentParser
import CasesService
import DiplomacyService
import FinancingService
import Foundation
import KPIService
import KeikyoStorage
import Logging

/// The services whose data the storage commands handle, with their migrations.
enum StoredService: String, CaseIterable, ExpressibleByArgument {
    case cases, financing, diplomacy, kpi

    var store: any ServiceStore.Type {
        switch self {
        case .cases: CaseStore.self
        case .financing: FinancingStore.self
        case .diplomacy: DiplomacyStore.self
        case .kpi: KPIStore.self
        }
    }

    var migrator: StoreMigrator { store.migrator }

    /// `service`'s database at `url`. A `sqlite:` path ending in `.sqlite` is the file itself;
    /// any other is a directory holding `<service>.sqlite` or `<service>/<service>.sqlite` (the
    /// layout `--data-dir` per service gives; a new directory gets the latter). On PostgreSQL the
    /// service's schema, unless the URL names one.
    func location(_ url: String, password: String?, many: Bool) throws -> DatabaseLocation {
        let location = try DatabaseLocation(url, password: password)
        switch location {
        case .sqlite(let path) where path.hasSuffix(".sqlite"):
            guard !many else { throw ValidationError("\(url) is one file: name one --service") }
            return location
        case .sqlite(let directory):
            let flat = "\(directory)/\(rawValue).sqlite"
            return .sqlite(path: FileManager.default.fileExists(atPath: flat) ? flat : "\(directory)/\(rawValue)/\(rawValue).sqlite")
        case .postgres(let server):
            guard server.schema == nil || !many else { throw ValidationError("\(url) names one schema: name one --service") }
            return location
        }
    }

    func open(_ location: DatabaseLocation) throws -> any StoreDatabase {
        var logger = Logger(label: "keikyo.migrate")
        logger.logLevel = .warning
        return try ServiceDatabase.open(location, schema: rawValue, migrator: migrator, logger: logger)
    }
}

/// Passwords for the two ends of a copy: the URL's, a file's, or the environment's.
struct DatabasePasswords: ParsableArguments {
    @Option(name: .customLong("from-password-file"), help: "A file holding the source's PostgreSQL password. Env KEIKYO_FROM_DATABASE_PASSWORD.")
    var fromFile: String?

    @Option(name: .customLong("to-password-file"), help: "A file holding the target's PostgreSQL password. Env KEIKYO_TO_DATABASE_PASSWORD.")
    var toFile: String?

    func password(file: String?, environment key: String) throws -> String? {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ProcessInfo.processInfo.environment[key].flatMap { $0.isEmpty ? nil : $0 }
    }

    var from: String? { get throws { try password(file: fromFile, environment: "KEIKYO_FROM_DATABASE_PASSWORD") } }
    var to: String? { get throws { try password(file: toFile, environment: "KEIKYO_TO_DATABASE_PASSWORD") } }
}

/// `keikyo migrate --from sqlite:DIR --to postgres://…`: copies services' data, with histories,
/// audit and kept totals, and checks the counts on both sides. Safe to run again.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy services' data from one database to another (e.g. SQLite to PostgreSQL).",
        discussion: """
            Stop the services first: a copy reads the source in pages. Every table is copied, \
            parents first; the row counts of both sides are compared, and the cases' kept totals \
            are recounted from the copied cases. The target must be empty or hold a copy made by \
            this command: a completed copy is left as it is, one cut short is cleared and made again.
            """)

    @Option(help: "The source: sqlite:DIR (or sqlite:FILE.sqlite with one --service) or postgres://USER@HOST:PORT/DB.")
    var from: String

    @Option(help: "The target, in the same forms.")
    var to: String

    @Option(name: .customLong("service"), help: "cases, financing, diplomacy or kpi; repeat for several. Default: all four.")
    var services: [StoredService] = []

    @OptionGroup var passwords: DatabasePasswords

    func run() async throws {
        let chosen = services.isEmpty ? StoredService.allCases : services
        var failed = false
        for service in chosen {
            let source = try service.open(try service.location(from, password: try passwords.from, many: chosen.count > 1))
            let target = try service.open(try service.location(to, password: try passwords.to, many: chosen.count > 1))
            do {
                let bar = ProgressBar(label: service.rawValue)
                let report = try await StoreCopy.copy(from: source, to: target) { bar.show($0) }
                bar.finish()
                let rows = report.rows.values.reduce(0, +)
                print("\(service.rawValue): \(report.alreadyDone ? "already copied" : "copied") \(rows) rows in \(report.rows.count) tables, \(source) → \(target)")
                if service == .cases {
                    let check = try await CaseStore(database: target).checkTotals()
                    guard check.kept == check.recomputed else {
                        throw StoreCopy.Refusal(description: "the copied kept totals differ from a recount of the copied cases")
                    }
                    print("cases: kept totals equal a recount of the \(report.rows["cases"] ?? 0) cases")
                }
            } catch {
                FileHandle.standardError.write(Data("\(service.rawValue): \(error)\n".utf8))
                failed = true
            }
            try await source.close()
            try await target.close()
        }
        if failed { throw ExitCode.failure }
    }
}

/// A one-line progress bar on standard error when it is a terminal; nothing otherwise.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastPercent = -1

    init(label: String) { self.label = label }

    func show(_ progress: StoreCopy.Progress) {
        guard enabled, progress.rowsInAll > 0 else { return }
        let percent = progress.rowsCopied * 100 / progress.rowsInAll
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
        FileHandle.standardError.write(Data("\r\(label): [\(bar)] \(percent)% \(progress.rowsCopied)/\(progress.rowsInAll) rows (\(progress.table))\u{1B}[K".utf8))
    }

    func finish() {
        if enabled, lastPercent >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
