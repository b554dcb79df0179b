import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoWire

/// Top-sales events and their case links, on SQLite or PostgreSQL. Each mutation, its history
/// row, its idempotency key and the kept totals commit in one transaction.
///
/// An event is stored as its protobuf encoding without its case links, which are rows of
/// their own (many to many), with the columns filters need beside it.
public final class DiplomacyStore: ServiceStore {
    public static let name = "diplomacy"
    public let database: any StoreDatabase

    public init(database: any StoreDatabase) {
        self.database = database
    }

    public static var migrator: StoreMigrator {
        var migrator = StoreMigrator()
        migrator.register("v1-diplomacy") { db in
            try db.executeDDL(
                """
                CREATE TABLE events (
                    seq SEQ,
                    id TEXT NOT NULL UNIQUE,
                    version INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    start_first_day TEXT,   -- the earliest day the start date can mean; NULL when undated
                    start_last_day TEXT,
                    top_sales_level TEXT,   -- NULL when the event is not top sales
                    body BLOB NOT NULL
                );
                CREATE INDEX events_on_kind ON events(kind);
                CREATE INDEX events_on_start_first_day ON events(start_first_day);
                CREATE INDEX events_on_top_sales_level ON events(top_sales_level);
                CREATE TABLE event_countries (
                    event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
                    country TEXT NOT NULL,
                    PRIMARY KEY (event_seq, country)
                );
                CREATE INDEX event_countries_on_country ON event_countries(country);
                CREATE TABLE event_cases (
                    event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
                    case_id TEXT NOT NULL,
                    relation TEXT NOT NULL,
                    body BLOB NOT NULL,
                    PRIMARY KEY (event_seq, case_id, relation)
                );
                CREATE INDEX event_cases_on_case_id ON event_cases(case_id)
                """)
            try ServiceDatabase.createHistoryTable(db, "event_history", owner: "events")
            try ServiceDatabase.createIdempotencyTable(db)
        }
        AuditLog.registerMigration(&migrator)
        // CountTopSales reads these, kept in the transaction of every event write.
        migrator.register("v2-top-sales-totals") { db in
            try db.executeDDL(
                """
                CREATE TABLE top_sales_totals (
                    year INTEGER NOT NULL,   -- 0: the undated events
                    level TEXT NOT NULL,     -- empty in a country row
                    country TEXT NOT NULL,   -- empty in a level row
                    events INTEGER NOT NULL,
                    PRIMARY KEY (year, level, country)
                )
                """)
            var after: Int64 = 0
            while true {
                let rows = try db.fetchAll(
                    sql: "SELECT seq, body FROM events WHERE top_sales_level IS NOT NULL AND seq > ? ORDER BY seq LIMIT 1000", arguments: [after])
                guard let last = rows.last else { break }
                for row in rows { try Self.count(db, from: nil, to: try ServiceDatabase.decode(Event.self, row["body"])) }
                after = try last["seq"]
            }
        }
        // Links keep the order they were made in (SQLite's rowid did before; PostgreSQL has none).
        migrator.register("v3-event-case-position") { db in
            try db.executeDDL("ALTER TABLE event_cases ADD COLUMN position INTEGER NOT NULL DEFAULT 0")
            if db.dialect == .sqlite { try db.execute(sql: "UPDATE event_cases SET position = rowid") }
        }
        AttributionIndex.registerMigration(&migrator)
        return migrator
    }

    // MARK: Writing

