import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoWire

/// Financings, their ledgers, pledges and the exchange-rate table, on SQLite or PostgreSQL.
/// Each mutation, its history row, its idempotency key and the kept totals commit in one
/// transaction; a rejected request writes nothing.
///
/// A financing is stored as its protobuf encoding without the ledger; each ledger entry is a
/// row of its own, with the columns that filters and sums need beside its encoding.
public final class FinancingStore: ServiceStore {
    public static let name = "financing"
    public let database: any StoreDatabase

    /// Largest number of ledger entries ListTransactions returns.
    public static let maxTransactionsListed = 10_000

    public init(database: any StoreDatabase) {
        self.database = database
    }

    public static var migrator: StoreMigrator {
        var migrator = StoreMigrator()
        migrator.register("v1-financing") { db in
            try db.executeDDL(
                """
                CREATE TABLE financings (
                    seq SEQ,
                    id TEXT NOT NULL UNIQUE,
                    version INTEGER NOT NULL,
                    institution TEXT NOT NULL,
                    instrument TEXT NOT NULL,
                    status TEXT NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE INDEX financings_on_institution ON financings(institution);
                CREATE INDEX financings_on_instrument ON financings(instrument);
                CREATE INDEX financings_on_status ON financings(status);
                CREATE TABLE financing_cases (
                    financing_seq INTEGER NOT NULL REFERENCES financings(seq) ON DELETE CASCADE,
                    case_id TEXT NOT NULL,
                    PRIMARY KEY (financing_seq, case_id)
                );
                CREATE INDEX financing_cases_on_case_id ON financing_cases(case_id);
                CREATE TABLE transactions (
                    financing_seq INTEGER NOT NULL REFERENCES financings(seq) ON DELETE CASCADE,
                    sequence INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    value_year INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    body BLOB NOT NULL,
                    PRIMARY KEY (financing_seq, sequence)
                );
                CREATE INDEX transactions_by_type_year ON transactions(type, value_year)
                """)
            try ServiceDatabase.createHistoryTable(db, "financing_history", owner: "financings")
            try db.executeDDL("CREATE TABLE pledges (seq SEQ, id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, body BLOB NOT NULL)")
            try ServiceDatabase.createHistoryTable(db, "pledge_history", owner: "pledges")
            try db.executeDDL(
                """
                CREATE TABLE exchange_rates (
                    currency TEXT NOT NULL,
                    period TEXT NOT NULL,
                    type TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    PRIMARY KEY (currency, period)
                );
                CREATE TABLE exchange_rate_history (
                    seq SEQ,
                    currency TEXT NOT NULL,
                    period TEXT NOT NULL,
                    at TEXT NOT NULL,
                    by TEXT NOT NULL,
                    summary TEXT NOT NULL
                )
                """)
            try ServiceDatabase.createIdempotencyTable(db)
        }
        AuditLog.registerMigration(&migrator)
        migrator.register("v2-support-programmes") { db in
            try db.executeDDL(
                """
                CREATE TABLE support_programmes (
                    seq SEQ,
                    id TEXT NOT NULL UNIQUE,
                    institution TEXT NOT NULL,
                    covid_19 INTEGER NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE INDEX support_programmes_on_institution ON support_programmes(institution);
                -- One row per focus field and country (empty where the focus names none), for filtering.
                CREATE TABLE support_programme_focus (
                    programme_seq INTEGER NOT NULL REFERENCES support_programmes(seq),
                    field TEXT NOT NULL,
                    country TEXT NOT NULL
                );
                CREATE INDEX support_programme_focus_on_programme_seq ON support_programme_focus(programme_seq);
                CREATE INDEX support_programme_focus_on_field ON support_programme_focus(field);
                CREATE INDEX support_programme_focus_on_country ON support_programme_focus(country)
                """)
        }
        // SummarizeCommitments reads these, kept in the transaction of every ledger write.
        migrator.register("v3-commitment-totals") { db in
            try db.executeDDL(
                """
                CREATE TABLE commitment_totals (
                    value_date TEXT NOT NULL,
                    value_year INTEGER NOT NULL,
                    institution TEXT NOT NULL,
                    instrument TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    amount TEXT NOT NULL,
                    commitments INTEGER NOT NULL,
                    PRIMARY KEY (value_date, institution, instrument, currency)
                );
                CREATE INDEX commitment_totals_on_value_year ON commitment_totals(value_year)
                """)
            var after = (seq: Int64(0), sequence: Int64(0))
            while true {
                let rows = try Self.commitmentPage(db, after: after)
                guard let last = rows.last else { break }
                for row in rows {
                    try Self.countCommitment(
                        db, institution: row["institution"], instrument: Instrument(rawValue: try row["instrument"]),
                        try ServiceDatabase.decode(Transaction.self, row["body"]), sign: 1)
                }
                after = (try last["financing_seq"], try last["sequence"])
            }
        }
        registerPledgeLedger(&migrator)
        return migrator
    }

