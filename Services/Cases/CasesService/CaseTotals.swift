import KeikyoModel
import KeikyoStorage

/// Totals kept in the same transaction as every case write, so that SummarizeOrders, the case
/// counts of the dashboard and ListCases' `total_size` (for a filter on one of the counted
/// dimensions) read a few rows however many cases there are.
///
/// `order_totals` holds, per order year, the won KPI cases' Japanese shares summed exactly by
/// field and currency, split by country as `OrderSummary.split` does, and the count of won
/// cases without a share. `case_counts` holds the cases in all and per stage, field, subsector,
/// country and region (a case counts once in each of its countries and each of their regions).
/// Amounts are exact decimal text (a year's yen overflows 64-bit millionths).
enum CaseTotals {
    static func createTables(_ db: any SQLExecutor) throws {
        try db.executeDDL(
            """
            CREATE TABLE order_totals (
                year INTEGER NOT NULL,
                field TEXT NOT NULL,     -- empty in a country row
                country TEXT NOT NULL,   -- empty in a field row
                currency TEXT NOT NULL,  -- empty in the without-value row
                amount TEXT NOT NULL,
                cases INTEGER NOT NULL,
                PRIMARY KEY (year, field, country, currency)
            );
            CREATE TABLE case_counts (
                dimension TEXT NOT NULL, -- ALL, STAGE, FIELD, SUBSECTOR, COUNTRY, REGION
                value TEXT NOT NULL,
                cases INTEGER NOT NULL,
                PRIMARY KEY (dimension, value)
            )
            """)
    }

    /// One case's part of the totals.
    struct Contribution: Equatable {
        var orderRows: [OrderKey: OrderValue] = [:]
        var counts: [CountKey] = []
    }

    struct OrderValue: Equatable {
        var amount: DecimalAmount
        var cases: Int
    }

    struct OrderKey: Hashable {
        var year: Int
        var field = ""
        var country = ""
        var currency = ""
    }

    struct CountKey: Hashable {
        var dimension: String
        var value: String
    }

    /// Whether a case counts as won toward the KPI: won, or suspended after it was won.
    static func isWonForKPI(_ record: ExportCase) -> Bool {
        guard record.countsTowardKPI, let stage = record.stage else { return false }
        if stage == .suspended { return CaseStageMachine.resumeStage(history: record.stageHistory.map(\.stage))?.isWon == true }
        return stage.isWon
    }

    static func contribution(of record: ExportCase) -> Contribution {
        var contribution = Contribution()
        contribution.counts = [
            CountKey(dimension: "ALL", value: ""), CountKey(dimension: "STAGE", value: (record.stage ?? .formation).rawValue),
            CountKey(dimension: "FIELD", value: record.field?.rawValue ?? ""), CountKey(dimension: "SUBSECTOR", value: record.subsector),
        ]
        let countries = Set(record.countries.map(\.country))
        contribution.counts += countries.sorted().map { CountKey(dimension: "COUNTRY", value: $0) }
        contribution.counts += Set(countries.map { Region.of($0).rawValue }).sorted().map { CountKey(dimension: "REGION", value: $0) }
        guard isWonForKPI(record), let year = CaseQuery.orderYear(record), let field = record.field else { return contribution }
        guard let share = record.japaneseShare, let amount = share.decimal else {
            contribution.orderRows[OrderKey(year: year)] = OrderValue(amount: .zero, cases: 1)
            return contribution
        }
        contribution.orderRows[OrderKey(year: year, field: field.rawValue, currency: share.currency)] = OrderValue(amount: amount, cases: 1)
        for (country, part) in OrderSummary.split(amount, over: record.countries) {
            let key = OrderKey(year: year, country: country, currency: share.currency)
            let current = contribution.orderRows[key] ?? OrderValue(amount: .zero, cases: 0)
            contribution.orderRows[key] = OrderValue(amount: current.amount + part, cases: current.cases + 1)
        }
        return contribution
    }

    /// Moves the totals from `old` (nil: a new case) to `new`.
    static func apply(_ db: any SQLExecutor, from old: ExportCase?, to new: ExportCase) throws {
        let before = old.map(contribution(of:)) ?? Contribution()
        let after = contribution(of: new)
        guard before != after else { return }
        try counts.apply(db, changes(before, sign: -1).counts + changes(after, sign: 1).counts)
        try orders.apply(db, changes(before, sign: -1).orders + changes(after, sign: 1).orders)
    }

    static let counts = KeptTotals(table: "case_counts", keyColumns: ["dimension", "value"], countColumn: "cases")
    static let orders = KeptTotals(table: "order_totals", keyColumns: ["year", "field", "country", "currency"], countColumn: "cases", amountColumn: "amount")

