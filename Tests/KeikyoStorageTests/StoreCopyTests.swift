import Foundation
import KeikyoStorage
import KeikyoTestSupport
import Testing

/// `StoreCopy` on its own: the cases `keikyo migrate` meets besides a first copy.
@Suite("Copying a store between databases")
struct StoreCopyTests {
    static var migrator: StoreMigrator {
        var migrator = StoreMigrator()
        migrator.register("v1") { db in
            try db.executeDDL(
                """
                CREATE TABLE parents (seq SEQ, name TEXT NOT NULL);
                CREATE TABLE children (parent_seq INTEGER NOT NULL REFERENCES parents(seq), position INTEGER NOT NULL, PRIMARY KEY (parent_seq, position));
                CREATE TABLE loose (note TEXT NOT NULL)
                """)
        }
        return migrator
    }

    @Test("a copy cut short is made again; a target with data of its own is refused; paging crosses composite keys", arguments: TestBackend.available)
    func rerunAndRefusal(target backend: TestBackend) async throws {
        try await withTestDatabases(.sqlite) { sources in
            let source = try sources.open(Self.migrator, "source")
            try await source.write { db in
                for parent in 1...7 {
                    try db.execute(sql: "INSERT INTO parents (name) VALUES (?)", arguments: ["p\(parent)"])
                    for position in 1...5 {
                        try db.execute(sql: "INSERT INTO children (parent_seq, position) VALUES (?, ?)", arguments: [parent, position])
                    }
                }
                try db.execute(sql: "INSERT INTO loose (note) VALUES ('a'), ('b')")
            }
            try await withTestDatabases(backend) { targets in
                let target = try targets.open(Self.migrator, "target")
                let first = try await StoreCopy.copy(from: source, to: target, pageSize: 3)
                #expect(first.rows == ["parents": 7, "children": 35, "loose": 2] && !first.alreadyDone)
                // Cut short: marked under way, part of the rows missing.
                try await target.write { db in
                    try db.execute(sql: "UPDATE store_copies SET completed_at = ''")
                    try db.execute(sql: "DELETE FROM children WHERE parent_seq > 3")
                }
                let again = try await StoreCopy.copy(from: source, to: target, pageSize: 4)
                #expect(again == first)
                #expect(try await StoreCopy.copy(from: source, to: target).alreadyDone)

                let other = try targets.open(Self.migrator, "other")
                try await other.write { db in try db.execute(sql: "INSERT INTO loose (note) VALUES ('mine')") }
                await #expect(throws: StoreCopy.Refusal.self) { _ = try await StoreCopy.copy(from: source, to: other) }
                #expect(try await StoreCopy.rowCounts(other, ["loose"]) == ["loose": 1])
            }
        }
    }
}
