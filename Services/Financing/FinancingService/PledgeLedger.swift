import Foundation
import KeikyoModel
import KeikyoStorage

/// Which commitments count toward which pledge, kept in the transaction of every write that can
/// change it, so that GetPledgeProgress reads a pledge's own sums (a row per value date and
/// currency) and the first page of its commitments instead of every ledger.
///
/// A pledge scoped by country or region needs the countries of the cases a financing backs;
/// the cases service owns them, so the financing service keeps what it was told in
/// `case_countries`: on every create or update of a financing, and for cases it has not asked
/// about yet (the seed, data from before this table) when a pledge that needs them is read.
/// A case not asked about yet counts in no country.
extension FinancingStore {
    static let pledgeTotals = KeptTotals(
        table: "pledge_totals", keyColumns: ["pledge_seq", "value_date", "currency"], countColumn: "commitments", amountColumn: "amount")

    static func registerPledgeLedger(_ migrator: inout StoreMigrator) {
        migrator.register("v4-pledge-ledger") { db in
            try db.executeDDL(
                """
                CREATE TABLE case_countries (
                    case_id TEXT PRIMARY KEY,
                    -- comma-separated ISO codes; NULL until the cases service was asked
                    countries TEXT
                );
                CREATE INDEX case_countries_unknown ON case_countries(case_id) WHERE countries IS NULL;
                CREATE TABLE pledge_commitments (
                    pledge_seq INTEGER NOT NULL,
                    financing_seq INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    value_key TEXT NOT NULL,
                    value_date TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    amount TEXT NOT NULL,
                    PRIMARY KEY (pledge_seq, financing_seq, sequence)
                );
                CREATE INDEX pledge_commitments_by_value ON pledge_commitments(pledge_seq, value_key, financing_seq, sequence);
                CREATE INDEX pledge_commitments_on_financing ON pledge_commitments(financing_seq);
                CREATE TABLE pledge_totals (
                    pledge_seq INTEGER NOT NULL,
                    value_date TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    value_key TEXT NOT NULL,
                    amount TEXT NOT NULL,
                    commitments INTEGER NOT NULL,
                    PRIMARY KEY (pledge_seq, value_date, currency)
                );
                INSERT INTO case_countries (case_id) SELECT DISTINCT case_id FROM financing_cases
                """)
            for (seq, pledge) in try pledgesWithSeq(db) {
                try countAll(db, pledgeSeq: seq, pledge)
            }
        }
    }

    /// The pledges and what a financing's commitments are judged by: its cases' countries
    /// (read only when a pledge is scoped by them).
    struct PledgeCounting {
        var pledges: [(seq: Int64, pledge: Pledge)]
        var caseCountries: [String]

        init(pledges: [(seq: Int64, pledge: Pledge)], caseCountries: [String]) {
            self.pledges = pledges
            self.caseCountries = caseCountries
        }

        /// Every pledge, and the countries of `caseIDs` if a pledge needs them.
        init(_ db: any SQLExecutor, caseIDs: [String]) throws {
            let pledges = try FinancingStore.pledgesWithSeq(db)
            self.init(
                pledges: pledges,
                caseCountries: pledges.contains(where: { $0.pledge.scope.needsCaseCountries }) ? try FinancingStore.countries(db, caseIDs: caseIDs) : [])
        }

        /// The rows and totals changes that count `entries` of the financing at `financingSeq`.
        func count(
            financingSeq: Int64, institution: String, instrument: Instrument?, _ entries: [Transaction]
        ) -> (rows: [SQLArguments], changes: [KeptTotals.Change]) {
            var rows: [SQLArguments] = []
            var changes: [KeptTotals.Change] = []
            for entry in entries where entry.type == .commitment {
                guard let valued = entry.valueDate, let amount = entry.value.decimal else { continue }
                for (seq, pledge) in pledges
                where pledge.counts(institution: institution, instrument: instrument, caseCountries: caseCountries, valued: valued) {
                    let valueKey = PledgeCount.sortKey(valued.description)
                    rows.append([seq, financingSeq, Int64(entry.sequence), valueKey, valued.description, entry.value.currency, amount.description])
                    changes.append(FinancingStore.pledgeChange(pledgeSeq: seq, valueDate: valued.description, currency: entry.value.currency, micros: amount.micros, sign: 1))
                }
            }
            return (rows, changes)
        }
    }

