import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage

/// The pairs Attribution answers from, kept so that it reads an index and a few totals
/// instead of every event and every won case.
///
/// The diplomacy service keeps a copy of the won cases (`won_cases`, with a row per country
/// and month in `won_case_countries`), which it brings up to date from the cases service's
/// change feed (ListCaseChanges) before it answers, and indexes its own dated top-sales events
/// by country and month (`top_sales_months`). Every pair of an event and a case won in the
/// event's month or up to `Attribution.maximumMonths` after it is a row of
/// `attribution_pairs`, counted by event year and months after in `attribution_totals`; an
/// event write and a batch of case changes each update the pairs they touch, and their
/// totals, in their own transaction. A request for fewer months filters by `months_after`.
enum AttributionIndex {
    static func registerMigration(_ migrator: inout StoreMigrator) {
        migrator.register("v4-attribution-index") { db in
            try db.executeDDL(
                """
                CREATE TABLE followed_feeds (
                    feed TEXT PRIMARY KEY,
                    position INTEGER NOT NULL
                );
                CREATE TABLE won_cases (
                    case_id TEXT PRIMARY KEY,
                    won_month INTEGER NOT NULL,
                    contracted_on TEXT NOT NULL,
                    body BLOB NOT NULL          -- the case's id, title, countries and Japanese share
                );
                CREATE TABLE won_case_countries (
                    country TEXT NOT NULL,
                    won_month INTEGER NOT NULL,
                    case_id TEXT NOT NULL,
                    PRIMARY KEY (country, won_month, case_id)
                );
                CREATE TABLE top_sales_months (
                    country TEXT NOT NULL,
                    month INTEGER NOT NULL,
                    event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
                    PRIMARY KEY (country, month, event_seq)
                );
                CREATE TABLE attribution_pairs (
                    event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
                    case_id TEXT NOT NULL,
                    event_year INTEGER NOT NULL,
                    event_date TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    months_after INTEGER NOT NULL,
                    PRIMARY KEY (event_seq, case_id)
                );
                CREATE INDEX attribution_pairs_in_order ON attribution_pairs(event_year, event_date, event_id, case_id);
                CREATE INDEX attribution_pairs_on_case_id ON attribution_pairs(case_id);
                CREATE TABLE attribution_totals (
                    event_year INTEGER NOT NULL,
                    months_after INTEGER NOT NULL,
                    pairs INTEGER NOT NULL,
                    PRIMARY KEY (event_year, months_after)
                )
                """)
            var after: Int64 = 0
            while true {
                let rows = try db.fetchAll(
                    sql: "SELECT seq, body FROM events WHERE top_sales_level IS NOT NULL AND seq > ? ORDER BY seq LIMIT 1000", arguments: [after])
                guard let last = rows.last else { break }
                for row in rows { try eventChanged(db, seq: row["seq"], from: nil, to: try ServiceDatabase.decode(Event.self, row["body"])) }
                after = try last["seq"]
            }
        }
    }

    static let totals = KeptTotals(table: "attribution_totals", keyColumns: ["event_year", "months_after"], countColumn: "pairs")
    static let caseFeed = "cases"

    // MARK: Events

    /// What of an event the pairs depend on; nil for an event that makes none.
    struct EventKey: Equatable {
        var month: Int
        var date: String
        var countries: Set<String>

        init?(_ event: Event) {
            guard let month = Attribution.eventMonth(event) else { return nil }
            self.month = month
            date = event.startDate
            countries = Set(event.countries)
        }
    }

