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
        orders.scopeNotes = LocalizedText(en: "Broken down by the council's seven fields; totals are the sums of the fields unless published on their own.")
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

    public static var targets: [KPITarget] {
        [
            KPITarget(
                indicator: infrastructureOrders, strategy: LocalizedText(ja: "インフラシステム輸出戦略", en: "Infrastructure System Export Strategy"),
                adoptedOn: "2013-05", baselineYear: 2010, baselineValue: "10", targetYear: 2020, targetValue: "30", source: seedDocument),
            KPITarget(
                indicator: infrastructureOrders, strategy: LocalizedText(ja: "インフラシステム海外展開戦略2025", en: "Infrastructure System Overseas Promotion Strategy 2025"),
                adoptedOn: "2020-12", baselineYear: 2018, baselineValue: "25", targetYear: 2025, targetValue: "34",
                source: "インフラシステム海外展開戦略2025 (2020-12); baseline: the 2018 orders of about JPY 25 trillion"),
            KPITarget(
                indicator: infrastructureOrders, strategy: LocalizedText(ja: "インフラシステム海外展開戦略2030", en: "Infrastructure System Overseas Promotion Strategy 2030"),
                adoptedOn: "2024-12", baselineYear: 2022, baselineValue: "31", targetYear: 2030, targetValue: "45",
                source: "インフラシステム海外展開戦略2030 (2024-12); baseline: the 2022 orders of about JPY 31 trillion"),
            KPITarget(
                indicator: topSalesPrimeMinister, strategy: LocalizedText(ja: "インフラシステム輸出戦略", en: "Infrastructure System Export Strategy"),
                adoptedOn: "2013-05", baselineYear: 0, baselineValue: "", targetYear: 0, targetValue: "10", source: "at least 10 a year"),
            KPITarget(
                indicator: topSalesMinisters, strategy: LocalizedText(ja: "インフラシステム輸出戦略", en: "Infrastructure System Export Strategy"),
                adoptedOn: "2013-05", baselineYear: 0, baselineValue: "", targetYear: 0, targetValue: "200", source: "at least 200 a year"),
        ]
    }

    /// The seed's table by field (JPY trillion) for 2010, 2017 and 2018.
    static let table: [(KPIField, [UInt32: String])] = [
        (.energy, [2010: "3.8", 2017: "4.5", 2018: "5.1"]),
        (.transport, [2010: "0.5", 2017: "1.7", 2018: "2.2"]),
        (.ictTelecomBusiness, [2010: "1.0", 2017: "6.6", 2018: "6.9"]),
        (.ictTelecomEquipment, [2010: "3.0", 2017: "2.9", 2018: "2.9"]),
        (.infrastructureDevelopment, [2010: "1.0", 2017: "2.9", 2018: "2.8"]),
        (.livingEnvironment, [2010: "0.3", 2017: "0.4", 2018: "0.5"]),
        (.newFields, [2010: "0.7", 2017: "4.1", 2018: "4.4"]),
    ]

    public static var actuals: [Actual] {
        var actuals: [Actual] = []
        for (field, byYear) in table {
            for year in byYear.keys.sorted() {
                var actual = Actual(
                    indicator: infrastructureOrders, year: year, dimensions: [DimensionValue(.field, field.rawValue)], value: byYear[year]!,
                    source: seedDocument, publishedOn: "2020-07-09", status: .final)
                actual.id = "actual-orders-\(year)-\(field.rawValue.lowercased().replacingOccurrences(of: "_", with: "-"))"
                actuals.append(actual)
            }
        }
        var y2019 = Actual(
            indicator: infrastructureOrders, year: 2019, value: "27", source: "インフラシステム海外展開戦略2025 フォローアップ: 2019年の受注実績 約27兆円",
            publishedOn: "2021", status: .final, note: "published as about JPY 27 trillion; no breakdown recorded here")
        y2019.id = "actual-orders-2019-total"
        var y2022 = Actual(
            indicator: infrastructureOrders, year: 2022, value: "31", source: "インフラシステム海外展開戦略2030 (2024-12): 2022年の受注実績 約31兆円",
            publishedOn: "2024-12", status: .final, note: "published as about JPY 31 trillion; no breakdown recorded here")
        y2022.id = "actual-orders-2022-total"
        return actuals + [y2019, y2022]
    }
}