    /// Stores a new, validated event with its first case links; assigns its id unless it has
    /// one (seed data).
    public func create(
        _ event: Event, by caller: Caller, idempotencyKey: String? = nil, requestDigest: [UInt8] = [], now: Date = Date()
    ) async throws -> Event {
        try await database.write { db in
            try ServiceDatabase.idempotent(db, key: idempotencyKey, digest: requestDigest, now: now, existing: { try Self.fetch(db, id: $0).1 }) {
                var stored = event.created(by: caller.agency, at: now)
                if stored.id.isEmpty { stored.id = try ServiceDatabase.newID(db, prefix: EventID.prefix, table: "events") }
                let links = stored.caseLinks
                stored.caseLinks = []
                let seq = try db.fetchValue(
                    Int64.self,
                    sql: """
                        INSERT INTO events (id, version, kind, start_first_day, start_last_day, top_sales_level, body)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq
                        """,
                    arguments: SQLArguments([stored.id, 1 as Int64] + Self.columns(stored)))!
                try Self.insertCountries(db, seq: seq, stored.countries)
                try Self.count(db, from: nil, to: stored)
                try AttributionIndex.eventChanged(db, seq: seq, from: nil, to: stored)
                for link in links { try Self.insertLink(db, seq: seq, link, by: caller.agency, now: now) }
                try ServiceDatabase.appendHistory(
                    db, "event_history", ownerSeq: seq, recordID: stored.id,
                    RecordChange(version: 1, at: now, by: caller.agency, kind: "CREATED", summary: "created with \(links.count) case links"), caller: caller)
                return (stored.id, try Self.fetch(db, id: stored.id).1)
            }
        }
    }

    /// Replaces the editable fields of an event written against `expectedVersion`.
    /// `permit` sees the stored event inside the transaction and throws to refuse the change.
    public func update(
        _ event: Event, expectedVersion: UInt64, by caller: Caller, permit: @escaping @Sendable (Event) throws -> Void = { _ in },
        now: Date = Date()
    ) async throws -> Event {
        try await database.write { db in
            let (seq, current) = try Self.fetch(db, id: event.id)
            try permit(current)
            try StoreError.checkVersion(current.version, expected: expectedVersion, of: "event \(event.id)")
            var updated = event.replacing(current, by: caller.agency, at: now)
            updated.caseLinks = []
            var before = current
            before.caseLinks = []
            let changed = Self.changedFields(from: before, to: updated)
            guard !changed.isEmpty else { return current }
            try db.execute(
                sql: "UPDATE events SET version = ?, kind = ?, start_first_day = ?, start_last_day = ?, top_sales_level = ?, body = ? WHERE seq = ?",
                arguments: SQLArguments([Int64(updated.version)] + Self.columns(updated) + [seq]))
            try db.execute(sql: "DELETE FROM event_countries WHERE event_seq = ?", arguments: [seq])
            try Self.insertCountries(db, seq: seq, updated.countries)
            try Self.count(db, from: current, to: updated)
            try AttributionIndex.eventChanged(db, seq: seq, from: current, to: updated)
            try ServiceDatabase.appendHistory(
                db, "event_history", ownerSeq: seq, recordID: event.id,
                RecordChange(version: updated.version, at: now, by: caller.agency, kind: "UPDATED", changedFields: changed, summary: "updated \(changed.joined(separator: ", "))"), caller: caller)
            return try Self.fetch(db, id: event.id).1
        }
    }

    /// Links a case (already checked with the cases service); linking it again with the same
    /// relation changes nothing.
    public func link(
        eventID: String, _ link: CaseLink, expectedVersion: UInt64, by caller: Caller,
        permit: @escaping @Sendable (Event) throws -> Void = { _ in }, now: Date = Date()
    ) async throws -> Event {
        try await database.write { db in
            let (seq, current) = try Self.fetch(db, id: eventID)
            try permit(current)
            if expectedVersion != 0 { try StoreError.checkVersion(current.version, expected: expectedVersion, of: "event \(eventID)") }
            if current.caseLinks.contains(where: { $0.caseID == link.caseID && $0.relation == link.relation }) { return current }
            guard current.caseLinks.count < Event.Limits.caseLinks else {
                throw KWPError(
                    .failedPrecondition, "event \(eventID) has \(Event.Limits.caseLinks) case links, the most one may have",
                    reason: TopSalesServiceAPI.Reason.tooManyLinks)
            }
            try Self.insertLink(db, seq: seq, link, by: caller.agency, now: now)
            try Self.bump(db, seq: seq, current, by: caller, now: now, kind: "CASE_LINKED", summary: "\(link.caseID) \(link.relation?.rawValue ?? "")")
            return try Self.fetch(db, id: eventID).1
        }
    }

