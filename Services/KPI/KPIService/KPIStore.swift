import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoWire

/// Indicators, targets and official figures, on SQLite or PostgreSQL. Figures are never changed or
/// erased: a revision is a new figure that names the one it supersedes.
public final class KPIStore: ServiceStore {
    public static let name = "kpi"
    public let database: any StoreDatabase

    public init(database: any StoreDatabase) {
        self.database = database
    }

    public static var migrator: StoreMigrator {
        var migrator = StoreMigrator()
        migrator.register("v1-kpi") { db in
            try db.executeDDL(
                """
                CREATE TABLE indicators (code TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, body BLOB NOT NULL);
                CREATE TABLE targets (
                    seq SEQ,
                    indicator TEXT NOT NULL REFERENCES indicators(code),
                    target_year INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    UNIQUE (indicator, target_year)
                );
                CREATE INDEX targets_on_indicator ON targets(indicator);
                CREATE TABLE actuals (
                    seq SEQ,
                    id TEXT NOT NULL UNIQUE,
                    indicator TEXT NOT NULL REFERENCES indicators(code),
                    year INTEGER NOT NULL,
                    series TEXT NOT NULL,
                    supersedes TEXT UNIQUE, -- a figure is revised at most once
                    body BLOB NOT NULL
                );
                CREATE INDEX actuals_on_indicator ON actuals(indicator);
                CREATE INDEX actuals_on_series ON actuals(series)
                """)
        }
        AuditLog.registerMigration(&migrator)
        // Earlier releases seeded top-sales targets (10 and 200 a year) that no document
        // publishes; the seed sets none. Targets a caller set are kept.
        migrator.register("v2-unsourced-top-sales-targets") { db in
            let rows = try db.fetchAll(sql: "SELECT seq, body FROM targets WHERE indicator IN (?, ?) AND target_year = 0",
                arguments: [SeedKPI.topSalesPrimeMinister, SeedKPI.topSalesMinisters])
            for row in rows {
                let target = try ServiceDatabase.decode(KPITarget.self, row["body"])
                guard target.recordedBy == Caller.seed.agency, target.source.hasPrefix("at least ") else { continue }
                try db.execute(sql: "DELETE FROM targets WHERE seq = ?", arguments: [row["seq"] as Int64])
                try AuditLog.append(
                    db,
                    AuditEntry(
                        at: Date(), caller: .seed, recordID: target.indicator, kind: "TARGET_REMOVED",
                        summary: "the seeded yearly target \(target.targetValue) had no published source"))
            }
        }
        migrator.register("v3-strategies") { db in
            try db.executeDDL("CREATE TABLE strategies (seq SEQ, id TEXT NOT NULL UNIQUE, body BLOB NOT NULL)")
        }
        // An indicator's figures of some years, without reading the others.
        migrator.register("v4-actuals-by-year") { db in
            try db.executeDDL("CREATE INDEX actuals_on_indicator_year ON actuals(indicator, year, seq)")
        }
        // Each figure's measure and breakdown as columns: ListActuals filters published changes
        // in SQL, and progress reads only the figures a year's total is made of.
        migrator.register("v5-actuals-shape") { db in
            try db.executeDDL(
                """
                ALTER TABLE actuals ADD COLUMN is_change INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE actuals ADD COLUMN breakdown TEXT NOT NULL DEFAULT '';
                CREATE INDEX actuals_by_shape ON actuals(indicator, year, is_change, breakdown, seq)
                """)
            var after: Int64 = 0
            while true {
                let rows = try db.fetchAll(sql: "SELECT seq, body FROM actuals WHERE seq > ? ORDER BY seq LIMIT 500", arguments: [after])
                guard let last = rows.last else { break }
                for row in rows {
                    let actual = try ServiceDatabase.decode(Actual.self, row["body"])
                    guard actual.isChange || !actual.dimensions.isEmpty else { continue }
                    try db.execute(
                        sql: "UPDATE actuals SET is_change = ?, breakdown = ? WHERE seq = ?",
                        arguments: [actual.isChange, Self.breakdown(actual), try row["seq"] as Int64])
                }
                after = try last["seq"]
            }
        }
        return migrator
    }

    // MARK: Strategies

    /// Every strategy, oldest first: a handful, so one reply holds them.
    public func strategies() async throws -> [Strategy] {
        try await database.read { db in
            try db.fetchAll(sql: "SELECT body FROM strategies ORDER BY seq LIMIT 100").map { try ServiceDatabase.decode(Strategy.self, $0["body"]) }
        }
    }

