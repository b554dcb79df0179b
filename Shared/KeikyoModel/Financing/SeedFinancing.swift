/// The seed's public finance (FACTS.md §2-§3): the financings named for the seeded cases,
/// the two pledges with their official progress, and annual average yen rates for USD and
/// EUR, 2010-2024. Ids are stable so that other services' seed data can refer to them.
public enum SeedFinancing {
    public static let qualityInfrastructurePledge = "pledge-quality-infrastructure-usd-200bn"
    public static let aseanPledge = "pledge-asean-investment-and-loan-usd-3bn"

    static let seedDocument = "経協インフラ戦略会議 第47回 (2020-07-09) インフラシステム輸出戦略 フォローアップ第8弾"

    public static var financings: [Financing] {
        [
            make(
                "fin-abidjan-grain-berth-yen-loan", cases: [SeedCases.abidjanGrainBerth], institution: "JICA", instrument: .odaLoan,
                status: .signed, ja: "アビジャン港穀物バース建設計画（円借款）", en: "Abidjan Port Grain Berth Construction (yen loan)",
                notes: "The seed names the yen loan behind Toa Corporation's November 2019 contract; it gives no amount or terms.", lines: "43-46"),
            make(
                "fin-submarine-cable-jict", cases: [SeedCases.submarineCable], institution: "JICT", instrument: .equity,
                status: .approved, ja: "シンガポール・ミャンマー・インド海底光ケーブル（JICT 支援）",
                en: "Singapore–Myanmar–India submarine optical cable (JICT support)",
                transactions: [
                    Transaction(
                        type: .commitment, date: "2019-10", value: Money(amount: "78000000", currency: "USD", valueDate: "2019-10"),
                        note: "up to USD 78 million (最大78百万ドル), decided October 2019 with NTT International Communications (NTT国際通信)")
                ], lines: "192-197"),
            make(
                "fin-canada-railcar-join-equity", cases: [SeedCases.canadaRailcar], institution: "JOIN", instrument: .equity,
                status: .signed, ja: "カナダ鉄道車両整備会社の買収（JOIN 出資）", en: "Acquisition of a Canadian railcar maintenance company (JOIN equity)",
                notes: "All shares acquired in March 2020 with a Japanese trading company; the seed gives no amount.", lines: "327-334"),
            make(
                "fin-uzbekistan-thermal-yen-loan", cases: [SeedCases.uzbekThermal], institution: "JICA", instrument: .odaLoan,
                status: .signed, ja: "ウズベキスタン既設火力発電所更新・スペアパーツ・研修（円借款）",
                en: "Uzbekistan thermal power plant renewal, spare parts and training (yen loan)",
                notes: "The seed names the yen loan for this O&M business; it gives no amount or terms.", lines: "346-350"),
        ]
    }

    static func make(
        _ id: String, cases: [String], institution: String, instrument: Instrument, status: FinancingStatus, ja: String, en: String,
        transactions: [Transaction] = [], notes: String = "", lines: String
    ) -> Financing {
        var financing = Financing()
        financing.id = id
        financing.caseIDs = cases
        financing.institution = institution
        financing.instrument = instrument
        financing.status = status
        financing.title = LocalizedText(ja: ja, en: en)
        financing.transactions = transactions
        financing.source = seedDocument
        financing.provenance = .seed(lines)
        financing.notes = notes
        return financing
    }

    /// ASEAN member states.
    static let asean = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"]

    public static var pledges: [Pledge] {
        var quality = Pledge()
        quality.id = qualityInfrastructurePledge
        quality.name = LocalizedText(ja: "質の高いインフラ輸出拡大イニシアティブ", en: "Expanded Partnership for Quality Infrastructure")
        quality.announcedOn = "2016-05"
        quality.target = Money(amount: "200000000000", currency: "USD", valueDate: "")
        quality.periodStart = "2017"
        quality.periodEnd = "2021"
        quality.notes = "About USD 200 billion of finance for infrastructure worldwide over five years from 2017 (announced May 2016). The seed names no institutions, so the scope is left open."
        quality.provenance = .seed("35-39")
        var reported = OfficialProgress(
            asOf: "2019", amount: Money(amount: "105600000000", currency: "USD", valueDate: "2019"),
            source: seedDocument + ": about USD 105.6 billion cumulative to 2019")
        reported.provenance = .seed("138", note: "2019年までの実績（累積）約1056億ドル")
        quality.officialProgress = [reported]

        var asean = Pledge()
        asean.id = aseanPledge
        asean.name = LocalizedText(ja: "対ASEAN海外投融資イニシアティブ", en: "Overseas investment and loan initiative for ASEAN")
        asean.target = Money(amount: "3000000000", currency: "USD", valueDate: "")
        asean.periodStart = "2020"
        asean.periodEnd = "2022"
        asean.scope = PledgeScope(countries: Self.asean)
        asean.notes = "About USD 3 billion of public and private finance mobilised over three years (2020-2022) for ASEAN's infrastructure needs."
        asean.provenance = .seed("69-73")
        asean.contributions = [
            PledgeContribution(
                institution: "JICA", amount: Money(amount: "1200000000", currency: "USD", valueDate: ""),
                description: LocalizedText(ja: "12億ドルの出融資を通じ質の高いインフラ案件等を支援", en: "USD 1.2 billion of investment and loans for quality infrastructure projects"),
                provenance: .seed("72-73"))
        ]
        return [quality, asean]
    }

    /// Annual average yen per unit. USD: Federal Reserve G.5A (annual averages of the noon
    /// buying rates); EUR: the ECB's euro reference rates, annual averages.
    public static var exchangeRates: [ExchangeRate] {
        let usd: [(Int, String)] = [
            (2010, "87.78"), (2011, "79.70"), (2012, "79.82"), (2013, "97.60"), (2014, "105.74"), (2015, "121.05"),
            (2016, "108.66"), (2017, "112.10"), (2018, "110.40"), (2019, "109.01"), (2020, "106.78"), (2021, "109.84"),
            (2022, "131.46"), (2023, "140.49"), (2024, "151.46"),
        ]
        let eur: [(Int, String)] = [
            (2010, "116.24"), (2011, "110.96"), (2012, "102.49"), (2013, "129.66"), (2014, "140.31"), (2015, "134.31"),
            (2016, "120.20"), (2017, "126.71"), (2018, "130.40"), (2019, "122.01"), (2020, "121.85"), (2021, "129.88"),
            (2022, "138.03"), (2023, "151.99"), (2024, "163.85"),
        ]
        // The seed has no rates: these are the publishers' own annual averages, named in each rate's source.
        return usd.map { ExchangeRate(currency: "USD", period: String($0.0), type: .annualAverage, jpyPerUnit: $0.1, source: "Federal Reserve G.5A, annual average") }
            + eur.map { ExchangeRate(currency: "EUR", period: String($0.0), type: .annualAverage, jpyPerUnit: $0.1, source: "ECB euro reference rate, annual average") }
    }
}
