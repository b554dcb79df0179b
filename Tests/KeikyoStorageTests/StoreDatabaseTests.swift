import Foundation
@testable import KeikyoStorage
import KeikyoTestSupport
import KeikyoWire
import Logging
import NIOConcurrencyHelpers
import Testing

/// The store core's promises, one test body per promise, run on SQLite and on PostgreSQL.
@Suite("Store core on SQLite and PostgreSQL")
struct StoreDatabaseTests {
    static var migrator: StoreMigrator {
        var migrator = StoreMigrator()
        migrator.register("v1") { db in
            try db.executeDDL(
                """
                CREATE TABLE items (
                    seq SEQ,
                    name TEXT NOT NULL UNIQUE, -- a comment; with a semicolon
                    number INTEGER,
                    ratio REAL,
                    data BLOB
                );
                CREATE TABLE counters (name TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL)
                """)
        }
        return migrator
    }

    @Test("every kind of value reads back as it was written", arguments: TestBackend.available)
    func roundTrip(backend: TestBackend) async throws {
        try await withTestDatabase(backend, migrator: Self.migrator) { database in
            let values: [(String, Int64?, Double?, [UInt8]?)] = [
                ("max", .max, 0.1, [0, 1, 255, 0]), ("min", .min, -1e300, []), ("日本語 'quoted' ?", 0, nil, nil), ("null", nil, nil, nil),
            ]
            for (name, number, ratio, data) in values {
                try await database.write { db in
                    try db.execute(
                        sql: "INSERT INTO items (name, number, ratio, data) VALUES (?, ?, ?, ?)",
                        arguments: [name, number, ratio, data.map { Data($0) }])
                }
            }
            let rows = try await database.read { db in try db.fetchAll(sql: "SELECT name, number, ratio, data FROM items ORDER BY seq") }
            #expect(rows.count == values.count)
            for (row, value) in zip(rows, values) {
                #expect(try row["name"] as String == value.0)
                #expect(try row["number"] as Int64? == value.1)
                #expect(try row["ratio"] as Double? == value.2)
                #expect(try (row["data"] as Data?).map(Array.init) == value.3)
            }
            // A placeholder inside a quoted literal is text, not a parameter.
            let literal = try await database.read { db in try db.fetchValue(String.self, sql: "SELECT 'a?b' WHERE 1 = ?", arguments: [1]) }
            #expect(literal == "a?b")
        }
    }

    @Test("RETURNING gives ascending sequence numbers; ON CONFLICT updates; LIKE ignores case", arguments: TestBackend.available)
    func portableStatements(backend: TestBackend) async throws {
        try await withTestDatabase(backend, migrator: Self.migrator) { database in
            let seqs = try await database.write { db in
                try (0..<3).map { index in
                    try db.fetchValue(Int64.self, sql: "INSERT INTO items (name) VALUES (?) RETURNING seq", arguments: ["Item \(index)"])!
                }
            }
            #expect(seqs == seqs.sorted() && Set(seqs).count == 3)
            for value in [1, 2] {
                _ = try await database.write { db in
                    try db.execute(
                        sql: "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                        arguments: ["c", value])
                }
            }
            #expect(try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT value FROM counters") } == 2)
            let found = try await database.read { db in
                try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM items WHERE name \(db.dialect.like) ?", arguments: ["item%"])
            }
            #expect(found == 3)
            let changed = try await database.write { db in try db.execute(sql: "UPDATE items SET number = 1 WHERE seq <= ?", arguments: [seqs[1]]) }
            #expect(changed == 2)
        }
    }

    @Test("a write that throws leaves nothing behind", arguments: TestBackend.available)
    func rollback(backend: TestBackend) async throws {
        struct Refused: Error {}
        try await withTestDatabase(backend, migrator: Self.migrator) { database in
            await #expect(throws: Refused.self) {
                try await database.write { db in
                    try db.execute(sql: "INSERT INTO items (name) VALUES ('half')")
                    throw Refused()
                }
            }
            let count = try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM items") }
            #expect(count == 0)
        }
    }