    /// Removes a case's link (one relation, or all of them); LINK_NOT_FOUND when there is none.
    public func unlink(
        eventID: String, caseID: String, relation: CaseRelation?, expectedVersion: UInt64, by caller: Caller,
        permit: @escaping @Sendable (Event) throws -> Void = { _ in }, now: Date = Date()
    ) async throws -> Event {
        try await database.write { db in
            let (seq, current) = try Self.fetch(db, id: eventID)
            try permit(current)
            if expectedVersion != 0 { try StoreError.checkVersion(current.version, expected: expectedVersion, of: "event \(eventID)") }
            var sql = "DELETE FROM event_cases WHERE event_seq = ? AND case_id = ?"
            var arguments: SQLArguments = [seq, caseID]
            if let relation {
                sql += " AND relation = ?"
                arguments += [relation.rawValue]
            }
            guard try db.execute(sql: sql, arguments: arguments) > 0 else {
                throw KWPError(
                    .notFound, "event \(eventID) has no link to \(caseID)" + (relation.map { " as \($0.rawValue)" } ?? ""),
                    reason: TopSalesServiceAPI.Reason.linkNotFound)
            }
            try Self.bump(db, seq: seq, current, by: caller, now: now, kind: "CASE_UNLINKED", summary: "\(caseID) \(relation?.rawValue ?? "every relation")")
            return try Self.fetch(db, id: eventID).1
        }
    }

    /// Loads every seed event that is not stored yet; returns how many it added.
    public func seed(_ events: [Event], now: Date = Date()) async throws -> Int {
        try await database.createMissing(events, exists: "SELECT 1 FROM events WHERE id = ?", key: { [$0.id] }) { event in
            _ = try await create(event, by: .seed, now: now)
        }
    }

    // MARK: Reading

    public func event(id: String) async throws -> Event {
        try await database.read { db in try Self.fetch(db, id: id).1 }
    }

    public func history(id: String) async throws -> [RecordChange] {
        try await database.read { db in
            let (seq, _) = try Self.fetch(db, id: id)
            return try ServiceDatabase.history(db, "event_history", ownerSeq: seq)
        }
    }

    /// One page of the events matching `filter` in insertion order after `afterSeq`, and the
    /// number matching in all.
    public func list(filter: EventFilter, afterSeq: Int64, limit: Int) async throws -> (events: [Event], nextSeq: Int64?, total: UInt64) {
        try await database.read { db in
            let (condition, arguments) = Self.whereClause(filter)
            let page = try db.page("events", as: "e", where: condition, arguments: arguments, afterSeq: afterSeq, limit: limit)
            let events = try page.rows.map { try Self.withLinks(db, seq: $0["seq"], try ServiceDatabase.decode(Event.self, $0["body"])) }
            return (events, page.nextSeq, page.total)
        }
    }

    /// Every event linked to `caseID`, earliest first (undated last).
    public func events(forCase caseID: String) async throws -> [Event] {
        try await database.read { db in
            try db.fetchAll(sql: "SELECT seq, body FROM events WHERE seq IN (SELECT event_seq FROM event_cases WHERE case_id = ?) ORDER BY start_first_day IS NULL, start_first_day, seq",
                arguments: [caseID]
            ).map { try Self.withLinks(db, seq: $0["seq"], try ServiceDatabase.decode(Event.self, $0["body"])) }
        }
    }

    /// CountTopSales from the kept totals: a row per year and level or country, however many events.
    public func topSalesTally(years: ClosedRange<Int>) async throws -> TopSalesTally {
        try await database.read { db in
            var levels: [Int: [Level: UInt32]] = [:]
            var countries: [Int: [String: UInt32]] = [:]
            var undated: UInt32 = 0
            for row in try db.fetchAll(sql: "SELECT year, level, country, events FROM top_sales_totals") {
                let year: Int = try row["year"]
                let events = UInt32(clamping: try row["events"] as Int)
                if year == 0 {
                    undated += events
                } else if let level = Level(rawValue: try row["level"]) {
                    levels[year, default: [:]][level] = events
                } else {
                    countries[year, default: [:]][try row["country"] as String] = events
                }
            }
            return TopSalesTally.assemble(levels: levels, countries: countries, undated: undated, years: years)
        }
    }