    // MARK: Financings

    /// Stores a new, validated financing with its first ledger entries; assigns its id unless
    /// it has one (seed data). `caseCountries` are the backed cases' countries as the cases
    /// service gave them (nil: not asked, as for the seed).
    public func createFinancing(
        _ financing: Financing, caseCountries: [String: [String]]? = nil, by caller: Caller, idempotencyKey: String? = nil,
        requestDigest: [UInt8] = [], now: Date = Date()
    ) async throws -> Financing {
        try await database.write { db in
            try ServiceDatabase.idempotent(db, key: idempotencyKey, digest: requestDigest, now: now, existing: { try Self.fetch(db, id: $0) }) {
                if let caseCountries { try Self.storeCaseCountries(db, caseCountries) }
                var stored = financing.created(by: caller.agency, at: now)
                if stored.id.isEmpty { stored.id = try ServiceDatabase.newID(db, prefix: FinancingID.prefix, table: "financings") }
                let entries = stored.transactions
                stored.transactions = []
                let seq = try db.fetchValue(
                    Int64.self,
                    sql: "INSERT INTO financings (id, version, institution, instrument, status, body) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq",
                    arguments: [stored.id, 1, stored.institution, stored.instrument?.rawValue ?? "", stored.status?.rawValue ?? "",
                        try Self.body(stored)])!
                try Self.link(db, financingSeq: seq, caseIDs: stored.caseIDs)
                let counting = try PledgeCounting(db, caseIDs: stored.caseIDs)
                for entry in entries {
                    if let refusal = stored.ledgerRefusal(adding: entry) {
                        throw KWPError(.failedPrecondition, refusal.message, reason: refusal.reason)
                    }
                    stored.transactions.append(try Self.appendTransaction(db, seq: seq, financing: stored, entry, counting: counting, by: caller, now: now))
                }
                try ServiceDatabase.appendHistory(
                    db, "financing_history", ownerSeq: seq, recordID: stored.id,
                    RecordChange(version: 1, at: now, by: caller.agency, kind: "CREATED", summary: "created with \(entries.count) ledger entries"), caller: caller)
                return (stored.id, try Self.fetch(db, id: stored.id))
            }
        }
    }

    public func financing(id: String) async throws -> Financing {
        try await database.read { db in try Self.fetch(db, id: id) }
    }

    /// Replaces the editable fields of a financing written against `expectedVersion`.
    /// `permit` sees the stored financing inside the transaction and throws to refuse the change.
    /// `caseCountries` are the backed cases' countries as the cases service gave them.
    public func updateFinancing(
        _ financing: Financing, expectedVersion: UInt64, caseCountries: [String: [String]]? = nil, by caller: Caller,
        permit: @escaping @Sendable (Financing) throws -> Void = { _ in }, now: Date = Date()
    ) async throws -> Financing {
        try await database.write { db in
            let (seq, current) = try Self.fetchWithSeq(db, id: financing.id)
            try permit(current)
            try StoreError.checkVersion(current.version, expected: expectedVersion, of: "financing \(financing.id)")
            if let from = current.status, let to = financing.status, !from.canMove(to: to) {
                throw KWPError(
                    .failedPrecondition, "a financing that is \(from.rawValue) cannot become \(to.rawValue)",
                    reason: FinancingServiceAPI.Reason.illegalTransition)
            }
            if let instrument = financing.instrument, instrument != current.instrument {
                let kept = current.transactions.compactMap(\.type).filter { !instrument.allowedTransactions.contains($0) }
                if let first = kept.first {
                    throw KWPError(invalid: [Violation("financing.instrument", "the ledger has \(first.rawValue) entries, which a \(instrument.rawValue) cannot have")])
                }
            }
            var updated = financing.replacing(current, by: caller.agency, at: now)
            updated.transactions = []
            updated.totals = []
            let changed = Self.changedFields(from: current, to: updated)
            if let caseCountries { try Self.storeCaseCountries(db, caseCountries) }
            guard !changed.isEmpty else { return current }
            try db.execute(
                sql: "UPDATE financings SET version = ?, institution = ?, instrument = ?, status = ?, body = ? WHERE seq = ?",
                arguments: [Int64(updated.version), updated.institution, updated.instrument?.rawValue ?? "", updated.status?.rawValue ?? "",
                    try Self.body(updated), seq])
            if updated.institution != current.institution || updated.instrument != current.instrument {
                try Self.commitmentTotals.apply(
                    db,
                    current.transactions.compactMap { Self.commitmentChange(institution: current.institution, instrument: current.instrument, $0, sign: -1) }
                        + current.transactions.compactMap { Self.commitmentChange(institution: updated.institution, instrument: updated.instrument, $0, sign: 1) })
            }
            try db.execute(sql: "DELETE FROM financing_cases WHERE financing_seq = ?", arguments: [seq])
            try Self.link(db, financingSeq: seq, caseIDs: updated.caseIDs)
            if updated.institution != current.institution || updated.instrument != current.instrument || updated.caseIDs != current.caseIDs {
                try Self.recountPledges(db, financingSeqs: [seq])
            }
            var summary = "updated \(changed.joined(separator: ", "))"
            if current.status != updated.status {
                summary += " (\(current.status?.rawValue ?? "") → \(updated.status?.rawValue ?? ""))"
            }
            try ServiceDatabase.appendHistory(
                db, "financing_history", ownerSeq: seq, recordID: updated.id,
                RecordChange(version: updated.version, at: now, by: caller.agency, kind: "UPDATED", changedFields: changed, summary: summary), caller: caller)
            return try Self.fetch(db, id: updated.id)
        }
    }