    @Test("on SQLite, a write is flushed to disk before it is acknowledged: the writer is in WAL mode with synchronous=FULL")
    func sqliteDurability() async throws {
        try await withTestDatabase(.sqlite, migrator: Self.migrator) { database in
            let (journal, synchronous, tempStore) = try await database.write { db in
                (
                    try db.fetchValue(String.self, sql: "PRAGMA journal_mode"), try db.fetchValue(Int.self, sql: "PRAGMA synchronous"),
                    try db.fetchValue(Int.self, sql: "PRAGMA temp_store")
                )
            }
            // synchronous: 1 NORMAL (a commit is not flushed), 2 FULL; temp_store: 2 MEMORY.
            #expect(journal == "wal" && synchronous == 2 && tempStore == 2)
        }
    }

    @Test("migrations run once each; one registered later runs when the database is opened again", arguments: TestBackend.available)
    func migrations(backend: TestBackend) async throws {
        try await withTestDatabase(backend, migrator: Self.migrator) { database in
            try await database.write { db in try db.execute(sql: "INSERT INTO items (name) VALUES ('kept')") }
            var later = Self.migrator
            later.register("v2") { db in try db.executeDDL("ALTER TABLE items ADD COLUMN note TEXT") }
            let reopened = try reopen(database, migrator: later)
            let applied = try await reopened.read { db in try db.fetchColumn(String.self, sql: "SELECT identifier FROM schema_migrations ORDER BY identifier") }
            #expect(applied == ["v1", "v2"])
            #expect(try await reopened.read { db in try db.fetchValue(String.self, sql: "SELECT name FROM items WHERE note IS NULL") } == "kept")
            try await reopened.close()
        }
    }

