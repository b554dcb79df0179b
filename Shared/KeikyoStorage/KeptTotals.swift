import GRDB
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

    /// Adds `count` (and `amount`) to the row at `key`, or with negative values takes them away.
    /// `extra` columns are written with a new row (e.g. a year derived from the key). A total
    /// that would fall below zero refuses the write with INTERNAL: nothing is written.
    public func add(
        _ db: Database, key: [any DatabaseValueConvertible], count: Int, amount: Int128 = 0,
        extra: [(column: String, value: any DatabaseValueConvertible)] = []
    ) throws {
        let match = keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        let keyArguments = StatementArguments(key.map(\.databaseValue))
        let columns = [countColumn] + (amountColumn.map { [$0] } ?? [])
        let row = try Row.fetchOne(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE \(match)", arguments: keyArguments)
        let newCount = (row?[countColumn] as Int? ?? 0) + count
        let newAmount = (amountColumn.flatMap { column in row.flatMap { DecimalAmount($0[column] as String) } }?.micros ?? 0) + amount
        guard newCount >= 0, newAmount >= 0 else {
            throw KWPError(.internal, "the kept totals of \(table) would fall below zero; nothing was written", reason: KWPError.Reason.internal)
        }
        if newCount == 0 {
            try db.execute(sql: "DELETE FROM \(table) WHERE \(match)", arguments: keyArguments)
            return
        }
        var names = keyColumns + extra.map(\.column) + [countColumn]
        var values: [any DatabaseValueConvertible] = key + extra.map(\.value) + [newCount]
        if let amountColumn {
            names.append(amountColumn)
            values.append(DecimalAmount(micros: newAmount).description)
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
            arguments: StatementArguments(values.map(\.databaseValue)))
    }
}
