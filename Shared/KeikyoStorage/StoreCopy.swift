import Foundation
import KeikyoAPI

/// Copies one service's data from one database to another (`keikyo migrate`): every table the
/// service's migrations made, rows and all (records, histories, audit, idempotency keys, kept
/// totals), parents before children, in pages. The target is marked while a copy is under way
/// and when it is complete, so a copy run again either finds it done, or clears a copy that was
/// cut short and starts over; a target holding data of another origin is refused.
public enum StoreCopy {
    /// Where a copy has got to.
    public struct Progress: Sendable {
        public var table: String
        public var rowsCopied: Int
        public var rowsInAll: Int
    }

    /// What a copy did: rows per table (equal on both sides), and whether it was done already.
    public struct Report: Sendable, Equatable {
        public var rows: [String: Int]
        public var alreadyDone: Bool
    }

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Tables of the store core's own bookkeeping, made by each database itself.
    static let bookkeeping: Set<String> = ["schema_migrations", "grdb_migrations", "sqlite_sequence", "store_copies"]

    public static func copy(
        from source: any StoreDatabase, to target: any StoreDatabase, pageSize: Int = 500,
        progress: @Sendable (Progress) -> Void = { _ in }
    ) async throws -> Report {
        let tables = try await source.read { db in try order(db.tables().filter { !bookkeeping.contains($0.name) }) }
        let counts = try await rowCounts(source, tables.map(\.name))
        let origin = "\(source)"
        let state = try await target.write { db -> (done: Bool, partial: Bool, rows: [String: Int]) in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS store_copies (source TEXT NOT NULL, completed_at TEXT NOT NULL)")
            let marks = try db.fetchColumn(String.self, sql: "SELECT completed_at FROM store_copies")
            var rows: [String: Int] = [:]
            for table in tables { rows[table.name] = try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM \(table.name)") ?? 0 }
            return (marks.contains { !$0.isEmpty }, marks.contains(""), rows)
        }
        if state.done {
            guard state.rows == counts else {
                throw Refusal(description: "\(target) holds a completed copy whose row counts differ from \(source): \(differences(counts, state.rows))")
            }
            return Report(rows: counts, alreadyDone: true)
        }
        if !state.partial, state.rows.values.contains(where: { $0 > 0 }) {
            throw Refusal(description: "\(target) already holds data that keikyo migrate did not copy there: \(state.rows.filter { $0.value > 0 })")
        }
        // A fresh copy, or one cut short: clear it (children first) and mark the copy under way.
        try await target.write { db in
            for table in tables.reversed() { try db.execute(sql: "DELETE FROM \(table.name)") }
            try db.execute(sql: "DELETE FROM store_copies")
            try db.execute(sql: "INSERT INTO store_copies (source, completed_at) VALUES (?, '')", arguments: [origin])
        }
        let inAll = counts.values.reduce(0, +)
        var copied = 0
        for table in tables {
            var after: [SQLValue]? = nil
            while true {
                let (page, last) = try await source.read { [after] db in try readPage(db, table, after: after, limit: pageSize) }
                guard !page.isEmpty else { break }
                try await target.write { db in try insert(db, table, page) }
                copied += page.count
                progress(Progress(table: table.name, rowsCopied: copied, rowsInAll: inAll))
                guard let last else { break }
                after = last
            }
        }
        let copiedCounts = try await rowCounts(target, tables.map(\.name))
        guard copiedCounts == counts else {
            throw Refusal(description: "the copy's row counts differ from \(source) (written meanwhile?): \(differences(counts, copiedCounts))")
        }
        try await target.write { db in
            if db.dialect == .postgres {
                for table in tables where table.primaryKey.count == 1 { try resetIdentity(db, table: table.name, column: table.primaryKey[0]) }
            }
            try db.execute(sql: "UPDATE store_copies SET completed_at = ?", arguments: [Timestamp.string(Date())])
        }
        return Report(rows: counts, alreadyDone: false)
    }

    /// Rows in each of `tables`.
    public static func rowCounts(_ database: any StoreDatabase, _ tables: [String]) async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for table in tables { counts[table] = try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            return counts
        }
    }

    static func differences(_ expected: [String: Int], _ found: [String: Int]) -> String {
        expected.keys.sorted().compactMap { table in
            expected[table] == found[table] ? nil : "\(table) \(expected[table] ?? 0) → \(found[table] ?? 0)"
        }.joined(separator: ", ")
    }

    /// Tables with every parent before its children.
    static func order(_ tables: [TableInfo]) throws -> [TableInfo] {
        var ordered: [TableInfo] = []
        var remaining = tables.sorted { $0.name < $1.name }
        while !remaining.isEmpty {
            let placed = Set(ordered.map(\.name))
            let next = remaining.firstIndex { table in
                table.parents.allSatisfy { parent in parent == table.name || placed.contains(parent) || !tables.contains { $0.name == parent } }
            }
            guard let next
            else { throw Refusal(description: "the tables' foreign keys form a cycle: \(remaining.map(\.name))") }
            ordered.append(remaining.remove(at: next))
        }
        return ordered
    }

