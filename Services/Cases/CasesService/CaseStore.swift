import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoWire
import NIOCore

/// The case register, on SQLite or PostgreSQL. Each mutation, its history row, its audit entry
/// and the kept totals commit in one transaction; a rejected request writes nothing.
///
/// A case is stored whole as its protobuf encoding (`body`), with the columns that listings
/// filter on copied beside it.
public final class CaseStore: ServiceStore {
    public static let name = "cases"
    public let database: any StoreDatabase

    public init(database: any StoreDatabase) {
        self.database = database
    }

    public static var migrator: StoreMigrator {
        var migrator = StoreMigrator()
        migrator.register("v1-cases") { db in
            try db.executeDDL(
                """
                CREATE TABLE cases (
                    seq SEQ,
                    id TEXT NOT NULL UNIQUE,
                    version INTEGER NOT NULL,
                    field TEXT NOT NULL,
                    subsector TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    contract_year INTEGER,
                    order_year INTEGER,
                    title_ja TEXT NOT NULL,
                    title_en TEXT NOT NULL,
                    party_names TEXT NOT NULL,
                    counts_toward_kpi INTEGER NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE INDEX cases_on_field ON cases(field);
                CREATE INDEX cases_on_subsector ON cases(subsector);
                CREATE INDEX cases_on_stage ON cases(stage);
                CREATE INDEX cases_on_contract_year ON cases(contract_year);
                CREATE TABLE case_countries (
                    case_seq INTEGER NOT NULL REFERENCES cases(seq) ON DELETE CASCADE,
                    country TEXT NOT NULL,
                    region TEXT NOT NULL,
                    PRIMARY KEY (case_seq, country)
                );
                CREATE INDEX case_countries_on_country ON case_countries(country);
                CREATE INDEX case_countries_on_region ON case_countries(region);
                CREATE TABLE case_history (
                    case_seq INTEGER NOT NULL REFERENCES cases(seq) ON DELETE CASCADE,
                    version INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    by TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    changed_fields TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    PRIMARY KEY (case_seq, version)
                )
                """)
            try ServiceDatabase.createIdempotencyTable(db, resultColumn: "case_id")
        }
        AuditLog.registerMigration(&migrator)
        migrator.register("v2-totals") { db in
            try CaseTotals.createTables(db)
            try CaseTotals.rebuild(db)
        }
        // The change feed (ListCaseChanges): each case's position in the order of the last changes.
        migrator.register("v3-change-feed") { db in
            try db.executeDDL(
                """
                ALTER TABLE cases ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
                UPDATE cases SET changed = seq;
                CREATE UNIQUE INDEX cases_on_changed ON cases(changed)
                """)
        }
        // Cases counted by subsector, country and region too, for ListCases' `total_size`.
        migrator.register("v4-more-counts") { db in try CaseTotals.rebuild(db) }
        // The history and idempotency keys in the columns every store's have (`ServiceDatabase`).
        migrator.register("v5-shared-history") { db in
            try db.executeDDL(
                """
                ALTER TABLE case_history RENAME COLUMN case_seq TO owner_seq;
                ALTER TABLE idempotency_keys RENAME COLUMN case_id TO result_id
                """)
        }
        return migrator
    }

    // MARK: Writing

    /// Stores a new, validated case; assigns its id unless it has one (seed data). With an
    /// idempotency key seen before for the same request, returns the case created then.
    public func create(
        _ record: ExportCase, by caller: Caller, idempotencyKey: String?, requestDigest: [UInt8], now: Date = Date()
    ) async throws -> ExportCase {
        try await database.write { db in
            try ServiceDatabase.idempotent(db, key: idempotencyKey, digest: requestDigest, now: now, existing: { try Self.fetch(db, id: $0) }) {
                var stored = record.created(by: caller.agency, at: now)
                let stage = stored.stage ?? .formation
                stored.stage = stage
                stored.stageHistory = [StageChange(stage: stage, date: stored.stageDate, recordedAt: now, recordedBy: caller.agency)]
                stored.stageDate = ""
                let (seq, written) = try Self.insert(db, stored)
                try Self.appendHistory(
                    db, seq: seq, caseID: written.id,
                    CaseChange(version: 1, at: now, by: caller.agency, kind: .created, changedFields: [], summary: "created at \(stage.rawValue)"),
                    caller: caller)
                return (written.id, written)
            }
        }
    }