    private static func changes(_ contribution: Contribution, sign: Int) -> (counts: [KeptTotals.Change], orders: [KeptTotals.Change]) {
        (
            contribution.counts.map { KeptTotals.Change(key: [$0.dimension, $0.value], count: sign) },
            contribution.orderRows.map { key, value in
                KeptTotals.Change(
                    key: [key.year, key.field, key.country, key.currency], count: sign * value.cases, amount: Int128(sign) * value.amount.micros)
            }
        )
    }

    /// Computes every total from the cases themselves: the migration that introduces the tables.
    static func rebuild(_ db: any SQLExecutor) throws {
        try db.execute(sql: "DELETE FROM order_totals")
        try db.execute(sql: "DELETE FROM case_counts")
        var after: Int64 = 0
        while true {
            let rows = try db.fetchAll(sql: "SELECT seq, body FROM cases WHERE seq > ? ORDER BY seq LIMIT 1000", arguments: [after])
            guard let last = rows.last else { return }
            for row in rows { try apply(db, from: nil, to: try CaseStore.decode(row["body"])) }
            after = try last["seq"]
        }
    }

    /// SummarizeOrders from the totals: rows for the years asked, however many cases.
    static func summary(_ db: any SQLExecutor, yearFrom: UInt32, yearTo: UInt32) throws -> (byYearField: [OrderTotal], byCountry: [OrderTotal], withoutValue: UInt32) {
        let rows = try db.fetchAll(sql: "SELECT * FROM order_totals WHERE year >= ? AND year <= ? ORDER BY year, field, country, currency",
            arguments: [yearFrom == 0 ? Int.min : Int(yearFrom), yearTo == 0 ? Int.max : Int(yearTo)])
        var byYearField: [OrderTotal] = []
        var byCountry: [String: (DecimalAmount, UInt32)] = [:]
        var withoutValue: UInt32 = 0
        for row in rows {
            let field: String = try row["field"]
            let country: String = try row["country"]
            let currency: String = try row["currency"]
            let amount = DecimalAmount(try row["amount"] as String) ?? .zero
            let cases = UInt32(clamping: try row["cases"] as Int)
            if currency.isEmpty {
                withoutValue += cases
            } else if !field.isEmpty {
                byYearField.append(OrderTotal(year: UInt32(try row["year"] as Int), field: KPIField(rawValue: field), currency: currency, amount: amount, cases: cases))
            } else {
                let key = country + "\u{0}" + currency
                let current = byCountry[key] ?? (.zero, 0)
                byCountry[key] = (current.0 + amount, current.1 + cases)
            }
        }
        let countryTotals = byCountry.map { key, value in
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            return OrderTotal(country: parts[0], currency: parts[1], amount: value.0, cases: value.1)
        }.sorted { ($0.country, $0.currency) < ($1.country, $1.currency) }
        return (byYearField, countryTotals, withoutValue)
    }

    /// The number of cases of one stage, one field or in all, when the filter is no more than
    /// that; nil for any other filter (counted by the query).
    static func count(_ db: any SQLExecutor, filter: CaseFilter) throws -> UInt64? {
        var rest = filter
        (rest.stages, rest.fields, rest.subsectors, rest.countries, rest.regions) = ([], [], [], [], [])
        guard rest == CaseFilter() else { return nil }
        let dimensions = [
            ("STAGE", filter.stages.map(\.rawValue)), ("FIELD", filter.fields.map(\.rawValue)), ("SUBSECTOR", filter.subsectors),
            ("COUNTRY", filter.countries), ("REGION", filter.regions.map(\.rawValue)),
        ].filter { !$0.1.isEmpty }
        guard dimensions.count <= 1 else { return nil }
        guard let (dimension, listed) = dimensions.first else {
            return try db.fetchValue(UInt64.self, sql: "SELECT cases FROM case_counts WHERE dimension = 'ALL'") ?? 0
        }
        let values = Array(Set(listed))
        // A case has one stage, field and subsector, so their counts add up; it may have several
        // countries and regions, so only one of those is a count kept.
        guard values.count == 1 || !["COUNTRY", "REGION"].contains(dimension) else { return nil }
        return try db.fetchValue(
            UInt64.self, sql: "SELECT COALESCE(SUM(cases), 0) FROM case_counts WHERE dimension = ? AND value IN (\(values.map { _ in "?" }.joined(separator: ",")))",
            arguments: SQLArguments([dimension] + values)) ?? 0
    }
}