    /// A page of `table` after the key `after`, in key order (all of a table without a key),
    /// and the key of its last row when more may follow.
    static func readPage(_ db: any SQLExecutor, _ table: TableInfo, after: [SQLValue]?, limit: Int) throws -> ([SQLRow], [SQLValue]?) {
        let columns = table.columns.joined(separator: ", ")
        guard !table.primaryKey.isEmpty else {
            return (try db.fetchAll(sql: "SELECT \(columns) FROM \(table.name)"), nil)
        }
        let key = table.primaryKey.joined(separator: ", ")
        var sql = "SELECT \(columns) FROM \(table.name)"
        var arguments = SQLArguments()
        if let after {
            sql += " WHERE (\(key)) > (\(after.map { _ in "?" }.joined(separator: ", ")))"
            arguments = SQLArguments(values: after)
        }
        sql += " ORDER BY \(key) LIMIT ?"
        arguments += [limit]
        let rows = try db.fetchAll(sql: sql, arguments: arguments)
        guard rows.count == limit, let last = rows.last else { return (rows, nil) }
        let positions = table.primaryKey.map { column in table.columns.firstIndex(of: column)! }
        return (rows, positions.map { last.values[$0] })
    }

    /// Inserts `rows` (of `table.columns`), several to a statement.
    static func insert(_ db: any SQLExecutor, _ table: TableInfo, _ rows: [SQLRow]) throws {
        let perStatement = max(1, min(rows.count, 10_000 / max(1, table.columns.count)))
        let tuple = "(" + table.columns.map { _ in "?" }.joined(separator: ", ") + ")"
        var start = rows.startIndex
        while start < rows.endIndex {
            let chunk = rows[start..<min(start + perStatement, rows.endIndex)]
            try db.execute(
                sql: "INSERT INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES "
                    + Array(repeating: tuple, count: chunk.count).joined(separator: ", "),
                arguments: SQLArguments(values: chunk.flatMap(\.values)))
            start += chunk.count
        }
    }

    /// Moves an identity column's sequence past the rows copied in with their own values.
    static func resetIdentity(_ db: any SQLExecutor, table: String, column: String) throws {
        guard try db.fetchValue(String.self, sql: "SELECT pg_get_serial_sequence(?, ?)", arguments: [table, column]) != nil else { return }
        try db.execute(
            sql: "SELECT setval(pg_get_serial_sequence(?, ?), (SELECT MAX(\(column)) FROM \(table)))"
                + " FROM (SELECT 1) AS one WHERE EXISTS (SELECT 1 FROM \(table))",
            arguments: [table, column])
    }
}

/// A table as the database's catalog describes it.
public struct TableInfo: Sendable, Equatable {
    public var name: String
    public var columns: [String]
    public var primaryKey: [String]
    /// Tables its foreign keys refer to.
    public var parents: [String]
}

extension SQLExecutor {
    /// Every table of the database (on PostgreSQL, of the current schema), from its catalog.
    public func tables() throws -> [TableInfo] {
        switch dialect {
        case .sqlite:
            return try fetchColumn(String.self, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { name in
                let columns = try fetchAll(sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
                let key = try columns.filter { try $0["pk"] as Int > 0 }.sorted { try ($0["pk"] as Int) < ($1["pk"] as Int) }
                return TableInfo(
                    name: name, columns: try columns.map { try $0["name"] }, primaryKey: try key.map { try $0["name"] },
                    parents: try fetchColumn(String.self, sql: #"SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)"#, arguments: [name]))
            }
        case .postgres:
            let names = try fetchColumn(
                String.self,
                sql: "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1")
            return try names.map { name in
                TableInfo(
                    name: name,
                    columns: try fetchColumn(
                        String.self,
                        sql: """
                            SELECT column_name::text FROM information_schema.columns
                            WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                            """, arguments: [name]),
                    primaryKey: try fetchColumn(
                        String.self,
                        sql: """
                            SELECT k.column_name::text FROM information_schema.table_constraints c
                            JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
                            WHERE c.table_schema = current_schema() AND c.table_name = ? AND c.constraint_type = 'PRIMARY KEY'
                            ORDER BY k.ordinal_position
                            """, arguments: [name]),
                    parents: try fetchColumn(
                        String.self,
                        sql: """
                            SELECT DISTINCT u.table_name::text FROM information_schema.table_constraints c
                            JOIN information_schema.constraint_column_usage u ON u.constraint_name = c.constraint_name AND u.table_schema = c.table_schema
                            WHERE c.table_schema = current_schema() AND c.table_name = ? AND c.constraint_type = 'FOREIGN KEY'
                            """, arguments: [name]))
            }
        }
    }
}