    public func strategy(id: String) async throws -> Strategy {
        try await database.read { db in
            guard let row = try db.fetchOne(sql: "SELECT body FROM strategies WHERE id = ?", arguments: [id]) else {
                throw KWPError(.notFound, "no strategy \(id.debugDescription)", reason: KPIServiceAPI.Reason.strategyNotFound)
            }
            return try ServiceDatabase.decode(Strategy.self, row["body"])
        }
    }

    /// Stores the seed's strategies that are not stored yet.
    public func seed(strategies: [Strategy], now: Date = Date()) async throws {
        try await database.write { db in
            for strategy in strategies where try !db.exists("SELECT 1 FROM strategies WHERE id = ?", [strategy.id]) {
                try db.execute(sql: "INSERT INTO strategies (id, body) VALUES (?, ?)", arguments: [strategy.id, try ServiceDatabase.encode(strategy)])
                try AuditLog.append(db, AuditEntry(at: now, caller: .seed, recordID: strategy.id, kind: "CREATED", summary: "strategy \(strategy.title.preferred)"))
            }
        }
    }

    // MARK: Indicators and targets

    /// Creates the indicator (expected version 0) or replaces it (expected version = current).
    public func define(_ indicator: Indicator, expectedVersion: UInt64, by caller: Caller, now: Date = Date()) async throws -> Indicator {
        try await database.write { db in
            let current = try Self.indicator(db, code: indicator.code, required: false)
            switch (current, expectedVersion) {
            case (nil, 0): break
            case (nil, _):
                throw KWPError(.notFound, "no indicator \(indicator.code)", reason: KPIServiceAPI.Reason.indicatorNotFound)
            case (let current?, 0):
                throw KWPError(
                    .alreadyExists, "indicator \(indicator.code) exists (version \(current.version)); give expected_version to replace it",
                    reason: KPIServiceAPI.Reason.alreadyExists)
            case (let current?, let expected) where current.version != expected:
                throw StoreError.versionMismatch(record: "indicator \(indicator.code)", current: current.version, expected: expected)
            default: break
            }
            var stored = indicator
            stored.version = (current?.version ?? 0) + 1
            stored.updatedAt = now
            stored.updatedBy = caller.agency
            let body = try ServiceDatabase.encode(stored)
            try db.execute(
                sql: "INSERT INTO indicators (code, version, body) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET version = excluded.version, body = excluded.body",
                arguments: [stored.code, Int64(stored.version), body])
            try AuditLog.append(
                db,
                AuditEntry(
                    at: now, caller: caller, recordID: stored.code, kind: current == nil ? "DEFINED" : "REDEFINED",
                    summary: "version \(stored.version)"))
            return try ServiceDatabase.decode(Indicator.self, body)
        }
    }

    /// Sets a target; one for the same indicator and target year replaces it.
    public func setTarget(_ target: KPITarget, by caller: Caller, now: Date = Date()) async throws -> KPITarget {
        try await database.write { db in
            _ = try Self.indicator(db, code: target.indicator)
            var stored = target
            stored.recordedAt = now
            stored.recordedBy = caller.agency
            let body = try ServiceDatabase.encode(stored)
            try db.execute(
                sql: "INSERT INTO targets (indicator, target_year, body) VALUES (?, ?, ?) ON CONFLICT(indicator, target_year) DO UPDATE SET body = excluded.body",
                arguments: [target.indicator, Int(target.targetYear), body])
            try AuditLog.append(
                db,
                AuditEntry(
                    at: now, caller: caller, recordID: "\(target.indicator)/\(target.targetYear)", kind: "TARGET_SET",
                    summary: "\(target.indicator) for \(target.targetYear)"))
            return try ServiceDatabase.decode(KPITarget.self, body)
        }
    }

    public func indicators() async throws -> [Indicator] {
        try await database.read { db in
            try db.fetchAll(sql: "SELECT body FROM indicators ORDER BY code").map { try ServiceDatabase.decode(Indicator.self, $0["body"]) }
        }
    }

    /// An indicator with its targets and, unless `withActuals` is false, its figures of `years`
    /// (a revision is of its figure's year, so a figure and its revisions are read together).
    public func figures(_ code: String, withActuals: Bool = true, years: ClosedRange<Int> = YearRange.all) async throws -> IndicatorFigures {
        try await database.read { db in try Self.figures(db, code: code, years: withActuals ? years : nil) }
    }

    /// What progress for `year` needs: the indicator, its targets and the figures the year's
    /// total is made of (`totalFigures`); for year 0, of the latest year with a total, found a
    /// year at a time from the last.
    public func progressFigures(_ code: String, year: UInt32) async throws -> IndicatorFigures {
        try await database.read { db in
            var figures = try Self.figures(db, code: code, years: nil)
            if year != 0 {
                figures.actuals = try Self.totalFigures(db, code: code, year: Int(year))
                return figures
            }
            var below = YearRange.all.upperBound + 1
            while let latest = try db.fetchValue(Int.self, sql: "SELECT MAX(year) FROM actuals WHERE indicator = ? AND year < ?", arguments: [code, below]) {
                figures.actuals = try Self.totalFigures(db, code: code, year: latest)
                if !figures.actuals.isEmpty { break }
                below = latest
            }
            return figures
        }
    }

