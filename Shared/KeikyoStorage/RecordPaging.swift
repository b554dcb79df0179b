/// One page of records in insertion order: keyset paging on `seq`, so records inserted while a
/// caller pages neither shift nor repeat pages.
public struct RecordPage: Sendable {
    /// The rows of the page (`seq` and `body`).
    public var rows: [SQLRow]
    /// The `seq` to page on from; nil on the last page.
    public var nextSeq: Int64?
    /// How many records match in all.
    public var total: UInt64
}

extension SQLExecutor {
    /// The rows of `table` (as `alias`, for `condition` to name) matching `condition`, after
    /// `afterSeq`, at most `limit`; `total` counts every match unless `total` is given.
    public func page(
        _ table: String, as alias: String, where condition: String, arguments: SQLArguments, afterSeq: Int64, limit: Int,
        total known: UInt64? = nil
    ) throws -> RecordPage {
        let rows = try fetchAll(
            sql: "SELECT \(alias).seq, \(alias).body FROM \(table) \(alias) WHERE \(condition) AND \(alias).seq > ? ORDER BY \(alias).seq LIMIT ?",
            arguments: arguments + [afterSeq, limit + 1])
        let total = try known ?? fetchValue(UInt64.self, sql: "SELECT COUNT(*) FROM \(table) \(alias) WHERE \(condition)", arguments: arguments) ?? 0
        let page = Array(rows.prefix(limit))
        return RecordPage(rows: page, nextSeq: rows.count > limit ? try page.last?["seq"] : nil, total: total)
    }
}
