/// The cases of the seed document (FACTS.md §4), with stable ids that the other services'
/// seed data link to.
public enum SeedCases {
    public static let abidjanGrainBerth = "case-abidjan-grain-berth"
    public static let hamadAirport = "case-hamad-airport-expansion"
    public static let submarineCable = "case-sg-mm-in-submarine-cable"
    public static let colomboECT = "case-colombo-east-container-terminal"
    public static let amataSmartCity = "case-amata-smart-city"
    public static let dhakaKamalapur = "case-dhaka-kamalapur-hub"
    public static let uzbekThermal = "case-uzbekistan-thermal-renewal"
    public static let westernSydney = "case-western-sydney-airport-city"
    public static let canadaRailcar = "case-canada-railcar-maintenance"
    public static let laosFiscal = "case-laos-fiscal-stability"
    public static let telemedicine = "case-telemedicine-network"
    public static let healthcareLogistics = "case-india-healthcare-logistics"

    static let seedDocument = "経協インフラ戦略会議 第47回 (2020-07-09) インフラシステム輸出戦略 フォローアップ第8弾"
    /// A stage date the seed does not give: the stage as the seed reports it, on its date.
    static let asReported = "2020-07-09"

    static func make(
        _ id: String, ja: String, en: String, field: KPIField, subsector: String, countries: [String],
        stage: CaseStage, stageDate: String, models: [BusinessModel], parties: [Party] = [], agency: String,
        keyDates: KeyDates = KeyDates(), tags: [PolicyTag] = [], dac: [UInt32] = [], countsTowardKPI: Bool = true,
        notes: String = "", ppiType: String = "", lines: String
    ) -> ExportCase {
        var record = ExportCase()
        record.id = id
        record.title = LocalizedText(ja: ja, en: en)
        record.field = field
        record.subsector = subsector
        record.countries = countries.map { CountryShare($0) }
        record.stage = stage
        record.stageDate = stageDate
        record.businessModels = models
        record.parties = parties
        record.keyDates = keyDates
        record.policyTags = tags
        record.dacPurposes = dac.map { PurposeShare(dacCode: $0) }
        record.countsTowardKPI = countsTowardKPI
        record.notes = notes
        record.ppiType = ppiType
        record.provenance = Provenance(agency: agency, document: seedDocument, source: .seed(lines))
        return record
    }

    static func company(_ ja: String, _ en: String, _ role: PartyRole) -> Party {
        Party(name: LocalizedText(ja: ja, en: en), role: role, kind: .japaneseCompany, country: "JP")
    }

    static func publicBody(_ ja: String, _ en: String, _ role: PartyRole) -> Party {
        Party(name: LocalizedText(ja: ja, en: en), role: role, kind: .japanesePublicBody, country: "JP")
    }

    static func host(_ ja: String, _ en: String, _ country: String, _ role: PartyRole = .counterpart) -> Party {
        Party(name: LocalizedText(ja: ja, en: en), role: role, kind: .hostCountry, country: country)
    }

    static func thirdCountry(_ ja: String, _ en: String, _ country: String) -> Party {
        Party(name: LocalizedText(ja: ja, en: en), role: .partner, kind: .thirdCountry, country: country)
    }