    /// The current figures a year's total is made of (`IndicatorFigures.total(year:)`): its
    /// first published total not superseded, else its current figures by field; none for a year
    /// without a total. Read by the index on measure and breakdown, so however many figures
    /// the year has, the cost is that of the few the total uses.
    static func totalFigures(_ db: any SQLExecutor, code: String, year: Int) throws -> [Actual] {
        let select = """
            SELECT a.body FROM actuals a WHERE a.indicator = ? AND a.year = ? AND a.is_change = 0 AND a.breakdown = ?
            AND \(isCurrent) ORDER BY a.seq
            """
        if let total = try db.fetchOne(sql: select + " LIMIT 1", arguments: [code, year, ""]) {
            return [try ServiceDatabase.decode(Actual.self, total["body"])]
        }
        return try db.fetchAll(sql: select, arguments: [code, year, KPIDimension.field.rawValue]).map { try ServiceDatabase.decode(Actual.self, $0["body"]) }
    }

    /// The condition that figure `a` is current: no figure supersedes it (by the unique index on
    /// `supersedes`).
    static let isCurrent = "NOT EXISTS (SELECT 1 FROM actuals s WHERE s.supersedes = a.id)"

    /// A figure's breakdown column: "" for a total, the dimension of a figure by one dimension,
    /// "*" for one by several.
    static func breakdown(_ actual: Actual) -> String {
        switch actual.dimensions.count {
        case 0: ""
        case 1: actual.dimensions[0].dimension?.rawValue ?? "*"
        default: "*"
        }
    }

    /// The indicator, its targets and its figures of `years` (none for nil).
    static func figures(_ db: any SQLExecutor, code: String, years: ClosedRange<Int>?) throws -> IndicatorFigures {
        let indicator = try Self.indicator(db, code: code)!
        let targets = try db.fetchAll(sql: "SELECT body FROM targets WHERE indicator = ? ORDER BY target_year", arguments: [code])
            .map { try ServiceDatabase.decode(KPITarget.self, $0["body"]) }
        return IndicatorFigures(indicator: indicator, targets: targets, actuals: try years.map { try actuals(db, code: code, years: $0) } ?? [])
    }

    /// A page of an indicator's figures of `years`, in year order and then as recorded (the
    /// index on indicator, year and seq), each marked with the figure that supersedes it;
    /// `currentOnly` leaves out superseded ones, `includeChanges` adds published changes.
    public func actualsPage(
        _ code: String, years: ClosedRange<Int>, currentOnly: Bool, includeChanges: Bool, after: ActualCursor?, limit: Int
    ) async throws -> (actuals: [Actual], next: ActualCursor?) {
        try await database.read { db in
            _ = try Self.indicator(db, code: code)
            var sql = """
                SELECT a.seq, a.year, a.body, (SELECT s.id FROM actuals s WHERE s.supersedes = a.id) AS superseded_by
                FROM actuals a WHERE a.indicator = ? AND a.year BETWEEN ? AND ?
                """
            var arguments: SQLArguments = [code, years.lowerBound, years.upperBound]
            if let after {
                sql += " AND (a.year > ? OR (a.year = ? AND a.seq > ?))"
                arguments += [after.year, after.year, after.seq]
            }
            if currentOnly { sql += " AND \(Self.isCurrent)" }
            if !includeChanges { sql += " AND a.is_change = 0" }
            sql += " ORDER BY a.year, a.seq LIMIT ?"
            arguments += [limit + 1]
            let rows = try db.fetchAll(sql: sql, arguments: arguments)
            let actuals = try rows.prefix(limit).map { row in
                var actual = try ServiceDatabase.decode(Actual.self, row["body"])
                actual.supersededBy = try row["superseded_by"] as String? ?? ""
                return actual
            }
            let next = rows.count > limit ? ActualCursor(year: try rows[limit - 1]["year"], seq: try rows[limit - 1]["seq"]) : nil
            return (actuals, next)
        }
    }

    /// The indicator's figures of `years` (by the index on indicator and year), each marked
    /// with the figure that supersedes it.
    static func actuals(_ db: any SQLExecutor, code: String, years: ClosedRange<Int>) throws -> [Actual] {
        let actuals = try db.fetchAll(
            sql: "SELECT body FROM actuals WHERE indicator = ? AND year BETWEEN ? AND ? ORDER BY year, seq",
            arguments: [code, years.lowerBound, years.upperBound]
        ).map { try ServiceDatabase.decode(Actual.self, $0["body"]) }
        let supersededBy = Dictionary(actuals.filter { !$0.supersedes.isEmpty }.map { ($0.supersedes, $0.id) }) { first, _ in first }
        return actuals.map { actual in
            var actual = actual
            actual.supersededBy = supersededBy[actual.id] ?? ""
            return actual
        }
    }

