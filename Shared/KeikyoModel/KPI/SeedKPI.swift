/// The strategy's indicators, targets and official figures (FACTS.md §1), and the published
/// totals for 2019 and 2022, each with its source.
public enum SeedKPI {
    public static let infrastructureOrders = "INFRA_ORDERS"
    public static let topSalesPrimeMinister = "TOP_SALES_PRIME_MINISTER"
    public static let topSalesMinisters = "TOP_SALES_MINISTERS_AND_SENIOR_OFFICIALS"

    static let seedDocument = "経協インフラ戦略会議 第47回 (2020-07-09) インフラシステム輸出戦略 フォローアップ第8弾"

    public static var indicators: [Indicator] {
        var orders = Indicator(
            code: infrastructureOrders, title: LocalizedText(ja: "インフラシステム受注額", en: "Infrastructure system orders"),
            unit: .jpyTrillion, direction: .higherIsBetter, dimensions: [.field])
        orders.definition = LocalizedText(
            ja: "事業投資による収入額等を含む受注額（統計及び業界ヒアリングによる総合集計）",
            en: "Orders won abroad, including income from business investment: a comprehensive tally from statistics and industry hearings")
        orders.scopeNotes = LocalizedText(
            en: "Broken down by the council's seven fields; a year's total is its published figure where there is one (2010: about 10, 2018: about 25), else the sum of the fields.")
        var primeMinister = Indicator(
            code: topSalesPrimeMinister, title: LocalizedText(ja: "総理によるトップセールス", en: "Top sales by the prime minister"),
            unit: .count, direction: .higherIsBetter)
        primeMinister.definition = LocalizedText(en: "Top-sales events a year led by the prime minister (keikyo-diplomacy counts them).")
        var ministers = Indicator(
            code: topSalesMinisters, title: LocalizedText(ja: "閣僚・政務・幹部によるトップセールス", en: "Top sales by ministers and senior officials"),
            unit: .count, direction: .higherIsBetter)
        ministers.definition = LocalizedText(en: "Top-sales events a year led by ministers, state ministers, parliamentary vice-ministers or senior officials.")
        return [orders, primeMinister, ministers]
    }

    /// The order targets. The seed sets none for top sales, so none is shipped: CAS or METI
    /// set one through SetTarget, naming the document that publishes it.
    public static var targets: [KPITarget] {
        var original = KPITarget(
            indicator: infrastructureOrders, strategy: LocalizedText(ja: "インフラシステム輸出戦略", en: "Infrastructure System Export Strategy"),
            adoptedOn: "2013-05", baselineYear: 2010, baselineValue: "10", targetYear: 2020, targetValue: "30", source: seedDocument)
        original.provenance = .seed("2-4", note: "decided May 2013: about JPY 30 trillion in 2020 (about JPY 10 trillion in 2010)")
        var strategy2025 = KPITarget(
            indicator: infrastructureOrders, strategy: LocalizedText(ja: "インフラシステム海外展開戦略2025", en: "Infrastructure System Overseas Promotion Strategy 2025"),
            adoptedOn: "2020-12", baselineYear: 2018, baselineValue: "25", targetYear: 2025, targetValue: "34",
            source: "インフラシステム海外展開戦略2025 (2020-12); baseline: the 2018 orders of about JPY 25 trillion")
        strategy2025.provenance = .document(
            "インフラシステム海外展開戦略2025", date: "2020-12",
            note: "not in the seed, which (l.452) says the 2025 KPI is to be set by the end of 2020; the baseline is the seed's 2018 figure (l.113)")
        var strategy2030 = KPITarget(
            indicator: infrastructureOrders, strategy: LocalizedText(ja: "インフラシステム海外展開戦略2030", en: "Infrastructure System Overseas Promotion Strategy 2030"),
            adoptedOn: "2024-12", baselineYear: 2022, baselineValue: "31", targetYear: 2030, targetValue: "45",
            source: "インフラシステム海外展開戦略2030 (2024-12); baseline: the 2022 orders of about JPY 31 trillion")
        strategy2030.provenance = .document("インフラシステム海外展開戦略2030", date: "2024-12", note: "not in the seed")
        return [original, strategy2025, strategy2030]
    }