    /// Replaces the editable fields of a case written against `expectedVersion`.
    public func update(_ record: ExportCase, expectedVersion: UInt64, by caller: Caller, now: Date = Date()) async throws -> ExportCase {
        try await database.write { db in
            let (seq, current) = try Self.fetchWithSeq(db, id: record.id)
            try StoreError.checkVersion(current.version, expected: expectedVersion, of: "case \(record.id)")
            var updated = record.replacing(current, by: caller.agency, at: now)
            updated.stage = current.stage
            updated.stageHistory = current.stageHistory
            updated.stageDate = ""
            let changed = CaseDiff.changedFields(from: current, to: updated)
            guard !changed.isEmpty else { return current }
            let written = try Self.replace(db, seq: seq, from: current, updated)
            try Self.appendHistory(
                db, seq: seq, caseID: record.id,
                CaseChange(version: updated.version, at: now, by: caller.agency, kind: .updated, changedFields: changed, summary: "updated \(changed.joined(separator: ", "))"),
                caller: caller)
            return written
        }
    }

    /// Moves a case to `stage` if the stage machine allows it.
    public func advance(
        id: String, to stage: CaseStage, date: String, note: String, expectedVersion: UInt64, by caller: Caller, now: Date = Date()
    ) async throws -> ExportCase {
        try await database.write { db in
            var (seq, current) = try Self.fetchWithSeq(db, id: id)
            if expectedVersion != 0 { try StoreError.checkVersion(current.version, expected: expectedVersion, of: "case \(id)") }
            let from = current.stage ?? .formation
            let resume = CaseStageMachine.resumeStage(history: current.stageHistory.map(\.stage))
            guard CaseStageMachine.canAdvance(from: from, to: stage, resumeStage: resume) else {
                let allowed = CaseStageMachine.allowedNext(from: from, resumeStage: resume).map(\.rawValue)
                throw KWPError(
                    .failedPrecondition,
                    "a case at \(from.rawValue) cannot move to \(stage.rawValue)"
                        + (allowed.isEmpty ? "; \(from.rawValue) is final" : "; allowed: \(allowed.joined(separator: ", "))"),
                    reason: CaseServiceAPI.Reason.illegalTransition)
            }
            if let newDate = PartialDate(date), let last = current.stageHistory.last.flatMap({ PartialDate($0.date) }),
                last.isSurelyAfter(newDate)
            {
                throw KWPError(invalid: [Violation("date", "\(newDate) is before the previous stage change (\(last))")])
            }
            let previous = current
            current = current.changed(by: caller.agency, at: now)
            current.stage = stage
            current.stageHistory.append(StageChange(stage: stage, date: date, note: note, recordedAt: now, recordedBy: caller.agency))
            let written = try Self.replace(db, seq: seq, from: previous, current)
            try Self.appendHistory(
                db, seq: seq, caseID: id,
                CaseChange(version: current.version, at: now, by: caller.agency, kind: .stageChanged, changedFields: ["stage"], summary: "\(from.rawValue) → \(stage.rawValue)"),
                caller: caller)
            return written
        }
    }

    /// Loads every seed case that is not stored yet; returns how many it added.
    public func seed(_ records: [ExportCase], now: Date = Date()) async throws -> Int {
        try await database.createMissing(records, exists: "SELECT 1 FROM cases WHERE id = ?", key: { [$0.id] }) { record in
            _ = try await create(record, by: .seed, idempotencyKey: nil, requestDigest: [], now: now)
        }
    }

    // MARK: Reading

    public func get(id: String) async throws -> ExportCase {
        try await database.read { db in try Self.fetch(db, id: id) }
    }

    public func history(id: String) async throws -> [CaseChange] {
        try await database.read { db in
            let (seq, _) = try Self.fetchWithSeq(db, id: id)
            return try ServiceDatabase.history(db, "case_history", ownerSeq: seq).map { change in
                CaseChange(
                    version: change.version, at: change.at, by: change.by, kind: CaseChange.Kind(rawValue: change.kind) ?? .updated,
                    changedFields: change.changedFields, summary: change.summary)
            }
        }
    }

    /// One page of the cases matching `filter`, in insertion order after `afterSeq`; also
    /// the number matching in all. `nextSeq` is nil on the last page.
    public func list(
        filter: CaseFilter, afterSeq: Int64, limit: Int, countTotal: Bool = true
    ) async throws -> (cases: [ExportCase], nextSeq: Int64?, total: UInt64) {
        try await database.read { db in
            let (condition, arguments) = CaseQuery.whereClause(filter, dialect: db.dialect)
            let known = countTotal ? try CaseTotals.count(db, filter: filter) : 0
            let page = try db.page("cases", as: "c", where: condition, arguments: arguments, afterSeq: afterSeq, limit: limit, total: known)
            return (try page.rows.map { try Self.decode($0["body"]) }, page.nextSeq, page.total)
        }
    }