    /// Appends one entry to a financing's ledger.
    public func addTransaction(
        financingID: String, _ transaction: Transaction, expectedVersion: UInt64, by caller: Caller, idempotencyKey: String? = nil,
        requestDigest: [UInt8] = [], permit: @escaping @Sendable (Financing) throws -> Void = { _ in }, now: Date = Date()
    ) async throws -> Financing {
        try await database.write { db in
            try ServiceDatabase.idempotent(db, key: idempotencyKey, digest: requestDigest, now: now, existing: { try Self.fetch(db, id: $0) }) {
                let (seq, current) = try Self.fetchWithSeq(db, id: financingID)
                try permit(current)
                if expectedVersion != 0 { try StoreError.checkVersion(current.version, expected: expectedVersion, of: "financing \(financingID)") }
                let violations = transaction.violations(instrument: current.instrument, today: PartialDate.today(now))
                guard violations.isEmpty else { throw KWPError(invalid: violations.map { Violation("transaction.\($0.field)", $0.description) }) }
                if let refusal = current.ledgerRefusal(adding: transaction) {
                    throw KWPError(.failedPrecondition, refusal.message, reason: refusal.reason)
                }
                let entry = try Self.appendTransaction(
                    db, seq: seq, financing: current, transaction, counting: try PledgeCounting(db, caseIDs: current.caseIDs), by: caller, now: now)
                var updated = current.changed(by: caller.agency, at: now)
                updated.transactions = []
                updated.totals = []
                let version = updated.version
                try db.execute(
                    sql: "UPDATE financings SET version = ?, body = ? WHERE seq = ?", arguments: [Int64(version), try Self.body(updated), seq])
                try ServiceDatabase.appendHistory(
                    db, "financing_history", ownerSeq: seq, recordID: financingID,
                    RecordChange(
                        version: version, at: now, by: caller.agency, kind: "TRANSACTION_ADDED", changedFields: ["transactions"],
                        summary: "#\(entry.sequence) \(entry.type?.rawValue ?? "") \(entry.value.amount) \(entry.value.currency) on \(entry.date)"), caller: caller)
                return (financingID, try Self.fetch(db, id: financingID))
            }
        }
    }

    /// One page of the financings matching `filter`, in insertion order after `afterSeq`,
    /// and the number matching in all.
    public func listFinancing(
        filter: FinancingFilter, afterSeq: Int64, limit: Int
    ) async throws -> (financings: [Financing], nextSeq: Int64?, total: UInt64) {
        try await database.read { db in
            let (condition, arguments) = Self.whereClause(filter)
            let page = try db.page("financings", as: "f", where: condition, arguments: arguments, afterSeq: afterSeq, limit: limit)
            let financings = try page.rows.map { row in try Self.withLedger(db, seq: row["seq"], try Self.decodeFinancing(row["body"])) }
            return (financings, page.nextSeq, page.total)
        }
    }