    static func pledgeChange(pledgeSeq: Int64, valueDate: String, currency: String, micros: Int128, sign: Int) -> KeptTotals.Change {
        KeptTotals.Change(
            key: [pledgeSeq, valueDate, currency], count: sign, amount: Int128(sign) * micros,
            extra: [("value_key", PledgeCount.sortKey(valueDate))])
    }

    /// Counts ledger entries just added to a financing toward every pledge they fall under.
    static func countTowardPledges(
        _ db: any SQLExecutor, _ counting: PledgeCounting, financingSeq: Int64, institution: String, instrument: Instrument?, _ entries: [Transaction]
    ) throws {
        let (rows, changes) = counting.count(financingSeq: financingSeq, institution: institution, instrument: instrument, entries)
        try insertPledgeCommitments(db, rows)
        try pledgeTotals.apply(db, changes)
    }

    /// Takes every commitment of these financings out of the pledges' counts and counts them again.
    static func recountPledges(_ db: any SQLExecutor, financingSeqs: [Int64]) throws {
        for financingSeq in Set(financingSeqs).sorted() {
            var changes: [KeptTotals.Change] = try db.fetchAll(
                sql: "SELECT pledge_seq, value_date, currency, amount FROM pledge_commitments WHERE financing_seq = ?", arguments: [financingSeq]
            ).map { row in
                let amount = try DecimalAmount(row["amount"] as String)?.micros ?? 0
                return pledgeChange(pledgeSeq: try row["pledge_seq"], valueDate: try row["value_date"], currency: try row["currency"], micros: amount, sign: -1)
            }
            try db.execute(sql: "DELETE FROM pledge_commitments WHERE financing_seq = ?", arguments: [financingSeq])
            guard let body = try db.fetchValue(Data.self, sql: "SELECT body FROM financings WHERE seq = ?", arguments: [financingSeq]) else { continue }
            let financing = try withLedger(db, seq: financingSeq, try decodeFinancing(body))
            let counting = try PledgeCounting(db, caseIDs: financing.caseIDs)
            let (rows, added) = counting.count(
                financingSeq: financingSeq, institution: financing.institution, instrument: financing.instrument, financing.transactions)
            changes += added
            try insertPledgeCommitments(db, rows)
            try pledgeTotals.apply(db, changes)
        }
    }

    /// Counts every commitment on record toward a new pledge, a page of ledger entries at a time.
    static func countAll(_ db: any SQLExecutor, pledgeSeq: Int64, _ pledge: Pledge) throws {
        var after = (seq: Int64(0), sequence: Int64(0))
        while true {
            let rows = try commitmentPage(db, after: after)
            guard let last = rows.last else { return }
            var countries: [Int64: [String]] = [:]
            if pledge.scope.needsCaseCountries {
                for row in try db.fetchAll(
                    sql: """
                        SELECT fc.financing_seq, cc.countries FROM financing_cases fc JOIN case_countries cc ON cc.case_id = fc.case_id
                        WHERE fc.financing_seq >= ? AND fc.financing_seq <= ? AND cc.countries IS NOT NULL
                        """,
                    arguments: [try rows[0]["financing_seq"] as Int64, try last["financing_seq"] as Int64])
                {
                    countries[try row["financing_seq"], default: []] += splitCountries(try row["countries"])
                }
            }
            var inserts: [SQLArguments] = []
            var changes: [KeptTotals.Change] = []
            for row in rows {
                let financingSeq: Int64 = try row["financing_seq"]
                let entry = try ServiceDatabase.decode(Transaction.self, row["body"])
                let counting = PledgeCounting(pledges: [(pledgeSeq, pledge)], caseCountries: countries[financingSeq] ?? [])
                let (entryRows, entryChanges) = counting.count(
                    financingSeq: financingSeq, institution: try row["institution"], instrument: Instrument(rawValue: try row["instrument"]), [entry])
                inserts += entryRows
                changes += entryChanges
            }
            try insertPledgeCommitments(db, inserts)
            try pledgeTotals.apply(db, changes)
            after = (try last["financing_seq"], try last["sequence"])
        }
    }

