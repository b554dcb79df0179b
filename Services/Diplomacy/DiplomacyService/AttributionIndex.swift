import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage

/// What Attribution answers from, kept so that it reads a few totals and an index instead of
/// every event and every won case, and so that what is kept grows with the events and the won
/// cases, not with the pairs they make.
///
/// The diplomacy service keeps a copy of the won cases (`won_cases`, with a row per country
/// and month in `won_case_countries`), which it brings up to date from the cases service's
/// change feed (ListCaseChanges) before it answers, and indexes its own dated top-sales events
/// by country and month (`top_sales_months`, `attribution_events`). Two kept histograms count
/// events (`event_cells`) and won cases (`won_cells`) by country and month: pairing each event
/// cell with the won cells of its country in the window counts every pair once per country the
/// event and the case share. The pairs that share two countries or more are few (both records
/// must name several countries) and are kept one by one (`overlap_pairs`, with what they were
/// counted too many times in `overlap_totals`), so the count is exact. An event write and a
/// batch of case changes each update what they touch in their own transaction.
///
/// The count costs a read of the histograms' cells in the years asked (bounded by countries ×
/// months, not by records); the listing walks the months whose cells make pairs, in order, and
/// reads only the events and cases it lists.
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
                CREATE TABLE attribution_events (
                    event_seq INTEGER PRIMARY KEY REFERENCES events(seq) ON DELETE CASCADE,
                    month INTEGER NOT NULL,
                    event_date TEXT NOT NULL,
                    event_id TEXT NOT NULL
                );
                CREATE INDEX attribution_events_in_order ON attribution_events(month, event_date, event_id);
                CREATE TABLE top_sales_months (
                    country TEXT NOT NULL,
                    month INTEGER NOT NULL,
                    event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
                    PRIMARY KEY (country, month, event_seq)
                );
                CREATE INDEX top_sales_months_on_event_seq ON top_sales_months(event_seq);
                CREATE TABLE event_cells (
                    month INTEGER NOT NULL,
                    country TEXT NOT NULL,
                    events INTEGER NOT NULL,
                    PRIMARY KEY (month, country)
                );
                CREATE TABLE won_cells (
                    month INTEGER NOT NULL,
                    country TEXT NOT NULL,
                    cases INTEGER NOT NULL,
                    PRIMARY KEY (month, country)
                );
                CREATE TABLE overlap_pairs (
                    event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
                    case_id TEXT NOT NULL,
                    event_year INTEGER NOT NULL,
                    months_after INTEGER NOT NULL,
                    extra INTEGER NOT NULL,     -- the countries shared, less one
                    PRIMARY KEY (event_seq, case_id)
                );
                CREATE INDEX overlap_pairs_on_case_id ON overlap_pairs(case_id);
                CREATE TABLE overlap_totals (
                    event_year INTEGER NOT NULL,
                    months_after INTEGER NOT NULL,
                    extra INTEGER NOT NULL,
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

    static let eventCells = KeptTotals(table: "event_cells", keyColumns: ["month", "country"], countColumn: "events")
    static let wonCells = KeptTotals(table: "won_cells", keyColumns: ["month", "country"], countColumn: "cases")
    static let overlapTotals = KeptTotals(table: "overlap_totals", keyColumns: ["event_year", "months_after"], countColumn: "extra")
    static let caseFeed = "cases"

    // MARK: Events

    /// What of an event Attribution depends on; nil for an event that makes no pairs.
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

    /// Moves the event from `old` (nil: a new event) to `new`, in the event's write.
    static func eventChanged(_ db: any SQLExecutor, seq: Int64, from old: Event?, to new: Event) throws {
        let before = old.flatMap(EventKey.init).flatMap { $0.countries.isEmpty ? nil : $0 }
        let after = EventKey(new).flatMap { $0.countries.isEmpty ? nil : $0 }
        guard before != after else { return }
        if let before {
            let countries = before.countries.sorted()
            try db.execute(
                sql: "DELETE FROM top_sales_months WHERE country IN (\(placeholders(countries.count))) AND month = ? AND event_seq = ?",
                arguments: SQLArguments(countries) + [before.month, seq])
            try db.execute(sql: "DELETE FROM attribution_events WHERE event_seq = ?", arguments: [seq])
            try eventCells.apply(db, countries.map { KeptTotals.Change(key: [before.month, $0], count: -1) })
            try removeOverlaps(db, where: "event_seq = ?", [seq])
        }
        guard let after else { return }
        let countries = after.countries.sorted()
        try db.execute(
            sql: "INSERT INTO attribution_events (event_seq, month, event_date, event_id) VALUES (?, ?, ?, ?)",
            arguments: [seq, after.month, after.date, new.id])
        for country in countries {
            try db.execute(sql: "INSERT INTO top_sales_months (country, month, event_seq) VALUES (?, ?, ?)", arguments: [country, after.month, seq])
        }
        try eventCells.apply(db, countries.map { KeptTotals.Change(key: [after.month, $0], count: 1) })
        guard countries.count > 1 else { return }
        let shared = try db.fetchAll(
            sql: """
                SELECT case_id, won_month, COUNT(*) AS shared FROM won_case_countries
                WHERE country IN (\(placeholders(countries.count))) AND won_month BETWEEN ? AND ?
                GROUP BY case_id, won_month HAVING COUNT(*) > 1
                """,
            arguments: SQLArguments(countries) + [after.month, after.month + Attribution.maximumMonths])
        try addOverlaps(db, shared.map { row in
            Overlap(eventSeq: seq, eventMonth: after.month, caseID: try row["case_id"], wonMonth: try row["won_month"], shared: try row["shared"])
        })
    }

    // MARK: Cases

    /// What of a won case Attribution depends on.
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
        try wonCells.apply(db, countries.map { KeptTotals.Change(key: [after.month, $0], count: 1) })
        guard countries.count > 1 else { return }
        let shared = try db.fetchAll(
            sql: """
                SELECT event_seq, month, COUNT(*) AS shared FROM top_sales_months
                WHERE country IN (\(placeholders(countries.count))) AND month BETWEEN ? AND ?
                GROUP BY event_seq, month HAVING COUNT(*) > 1
                """,
            arguments: SQLArguments(countries) + [after.month - Attribution.maximumMonths, after.month])
        try addOverlaps(db, shared.map { row in
            Overlap(eventSeq: try row["event_seq"], eventMonth: try row["month"], caseID: record.id, wonMonth: after.month, shared: try row["shared"])
        })
    }

    static func remove(_ db: any SQLExecutor, caseID: String, _ before: WonCase) throws {
        let countries = before.countries.sorted()
        try db.execute(
            sql: "DELETE FROM won_case_countries WHERE country IN (\(placeholders(countries.count))) AND won_month = ? AND case_id = ?",
            arguments: SQLArguments(countries) + [before.month, caseID])
        try db.execute(sql: "DELETE FROM won_cases WHERE case_id = ?", arguments: [caseID])
        try wonCells.apply(db, countries.map { KeptTotals.Change(key: [before.month, $0], count: -1) })
        try removeOverlaps(db, where: "case_id = ?", [caseID])
    }

    // MARK: Pairs that share several countries

    /// A pair of an event and a case that share `shared` (two or more) countries, which the
    /// histograms count `shared` times.
    struct Overlap {
        var eventSeq: Int64
        var eventMonth: Int
        var caseID: String
        var wonMonth: Int
        var shared: Int

        var eventYear: Int { eventMonth / 12 }
        var monthsAfter: Int { wonMonth - eventMonth }
    }

    static func addOverlaps(_ db: any SQLExecutor, _ overlaps: [Overlap]) throws {
        for overlap in overlaps {
            try db.execute(
                sql: "INSERT INTO overlap_pairs (event_seq, case_id, event_year, months_after, extra) VALUES (?, ?, ?, ?, ?)",
                arguments: [overlap.eventSeq, overlap.caseID, overlap.eventYear, overlap.monthsAfter, overlap.shared - 1])
        }
        try overlapTotals.apply(db, overlaps.map { KeptTotals.Change(key: [$0.eventYear, $0.monthsAfter], count: $0.shared - 1) })
    }

    static func removeOverlaps(_ db: any SQLExecutor, where condition: String, _ arguments: SQLArguments) throws {
        let removed = try db.fetchAll(sql: "DELETE FROM overlap_pairs WHERE \(condition) RETURNING event_year, months_after, extra", arguments: arguments)
        try overlapTotals.apply(db, removed.map { KeptTotals.Change(key: [try $0["event_year"] as Int, try $0["months_after"] as Int], count: -(try $0["extra"] as Int)) })
    }

    // MARK: Reading

    /// The first `limit` pairs after `after` of events in `years` with cases won up to `months`
    /// months after, in the order of `Attribution.attribute` (event date, event id, case id),
    /// where the next page starts (nil on the last), and the number of pairs in all.
    static func attributions(
        _ db: any SQLExecutor, years: ClosedRange<Int>, months: Int, limit: Int, after: AttributionCursor? = nil
    ) throws -> (listed: [Attribution], total: Int, next: AttributionCursor?) {
        let first = years.lowerBound * 12, last = years.upperBound * 12 + 11
        let won = try WonHistogram(
            db.fetchAll(
                sql: "SELECT month, country, cases FROM won_cells WHERE month BETWEEN ? AND ? ORDER BY month", arguments: [first, last + months]))
        // Each event cell with the won cases of its country in the window: the pairs, counted
        // once per shared country; the cells that make pairs are the months to list from.
        var counted = 0
        var listedCountries: [Int: [String]] = [:]
        for cell in try db.fetchAll(sql: "SELECT month, country, events FROM event_cells WHERE month BETWEEN ? AND ?", arguments: [first, last]) {
            let month: Int = try cell["month"], country: String = try cell["country"]
            let cases = won.count(country, from: month, to: month + months)
            guard cases > 0 else { continue }
            counted += (try cell["events"] as Int) * cases
            listedCountries[month, default: []].append(country)
        }
        let overcounted = try db.fetchValue(
            Int64.self,
            sql: "SELECT CAST(COALESCE(SUM(extra), 0) AS BIGINT) FROM overlap_totals WHERE event_year BETWEEN ? AND ? AND months_after <= ?",
            arguments: [years.lowerBound, years.upperBound, months]) ?? 0
        let total = counted - Int(overcounted)

        // One pair more than the page, to know whether another page follows.
        let wanted = limit + 1
        var pairs: [(eventSeq: Int64, caseID: String, monthsAfter: Int, cursor: AttributionCursor)] = []
        for month in listedCountries.keys.sorted() where pairs.count < wanted && month >= (after?.month ?? .min) {
            let countries = listedCountries[month]!.sorted()
            // In the month the last page ended in: from its last event on, and of that event
            // only the cases after its last one.
            let resume = after?.month == month ? after : nil
            let eventsFrom = resume == nil ? "" : "AND (\(bytewise(db, "a.event_date")) > ? OR (a.event_date = ? AND \(bytewise(db, "a.event_id")) >= ?))"
            let casesFrom = resume == nil ? "" : "AND NOT (a.event_date = ? AND a.event_id = ? AND \(bytewise(db, "w.case_id")) <= ?)"
            let eventsArguments: SQLArguments = resume.map { [$0.eventDate, $0.eventDate, $0.eventID] } ?? []
            let casesArguments: SQLArguments = resume.map { [$0.eventDate, $0.eventID, $0.caseID] } ?? []
            // Each of these events makes a pair at least (but the one a page ended in), so no
            // more are read than can be listed.
            let events = try db.fetchAll(
                sql: """
                    SELECT a.event_seq, a.event_date, a.event_id FROM attribution_events a
                    WHERE a.month = ? AND EXISTS (
                        SELECT 1 FROM top_sales_months t
                        WHERE t.event_seq = a.event_seq AND t.month = a.month AND t.country IN (\(placeholders(countries.count))))
                    \(eventsFrom)
                    ORDER BY \(bytewise(db, "a.event_date", "a.event_id")) LIMIT ?
                    """,
                arguments: [month] + SQLArguments(countries) + eventsArguments + [wanted - pairs.count + (resume == nil ? 0 : 1)]
            ).map { row in (seq: try row["event_seq"] as Int64, date: try row["event_date"] as String, id: try row["event_id"] as String) }
            // A month where each country's won cases in the window could fill the rest of the
            // page alone: its events one at a time, each reading a bounded number of cases
            // (`eventPairs`), however many the window holds.
            let dense = countries.allSatisfy { won.count($0, from: month, to: month + months) >= wanted - pairs.count }
            var next = 0
            while dense, next < events.count, pairs.count < wanted {
                let event = events[next]
                let afterCase = resume.flatMap { $0.eventDate == event.date && $0.eventID == event.id ? $0.caseID : nil }
                for (caseID, wonMonth) in try eventPairs(db, eventSeq: event.seq, months: months, won: won, afterCase: afterCase, limit: wanted - pairs.count) {
                    pairs.append((event.seq, caseID, wonMonth - month, AttributionCursor(month: month, eventDate: event.date, eventID: event.id, caseID: caseID)))
                }
                next += 1
            }
            // Otherwise their pairs in order, a batch of events at a time: the batch doubles while
            // it lists fewer than are still wanted, so sparse months take few queries and dense
            // ones read little more than they list.
            var batch = 4
            while next < events.count, pairs.count < wanted {
                let seqs = events[next..<min(events.count, next + batch)].map(\.seq)
                let rows = try db.fetchAll(
                    sql: """
                        SELECT a.event_seq, a.event_date, a.event_id, w.case_id, w.won_month
                        FROM attribution_events a JOIN top_sales_months t ON t.event_seq = a.event_seq
                        JOIN won_case_countries w ON w.country = t.country AND w.won_month BETWEEN t.month AND t.month + ?
                        WHERE a.event_seq IN (\(placeholders(seqs.count))) \(casesFrom)
                        GROUP BY a.event_seq, a.event_date, a.event_id, w.case_id, w.won_month
                        ORDER BY \(bytewise(db, "a.event_date", "a.event_id", "w.case_id")) LIMIT ?
                        """,
                    arguments: [months] + SQLArguments(seqs) + casesArguments + [wanted - pairs.count])
                pairs += try rows.map { row in
                    let cursor = AttributionCursor(month: month, eventDate: try row["event_date"], eventID: try row["event_id"], caseID: try row["case_id"])
                    return (try row["event_seq"], cursor.caseID, (try row["won_month"] as Int) - month, cursor)
                }
                next += seqs.count
                batch *= 2
            }
        }
        let page = pairs.prefix(limit)
        return (
            try describe(db, page.map { ($0.eventSeq, $0.caseID, $0.monthsAfter) }), total,
            pairs.count > limit ? page.last?.cursor : nil
        )
    }

    /// The first `limit` cases (after `afterCase`) an event pairs with, in case order, with the
    /// month each was won: from each of the event's countries and each month of its window that
    /// has won cases, the first `limit` by the key of `won_case_countries`, in one query, merged.
    /// It reads at most `limit` rows a country and month, not every case of the window.
    static func eventPairs(
        _ db: any SQLExecutor, eventSeq: Int64, months: Int, won: WonHistogram, afterCase: String?, limit: Int
    ) throws -> [(caseID: String, wonMonth: Int)] {
        var cells: [(country: String, month: Int)] = []
        for place in try db.fetchAll(sql: "SELECT country, month FROM top_sales_months WHERE event_seq = ?", arguments: [eventSeq]) {
            let country: String = try place["country"], start: Int = try place["month"]
            for wonMonth in start...(start + months) where won.count(country, from: wonMonth, to: wonMonth) > 0 { cells.append((country, wonMonth)) }
        }
        let cell = """
            SELECT case_id, won_month FROM (SELECT case_id, won_month FROM won_case_countries WHERE country = ? AND won_month = ?\
            \(afterCase == nil ? "" : " AND \(bytewise(db, "case_id")) > ?") ORDER BY \(bytewise(db, "case_id")) LIMIT ?) AS cell
            """
        var found: [String: Int] = [:]
        // SQLite takes at most 500 terms in one compound SELECT.
        for start in stride(from: 0, to: cells.count, by: 100) {
            let chunk = cells[start..<min(cells.count, start + 100)]
            var arguments: SQLArguments = []
            for (country, month) in chunk { arguments += [country, month] + (afterCase.map { [$0] } ?? []) + [limit] }
            let sql = chunk.indices.map { "\(cell)\($0)" }.joined(separator: " UNION ALL ")
            for row in try db.fetchAll(sql: sql, arguments: arguments) { found[try row["case_id"]] = try row["won_month"] }
        }
        return found.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.prefix(limit).map { ($0.key, $0.value) }
    }

    /// The pairs with the events' and cases' titles, dates and links, read in three queries.
    static func describe(_ db: any SQLExecutor, _ pairs: [(eventSeq: Int64, caseID: String, monthsAfter: Int)]) throws -> [Attribution] {
        guard !pairs.isEmpty else { return [] }
        let seqs = Array(Set(pairs.map(\.eventSeq))).sorted()
        let caseIDs = Array(Set(pairs.map(\.caseID))).sorted()
        var events: [Int64: Event] = [:]
        for row in try db.fetchAll(sql: "SELECT seq, body FROM events WHERE seq IN (\(placeholders(seqs.count)))", arguments: SQLArguments(seqs)) {
            events[try row["seq"]] = try ServiceDatabase.decode(Event.self, row["body"])
        }
        var cases: [String: (record: ExportCase, contractedOn: String)] = [:]
        for row in try db.fetchAll(
            sql: "SELECT case_id, contracted_on, body FROM won_cases WHERE case_id IN (\(placeholders(caseIDs.count)))", arguments: SQLArguments(caseIDs))
        {
            cases[try row["case_id"]] = (try ServiceDatabase.decode(ExportCase.self, row["body"]), try row["contracted_on"])
        }
        var linked: Set<[String]> = []
        for row in try db.fetchAll(
            sql: "SELECT event_seq, case_id FROM event_cases WHERE event_seq IN (\(placeholders(seqs.count)))", arguments: SQLArguments(seqs))
        {
            linked.insert(["\(try row["event_seq"] as Int64)", try row["case_id"]])
        }
        return try pairs.map { pair in
            guard let event = events[pair.eventSeq], let (record, contractedOn) = cases[pair.caseID] else {
                throw StoreError.inconsistentTotals("the attribution index names an event or case it does not hold")
            }
            return Attribution(
                eventID: event.id, eventTitle: event.title, eventDate: event.startDate, level: event.topSalesLevel, caseID: record.id,
                caseTitle: record.title, country: record.countries.map(\.country).first(where: event.countries.contains) ?? "",
                contractedOn: contractedOn, monthsAfter: UInt32(pair.monthsAfter), japaneseShare: record.japaneseShare,
                linked: linked.contains(["\(pair.eventSeq)", pair.caseID]))
        }
    }

    /// An ORDER BY list that compares text byte by byte, as Swift's `<` on the model's strings
    /// does, whatever collation a PostgreSQL database was created with.
    static func bytewise(_ db: any SQLExecutor, _ columns: String...) -> String {
        columns.map { db.dialect == .sqlite ? $0 : "\($0) COLLATE \"C\"" }.joined(separator: ", ")
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

/// The won cases by country and month, summed up to each month, so the cases of a country in
/// a window are two binary searches.
struct WonHistogram {
    private var months: [String: [Int]] = [:]
    private var sums: [String: [Int]] = [:]

    /// From rows of `won_cells` in ascending month.
    init(_ rows: [SQLRow]) throws {
        for row in rows {
            let country: String = try row["country"]
            months[country, default: []].append(try row["month"])
            sums[country, default: []].append((sums[country]?.last ?? 0) + (try row["cases"] as Int))
        }
    }

    /// The cases of `country` won from month `low` to month `high`, both included.
    func count(_ country: String, from low: Int, to high: Int) -> Int {
        guard let months = months[country], let sums = sums[country] else { return 0 }
        func through(_ month: Int) -> Int {
            // The number of cells at or before `month`.
            var lower = 0, upper = months.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if months[middle] <= month { lower = middle + 1 } else { upper = middle }
            }
            return lower == 0 ? 0 : sums[lower - 1]
        }
        return through(high) - through(low - 1)
    }
}

/// Where a page of Attribution ended: its last pair, as the month of the event, the event's
/// date and id, and the case's id.
public struct AttributionCursor: KeysetCursor, Equatable {
    var month: Int
    var eventDate: String
    var eventID: String
    var caseID: String

    public static let parts = 4
    public var key: [String] { [String(month), eventDate, eventID, caseID] }

    public init?(key: [String]) {
        guard key.count == Self.parts, let month = Int(key[0]), (0...12 * 10_000).contains(month) else { return nil }
        self.init(month: month, eventDate: key[1], eventID: key[2], caseID: key[3])
    }

    init(month: Int, eventDate: String, eventID: String, caseID: String) {
        self.month = month
        self.eventDate = eventDate
        self.eventID = eventID
        self.caseID = caseID
    }
}