    /// Ledger entries of one financing, or of every financing matching `filter`, in order.
    public func transactions(financingID: String, filter: FinancingFilter, types: [TransactionType]) async throws -> [Transaction] {
        try await database.read { db in
            var (condition, arguments) = Self.whereClause(filter)
            if !financingID.isEmpty {
                _ = try Self.fetchWithSeq(db, id: financingID)
                condition += " AND f.id = ?"
                arguments += [financingID]
            }
            if !types.isEmpty {
                condition += " AND t.type IN (\(types.map { _ in "?" }.joined(separator: ",")))"
                arguments += SQLArguments(types.map(\.rawValue))
            }
            let rows = try db.fetchAll(sql: "SELECT t.body FROM transactions t JOIN financings f ON f.seq = t.financing_seq WHERE \(condition) ORDER BY f.seq, t.sequence LIMIT ?",
                arguments: arguments + [Self.maxTransactionsListed + 1])
            guard rows.count <= Self.maxTransactionsListed else {
                throw KWPError(
                    .invalidArgument, "more than \(Self.maxTransactionsListed) ledger entries match; narrow the filter",
                    reason: "TOO_MANY_RESULTS")
            }
            return try rows.map { try ServiceDatabase.decode(Transaction.self, $0["body"]) }
        }
    }

    public func financingHistory(id: String) async throws -> [RecordChange] {
        try await database.read { db in
            let (seq, _) = try Self.fetchWithSeq(db, id: id)
            return try ServiceDatabase.history(db, "financing_history", ownerSeq: seq)
        }
    }

    /// Every commitment, with its financing's institution, instrument and cases.
    public func commitments(yearFrom: Int? = nil, yearTo: Int? = nil) async throws -> [(financing: Financing, transaction: Transaction)] {
        try await database.read { db in
            var condition = "t.type = 'COMMITMENT'"
            var arguments: SQLArguments = []
            if let yearFrom { condition += " AND t.value_year >= ?"; arguments += [yearFrom] }
            if let yearTo { condition += " AND t.value_year <= ?"; arguments += [yearTo] }
            var financings: [Int64: Financing] = [:]
            return try db.fetchAll(sql: "SELECT f.seq, f.body AS financing, t.body AS entry FROM transactions t JOIN financings f ON f.seq = t.financing_seq WHERE \(condition) ORDER BY f.seq, t.sequence",
                arguments: arguments
            ).map { row in
                let seq: Int64 = try row["seq"]
                if financings[seq] == nil { financings[seq] = try Self.decodeFinancing(row["financing"]) }
                return (financings[seq]!, try ServiceDatabase.decode(Transaction.self, row["entry"]))
            }
        }
    }

    // MARK: Pledges

    /// Stores a new pledge and counts every commitment on record toward it.
    public func createPledge(
        _ pledge: Pledge, by caller: Caller, idempotencyKey: String? = nil, requestDigest: [UInt8] = [], now: Date = Date()
    ) async throws -> Pledge {
        try await database.write { db in
            try ServiceDatabase.idempotent(db, key: idempotencyKey, digest: requestDigest, now: now, existing: { try Self.fetchPledge(db, id: $0).1 }) {
                var stored = pledge.created(by: caller.agency, at: now)
                if stored.id.isEmpty { stored.id = try ServiceDatabase.newID(db, prefix: PledgeID.prefix, table: "pledges") }
                for index in stored.officialProgress.indices {
                    stored.officialProgress[index].recordedAt = now
                    stored.officialProgress[index].recordedBy = caller.agency
                }
                let seq = try db.fetchValue(
                    Int64.self, sql: "INSERT INTO pledges (id, version, body) VALUES (?, 1, ?) RETURNING seq",
                    arguments: [stored.id, try ServiceDatabase.encode(stored)])!
                try Self.countAll(db, pledgeSeq: seq, stored)
                try ServiceDatabase.appendHistory(
                    db, "pledge_history", ownerSeq: seq, recordID: stored.id,
                    RecordChange(version: 1, at: now, by: caller.agency, kind: "CREATED", summary: "created"), caller: caller)
                return (stored.id, try Self.fetchPledge(db, id: stored.id).1)
            }
        }
    }

    public func pledge(id: String) async throws -> Pledge {
        try await database.read { db in try Self.fetchPledge(db, id: id).1 }
    }