    /// Moves the event's pairs from `old` (nil: a new event) to `new`, in the event's write.
    static func eventChanged(_ db: any SQLExecutor, seq: Int64, from old: Event?, to new: Event) throws {
        let before = old.flatMap(EventKey.init)
        let after = EventKey(new)
        guard before != after else { return }
        if let before {
            for country in before.countries.sorted() {
                try db.execute(
                    sql: "DELETE FROM top_sales_months WHERE country = ? AND month = ? AND event_seq = ?", arguments: [country, before.month, seq])
            }
            try removePairs(db, where: "event_seq = ?", [seq])
        }
        guard let after, !after.countries.isEmpty else { return }
        for country in after.countries.sorted() {
            try db.execute(sql: "INSERT INTO top_sales_months (country, month, event_seq) VALUES (?, ?, ?)", arguments: [country, after.month, seq])
        }
        let countries = after.countries.sorted()
        let won = try db.fetchAll(
            sql: """
                SELECT DISTINCT case_id, won_month FROM won_case_countries
                WHERE country IN (\(placeholders(countries.count))) AND won_month BETWEEN ? AND ?
                """,
            arguments: SQLArguments(countries) + [after.month, after.month + Attribution.maximumMonths])
        try addPairs(db, won.map { row in Pair(eventSeq: seq, eventID: new.id, eventDate: after.date, eventMonth: after.month, caseID: try row["case_id"], wonMonth: try row["won_month"]) })
    }

    // MARK: Cases

    /// What of a won case the pairs depend on.
    struct WonCase: Equatable {
        var month: Int
        var countries: Set<String>
    }

    /// The position in the cases service's change feed up to which the copy is current.
    static func feedPosition(_ db: any SQLExecutor) throws -> UInt64 {
        UInt64(try db.fetchValue(Int64.self, sql: "SELECT position FROM followed_feeds WHERE feed = ?", arguments: [caseFeed]) ?? 0)
    }

    /// Applies a page of the change feed read after `after`, unless another writer (another
    /// replica) moved the position since it was read: a page older than the copy would take
    /// cases back to earlier states. Returns the position the copy is now current to.
    static func applyCaseChanges(_ db: any SQLExecutor, _ cases: [ExportCase], after: UInt64, to position: UInt64) throws -> UInt64 {
        let stored = try feedPosition(db)
        guard stored == after else { return stored }
        for record in cases { try caseChanged(db, record) }
        try db.execute(
            sql: "INSERT INTO followed_feeds (feed, position) VALUES (?, ?) ON CONFLICT (feed) DO UPDATE SET position = excluded.position",
            arguments: [caseFeed, Int64(clamping: position)])
        return position
    }

    static func caseChanged(_ db: any SQLExecutor, _ record: ExportCase) throws {
        let stored = try db.fetchOne(sql: "SELECT won_month, body FROM won_cases WHERE case_id = ?", arguments: [record.id])
        let before = try stored.map { row in
            WonCase(month: try row["won_month"], countries: Set(try ServiceDatabase.decode(ExportCase.self, row["body"]).countries.map(\.country)))
        }
        let won = Attribution.won(record)
        let after = won.map { WonCase(month: $0.month, countries: Set(record.countries.map(\.country))) }
        guard let won, let after else {
            if let before { try remove(db, caseID: record.id, before) }
            return
        }
        var slim = ExportCase()
        slim.id = record.id
        slim.title = record.title
        slim.countries = record.countries
        slim.japaneseShare = record.japaneseShare
        let body = try ServiceDatabase.encode(slim)
        if before == after {
            try db.execute(
                sql: "UPDATE won_cases SET contracted_on = ?, body = ? WHERE case_id = ?", arguments: [won.date.description, body, record.id])
            return
        }
        if let before { try remove(db, caseID: record.id, before) }
        try db.execute(
            sql: "INSERT INTO won_cases (case_id, won_month, contracted_on, body) VALUES (?, ?, ?, ?)",
            arguments: [record.id, after.month, won.date.description, body])
        let countries = after.countries.sorted()
        for country in countries {
            try db.execute(
                sql: "INSERT INTO won_case_countries (country, won_month, case_id) VALUES (?, ?, ?)", arguments: [country, after.month, record.id])
        }
        guard !countries.isEmpty else { return }
        let events = try db.fetchAll(
            sql: """
                SELECT e.seq, e.id, e.body, m.month FROM events e JOIN (
                    SELECT DISTINCT event_seq, month FROM top_sales_months
                    WHERE country IN (\(placeholders(countries.count))) AND month BETWEEN ? AND ?
                ) m ON e.seq = m.event_seq
                """,
            arguments: SQLArguments(countries) + [after.month - Attribution.maximumMonths, after.month])
        try addPairs(db, events.map { row in
            let event = try ServiceDatabase.decode(Event.self, row["body"])
            return Pair(eventSeq: try row["seq"], eventID: try row["id"], eventDate: event.startDate, eventMonth: try row["month"], caseID: record.id, wonMonth: after.month)
        })
    }