    // MARK: Figures

    /// Records a figure. A revision names the figure it supersedes, which must be of the same
    /// indicator, year and dimensions, and not revised already.
    public func record(_ actual: Actual, by caller: Caller, now: Date = Date()) async throws -> Actual {
        try await database.write { db in
            var stored = actual
            if stored.id.isEmpty { stored.id = try ServiceDatabase.newID(db, prefix: ActualID.prefix, table: "actuals") }
            if !stored.supersedes.isEmpty {
                guard let row = try db.fetchOne(sql: "SELECT body FROM actuals WHERE id = ?", arguments: [stored.supersedes]) else {
                    throw KWPError(.failedPrecondition, "no figure \(stored.supersedes) to supersede", reason: KPIServiceAPI.Reason.actualNotFound)
                }
                let earlier = try ServiceDatabase.decode(Actual.self, row["body"])
                guard earlier.seriesKey == stored.seriesKey else {
                    throw KWPError(invalid: [Violation("actual.supersedes", "\(earlier.id) is a figure of another indicator, year or breakdown")])
                }
                if try db.exists("SELECT 1 FROM actuals WHERE supersedes = ?", [earlier.id]) {
                    throw KWPError(
                        .failedPrecondition, "\(earlier.id) was revised already: supersede its latest revision",
                        reason: KPIServiceAPI.Reason.alreadySuperseded)
                }
            }
            stored.recordedAt = now
            stored.recordedBy = caller.agency
            let body = try ServiceDatabase.encode(stored)
            try db.execute(
                sql: "INSERT INTO actuals (id, indicator, year, series, supersedes, is_change, breakdown, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    stored.id, stored.indicator, Int(stored.year), stored.seriesKey, stored.supersedes.isEmpty ? nil : stored.supersedes,
                    stored.isChange, Self.breakdown(stored), body,
                ])
            try AuditLog.append(
                db,
                AuditEntry(
                    at: now, caller: caller, recordID: stored.id, kind: stored.supersedes.isEmpty ? "RECORDED" : "REVISED",
                    summary: "\(stored.indicator) \(stored.year)" + (stored.supersedes.isEmpty ? "" : ", superseding \(stored.supersedes)")))
            return try ServiceDatabase.decode(Actual.self, body)
        }
    }

    /// Loads the seed's indicators, targets and figures that are not stored yet.
    public func seed(indicators: [Indicator], targets: [KPITarget], actuals: [Actual], now: Date = Date()) async throws -> (indicators: Int, actuals: Int) {
        var added = (indicators: 0, actuals: 0)
        let known = Set(try await self.indicators().map(\.code))
        for indicator in indicators where !known.contains(indicator.code) {
            _ = try await define(indicator, expectedVersion: 0, by: .seed, now: now)
            added.indicators += 1
        }
        _ = try await database.createMissing(
            targets, exists: "SELECT 1 FROM targets WHERE indicator = ? AND target_year = ?", key: { [$0.indicator, Int($0.targetYear)] }
        ) { _ = try await setTarget($0, by: .seed, now: now) }
        added.actuals = try await database.createMissing(actuals, exists: "SELECT 1 FROM actuals WHERE id = ?", key: { [$0.id] }) {
            _ = try await record($0, by: .seed, now: now)
        }
        return added
    }

    // MARK: Rows

    @discardableResult
    static func indicator(_ db: any SQLExecutor, code: String, required: Bool = true) throws -> Indicator? {
        guard let row = try db.fetchOne(sql: "SELECT body FROM indicators WHERE code = ?", arguments: [code]) else {
            if required { throw KWPError(.notFound, "no indicator \(code.debugDescription)", reason: KPIServiceAPI.Reason.indicatorNotFound) }
            return nil
        }
        return try ServiceDatabase.decode(Indicator.self, row["body"])
    }
}

/// Where a page of ListActuals ended: the last figure's year and insertion sequence.
public struct ActualCursor: KeysetCursor, Equatable {
    var year: Int
    var seq: Int64

    public static let parts = 2
    public var key: [String] { [String(year), String(seq)] }

    public init?(key: [String]) {
        guard key.count == Self.parts, let year = Int(key[0]), YearRange.all.contains(year), let seq = Int64(key[1]), seq >= 0 else { return nil }
        self.init(year: year, seq: seq)
    }

    init(year: Int, seq: Int64) {
        self.year = year
        self.seq = seq
    }
}
