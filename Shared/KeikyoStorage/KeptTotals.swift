import KeikyoModel
import KeikyoWire

/// Totals a service keeps in the transaction of the write that changes them, so that the reads
/// that aggregate touch a few rows however many records there are. A totals table has key
/// columns, a `count` column and, for sums of money, an exact decimal text column (a year's
/// yen overflows 64-bit millionths); a row whose count falls to zero is removed.
public struct KeptTotals: Sendable {
    public let table: String
    public let keyColumns: [String]
    public let countColumn: String
    /// nil for a table of counts only.
    public let amountColumn: String?

    public init(table: String, keyColumns: [String], countColumn: String, amountColumn: String? = nil) {
        self.table = table
        self.keyColumns = keyColumns
        self.countColumn = countColumn
        self.amountColumn = amountColumn
    }

    /// A change to one row of the totals.
    public struct Change {
        public var key: [any SQLValueConvertible]
        public var count: Int
        public var amount: Int128
        public var extra: [(column: String, value: any SQLValueConvertible)]

        public init(key: [any SQLValueConvertible], count: Int, amount: Int128 = 0, extra: [(column: String, value: any SQLValueConvertible)] = []) {
            self.key = key
            self.count = count
            self.amount = amount
            self.extra = extra
        }
    }

    /// Applies `changes`: those to the same row are summed first, rows that do not change are
    /// not written, and rows are written in the order of their keys, so that two transactions
    /// touching the same rows lock them in the same order (no deadlock on PostgreSQL).
    public func apply(_ db: any SQLExecutor, _ changes: [Change]) throws {
        var merged: [[SQLValue]: Change] = [:]
        for change in changes {
            let key = change.key.map(\.sqlValue)
            if var existing = merged[key] {
                existing.count += change.count
                existing.amount += change.amount
                merged[key] = existing
            } else {
                merged[key] = change
            }
        }
        let changed = merged.sorted(by: { SQLValue.precedes($0.key, $1.key) }).map(\.value).filter { $0.count != 0 || $0.amount != 0 }
        // Counts going up cannot fall below zero: one upsert for all of them, no read.
        let (up, others) = amountColumn == nil ? (changed.filter { $0.count > 0 }, changed.filter { $0.count < 0 }) : ([], changed)
        try countUp(db, up)
        for change in others {
            try add(db, key: change.key, count: change.count, amount: change.amount, extra: change.extra)
        }
    }

    /// Adds each change's count to its row, creating the rows missing, in one statement.
    private func countUp(_ db: any SQLExecutor, _ changes: [Change]) throws {
        guard let first = changes.first else { return }
        guard changes.count <= 500 else {
            for start in stride(from: 0, to: changes.count, by: 500) { try countUp(db, Array(changes[start..<min(start + 500, changes.count)])) }
            return
        }
        let columns = keyColumns + first.extra.map(\.column) + [countColumn]
        guard changes.allSatisfy({ $0.extra.map(\.column) == first.extra.map(\.column) }) else {
            for change in changes { try countUp(db, [change]) }
            return
        }
        let row = "(\(columns.map { _ in "?" }.joined(separator: ", ")))"
        try db.executeLater(
            sql: """
                INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(changes.map { _ in row }.joined(separator: ", "))
                ON CONFLICT (\(keyColumns.joined(separator: ", "))) DO UPDATE SET \(countColumn) = \(table).\(countColumn) + excluded.\(countColumn)
                """,
            arguments: SQLArguments(changes.flatMap { $0.key + $0.extra.map(\.value) + [$0.count] }))
    }

    /// Adds `count` (and `amount`) to the row at `key`, or with negative values takes them away.
    /// `extra` columns are written with a new row (e.g. a year derived from the key). A count
    /// going up is one upsert; otherwise the row is read first, and a total that would fall
    /// below zero refuses the write with INTERNAL: nothing is written.
    public func add(
        _ db: any SQLExecutor, key: [any SQLValueConvertible], count: Int, amount: Int128 = 0,
        extra: [(column: String, value: any SQLValueConvertible)] = []
    ) throws {
        if amountColumn == nil, count > 0 {
            try countUp(db, [Change(key: key, count: count, extra: extra)])
            return
        }
        let match = keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        let keyArguments = SQLArguments(key)
        let columns = [countColumn] + (amountColumn.map { [$0] } ?? [])
        let row = try db.fetchOne(sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE \(match)", arguments: keyArguments)
        let newCount = (try row.map { try $0[countColumn] as Int } ?? 0) + count
        let storedAmount = try amountColumn.flatMap { column in try row.flatMap { DecimalAmount(try $0[column] as String) } }
        let newAmount = (storedAmount?.micros ?? 0) + amount
        guard newCount >= 0, newAmount >= 0 else {
            throw StoreError.inconsistentTotals("the kept totals of \(table) would fall below zero; nothing was written")
        }
        if newCount == 0 {
            try db.execute(sql: "DELETE FROM \(table) WHERE \(match)", arguments: keyArguments)
            return
        }
        var names = keyColumns + extra.map(\.column) + [countColumn]
        var values: [any SQLValueConvertible] = key + extra.map(\.value) + [newCount]
        if let amountColumn {
            names.append(amountColumn)
            values.append(DecimalAmount(micros: newAmount).description)
        }
        try upsert(db, values, columns: names, updates: columns.map { "\($0) = excluded.\($0)" })
    }

    /// Inserts a row of `values` into `columns`, or on the key's conflict applies `updates`.
    private func upsert(_ db: any SQLExecutor, _ values: [any SQLValueConvertible], columns: [String], updates: [String]) throws {
        try db.execute(
            sql: """
                INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                ON CONFLICT (\(keyColumns.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))
                """,
            arguments: SQLArguments(values))
    }
}