    /// Every seed case, in the order of FACTS.md §4.
    public static let all: [ExportCase] = [
        make(
            abidjanGrainBerth, ja: "アビジャン港穀物バース建設事業", en: "Abidjan port grain berth construction",
            field: .transport, subsector: "port", countries: ["CI"], stage: .contracted, stageDate: "2019-11",
            models: [.epc],
            parties: [
                company("東亜建設工業", "Toa Corporation", .contractor),
                host("アビジャン港湾公社", "Abidjan Port Authority", "CI"),
            ],
            agency: "MOFA", keyDates: KeyDates(contractSignature: "2019-11"), tags: [.qualityInfrastructure], dac: [21040],
            notes: "Financed by a yen loan. Abidjan is one of the largest ports of Sub-Saharan Africa.", lines: "43-48"),
        make(
            hamadAirport, ja: "ハマド国際空港ターミナル拡張工事", en: "Hamad International Airport terminal expansion",
            field: .transport, subsector: "airport", countries: ["QA"], stage: .awarded, stageDate: "2019-11",
            models: [.epc],
            parties: [company("大成建設（JV）", "JV including Taisei Corporation", .jvMember)],
            agency: "MOFA", keyDates: KeyDates(award: "2019-11"), dac: [21050],
            notes: "The JV won the tender (落札) in November 2019, after the Emir of Qatar's visit to Japan and summit with PM Abe in January 2019; the seed gives no contract signature.",
            lines: "50-56"),
        make(
            submarineCable, ja: "シンガポール・ミャンマー・インド間光海底ケーブル整備・運営事業",
            en: "Singapore–Myanmar–India submarine optical cable", field: .ictTelecomBusiness, subsector: "submarine_cable",
            countries: ["SG", "MM", "IN"], stage: .formation, stageDate: "2019-10", models: [.equityInvestment],
            parties: [
                publicBody("海外通信・放送・郵便事業支援機構（JICT）", "JICT", .investor),
                company("NTT国際通信", "NTT International Communications", .investor),
            ],
            agency: "MIC", tags: [.foip, .digital], dac: [22040],
            notes: "In October 2019 JICT decided, with NTT International Communications, to take part in the project and to support it with up to USD 78 million (参画し、最大78百万ドル支援することを決定); the seed reports a decision, not a contract or a financial close. Contributes to a Free and Open Indo-Pacific.",
            lines: "189-197"),
        make(
            colomboECT, ja: "コロンボ南港東コンテナターミナル開発・運営",
            en: "Colombo South Port East Container Terminal development and operation", field: .transport, subsector: "port",
            countries: ["LK"], stage: .formation, stageDate: "2019-05", models: [.pppConcession],
            parties: [
                publicBody("日本国政府", "Government of Japan", .partner),
                thirdCountry("インド政府", "Government of India", "IN"),
                host("スリランカ政府", "Government of Sri Lanka", "LK"),
            ],
            agency: "MLIT", keyDates: KeyDates(mou: "2019-05"), tags: [.thirdCountryCooperation, .foip], dac: [21040],
            notes: "Memorandum of cooperation signed by Japan, India and Sri Lanka in May 2019 (Japan–India third-country cooperation).", lines: "254-258"),
        make(
            amataSmartCity, ja: "タイ・アマタ社スマートシティ化マスタープラン", en: "Thailand smart city master plan (Amata)",
            field: .newFields, subsector: "smart_city", countries: ["TH"], stage: .completed, stageDate: asReported,
            models: [.masterPlanning],
            parties: [
                company("横浜市関連企業団体YUSA", "YUSA (Yokohama-related companies)", .advisor),
                host("アマタ社", "Amata Corporation", "TH"),
                thirdCountry("中国企業（一部区域）", "Chinese companies (in part of the area)", "CN"),
            ],
            agency: "JBIC", tags: [.smartCity, .thirdCountryCooperation], countsTowardKPI: false,
            notes: "Master plan made (マスタープランを策定), as reported to the council on 2020-07-09 (the seed gives no date of its own). Japan–China cooperation: Chinese companies take part in part of the area.",
            lines: "260-266"),
        make(
            dhakaKamalapur, ja: "ダッカ・カムラプール駅複合交通施設及び周辺都市開発",
            en: "Dhaka Kamalapur station multimodal hub and urban development", field: .transport, subsector: "urban_development",
            countries: ["BD"], stage: .formation, stageDate: asReported, models: [.pppConcession],
            parties: [
                publicBody("国土交通省", "MLIT", .partner),
                host("バングラデシュ政府", "Government of Bangladesh", "BD"),
            ],
            agency: "MLIT",
            notes: "Under study (検討中案件例), as reported on 2020-07-09. Under the Japan–Bangladesh PPP memorandum, Japanese companies get priority negotiation rights without competitive bidding.",
            lines: "336-344"),
        make(
            uzbekThermal, ja: "ウズベキスタン既設火力発電所の機器更新・予備部品供給・人材育成",
            en: "Existing thermal power plant renewal, spare parts and training", field: .energy, subsector: "power_generation",
            countries: ["UZ"], stage: .operation, stageDate: asReported, models: [.operationMaintenance, .equipmentSupply],
            agency: "JICA", dac: [23230],
            notes: "O&M business financed by a yen loan: equipment renewal, spare parts and training for safe, self-sustaining operation and maintenance. The seed gives no date; the stage is as reported on 2020-07-09.",
            lines: "346-350"),
        make(
            westernSydney, ja: "西シドニー新空港周辺開発への技術支援", en: "Western Sydney new airport area development advice",
            field: .infrastructureDevelopment, subsector: "urban_development", countries: ["AU"], stage: .contracted,
            stageDate: "2019-10", models: [.advisory],
            parties: [
                publicBody("都市再生機構（UR）", "Urban Renaissance Agency (UR)", .advisor),
                host("西シドニー空港都市局", "Western Sydney airport city authority", "AU"),
            ],
            agency: "MLIT", keyDates: KeyDates(contractSignature: "2019-10"), tags: [.upstreamInvolvement],
            notes: "Advisory contract signed October 2019: planning advice drawing on large-scale urban development and TOD.", lines: "352-357"),
        make(
            canadaRailcar, ja: "カナダ鉄道車両整備事業者の株式取得", en: "Acquisition of a Canadian railcar maintenance company",
            field: .transport, subsector: "rail_om", countries: ["CA"], stage: .operation, stageDate: "2020-03",
            models: [.equityInvestment, .operationMaintenance],
            parties: [
                publicBody("海外交通・都市開発事業支援機構（JOIN）", "JOIN", .investor),
                company("日系商社", "A Japanese trading company", .investor),
            ],
            agency: "MLIT", keyDates: KeyDates(contractSignature: "2020-03"),
            notes: "All shares acquired in March 2020, gaining management control; supports maintenance business in North America.", lines: "327-334"),
        make(
            laosFiscal, ja: "ラオス財政安定化共同政策研究・対話プログラム", en: "Laos fiscal stability joint policy research and dialogue",
            field: .newFields, subsector: "soft_infrastructure", countries: ["LA"], stage: .completed, stageDate: "2020-01",
            models: [.advisory],
            parties: [
                publicBody("国際協力機構（JICA）", "JICA", .advisor),
                host("ラオス政府", "Government of Laos", "LA"),
            ],
            agency: "JICA", dac: [15111], countsTowardKPI: false,
            notes: "Debt management capacity. Final report January 2020, at PM Thongloun's May 2016 request to PM Abe; for the 2021–2025 national plan.",
            lines: "199-212"),
        make(
            telemedicine, ja: "クラウド技術等を活用した遠隔医療ネットワーク導入", en: "Telemedicine network using cloud technology",
            field: .livingEnvironment, subsector: "health",
            countries: ["BR", "CL", "PE", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"],
            stage: .operation, stageDate: asReported, models: [.equipmentSupply], agency: "MIC", tags: [.digital], dac: [12191],
            notes: "Introduced (導入) in Latin America including Brazil, Chile and Peru, and in ASEAN countries; the seed names no ASEAN country, so the ten members are listed as the countries (an inference), and gives no date.",
            lines: "214-219"),
        make(
            healthcareLogistics, ja: "一元管理型ヘルスケア物流センター（アジア健康構想・日印）",
            en: "Healthcare logistics centre (Asia Health, Japan–India)", field: .livingEnvironment, subsector: "health",
            countries: ["IN"], stage: .formation, stageDate: asReported, models: [.operationMaintenance],
            parties: [company("鴻池運輸", "Konoike Transport", .operator)],
            agency: "MHLW",
            notes: "Under study (検討中), as reported on 2020-07-09: a medical logistics model combined with clinical testing (Asia Health Initiative, Japan–India example 2).",
            lines: "292-301"),
    ]
}