    /// The cases changed after position `after`, each once as it is now, in the order of their
    /// last change, and the position of the last one. Writes follow one another (SQLite's one
    /// writer, PostgreSQL's advisory lock), so positions are given in commit order and a change
    /// never appears behind one already read.
    public func changes(after: UInt64, limit: Int) async throws -> (cases: [ExportCase], position: UInt64, more: Bool) {
        try await database.read { db in
            let rows = try db.fetchAll(
                sql: "SELECT changed, body FROM cases WHERE changed > ? ORDER BY changed LIMIT ?",
                arguments: [Int64(clamping: after), Int64(limit + 1)])
            let page = rows.prefix(limit)
            return (
                try page.map { try Self.decode($0["body"]) }, try page.last.map { UInt64(try $0["changed"] as Int64) } ?? after,
                rows.count > limit
            )
        }
    }

    /// SummarizeOrders, from the totals kept with every write.
    public func orderSummary(yearFrom: UInt32, yearTo: UInt32) async throws -> (byYearField: [OrderTotal], byCountry: [OrderTotal], withoutValue: UInt32) {
        try await database.read { db in try CaseTotals.summary(db, yearFrom: yearFrom, yearTo: yearTo) }
    }

    /// The kept totals beside the same figures computed another way, from every case (the
    /// won KPI cases summed by `OrderSummary`, the cases grouped by SQL): equal unless a write
    /// bypassed them.
    public func checkTotals() async throws -> (kept: String, recomputed: String) {
        let won = try await wonKPICases()
        return try await database.read { db in
            func counts(_ sql: String) throws -> [String] {
                try db.fetchAll(sql: sql).map { "\(try $0[0] as String) \(try $0[1] as String) \(try $0[2] as Int)" }
            }
            let keptSummary = try CaseTotals.summary(db, yearFrom: 0, yearTo: 0)
            let kept = try counts("SELECT dimension, value, cases FROM case_counts ORDER BY dimension, value")
            let summary = OrderSummary.summarize(won, yearFrom: 0, yearTo: 0)
            let recomputed = try counts(
                """
                SELECT 'ALL', '', COUNT(*) FROM cases HAVING COUNT(*) > 0
                UNION ALL SELECT 'FIELD', field, COUNT(*) FROM cases GROUP BY field
                UNION ALL SELECT 'STAGE', stage, COUNT(*) FROM cases GROUP BY stage
                UNION ALL SELECT 'SUBSECTOR', subsector, COUNT(*) FROM cases GROUP BY subsector
                UNION ALL SELECT 'COUNTRY', country, COUNT(*) FROM case_countries GROUP BY country
                UNION ALL SELECT 'REGION', region, COUNT(DISTINCT case_seq) FROM case_countries GROUP BY region
                ORDER BY 1, 2
                """)
            return (
                "\(keptSummary.byYearField)\n\(keptSummary.byCountry)\n\(keptSummary.withoutValue)\n\(kept)",
                "\(summary.byYearField)\n\(summary.byCountry)\n\(summary.withoutValue)\n\(recomputed)"
            )
        }
    }

    /// The cases that count toward the KPI and have been won, with the year of the order.
    public func wonKPICases() async throws -> [(year: Int?, record: ExportCase)] {
        try await database.read { db in
            let won = CaseStage.mainPath.filter(\.isWon).map(\.rawValue) + [CaseStage.suspended.rawValue]
            return try db.fetchAll(sql: "SELECT order_year, body FROM cases WHERE counts_toward_kpi = 1 AND stage IN (\(won.map { "'\($0)'" }.joined(separator: ",")))"
            ).compactMap { row in
                let record = try Self.decode(row["body"])
                guard record.stage != .suspended || CaseStageMachine.resumeStage(history: record.stageHistory.map(\.stage))?.isWon == true
                else { return nil }
                return (try row["order_year"], record)
            }
        }
    }

