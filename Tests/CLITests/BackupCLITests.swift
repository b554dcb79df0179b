import CasesService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoTestSupport
import Testing

/// `keikyo backup` and `keikyo restore` on each database: a restore answers as the original did
/// when the backup was taken.
@Suite("keikyo backup and restore")
struct BackupCLITests {
    static let author = Caller(agency: "MLIT", principal: "MLIT", method: "test")

    @Test("a backup taken while the store is open restores, on SQLite and into PostgreSQL, to what the store held then", arguments: TestBackend.available)
    func sqliteBackup(restoreInto backend: TestBackend) async throws {
        try await withTestDatabases(.sqlite) { source in
            let cases = CaseStore(database: try source.open(CaseStore.migrator, "cases"))
            _ = try await cases.seed(SeedCases.all)
            var changed = try await cases.get(id: SeedCases.abidjanGrainBerth)
            changed.notes = "before the backup"
            _ = try await cases.update(changed, expectedVersion: changed.version, by: Self.author)
            let before = try await Self.snapshot(cases)
            let backupDirectory = source.directory + "/backup"
            let backup = try await runCommand("keikyo", ["backup", "--database", "sqlite:\(source.directory)", "--service", "cases", "--to", backupDirectory])
            #expect(backup.status == 0, "\(backup.errors)")
            changed = try await cases.get(id: SeedCases.abidjanGrainBerth)
            changed.notes = "after the backup"
            _ = try await cases.update(changed, expectedVersion: changed.version, by: Self.author)

            try await withTestDatabases(backend) { target in
                let restore = try await runCommand(
                    "keikyo", ["restore", "--from", backupDirectory, "--database", try target.url("cases")],
                    environment: ["KEIKYO_DATABASE_PASSWORD": target.password])
                #expect(restore.status == 0 && restore.output.contains("cases: restored"), "\(restore.output)\(restore.errors)")
                let restored = CaseStore(database: try target.open(CaseStore.migrator, "cases"))
                #expect(try await Self.snapshot(restored) == before)
            }
        }
    }

    @Test("pg_dump of a service's schema restores, after the schema is lost, to what it held", .enabled(if: TestBackend.available.contains(.postgres)))
    func postgresBackup() async throws {
        try await withTestDatabases(.postgres) { databases in
            let url = try databases.url("cases")
            let database = try databases.open(CaseStore.migrator, "cases")
            let cases = CaseStore(database: database)
            _ = try await cases.seed(SeedCases.all)
            var changed = try await cases.get(id: SeedCases.abidjanGrainBerth)
            changed.notes = "before the backup"
            _ = try await cases.update(changed, expectedVersion: changed.version, by: Self.author)
            let before = try await Self.snapshot(cases)
            let environment = ["KEIKYO_DATABASE_PASSWORD": databases.password]
            let backupDirectory = databases.directory + "/backup"
            let backup = try await runCommand("keikyo", ["backup", "--database", url, "--service", "cases", "--to", backupDirectory], environment: environment)
            #expect(backup.status == 0 && FileManager.default.fileExists(atPath: backupDirectory + "/cases.pgdump"), "\(backup.errors)")
            // The schema is lost.
            let schema = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "schema" }?.value)
            try await database.write { db in try db.execute(sql: "DROP SCHEMA \(schema) CASCADE") }

            let restore = try await runCommand("keikyo", ["restore", "--from", backupDirectory, "--database", url], environment: environment)
            #expect(restore.status == 0, "\(restore.output)\(restore.errors)")
            let location = try #require(TestBackend.postgresLocationForTests)
            let reopened = try PostgresStoreDatabase(location: location, schema: schema, migrator: CaseStore.migrator, logger: .init(label: "test"))
            #expect(try await Self.snapshot(CaseStore(database: reopened)) == before)
            try await reopened.close()
        }
    }

    /// What a caller can read of the cases: every case, one's history, the audit log, the totals.
    static func snapshot(_ store: CaseStore) async throws -> String {
        let cases = try await store.list(filter: CaseFilter(), afterSeq: 0, limit: 1000).cases
        let history = try await store.history(id: SeedCases.abidjanGrainBerth)
        let audit = try await store.auditLog.entries(afterSequence: 0, agency: "", recordID: "", limit: 1000)
        let totals = try await store.orderSummary(yearFrom: 0, yearTo: 0)
        return "\(cases)\n\(history)\n\(audit)\n\(totals)"
    }
}