    public func pledges() async throws -> [Pledge] {
        try await database.read { db in
            try db.fetchAll(sql: "SELECT body FROM pledges ORDER BY seq").map { try ServiceDatabase.decode(Pledge.self, $0["body"]) }
        }
    }

    /// Appends an official progress figure; earlier figures are kept.
    public func recordProgress(
        pledgeID: String, _ progress: OfficialProgress, expectedVersion: UInt64, by caller: Caller, idempotencyKey: String? = nil,
        requestDigest: [UInt8] = [], now: Date = Date()
    ) async throws -> Pledge {
        try await database.write { db in
            try ServiceDatabase.idempotent(db, key: idempotencyKey, digest: requestDigest, now: now, existing: { try Self.fetchPledge(db, id: $0).1 }) {
                var (seq, pledge) = try Self.fetchPledge(db, id: pledgeID)
                if expectedVersion != 0 { try StoreError.checkVersion(pledge.version, expected: expectedVersion, of: "pledge \(pledgeID)") }
                var entry = progress
                entry.recordedAt = now
                entry.recordedBy = caller.agency
                pledge = pledge.changed(by: caller.agency, at: now)
                pledge.officialProgress.append(entry)
                try db.execute(
                    sql: "UPDATE pledges SET version = ?, body = ? WHERE seq = ?",
                    arguments: [Int64(pledge.version), try ServiceDatabase.encode(pledge), seq])
                try ServiceDatabase.appendHistory(
                    db, "pledge_history", ownerSeq: seq, recordID: pledgeID,
                    RecordChange(
                        version: pledge.version, at: now, by: caller.agency, kind: "PROGRESS_RECORDED", changedFields: ["official_progress"],
                        summary: "\(entry.amount.amount) \(entry.amount.currency) as of \(entry.asOf) (\(entry.source))"), caller: caller)
                return (pledgeID, try Self.fetchPledge(db, id: pledgeID).1)
            }
        }
    }

    // MARK: Exchange rates

    /// Sets the rate of a currency for a period, replacing an earlier one (kept in the rate history).
    public func setRate(_ rate: ExchangeRate, by caller: Caller, now: Date = Date()) async throws -> ExchangeRate {
        try await database.write { db in
            var stored = rate
            stored.updatedAt = now
            stored.updatedBy = caller.agency
            let previous = try db.fetchOne(sql: "SELECT body FROM exchange_rates WHERE currency = ? AND period = ?", arguments: [rate.currency, rate.period]
            ).map { try ServiceDatabase.decode(ExchangeRate.self, $0["body"]) }
            if let previous, previous.jpyPerUnit == rate.jpyPerUnit, previous.source == rate.source, previous.type == rate.type {
                return previous
            }
            let body = try ServiceDatabase.encode(stored)
            try db.execute(
                sql: """
                    INSERT INTO exchange_rates (currency, period, type, year, body) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (currency, period) DO UPDATE SET type = excluded.type, year = excluded.year, body = excluded.body
                    """,
                arguments: [rate.currency, rate.period, rate.type?.rawValue ?? "", PartialDate(rate.period)?.year ?? 0, body])
            let summary = previous.map { "\($0.jpyPerUnit) (\($0.source)) → \(rate.jpyPerUnit) (\(rate.source))" } ?? "set to \(rate.jpyPerUnit) (\(rate.source))"
            try db.execute(
                sql: "INSERT INTO exchange_rate_history (currency, period, at, by, summary) VALUES (?, ?, ?, ?, ?)",
                arguments: [rate.currency, rate.period, Timestamp.string(now), caller.agency, summary])
            try AuditLog.append(
                db, AuditEntry(at: now, caller: caller, recordID: "\(rate.currency)/\(rate.period)", kind: previous == nil ? "RATE_SET" : "RATE_REPLACED", summary: summary))
            return try ServiceDatabase.decode(ExchangeRate.self, body)
        }
    }

    /// Rates in currency and period order.
    public func rates(currencies: [String] = [], type: RateType? = nil, yearFrom: Int? = nil, yearTo: Int? = nil) async throws -> [ExchangeRate] {
        try await database.read { db in
            var condition = "1 = 1"
            var arguments: SQLArguments = []
            if !currencies.isEmpty {
                condition += " AND currency IN (\(currencies.map { _ in "?" }.joined(separator: ",")))"
                arguments += SQLArguments(currencies)
            }
            if let type { condition += " AND type = ?"; arguments += [type.rawValue] }
            if let yearFrom { condition += " AND year >= ?"; arguments += [yearFrom] }
            if let yearTo { condition += " AND year <= ?"; arguments += [yearTo] }
            return try db.fetchAll(sql: "SELECT body FROM exchange_rates WHERE \(condition) ORDER BY currency, period", arguments: arguments)
                .map { try ServiceDatabase.decode(ExchangeRate.self, $0["body"]) }
        }
    }

