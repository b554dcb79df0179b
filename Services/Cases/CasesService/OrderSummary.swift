import KeikyoModel

/// SummarizeOrders: the Japanese shares of won KPI cases, summed exactly in each original
/// currency, by year × field and by country. A multi-country case is split by its country
/// shares, or evenly when it has none (the remainder of an uneven split goes to the first
/// country), so that no amount is counted twice.
package enum OrderSummary {
    package static func summarize(_ cases: [(year: Int?, record: ExportCase)], yearFrom: UInt32, yearTo: UInt32) -> (
        byYearField: [OrderTotal], byCountry: [OrderTotal], withoutValue: UInt32
    ) {
        struct YearKey: Hashable { var year: Int; var field: KPIField; var currency: String }
        struct CountryKey: Hashable { var country: String; var currency: String }
        var byYearField: [YearKey: (DecimalAmount, UInt32)] = [:]
        var byCountry: [CountryKey: (DecimalAmount, UInt32)] = [:]
        var withoutValue: UInt32 = 0

        for (year, record) in cases {
            guard let year, let field = record.field else { continue }
            if yearFrom > 0, year < Int(yearFrom) { continue }
            if yearTo > 0, year > Int(yearTo) { continue }
            guard let share = record.japaneseShare, let amount = share.decimal else {
                withoutValue += 1
                continue
            }
            let yearKey = YearKey(year: year, field: field, currency: share.currency)
            let current = byYearField[yearKey] ?? (.zero, 0)
            byYearField[yearKey] = (current.0 + amount, current.1 + 1)
            for (country, part) in split(amount, over: record.countries) {
                let key = CountryKey(country: country, currency: share.currency)
                let current = byCountry[key] ?? (.zero, 0)
                byCountry[key] = (current.0 + part, current.1 + 1)
            }
        }
        let yearTotals = byYearField.map { key, value in
            OrderTotal(year: UInt32(key.year), field: key.field, currency: key.currency, amount: value.0, cases: value.1)
        }.sorted { ($0.year, $0.field?.rawValue ?? "", $0.currency) < ($1.year, $1.field?.rawValue ?? "", $1.currency) }
        let countryTotals = byCountry.map { key, value in
            OrderTotal(country: key.country, currency: key.currency, amount: value.0, cases: value.1)
        }.sorted { ($0.country, $0.currency) < ($1.country, $1.currency) }
        return (yearTotals, countryTotals, withoutValue)
    }

    /// `amount` apportioned to the countries; the parts add up to `amount` exactly.
    static func split(_ amount: DecimalAmount, over countries: [CountryShare]) -> [(String, DecimalAmount)] {
        guard !countries.isEmpty else { return [] }
        let percents = countries.map { DecimalAmount($0.percent) }
        var parts: [Int128]
        if percents.allSatisfy({ $0 != nil }) {
            parts = percents.map { amount.micros * $0!.micros / 100_000_000 }
        } else {
            parts = Array(repeating: amount.micros / Int128(countries.count), count: countries.count)
        }
        parts[0] += amount.micros - parts.reduce(0, +)
        return zip(countries.map(\.country), parts.map { DecimalAmount(micros: $0) }).map { ($0, $1) }
    }
}