    /// The seed's table by field (JPY trillion) for 2010, 2017 and 2018, with each row's line.
    static let table: [(KPIField, line: String, [UInt32: String])] = [
        (.energy, "121", [2010: "3.8", 2017: "4.5", 2018: "5.1"]),
        (.transport, "123", [2010: "0.5", 2017: "1.7", 2018: "2.2"]),
        (.ictTelecomBusiness, "125-128", [2010: "1.0", 2017: "6.6", 2018: "6.9"]),
        (.ictTelecomEquipment, "125-130", [2010: "3.0", 2017: "2.9", 2018: "2.9"]),
        (.infrastructureDevelopment, "132", [2010: "1.0", 2017: "2.9", 2018: "2.8"]),
        (.livingEnvironment, "134", [2010: "0.3", 2017: "0.4", 2018: "0.5"]),
        (.newFields, "136", [2010: "0.7", 2017: "4.1", 2018: "4.4"]),
    ]

    /// The seed's year-on-year contributions for 2018 (JPY trillion, l.116-118) and the total
    /// change (about +2, l.113-114). ICT is the seed's heading over both ICT rows.
    static let changes2018: [(String?, String, line: String)] = [
        (nil, "2", "113-114"), ("ENERGY", "0.6", "116-117"), ("TRANSPORT", "0.4", "117"), ("ICT", "0.3", "117"), ("NEW_FIELDS", "0.3", "117-118"),
    ]

    public static var actuals: [Actual] {
        var actuals: [Actual] = []
        for (field, line, byYear) in table {
            for year in byYear.keys.sorted() {
                var actual = Actual(
                    indicator: infrastructureOrders, year: year, dimensions: [DimensionValue(.field, field.rawValue)], value: byYear[year]!,
                    source: seedDocument, publishedOn: "2020-07-09", status: .final)
                actual.id = "actual-orders-\(year)-\(field.rawValue.lowercased().replacingOccurrences(of: "_", with: "-"))"
                actual.provenance = .seed("119-\(line.split(separator: "-").last!)", note: "主な分野別内訳（概数、兆円）: the table's row, as rounded in the seed")
                actuals.append(actual)
            }
        }
        var y2018 = Actual(
            indicator: infrastructureOrders, year: 2018, value: "25", source: seedDocument, publishedOn: "2020-07-09", status: .final,
            note: "published as about JPY 25 trillion; the seed's rounded table sums to 24.8")
        y2018.id = "actual-orders-2018-total"
        y2018.provenance = .seed("113")
        var y2010 = Actual(
            indicator: infrastructureOrders, year: 2010, value: "10", source: seedDocument, publishedOn: "2020-07-09", status: .final,
            note: "published as about JPY 10 trillion (the target's baseline); the seed's rounded table sums to 10.3")
        y2010.id = "actual-orders-2010-total"
        y2010.provenance = .seed("2-3")
        for (field, value, line) in changes2018 {
            var change = Actual(
                indicator: infrastructureOrders, year: 2018, dimensions: field.map { [DimensionValue(.field, $0)] } ?? [], value: value,
                source: seedDocument, publishedOn: "2020-07-09", status: .final,
                note: field == nil ? "up about JPY 2 trillion on 2017" : "the seed's contribution to the change on 2017")
            change.measure = .change
            change.id = "actual-orders-2018-change-\((field ?? "total").lowercased().replacingOccurrences(of: "_", with: "-"))"
            change.provenance = .seed(line)
            actuals.append(change)
        }
        var y2019 = Actual(
            indicator: infrastructureOrders, year: 2019, value: "27", source: "インフラシステム海外展開戦略2025 フォローアップ: 2019年の受注実績 約27兆円",
            publishedOn: "2021", status: .final, note: "published as about JPY 27 trillion; no breakdown recorded here")
        y2019.id = "actual-orders-2019-total"
        y2019.provenance = .document("インフラシステム海外展開戦略2025 フォローアップ", date: "2021", note: "not in the seed")
        var y2022 = Actual(
            indicator: infrastructureOrders, year: 2022, value: "31", source: "インフラシステム海外展開戦略2030 (2024-12): 2022年の受注実績 約31兆円",
            publishedOn: "2024-12", status: .final, note: "published as about JPY 31 trillion; no breakdown recorded here")
        y2022.id = "actual-orders-2022-total"
        y2022.provenance = .document("インフラシステム海外展開戦略2030", date: "2024-12", note: "not in the seed")
        return actuals + [y2010, y2018, y2019, y2022]
    }
}