    static func insertPledgeCommitments(_ db: any SQLExecutor, _ rows: [SQLArguments]) throws {
        // Up to 100 rows a statement: one round trip for a financing's usual few.
        for start in stride(from: 0, to: rows.count, by: 100) {
            let chunk = rows[start..<min(start + 100, rows.count)]
            try db.execute(
                sql: """
                    INSERT INTO pledge_commitments (pledge_seq, financing_seq, sequence, value_key, value_date, currency, amount)
                    VALUES \(chunk.map { _ in "(?, ?, ?, ?, ?, ?, ?)" }.joined(separator: ", "))
                    """,
                arguments: chunk.reduce(into: SQLArguments()) { $0 += $1 })
        }
    }

    static func pledgesWithSeq(_ db: any SQLExecutor) throws -> [(seq: Int64, pledge: Pledge)] {
        try db.fetchAll(sql: "SELECT seq, body FROM pledges ORDER BY seq").map { (try $0["seq"], try ServiceDatabase.decode(Pledge.self, $0["body"])) }
    }

    /// The countries of these cases as last told; a case not asked about yet has none.
    static func countries(_ db: any SQLExecutor, caseIDs: [String]) throws -> [String] {
        guard !caseIDs.isEmpty else { return [] }
        return try db.fetchAll(
            sql: "SELECT countries FROM case_countries WHERE case_id IN (\(caseIDs.map { _ in "?" }.joined(separator: ", "))) AND countries IS NOT NULL",
            arguments: SQLArguments(caseIDs)
        ).flatMap { splitCountries(try $0["countries"]) }
    }

    static func splitCountries(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }

    /// Makes sure every case id has a row (NULL: not asked yet), for links written without
    /// the countries (the seed).
    static func noteCases(_ db: any SQLExecutor, _ caseIDs: [String]) throws {
        for caseID in Set(caseIDs).sorted() {
            try db.execute(sql: "INSERT INTO case_countries (case_id) VALUES (?) ON CONFLICT (case_id) DO NOTHING", arguments: [caseID])
        }
    }

    /// Records what the cases service says of these cases' countries and recounts the
    /// financings backing a case whose countries changed.
    static func storeCaseCountries(_ db: any SQLExecutor, _ countries: [String: [String]]) throws {
        var changed: [String] = []
        for (caseID, list) in countries.sorted(by: { $0.key < $1.key }) {
            let text = Set(list).sorted().joined(separator: ",")
            let stored = try db.fetchOne(sql: "SELECT countries FROM case_countries WHERE case_id = ?", arguments: [caseID])
            if let stored, let known = try stored["countries"] as String?, known == text { continue }
            try db.execute(
                sql: "INSERT INTO case_countries (case_id, countries) VALUES (?, ?) ON CONFLICT (case_id) DO UPDATE SET countries = excluded.countries",
                arguments: [caseID, text])
            changed.append(caseID)
        }
        guard !changed.isEmpty, try pledgesWithSeq(db).contains(where: { $0.pledge.scope.needsCaseCountries }) else { return }
        let financings = try db.fetchColumn(
            Int64.self, sql: "SELECT DISTINCT financing_seq FROM financing_cases WHERE case_id IN (\(changed.map { _ in "?" }.joined(separator: ", ")))",
            arguments: SQLArguments(changed))
        try recountPledges(db, financingSeqs: financings)
    }

    // MARK: Store API