    @Test("two handles (as two processes) incrementing one counter 100 times at once lose no increment", arguments: TestBackend.available)
    func concurrentReadModifyWrite(backend: TestBackend) async throws {
        try await withTestDatabase(backend, migrator: Self.migrator) { database in
            try await database.write { db in try db.execute(sql: "INSERT INTO counters (name, value) VALUES ('n', 0)") }
            let other = try reopen(database, migrator: Self.migrator)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<100 {
                    let handle = index % 2 == 0 ? database : other
                    group.addTask {
                        try await handle.write { db in
                            let value = try db.fetchValue(Int.self, sql: "SELECT value FROM counters WHERE name = 'n'")!
                            try db.execute(sql: "UPDATE counters SET value = ? WHERE name = 'n'", arguments: [value + 1])
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await other.close()
            #expect(try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT value FROM counters") } == 100)
        }
    }

    @Test("an idempotency key used by two handles at once makes one record, and both get it", arguments: TestBackend.available)
    func concurrentIdempotencyKey(backend: TestBackend) async throws {
        var migrator = Self.migrator
        migrator.register("keys") { db in try ServiceDatabase.createIdempotencyTable(db) }
        try await withTestDatabase(backend, migrator: migrator) { database in
            let other = try reopen(database, migrator: migrator)
            let results = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<20 {
                    let handle = index % 2 == 0 ? database : other
                    group.addTask {
                        try await handle.write { db in
                            if let id = try ServiceDatabase.idempotentResult(db, key: "k", digest: [1]) { return id }
                            let name = "item-\(index)"
                            try db.execute(sql: "INSERT INTO items (name) VALUES (?)", arguments: [name])
                            try ServiceDatabase.recordIdempotencyKey(db, key: "k", digest: [1], resultID: name, now: Date())
                            return name
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            try await other.close()
            #expect(Set(results).count == 1)
            #expect(try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM items") } == 1)
            // The same key with another request is refused.
            await #expect(throws: KWPError.self) {
                try await database.write { db in _ = try ServiceDatabase.idempotentResult(db, key: "k", digest: [2]) }
            }
        }
    }

    @Test("writes asked for at once each commit or fail alone: one that throws or breaks a constraint takes only its own rows back", arguments: TestBackend.available)
    func writesAtOnce(backend: TestBackend) async throws {
        struct Refused: Error { let index: Int }
        try await withTestDatabase(backend, migrator: Self.migrator) { database in
            try await database.write { db in try db.execute(sql: "INSERT INTO items (name) VALUES ('taken')") }
            let outcomes = await withTaskGroup(of: (Int, Result<Int64, any Error>).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        do {
                            let seq = try await database.write { db -> Int64 in
                                let seq = try db.fetchValue(
                                    Int64.self, sql: "INSERT INTO items (name, number) VALUES (?, ?) RETURNING seq",
                                    arguments: [index % 5 == 1 ? "taken" : "item-\(index)", index])!
                                try db.execute(sql: "INSERT INTO counters (name, value) VALUES (?, ?)", arguments: ["c-\(index)", index])
                                if index % 5 == 2 { throw Refused(index: index) }
                                return seq
                            }
                            return (index, .success(seq))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                return await group.reduce(into: [Int: Result<Int64, any Error>]()) { $0[$1.0] = $1.1 }
            }
            let committed = try await database.read { db in
                try db.fetchAll(sql: "SELECT seq, number FROM items WHERE number IS NOT NULL").map { (try $0["number"] as Int, try $0["seq"] as Int64) }
            }
            let counters = try await database.read { db in try db.fetchColumn(Int.self, sql: "SELECT value FROM counters ORDER BY value") }
            let succeeded = (0..<60).filter { $0 % 5 != 1 && $0 % 5 != 2 }
            let returned = try Dictionary(uniqueKeysWithValues: succeeded.map { ($0, try outcomes[$0]!.get()) })
            #expect(Dictionary(uniqueKeysWithValues: committed) == returned, "each writer got its own row's seq")
            #expect(counters == succeeded, "a failed write's other rows went with it")
            for index in 0..<60 where index % 5 == 2 {
                #expect(throws: Refused.self) { try outcomes[index]!.get() }
            }
            for index in 0..<60 where index % 5 == 1 {
                #expect(throws: (any Error).self) { try outcomes[index]!.get() }
            }
        }
    }

    @Test("a batch of writes in one transaction: each in a savepoint, the failed one undone alone; a batch with no success rolls back", arguments: TestBackend.available)
    func batch(backend: TestBackend) async throws {
        struct Refused: Error {}
        @Sendable func job(_ name: String, fails: Bool = false) -> GroupCommit.Job {
            GroupCommit.Job(
                body: { db in
                    try db.execute(sql: "INSERT INTO items (name) VALUES (?)", arguments: [name])
                    if fails { throw Refused() }
                },
                finish: { _ in })
        }
        try await withTestDatabase(backend, migrator: Self.migrator) { database in
            let outcomes = try await database.write { db in try GroupCommit.run([job("a"), job("b", fails: true), job("c")], in: db) }
            #expect(outcomes.map { (try? $0.get()) != nil } == [true, false, true])
            await GroupCommit.finish([job("d", fails: true), job("e", fails: true)]) { batch in try await database.write(batch) }
            await GroupCommit.finish([job("f", fails: true)]) { batch in try await database.write(batch) }
            let names = try await database.read { db in try db.fetchColumn(String.self, sql: "SELECT name FROM items ORDER BY name") }
            #expect(names == ["a", "c"])
        }
    }

    @Test("deferred statements run before the next statement and at the write's end, each as if alone; a rollback drops them", arguments: TestBackend.available)
    func deferredStatements(backend: TestBackend) async throws {
        let counts = KeptTotals(table: "counters", keyColumns: ["name"], countColumn: "value")
        try await withTestDatabase(backend, migrator: Self.migrator) { database in
            let seen = try await database.write { db in
                try db.executeLater(sql: "INSERT INTO items (name, number) VALUES (?, ?)", arguments: ["a", 1])
                try db.executeLater(sql: "INSERT INTO items (name, number) VALUES (?, ?)", arguments: ["b", 2])
                // Two upserts of one row in one write: the second must see the first.
                try counts.add(db, key: ["n"], count: 1)
                try counts.add(db, key: ["n"], count: 2)
                try db.executeLater(sql: "UPDATE items SET number = number + 10 WHERE name = ?", arguments: ["a"])
                try db.executeLater(sql: "UPDATE items SET number = number + 10 WHERE name = ?", arguments: ["a"])
                let seen = try db.fetchValue(Int.self, sql: "SELECT SUM(number) FROM items") ?? 0
                try db.executeLater(sql: "INSERT INTO items (name, number) VALUES (?, ?)", arguments: ["c", 100])
                return seen
            }
            #expect(seen == 23, "a read sees what was deferred before it")
            let items = try await database.read { db in
                try db.fetchAll(sql: "SELECT name, number FROM items ORDER BY name").map { "\(try $0["name"] as String)=\(try $0["number"] as Int)" }
            }
            #expect(items == ["a=21", "b=2", "c=100"], "the write's last deferred statement ran")
            #expect(try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT value FROM counters WHERE name = 'n'") } == 3)

            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await database.write { db in
                    try db.executeLater(sql: "INSERT INTO items (name) VALUES (?)", arguments: ["undone"])
                    throw Refused()
                }
            }
            // A deferred statement that fails fails its write, and only its write.
            await #expect(throws: (any Error).self) {
                try await database.write { db in try db.executeLater(sql: "INSERT INTO items (name) VALUES (?)", arguments: ["a"]) }
            }
            #expect(try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM items") } == 3)
        }
    }

    @Test("an optimistic batch (no savepoints) that fails runs again with them: only the failed writes are undone", arguments: TestBackend.available)
    func optimisticBatch(backend: TestBackend) async throws {
        struct Refused: Error {}
        let runs = NIOLockedValueBox([String: Int]())
        @Sendable func job(_ name: String, row: String? = nil, fails: Bool = false, _ outcome: NIOLockedValueBox<Bool?>) -> GroupCommit.Job {
            GroupCommit.Job(
                body: { db in
                    runs.withLockedValue { $0[name, default: 0] += 1 }
                    try db.executeLater(sql: "INSERT INTO items (name) VALUES (?)", arguments: [row ?? name])
                    if fails { throw Refused() }
                },
                finish: { result in outcome.withLockedValue { $0 = (try? result.get()) != nil } })
        }
        try await withTestDatabase(backend, migrator: Self.migrator) { database in
            let outcomes = (0..<6).map { _ in NIOLockedValueBox<Bool?>(nil) }
            await GroupCommit.finish([job("a", outcomes[0]), job("b", outcomes[1])], optimistic: true) { batch in try await database.write(batch) }
            #expect(runs.withLockedValue { $0 } == ["a": 1, "b": 1], "a batch that succeeds runs once")
            await GroupCommit.finish(
                // d throws; dup's deferred INSERT breaks the UNIQUE constraint when it is sent.
                [job("c", outcomes[2]), job("d", fails: true, outcomes[3]), job("dup", row: "a", outcomes[4]), job("e", outcomes[5])],
                optimistic: true
            ) { batch in try await database.write(batch) }
            #expect(outcomes.map { $0.withLockedValue { $0 } } == [true, true, true, false, false, true])
            #expect(runs.withLockedValue { $0 }["c"] == 2, "the batch ran again after d failed")
            let names = try await database.read { db in try db.fetchColumn(String.self, sql: "SELECT name FROM items ORDER BY name") }
            #expect(names == ["a", "b", "c", "e"])
        }
    }

    @Test("a PostgreSQL server that stops answering mid-write: the write fails UNAVAILABLE after the reply timeout", .enabled(if: TestBackend.available.contains(.postgres)))
    func silentServer() async throws {
        let location = try #require(TestBackend.postgresLocationForTests)
        let forwarder = try await TCPForwarder(targetPort: location.port)
        try await forwarder.start()
        try await withTestDatabase(.postgres, migrator: Self.migrator) { database in
            var through = location
            (through.host, through.port) = ("127.0.0.1", forwarder.port)
            let silent = try PostgresStoreDatabase(
                location: through, schema: try #require(database as? PostgresStoreDatabase).schema, migrator: Self.migrator,
                replyTimeout: .seconds(1), logger: Logger(label: "keikyo.test.silent"))
            try await silent.write { db in try db.execute(sql: "INSERT INTO items (name) VALUES ('before')") }
            forwarder.hold()
            // A bound, not a wait: a second's timeout, then a rollback on the closed connection.
            let failure = try await withTimeout(.seconds(20), "the write to fail") { () -> (any Error)? in
                do {
                    try await silent.write { db in try db.execute(sql: "INSERT INTO items (name) VALUES ('after')") }
                    return nil
                } catch {
                    return error
                }
            }
            #expect((failure as? StoreError)?.kwpError.code == .unavailable, "\(String(describing: failure))")
            try await silent.close()
            let names = try await database.read { db in try db.fetchColumn(String.self, sql: "SELECT name FROM items") }
            #expect(names == ["before"])
        }
        await forwarder.stop()
    }

    @Test("kept totals hold under concurrent adds from two handles and refuse to fall below zero", arguments: TestBackend.available)
    func keptTotals(backend: TestBackend) async throws {
        var migrator = Self.migrator
        migrator.register("totals") { db in
            try db.executeDDL("CREATE TABLE totals (k TEXT NOT NULL, n INTEGER NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (k))")
        }
        let totals = KeptTotals(table: "totals", keyColumns: ["k"], countColumn: "n", amountColumn: "amount")
        try await withTestDatabase(backend, migrator: migrator) { database in
            let other = try reopen(database, migrator: migrator)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<60 {
                    let handle = index % 2 == 0 ? database : other
                    group.addTask { try await handle.write { db in try totals.add(db, key: ["a"], count: 1, amount: 1_500_000) } }
                }
                try await group.waitForAll()
            }
            try await other.close()
            let row = try await database.read { db in try db.fetchOne(sql: "SELECT n, amount FROM totals WHERE k = 'a'") }
            #expect(try row?["n"] as Int? == 60 && row?["amount"] as String? == "90")
            await #expect(throws: StoreError.self) {
                try await database.write { db in try totals.add(db, key: ["a"], count: -61) }
            }
            try await database.write { db in try totals.add(db, key: ["a"], count: -60, amount: -90_000_000) }
            #expect(try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM totals") } == 0)
        }
    }
}

@Suite("Database locations and an unreachable server")
struct DatabaseLocationTests {
    @Test("sqlite: and postgres:// URLs are read; anything else is refused with a reason")
    func parsing() throws {
        #expect(try DatabaseLocation("sqlite:/var/lib/keikyo/cases.sqlite") == .sqlite(path: "/var/lib/keikyo/cases.sqlite"))
        #expect(try DatabaseLocation("sqlite:data/cases.sqlite") == .sqlite(path: "data/cases.sqlite"))
        guard case .postgres(let local) = try DatabaseLocation("postgres://keikyo@127.0.0.1:55432/register", password: "s") else {
            Issue.record("not postgres")
            return
        }
        #expect(local.host == "127.0.0.1" && local.port == 55432 && local.user == "keikyo" && local.database == "register")
        #expect(local.password == "s" && local.tls == .disable)
        guard case .postgres(let remote) = try DatabaseLocation("postgresql://app:secret@db.example:5433/") else { return }
        #expect(remote.password == "secret" && remote.database == "app" && remote.tls == .require)
        #expect(!"\(DatabaseLocation.postgres(remote))".contains("secret"))
        for bad in ["mysql://x@h/d", "sqlite:", "postgres://h:5432/d", "postgres://u@h/d?sslmode=sometimes"] {
            #expect(throws: DatabaseLocationError.self, "\(bad)") { try DatabaseLocation(bad) }
        }
    }

    @Test("a server that does not answer: calls fail UNAVAILABLE DATABASE_UNAVAILABLE within the lease timeout")
    func unreachable() async throws {
        // Port 1 of loopback: nothing listens there, so connecting is refused.
        let location = try PostgresLocation("postgres://keikyo@127.0.0.1:1/keikyo", password: "x")
        let database = try PostgresStoreDatabase(
            location: location, schema: "unreachable", migrator: StoreMigrator(), leaseTimeout: .milliseconds(500),
            logger: Logger(label: "test"))
        let error = await #expect(throws: StoreError.self) {
            try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT 1") }
        }
        #expect(error?.kwpError.code == .unavailable && error?.kwpError.reason == StoreReason.databaseUnavailable)
        #expect(await database.isAvailable == false)
        try await database.close()
    }
}