    static let topSalesTotals = KeptTotals(table: "top_sales_totals", keyColumns: ["year", "level", "country"], countColumn: "events")

    /// Moves the top-sales totals from `old` (nil: a new event) to `new`.
    static func count(_ db: any SQLExecutor, from old: Event?, to new: Event) throws {
        let before = old.map(TopSalesTally.contribution(of:)) ?? [:]
        let after = TopSalesTally.contribution(of: new)
        guard before != after else { return }
        let changes = before.map { ($0.key, -Int($0.value)) } + after.map { ($0.key, Int($0.value)) }
        try topSalesTotals.apply(
            db, changes.map { key, count in KeptTotals.Change(key: [key.year, key.level?.rawValue ?? "", key.country], count: count) })
    }

    /// Attribution from the kept counts (`AttributionIndex`): the first `limit` pairs and the
    /// number in all. The copy of the won cases is as current as the last `applyCaseChanges`.
    public func attributions(
        years: ClosedRange<Int>, months: Int, limit: Int, after: AttributionCursor? = nil
    ) async throws -> (listed: [Attribution], total: Int, next: AttributionCursor?) {
        try await database.read { db in try AttributionIndex.attributions(db, years: years, months: months, limit: limit, after: after) }
    }

    /// The position in the cases service's change feed up to which the won cases are copied.
    public func caseFeedPosition() async throws -> UInt64 {
        try await database.read { db in try AttributionIndex.feedPosition(db) }
    }

    /// Applies a page of the cases' change feed read after `after` (see
    /// `AttributionIndex.applyCaseChanges`); returns the position the copy is current to.
    public func applyCaseChanges(_ cases: [ExportCase], after: UInt64, to position: UInt64) async throws -> UInt64 {
        try await database.write { db in try AttributionIndex.applyCaseChanges(db, cases, after: after, to: position) }
    }

    /// Every top-sales event (with its links), to recount what is kept.
    public func topSalesEvents() async throws -> [Event] {
        try await database.read { db in
            // Two queries, not one per event: the links of every top-sales event, grouped here.
            var links: [Int64: [CaseLink]] = [:]
            for row in try db.fetchAll(
                sql: """
                    SELECT l.event_seq, l.body FROM event_cases l JOIN events e ON e.seq = l.event_seq
                    WHERE e.top_sales_level IS NOT NULL ORDER BY l.event_seq, l.position
                    """)
            {
                links[try row["event_seq"], default: []].append(try ServiceDatabase.decode(CaseLink.self, row["body"]))
            }
            return try db.fetchAll(sql: "SELECT seq, body FROM events WHERE top_sales_level IS NOT NULL ORDER BY seq").map { row in
                var event = try ServiceDatabase.decode(Event.self, row["body"])
                event.caseLinks = links[try row["seq"]] ?? []
                return event
            }
        }
    }

    // MARK: Rows

    /// kind, start_first_day, start_last_day, top_sales_level, body.
    static func columns(_ event: Event) throws -> [(any SQLValueConvertible)?] {
        let start = PartialDate(event.startDate)
        return [
            event.kind?.rawValue ?? "", start.map { Self.firstDay($0) }, start.map { $0.lastDay.description }, event.topSalesLevel?.rawValue,
            try ServiceDatabase.encode(event),
        ]
    }

    static func firstDay(_ date: PartialDate) -> String {
        String(format: "%04d-%02d-%02d", date.year, date.month ?? 1, date.day ?? 1)
    }