    // MARK: Support programmes

    /// Stores a new, validated support programme; assigns its id unless it has one (seed data).
    public func createProgramme(
        _ programme: SupportProgramme, by caller: Caller, idempotencyKey: String? = nil, requestDigest: [UInt8] = [], now: Date = Date()
    ) async throws -> SupportProgramme {
        try await database.write { db in
            try ServiceDatabase.idempotent(db, key: idempotencyKey, digest: requestDigest, now: now, existing: { try Self.fetchProgramme(db, id: $0) }) {
                var stored = programme
                if stored.id.isEmpty { stored.id = try ServiceDatabase.newID(db, prefix: SupportProgrammeID.prefix, table: "support_programmes") }
                stored.version = 1
                stored.createdAt = now
                stored.createdBy = caller.agency
                let seq = try db.fetchValue(
                    Int64.self, sql: "INSERT INTO support_programmes (id, institution, covid_19, body) VALUES (?, ?, ?, ?) RETURNING seq",
                    arguments: [stored.id, stored.institution, stored.covid19, try ServiceDatabase.encode(stored)])!
                for focus in stored.focus {
                    for country in focus.countries.isEmpty ? [""] : focus.countries {
                        try db.execute(
                            sql: "INSERT INTO support_programme_focus (programme_seq, field, country) VALUES (?, ?, ?)", arguments: [seq, focus.field, country])
                    }
                }
                try AuditLog.append(db, AuditEntry(at: now, caller: caller, recordID: stored.id, kind: "CREATED", summary: "support programme \(stored.name.preferred)"))
                return (stored.id, try Self.fetchProgramme(db, id: stored.id))
            }
        }
    }

    public func programme(id: String) async throws -> SupportProgramme {
        try await database.read { db in try Self.fetchProgramme(db, id: id) }
    }

    /// One page of the programmes matching `filter`, in insertion order after `afterSeq`, and
    /// the number matching in all.
    public func listProgrammes(
        filter: ListSupportProgrammesRequest, afterSeq: Int64, limit: Int
    ) async throws -> (programmes: [SupportProgramme], nextSeq: Int64?, total: UInt64) {
        try await database.read { db in
            var conditions = ["1 = 1"]
            var arguments: SQLArguments = []
            if !filter.institution.isEmpty {
                conditions.append("p.institution = ?")
                arguments += [filter.institution]
            }
            if filter.covid19Only { conditions.append("p.covid_19 = 1") }
            // A field and a country must be named together, in the same focus.
            let focus = [("f.field = ?", filter.field), ("f.country = ?", filter.country)].filter { !$0.1.isEmpty }
            if !focus.isEmpty {
                conditions.append(
                    "EXISTS (SELECT 1 FROM support_programme_focus f WHERE f.programme_seq = p.seq AND \(focus.map(\.0).joined(separator: " AND ")))")
                for (_, value) in focus { arguments += [value] }
            }
            let condition = conditions.joined(separator: " AND ")
            let page = try db.page("support_programmes", as: "p", where: condition, arguments: arguments, afterSeq: afterSeq, limit: limit)
            return (try page.rows.map { try ServiceDatabase.decode(SupportProgramme.self, $0["body"]) }, page.nextSeq, page.total)
        }
    }

    static func fetchProgramme(_ db: any SQLExecutor, id: String) throws -> SupportProgramme {
        guard let row = try db.fetchOne(sql: "SELECT body FROM support_programmes WHERE id = ?", arguments: [id]) else {
            throw KWPError(.notFound, "no support programme \(id.debugDescription)", reason: FinancingServiceAPI.Reason.programmeNotFound)
        }
        return try ServiceDatabase.decode(SupportProgramme.self, row["body"])
    }

    // MARK: Seed