    static func remove(_ db: any SQLExecutor, caseID: String, _ before: WonCase) throws {
        for country in before.countries.sorted() {
            try db.execute(
                sql: "DELETE FROM won_case_countries WHERE country = ? AND won_month = ? AND case_id = ?", arguments: [country, before.month, caseID])
        }
        try db.execute(sql: "DELETE FROM won_cases WHERE case_id = ?", arguments: [caseID])
        try removePairs(db, where: "case_id = ?", [caseID])
    }

    // MARK: Pairs

    struct Pair {
        var eventSeq: Int64
        var eventID: String
        var eventDate: String
        var eventMonth: Int
        var caseID: String
        var wonMonth: Int

        var eventYear: Int { eventMonth / 12 }
        var monthsAfter: Int { wonMonth - eventMonth }
    }

    static func addPairs(_ db: any SQLExecutor, _ pairs: [Pair]) throws {
        for pair in pairs {
            try db.execute(
                sql: """
                    INSERT INTO attribution_pairs (event_seq, case_id, event_year, event_date, event_id, months_after)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [pair.eventSeq, pair.caseID, pair.eventYear, pair.eventDate, pair.eventID, pair.monthsAfter])
        }
        try totals.apply(db, pairs.map { KeptTotals.Change(key: [$0.eventYear, $0.monthsAfter], count: 1) })
    }

    static func removePairs(_ db: any SQLExecutor, where condition: String, _ arguments: SQLArguments) throws {
        let removed = try db.fetchAll(sql: "DELETE FROM attribution_pairs WHERE \(condition) RETURNING event_year, months_after", arguments: arguments)
        try totals.apply(db, removed.map { KeptTotals.Change(key: [try $0["event_year"] as Int, try $0["months_after"] as Int], count: -1) })
    }

    // MARK: Reading

    /// The first `limit` pairs of events in `years` with cases won up to `months` months after,
    /// in event order (date, id) and case id, and the number of pairs in all.
    static func attributions(_ db: any SQLExecutor, years: ClosedRange<Int>, months: Int, limit: Int) throws -> (listed: [Attribution], total: Int) {
        let total = try db.fetchValue(
            Int64.self,
            sql: "SELECT CAST(COALESCE(SUM(pairs), 0) AS BIGINT) FROM attribution_totals WHERE event_year BETWEEN ? AND ? AND months_after <= ?",
            arguments: [years.lowerBound, years.upperBound, months]) ?? 0
        let rows = try db.fetchAll(
            sql: """
                SELECT p.event_seq, p.months_after, e.body AS event_body, w.body AS won_body, w.contracted_on,
                    EXISTS (SELECT 1 FROM event_cases l WHERE l.event_seq = p.event_seq AND l.case_id = p.case_id) AS linked
                FROM attribution_pairs p JOIN events e ON e.seq = p.event_seq JOIN won_cases w ON w.case_id = p.case_id
                WHERE p.event_year BETWEEN ? AND ? AND p.months_after <= ?
                ORDER BY p.event_year, p.event_date, p.event_id, p.case_id
                LIMIT ?
                """,
            arguments: [years.lowerBound, years.upperBound, months, limit])
        var events: [Int64: Event] = [:]
        let listed = try rows.map { row in
            let seq: Int64 = try row["event_seq"]
            let event = try events[seq] ?? ServiceDatabase.decode(Event.self, row["event_body"])
            events[seq] = event
            let record = try ServiceDatabase.decode(ExportCase.self, row["won_body"])
            return Attribution(
                eventID: event.id, eventTitle: event.title, eventDate: event.startDate, level: event.topSalesLevel, caseID: record.id,
                caseTitle: record.title, country: record.countries.map(\.country).first(where: event.countries.contains) ?? "",
                contractedOn: try row["contracted_on"], monthsAfter: UInt32(try row["months_after"] as Int), japaneseShare: record.japaneseShare,
                linked: try row["linked"])
        }
        return (listed, Int(total))
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