    static func whereClause(_ filter: EventFilter) -> (String, SQLArguments) {
        var clauses = ["1 = 1"]
        var arguments: SQLArguments = []
        func any(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            clauses.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
            arguments += SQLArguments(values)
        }
        any("e.kind", filter.kinds.map(\.rawValue))
        any("e.top_sales_level", filter.levels.map(\.rawValue))
        if !filter.countries.isEmpty {
            clauses.append(
                "EXISTS (SELECT 1 FROM event_countries c WHERE c.event_seq = e.seq AND c.country IN (\(filter.countries.map { _ in "?" }.joined(separator: ","))))")
            arguments += SQLArguments(filter.countries)
        }
        if let from = PartialDate(filter.dateFrom) {
            clauses.append("e.start_last_day >= ?")
            arguments += [firstDay(from)]
        }
        if let to = PartialDate(filter.dateTo) {
            clauses.append("e.start_first_day <= ?")
            arguments += [to.lastDay.description]
        }
        if !filter.caseID.isEmpty {
            clauses.append("EXISTS (SELECT 1 FROM event_cases l WHERE l.event_seq = e.seq AND l.case_id = ?)")
            arguments += [filter.caseID]
        }
        if filter.topSalesOnly { clauses.append("e.top_sales_level IS NOT NULL") }
        return (clauses.joined(separator: " AND "), arguments)
    }

    static func insertCountries(_ db: any SQLExecutor, seq: Int64, _ countries: [String]) throws {
        for country in countries {
            try db.execute(sql: "INSERT INTO event_countries (event_seq, country) VALUES (?, ?)", arguments: [seq, country])
        }
    }

    static func insertLink(_ db: any SQLExecutor, seq: Int64, _ link: CaseLink, by caller: String, now: Date) throws {
        var stored = link
        stored.linkedAt = now
        stored.linkedBy = caller
        try db.execute(
            sql: """
                INSERT INTO event_cases (event_seq, case_id, relation, body, position)
                VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM event_cases WHERE event_seq = ?))
                ON CONFLICT DO NOTHING
                """,
            arguments: [seq, link.caseID, link.relation?.rawValue ?? "", try ServiceDatabase.encode(stored), seq])
    }

    /// A new version for a change to the event's links.
    static func bump(_ db: any SQLExecutor, seq: Int64, _ current: Event, by caller: Caller, now: Date, kind: String, summary: String) throws {
        var updated = current.changed(by: caller.agency, at: now)
        updated.caseLinks = []
        try db.execute(
            sql: "UPDATE events SET version = ?, body = ? WHERE seq = ?",
            arguments: [Int64(updated.version), try ServiceDatabase.encode(updated), seq])
        try ServiceDatabase.appendHistory(
            db, "event_history", ownerSeq: seq, recordID: current.id,
            RecordChange(version: updated.version, at: now, by: caller.agency, kind: kind, changedFields: ["case_links"], summary: summary), caller: caller)
    }

    static func fetch(_ db: any SQLExecutor, id: String) throws -> (Int64, Event) {
        guard let row = try db.fetchOne(sql: "SELECT seq, body FROM events WHERE id = ?", arguments: [id]) else {
            throw KWPError(.notFound, "no event \(id.debugDescription)", reason: TopSalesServiceAPI.Reason.eventNotFound)
        }
        let seq: Int64 = try row["seq"]
        return (seq, try withLinks(db, seq: seq, try ServiceDatabase.decode(Event.self, row["body"])))
    }

    static func withLinks(_ db: any SQLExecutor, seq: Int64, _ event: Event) throws -> Event {
        var event = event
        event.caseLinks = try db.fetchAll(sql: "SELECT body FROM event_cases WHERE event_seq = ? ORDER BY position", arguments: [seq]
        ).map { try ServiceDatabase.decode(CaseLink.self, $0["body"]) }
        return event
    }

    static func changedFields(from old: Event, to new: Event) -> [String] {
        var changed: [String] = []
        func compare<T: Equatable>(_ name: String, _ keyPath: KeyPath<Event, T>) {
            if old[keyPath: keyPath] != new[keyPath: keyPath] { changed.append(name) }
        }
        compare("kind", \.kind)
        compare("start_date", \.startDate)
        compare("end_date", \.endDate)
        compare("countries", \.countries)
        compare("city", \.city)
        compare("title", \.title)
        compare("participants", \.participants)
        compare("counterparts", \.counterparts)
        compare("outcomes", \.outcomes)
        compare("source", \.source)
        compare("notes", \.notes)
        return changed
    }
}