    /// Loads every seed record that is not stored yet; returns how many of each it added.
    public func seed(
        financings: [Financing], pledges: [Pledge], rates: [ExchangeRate], programmes: [SupportProgramme] = [], now: Date = Date()
    ) async throws -> (financings: Int, pledges: Int, rates: Int) {
        _ = try await database.createMissing(programmes, exists: "SELECT 1 FROM support_programmes WHERE id = ?", key: { [$0.id] }) {
            _ = try await createProgramme($0, by: .seed, now: now)
        }
        return (
            try await database.createMissing(financings, exists: "SELECT 1 FROM financings WHERE id = ?", key: { [$0.id] }) {
                _ = try await createFinancing($0, by: .seed, now: now)
            },
            try await database.createMissing(pledges, exists: "SELECT 1 FROM pledges WHERE id = ?", key: { [$0.id] }) {
                _ = try await createPledge($0, by: .seed, now: now)
            },
            try await database.createMissing(
                rates, exists: "SELECT 1 FROM exchange_rates WHERE currency = ? AND period = ?", key: { [$0.currency, $0.period] }
            ) { _ = try await setRate($0, by: .seed, now: now) }
        )
    }

    // MARK: Rows

    static func whereClause(_ filter: FinancingFilter) -> (String, SQLArguments) {
        var clauses: [String] = ["1 = 1"]
        var arguments: SQLArguments = []
        func any(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            clauses.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
            arguments += SQLArguments(values)
        }
        any("f.institution", filter.institutions)
        any("f.instrument", filter.instruments.map(\.rawValue))
        any("f.status", filter.statuses.map(\.rawValue))
        if !filter.caseIDs.isEmpty {
            clauses.append(
                "EXISTS (SELECT 1 FROM financing_cases c WHERE c.financing_seq = f.seq AND c.case_id IN (\(filter.caseIDs.map { _ in "?" }.joined(separator: ","))))")
            arguments += SQLArguments(filter.caseIDs)
        }
        if filter.year != 0 {
            clauses.append("EXISTS (SELECT 1 FROM transactions x WHERE x.financing_seq = f.seq AND x.type = 'COMMITMENT' AND x.value_year = ?)")
            arguments += [Int(filter.year)]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    /// Up to 1,000 commitments with their financings' institution and instrument, in ledger
    /// order after `after` (a financing's seq and an entry's sequence).
    static func commitmentPage(_ db: any SQLExecutor, after: (seq: Int64, sequence: Int64)) throws -> [SQLRow] {
        try db.fetchAll(
            sql: """
                SELECT t.financing_seq, t.sequence, f.institution, f.instrument, t.body
                FROM transactions t JOIN financings f ON f.seq = t.financing_seq
                WHERE t.type = 'COMMITMENT' AND (t.financing_seq > ? OR (t.financing_seq = ? AND t.sequence > ?))
                ORDER BY t.financing_seq, t.sequence LIMIT 1000
                """,
            arguments: [after.seq, after.seq, after.sequence])
    }

    /// Appends a ledger entry and counts it in the commitment totals and toward the pledges.
    static func appendTransaction(
        _ db: any SQLExecutor, seq: Int64, financing: Financing, _ transaction: Transaction, counting: PledgeCounting, by caller: Caller, now: Date
    ) throws -> Transaction {
        let next = (try db.fetchValue(Int.self, sql: "SELECT MAX(sequence) FROM transactions WHERE financing_seq = ?", arguments: [seq]) ?? 0) + 1
        var entry = transaction
        entry.sequence = UInt32(next)
        entry.financingID = financing.id
        entry.recordedAt = now
        entry.recordedBy = caller.agency
        let body = try ServiceDatabase.encode(entry)
        try db.execute(
            sql: "INSERT INTO transactions (financing_seq, sequence, type, value_year, currency, body) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [seq, next, entry.type?.rawValue ?? "", entry.valueDate?.year ?? 0, entry.value.currency, body])
        try countCommitment(db, institution: financing.institution, instrument: financing.instrument, entry, sign: 1)
        try countTowardPledges(db, counting, financingSeq: seq, institution: financing.institution, instrument: financing.instrument, [entry])
        return try ServiceDatabase.decode(Transaction.self, body)
    }

    /// Links a financing to its cases; a case the service has not asked about is noted.
    static func link(_ db: any SQLExecutor, financingSeq: Int64, caseIDs: [String]) throws {
        for caseID in caseIDs {
            try db.execute(sql: "INSERT INTO financing_cases (financing_seq, case_id) VALUES (?, ?)", arguments: [financingSeq, caseID])
        }
        try noteCases(db, caseIDs)
    }

    /// Adds a commitment to (or with `sign` -1 takes it from) the kept totals; other entries
    /// and commitments without a value date count nowhere.
    static func countCommitment(_ db: any SQLExecutor, institution: String, instrument: Instrument?, _ entry: Transaction, sign: Int) throws {
        guard let change = commitmentChange(institution: institution, instrument: instrument, entry, sign: sign) else { return }
        try commitmentTotals.apply(db, [change])
    }

    /// A ledger entry's part of the commitment totals; nil unless it is a dated commitment.
    static func commitmentChange(institution: String, instrument: Instrument?, _ entry: Transaction, sign: Int) -> KeptTotals.Change? {
        guard entry.type == .commitment, let date = entry.valueDate, let amount = entry.value.decimal else { return nil }
        return KeptTotals.Change(
            key: [date.description, institution, instrument?.rawValue ?? "", entry.value.currency], count: sign,
            amount: Int128(sign) * amount.micros, extra: [("value_year", date.year)])
    }

    static let commitmentTotals = KeptTotals(
        table: "commitment_totals", keyColumns: ["value_date", "institution", "instrument", "currency"], countColumn: "commitments",
        amountColumn: "amount")

    /// SummarizeCommitments' inputs from the kept totals: a row per value date, institution,
    /// instrument and currency, however many commitments.
    public func commitmentSums(yearFrom: Int, yearTo: Int) async throws -> [CommitmentSum] {
        try await database.read { db in
            try db.fetchAll(sql: "SELECT * FROM commitment_totals WHERE value_year >= ? AND value_year <= ? ORDER BY value_date, institution, instrument, currency",
                arguments: [yearFrom, yearTo]
            ).map { row in
                try CommitmentSum(
                    institution: row["institution"], instrument: Instrument(rawValue: row["instrument"]),
                    value: Money(amount: row["amount"], currency: row["currency"], valueDate: row["value_date"]), commitments: UInt32(clamping: row["commitments"] as Int))
            }
        }
    }

    static func fetch(_ db: any SQLExecutor, id: String) throws -> Financing {
        try fetchWithSeq(db, id: id).1
    }

    static func fetchWithSeq(_ db: any SQLExecutor, id: String) throws -> (Int64, Financing) {
        guard let row = try db.fetchOne(sql: "SELECT seq, body FROM financings WHERE id = ?", arguments: [id]) else {
            throw KWPError(.notFound, "no financing \(id.debugDescription)", reason: FinancingServiceAPI.Reason.financingNotFound)
        }
        let seq: Int64 = try row["seq"]
        return (seq, try withLedger(db, seq: seq, try decodeFinancing(row["body"])))
    }

    static func withLedger(_ db: any SQLExecutor, seq: Int64, _ financing: Financing) throws -> Financing {
        var financing = financing
        financing.transactions = try db.fetchAll(sql: "SELECT body FROM transactions WHERE financing_seq = ? ORDER BY sequence", arguments: [seq]
        ).map { try ServiceDatabase.decode(Transaction.self, $0["body"]) }
        financing.totals = LedgerTotal.of(financing.transactions)
        return financing
    }

    static func fetchPledge(_ db: any SQLExecutor, id: String) throws -> (Int64, Pledge) {
        guard let row = try db.fetchOne(sql: "SELECT seq, body FROM pledges WHERE id = ?", arguments: [id]) else {
            throw KWPError(.notFound, "no pledge \(id.debugDescription)", reason: FinancingServiceAPI.Reason.pledgeNotFound)
        }
        return (try row["seq"], try ServiceDatabase.decode(Pledge.self, row["body"]))
    }

    static func decodeFinancing(_ body: Data) throws -> Financing {
        try ServiceDatabase.decode(Financing.self, body)
    }

    /// The stored form: without the ledger, which lives in `transactions`.
    static func body(_ financing: Financing) throws -> Data {
        var stored = financing
        stored.transactions = []
        stored.totals = []
        return try ServiceDatabase.encode(stored)
    }


    /// Wire names of the editable fields that differ.
    static func changedFields(from old: Financing, to new: Financing) -> [String] {
        var changed: [String] = []
        func compare<T: Equatable>(_ name: String, _ keyPath: KeyPath<Financing, T>) {
            if old[keyPath: keyPath] != new[keyPath: keyPath] { changed.append(name) }
        }
        compare("case_ids", \.caseIDs)
        compare("institution", \.institution)
        compare("instrument", \.instrument)
        compare("facility", \.facility)
        compare("status", \.status)
        compare("title", \.title)
        compare("loan_terms", \.loanTerms)
        compare("co_financiers", \.coFinanciers)
        compare("source", \.source)
        compare("url", \.url)
        compare("notes", \.notes)
        return changed
    }
}