    /// Up to `limit` cases linked to financings whose countries the service has not asked yet.
    public func casesWithUnknownCountries(limit: Int) async throws -> [String] {
        try await database.read { db in
            try db.fetchColumn(String.self, sql: "SELECT case_id FROM case_countries WHERE countries IS NULL ORDER BY case_id LIMIT ?", arguments: [limit])
        }
    }

    /// Records the cases' countries (as the cases service gave them; a case it does not have
    /// has none) and recounts the pledges they change.
    public func setCaseCountries(_ countries: [String: [String]]) async throws {
        try await database.write { db in try Self.storeCaseCountries(db, countries) }
    }

    /// A pledge and what counts toward it up to `asOf`: its sums, and a page of its commitments
    /// earliest first, `limit` after `after`, with where the next page starts (nil on the last).
    public func pledgeCount(
        pledgeID: String, asOf: PartialDate, limit: Int = PledgeProgress.maximumListed, after: PledgeCountCursor? = nil
    ) async throws -> (Pledge, PledgeCount, next: PledgeCountCursor?) {
        try await database.read { db in
            let (seq, pledge) = try Self.fetchPledge(db, id: pledgeID)
            let through = PledgeCount.lastSortKey(asOf)
            let sums = try db.fetchAll(
                sql: "SELECT value_date, currency, amount, commitments FROM pledge_totals WHERE pledge_seq = ? AND value_key <= ? ORDER BY value_key, currency",
                arguments: [seq, through]
            ).map { row in
                PledgeCount.Sum(
                    value: Money(amount: try row["amount"], currency: try row["currency"], valueDate: try row["value_date"]),
                    commitments: UInt32(clamping: try row["commitments"] as Int))
            }
            let from = after == nil ? "" : """
                AND (pc.value_key > ? OR (pc.value_key = ? AND (pc.financing_seq > ? OR (pc.financing_seq = ? AND pc.sequence > ?))))
                """
            let fromArguments: SQLArguments = after.map { [$0.valueKey, $0.valueKey, $0.financingSeq, $0.financingSeq, $0.sequence] } ?? []
            // One row more than the page, to know whether another page follows.
            let rows = try db.fetchAll(
                sql: """
                    SELECT f.id, pc.financing_seq, pc.sequence, pc.value_key, pc.value_date, pc.currency, pc.amount
                    FROM pledge_commitments pc JOIN financings f ON f.seq = pc.financing_seq
                    WHERE pc.pledge_seq = ? AND pc.value_key <= ? \(from)
                    ORDER BY pc.value_key, pc.financing_seq, pc.sequence LIMIT ?
                    """,
                arguments: [seq, through] + fromArguments + [limit + 1])
            let page = rows.prefix(limit)
            let listed = try page.map { row in
                PledgeCount.Listed(
                    financingID: try row["id"], transactionSequence: UInt32(clamping: try row["sequence"] as Int),
                    value: Money(amount: try row["amount"], currency: try row["currency"], valueDate: try row["value_date"]))
            }
            let next = try rows.count > limit ? page.last.map { row in
                PledgeCountCursor(valueKey: try row["value_key"], financingSeq: try row["financing_seq"], sequence: try row["sequence"])
            } : nil
            return (pledge, PledgeCount(sums: sums, listed: listed), next)
        }
    }
}

/// Where a page of a pledge's counted commitments ended: its last commitment's value date
/// (as `PledgeCount.sortKey`), financing and ledger entry.
public struct PledgeCountCursor: KeysetCursor, Equatable {
    var valueKey: String
    var financingSeq: Int64
    var sequence: Int64

    public static let parts = 3
    public var key: [String] { [valueKey, String(financingSeq), String(sequence)] }

    public init?(key: [String]) {
        guard key.count == Self.parts, let financingSeq = Int64(key[1]), let sequence = Int64(key[2]) else { return nil }
        self.init(valueKey: key[0], financingSeq: financingSeq, sequence: sequence)
    }

    init(valueKey: String, financingSeq: Int64, sequence: Int64) {
        self.valueKey = valueKey
        self.financingSeq = financingSeq
        self.sequence = sequence
    }
}
