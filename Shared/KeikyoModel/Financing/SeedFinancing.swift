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
        // The seed has no rates: these are the publishers' own annual averages, each published
        // early in the following year.
        func rate(_ currency: String, _ year: Int, _ value: String, _ source: String, _ title: String) -> ExchangeRate {
            var rate = ExchangeRate(currency: currency, period: String(year), type: .annualAverage, jpyPerUnit: value, source: source)
            rate.provenance = .document(title, date: String(year + 1), note: "the annual average for \(year); not in the seed")
            return rate
        }
        return usd.map { rate("USD", $0.0, $0.1, "Federal Reserve G.5A, annual average", "Federal Reserve Statistical Release G.5A, Foreign Exchange Rates (Annual)") }
            + eur.map { rate("EUR", $0.0, $0.1, "ECB euro reference rate, annual average", "European Central Bank, euro foreign exchange reference rates (annual average)") }
    }

    /// The support programmes the seed describes (§3 of FACTS.md): what each institution or
    /// ministry offers, in which fields and countries, with the seed's lines.
    public static var programmes: [SupportProgramme] {
        func text(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }
        func make(
            _ id: String, _ institution: String, partners: [String] = [], _ name: LocalizedText, _ kind: ProgrammeKind, start: String = "",
            end: String = "", focus: [ProgrammeFocus] = [], amount: Money? = nil, measures: [LocalizedText], facility: String = "",
            covid: Bool = false, lines: String, notes: String = ""
        ) -> SupportProgramme {
            var programme = SupportProgramme()
            programme.id = "prog-" + id
            programme.institution = institution
            programme.partners = partners
            programme.name = name
            programme.kind = kind
            programme.periodStart = start
            programme.periodEnd = end
            programme.focus = focus
            programme.amount = amount
            programme.measures = measures
            programme.facility = facility
            programme.covid19 = covid
            programme.provenance = .seed(lines)
            programme.notes = notes
            return programme
        }
        return [
            make(
                "jbic-growth-investment-facility", "JBIC", text("成長投資ファシリティ", "Growth Investment Facility"), .facility,
                measures: [
                    text("我が国の企業による海外M&A", "Overseas M&A by Japanese companies"),
                    text("グローバル・バリューチェーン再編等の海外展開", "Overseas expansion such as restructuring global value chains"),
                    text("質の高いインフラ整備", "Quality infrastructure"),
                ],
                facility: "JBIC_GROWTH_INVESTMENT_FACILITY", lines: "64-67"),
            make(
                "jbic-advanced-countries-fields", "JBIC", text("先進国向け支援分野の拡充", "Support for advanced countries widened"), .scheme,
                focus: ["hydrogen_production", "storage_batteries", "airports_and_ports", "plant_based_chemicals", "advanced_ict_networks"].map {
                    ProgrammeFocus(field: $0, countryGroups: ["ADVANCED_COUNTRIES"])
                },
                measures: [
                    text("水素製造等", "Hydrogen production etc."), text("蓄電", "Storage batteries"), text("空港・港湾", "Airports and ports"),
                    text("植物由来の有機物を原料とする化学製品製造", "Chemicals made from plant-derived organic matter"),
                    text("高度情報通信ネットワークの整備", "Advanced ICT networks"),
                ],
                lines: "58-62"),
            make(
                "jbic-covid19-window", "JBIC", partners: ["MOF"], text("成長投資ファシリティ「新型コロナ危機対応緊急ウィンドウ」", "COVID-19 crisis response emergency window of the Growth Investment Facility"),
                .window, measures: [text("新型コロナ危機対応緊急ウィンドウの創設", "An emergency window for the COVID-19 crisis")],
                facility: "JBIC_COVID19_CRISIS_RESPONSE_WINDOW", covid: true, lines: "237"),
            make(
                "jica-asia-private-finance", "JICA", text("アジアにおける民間資金動員の促進", "Mobilising private finance in Asia"), .scheme,
                start: "2020", end: "2022", focus: [ProgrammeFocus(countryGroups: ["ASEAN"])],
                amount: Money(amount: "1200000000", currency: "USD", valueDate: ""),
                measures: [text("12億ドルの出融資を通じ質の高いインフラ案件等を支援", "USD 1.2 billion of investment and loans for quality infrastructure projects")],
                facility: "JICA_ASEAN_INVESTMENT_AND_LOAN_INITIATIVE", lines: "69-75",
                notes: "JICA's part of the overseas investment and loan initiative for ASEAN (USD 3 billion, public and private, 2020-2022)."),
            make(
                "jica-covid19-emergency-support-loan", "JICA", partners: ["MOF", "MOFA", "METI"],
                text("新型コロナ危機対応緊急支援円借款", "COVID-19 Crisis Response Emergency Support Loan"), .facility,
                measures: [text("新型コロナ危機対応緊急支援円借款の創設", "A yen loan for the COVID-19 crisis response")],
                facility: "JICA_COVID19_CRISIS_RESPONSE_EMERGENCY_SUPPORT_LOAN", covid: true, lines: "238"),
            make(
                "jetro-fy2019-project-calls", "JETRO", text("案件公募等による海外インフラ展開支援（FY2019）", "Support through calls for projects (FY2019)"),
                .callForProjects, start: "2019-04", end: "2020-03",
                focus: [
                    ProgrammeFocus(field: "waste", countries: ["IN", "LA", "FJ", "CZ"]),
                    ProgrammeFocus(field: "water", countries: ["KH", "TH", "MM", "MX"]),
                    ProgrammeFocus(field: "digital_infrastructure", countries: ["TH"]),
                    ProgrammeFocus(field: "power", countries: ["CL", "KW"]),
                    ProgrammeFocus(field: "rail", countries: ["IN"]),
                ],
                measures: [
                    text("企業派遣", "Sending companies' staff"), text("バイヤー招へい", "Inviting buyers"), text("現地調査", "Field surveys"),
                    text("ミッション派遣", "Missions"), text("セミナー開催", "Seminars"), text("要人招へい", "Inviting dignitaries"),
                ],
                facility: "JETRO_PROJECT_CALL", lines: "77-87",
                notes: "For individual projects of mid-sized and small companies and for industry associations; FY2019's main fields and countries."),
            make(
                "nexi-receivables-securitisation", "NEXI", text("債権流動化・譲渡を通じた資金供給者の多様化", "Receivables securitisation and transfer, diversifying funders"),
                .scheme,
                measures: [
                    text(
                        "NEXIが既に保険引受済のインフラ案件に対して、債権流動化・譲渡を通じ、機関投資家が参画するスキーム等",
                        "Schemes in which institutional investors take part, through securitisation and transfer of receivables of infrastructure projects NEXI already insures")
                ],
                facility: "NEXI_RECEIVABLES_SECURITISATION", lines: "89-92"),
            make(
                "nexi-partnerships", "NEXI", text("外国政府・企業等とのパートナーシップ構築支援", "Partnerships with foreign governments and companies"), .scheme,
                measures: [text("パートナーシップ構築をより積極的に支援し、日本企業による案件形成を後押し", "More active support for partnerships, backing project formation by Japanese companies")],
                lines: "94-95"),
            make(
                "nexi-covid19-measures", "NEXI", partners: ["METI"], text("新型コロナ対応（NEXI）", "COVID-19 measures (NEXI)"), .measure,
                measures: [
                    text("コロナ起因の損失カバー", "Cover of losses caused by COVID-19"),
                    text("海外子会社運転資金支援", "Working capital for overseas subsidiaries"),
                    text("前払輸入保険制度改正", "A revision of the prepayment import insurance"),
                ],
                covid: true, lines: "239"),
            make(
                "join-act-review", "JOIN", text("JOIN法施行5年後の検討結果を踏まえた支援拡充", "Wider support after the five-year review of the JOIN Act"), .scheme,
                focus: [ProgrammeFocus(field: "urban_development"), ProgrammeFocus(field: "smart_city"), ProgrammeFocus(field: "maas")],
                measures: [
                    text("都市開発事業の面積要件を緩和", "The area requirement for urban development relaxed"),
                    text("スマートシティ、MaaS等のプロジェクトも積極的に支援", "Smart city and MaaS projects supported too"),
                ],
                lines: "97-102"),
            make(
                "mofa-covid19-health-equipment", "MOFA", text("途上国への保健医療関連資機材等供与", "Health and medical equipment for developing countries"), .measure,
                focus: [ProgrammeFocus(field: "health", countryGroups: ["DEVELOPING_COUNTRIES"])],
                measures: [text("無償資金協力、国際機関等を通じた供与", "Through grant aid and international organisations")], covid: true, lines: "235"),
            make(
                "mofa-jica-covid19-health-experts", "JICA", partners: ["MOFA"], text("保健分野等の専門家派遣等による技術協力", "Technical cooperation by experts in health and other fields"),
                .measure, focus: [ProgrammeFocus(field: "health")],
                measures: [text("保健分野等の専門家派遣等による技術協力", "Technical cooperation, such as sending experts in health")], covid: true, lines: "236"),
            make(
                "mofa-covid19-water-sanitation", "MOFA", text("水・衛生分野を中心とした国際機関との連携による日本企業海外展開支援", "Support for Japanese companies abroad with international organisations, chiefly in water and sanitation"),
                .measure, focus: [ProgrammeFocus(field: "water"), ProgrammeFocus(field: "sanitation")],
                measures: [text("国際機関との連携等を通じた日本企業海外展開支援", "Support for Japanese companies' overseas business through international organisations")],
                covid: true, lines: "241"),
            make(
                "meti-supply-chain-diversification", "METI", text("海外サプライチェーン多元化等支援", "Diversifying overseas supply chains"), .measure,
                focus: [ProgrammeFocus(field: "supply_chain")],
                measures: [text("海外サプライチェーン多元化等支援", "Support for diversifying overseas supply chains")], covid: true, lines: "240"),
        ]
    }
}