    public func count() async throws -> Int {
        try await database.read { db in try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM cases") ?? 0 }
    }

    // MARK: Rows

    static func fetch(_ db: any SQLExecutor, id: String) throws -> ExportCase {
        try fetchWithSeq(db, id: id).1
    }

    static func fetchWithSeq(_ db: any SQLExecutor, id: String) throws -> (Int64, ExportCase) {
        guard let row = try db.fetchOne(sql: "SELECT seq, body FROM cases WHERE id = ?", arguments: [id]) else {
            throw KWPError(.notFound, "no case \(id.debugDescription)", reason: CaseServiceAPI.Reason.caseNotFound)
        }
        return (try row["seq"], try decode(row["body"]))
    }

    static func decode(_ body: Data) throws -> ExportCase {
        try ServiceDatabase.decode(ExportCase.self, body)
    }

    /// The row's columns, and the case as it reads back from its stored body (timestamps at
    /// the precision they are stored with), which is what callers are given.
    static func columns(_ record: ExportCase) throws -> (values: [String: (any SQLValueConvertible)?], stored: ExportCase) {
        var body = ByteBuffer()
        try ProtobufCCodec.encode(record, into: &body)
        let stored = try ProtobufCCodec.decode(ExportCase.self, from: body)
        let names = record.parties.flatMap { [$0.name.ja, $0.name.en] }.filter { !$0.isEmpty }
        return ([
            "id": record.id, "version": Int64(record.version), "field": record.field?.rawValue ?? "",
            "subsector": record.subsector, "stage": (record.stage ?? .formation).rawValue,
            "contract_year": PartialDate(record.keyDates.contractSignature)?.year,
            "order_year": CaseQuery.orderYear(record),
            "title_ja": record.title.ja, "title_en": record.title.en, "party_names": names.joined(separator: "\n"),
            "counts_toward_kpi": record.countsTowardKPI, "body": Data(body.readableBytesView),
        ], stored)
    }

    /// The next position in the change feed, as an SQL expression for the `changed` column.
    static let nextChange = "(SELECT COALESCE(MAX(changed), 0) + 1 FROM cases)"

    /// Inserts `record`, under a new id when it has none (one statement: an id in use is
    /// drawn again).
    static func insert(_ db: any SQLExecutor, _ record: ExportCase) throws -> (Int64, ExportCase) {
        while true {
            var drawn = record
            if record.id.isEmpty { drawn.id = RecordID.random(prefix: "case-") }
            let (values, stored) = try columns(drawn)
            let names = values.keys.sorted()
            let inserted = try db.fetchValue(
                Int64.self,
                sql: """
                    INSERT INTO cases (\(names.joined(separator: ", ")), changed)
                    VALUES (\(names.map { _ in "?" }.joined(separator: ", ")), \(nextChange))
                    \(record.id.isEmpty ? "ON CONFLICT (id) DO NOTHING" : "") RETURNING seq
                    """,
                arguments: SQLArguments(names.map { values[$0]! }))
            guard let seq = inserted else { continue }
            try insertCountries(db, seq: seq, record)
            try CaseTotals.apply(db, from: nil, to: stored)
            return (seq, stored)
        }
    }

    @discardableResult
    static func replace(_ db: any SQLExecutor, seq: Int64, from previous: ExportCase, _ record: ExportCase) throws -> ExportCase {
        let (values, stored) = try columns(record)
        let names = values.keys.sorted()
        try db.execute(
            sql: "UPDATE cases SET \(names.map { "\($0) = ?" }.joined(separator: ", ")), changed = \(nextChange) WHERE seq = ?",
            arguments: SQLArguments(names.map { values[$0]! } + [seq]))
        try db.execute(sql: "DELETE FROM case_countries WHERE case_seq = ?", arguments: [seq])
        try insertCountries(db, seq: seq, record)
        try CaseTotals.apply(db, from: previous, to: stored)
        return stored
    }

    static func insertCountries(_ db: any SQLExecutor, seq: Int64, _ record: ExportCase) throws {
        for share in record.countries {
            try db.executeLater(
                sql: "INSERT INTO case_countries (case_seq, country, region) VALUES (?, ?, ?)",
                arguments: [seq, share.country, Region.of(share.country).rawValue])
        }
    }

    /// Appends to the case's history and, in the same transaction, to the audit log.
    static func appendHistory(_ db: any SQLExecutor, seq: Int64, caseID: String, _ change: CaseChange, caller: Caller) throws {
        try ServiceDatabase.appendHistory(
            db, "case_history", ownerSeq: seq, recordID: caseID,
            RecordChange(
                version: change.version, at: change.at, by: change.by, kind: change.kind.rawValue, changedFields: change.changedFields,
                summary: change.summary),
            caller: caller)
    }
}
