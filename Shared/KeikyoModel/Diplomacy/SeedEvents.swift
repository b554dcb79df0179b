/// The top-sales diplomacy of the seed document (FACTS.md §5), linked to the seeded cases.
/// Where the seed names no participant, none is recorded (so the event does not count as top
/// sales); where it gives no date, the date is left empty rather than guessed.
public enum SeedEvents {
    public static let qatarSummit = "event-2019-01-qatar-emir-summit"
    public static let g20Osaka = "event-2019-06-g20-osaka-summit"
    public static let ticad7 = "event-2019-08-ticad7"
    public static let smartCityNetwork = "event-2019-10-asean-smart-city-network-hlm"
    public static let disasterDialogues = "event-disaster-prevention-dialogues"
    public static let bangladeshPPP = "event-japan-bangladesh-ppp-memorandum"
    public static let colomboMemorandum = "event-2019-05-colombo-port-memorandum"
    public static let trilateralFramework = "event-japan-us-australia-framework"
    public static let laosRequest = "event-2016-05-laos-summit"
    public static let smartCityTaskForce = "event-smart-city-task-force"
    public static let arbitrationFacility = "event-2020-03-tokyo-arbitration-facility"

    static let seedDocument = "経協インフラ戦略会議 第47回 (2020-07-09) インフラシステム輸出戦略 フォローアップ第8弾"
    static let primeMinisterAbe = Participant(name: "Abe Shinzo", post: "Prime Minister", level: .primeMinister, agency: "CAS")

    public static var all: [Event] {
        [
            make(
                qatarSummit, .summit, "2019-01", countries: ["QA"], city: "Tokyo", ja: "カタール首長訪日・日カタール首脳会談",
                en: "Emir of Qatar's visit to Japan and summit with Prime Minister Abe", participants: [primeMinisterAbe],
                counterparts: [Counterpart(name: "Sheikh Tamim bin Hamad Al Thani", post: "Emir of Qatar", country: "QA")],
                links: [CaseLink(caseID: SeedCases.hamadAirport, relation: .promoted, note: "the JV won the tender in November 2019")]),
            make(
                g20Osaka, .internationalConference, "2019-06", city: "Osaka", ja: "G20大阪サミット", en: "G20 Osaka Summit",
                participants: [primeMinisterAbe],
                outcomes: Outcomes(statements: [
                    LocalizedText(ja: "質の高いインフラ投資に関するG20原則の承認", en: "G20 Principles for Quality Infrastructure Investment endorsed")
                ]),
                notes: "With the G20 finance ministers' meeting. Chaired by Japan."),
            make(
                ticad7, .internationalConference, "2019-08", city: "Yokohama", ja: "第7回アフリカ開発会議（TICAD7）",
                en: "Seventh Tokyo International Conference on African Development (TICAD 7)", participants: [primeMinisterAbe],
                outcomes: Outcomes(statements: [LocalizedText(ja: "アフリカ健康構想", en: "Africa Health initiative")]),
                links: [CaseLink(caseID: SeedCases.abidjanGrainBerth, relation: .promoted, note: "Africa cases")]),
            make(
                smartCityNetwork, .internationalConference, "2019-10", countries: SeedFinancing.asean, city: "Yokohama",
                ja: "第1回日ASEANスマートシティ・ネットワーク ハイレベル会合", en: "1st Japan-ASEAN Smart City Network High Level Meeting",
                outcomes: Outcomes(statements: [LocalizedText(ja: "官民協議会の設立", en: "Public-private council set up")]),
                links: [CaseLink(caseID: SeedCases.amataSmartCity, relation: .promoted)]),
            make(
                disasterDialogues, .policyDialogue, "", countries: ["VN", "ID", "MM", "MY"], ja: "防災協働対話",
                en: "Disaster-prevention cooperation dialogues",
                outcomes: Outcomes(statements: [
                    LocalizedText(
                        ja: "ダム点検・再開発、3L（低コスト・長寿命・現地化）水位計",
                        en: "Dam inspection and rehabilitation; \"3L\" water gauges (low cost, long life, localised)")
                ])),
            make(
                bangladeshPPP, .memorandum, "", countries: ["BD"], ja: "日バングラデシュPPP二国間枠組み覚書（国土交通省）",
                en: "Japan-Bangladesh PPP bilateral framework memorandum (MLIT)",
                outcomes: Outcomes(memoranda: [Memorandum(title: LocalizedText(en: "Japan-Bangladesh PPP bilateral framework memorandum"))]),
                links: [CaseLink(caseID: SeedCases.dhakaKamalapur, relation: .promoted, note: "priority negotiation without competitive bidding")]),
            make(
                colomboMemorandum, .memorandum, "2019-05", countries: ["LK", "IN"], ja: "コロンボ港に関する日印スリランカ協力覚書",
                en: "Japan-India-Sri Lanka memorandum of cooperation on Colombo port",
                outcomes: Outcomes(memoranda: [Memorandum(title: LocalizedText(en: "Memorandum of cooperation on the East Container Terminal"))]),
                links: [CaseLink(caseID: SeedCases.colomboECT, relation: .signed)]),
            make(
                trilateralFramework, .memorandum, "", countries: ["US", "AU"], ja: "日米豪の協力枠組み（JBIC、米国DFC、豪DFAT/EFA）",
                en: "Japan-US-Australia cooperation framework (JBIC, US DFC, Australia DFAT/EFA)",
                notes: "For cases under the Free and Open Indo-Pacific."),
            make(
                laosRequest, .summit, "2016-05", countries: ["LA"], ja: "トンルン首相から安倍総理への要請", en: "Prime Minister Thongloun's request to Prime Minister Abe",
                participants: [primeMinisterAbe], counterparts: [Counterpart(name: "Thongloun Sisoulith", post: "Prime Minister of Laos", country: "LA")],
                links: [CaseLink(caseID: SeedCases.laosFiscal, relation: .promoted, note: "joint policy research on fiscal stability")]),
            make(
                smartCityTaskForce, .taskForce, "", ja: "スマートシティ海外展開タスクフォース", en: "Smart City overseas task force",
                links: [CaseLink(caseID: SeedCases.amataSmartCity, relation: .followedUp)],
                notes: "Decided at the 44th meeting of the council."),
            make(
                arbitrationFacility, .other, "2020-03", city: "Tokyo", ja: "東京都心の国際仲裁専用施設の開設",
                en: "International arbitration facility opened in central Tokyo", notes: "Soft infrastructure."),
        ]
    }

    static func make(
        _ id: String, _ kind: EventKind, _ start: String, countries: [String] = [], city: String = "", ja: String, en: String,
        participants: [Participant] = [], counterparts: [Counterpart] = [], outcomes: Outcomes = Outcomes(), links: [CaseLink] = [],
        notes: String = ""
    ) -> Event {
        var event = Event()
        event.id = id
        event.kind = kind
        event.startDate = start
        event.countries = countries
        event.city = city
        event.title = LocalizedText(ja: ja, en: en)
        event.participants = participants
        event.counterparts = counterparts
        event.outcomes = outcomes
        event.caseLinks = links
        event.source = seedDocument
        event.notes = notes
        return event
    }
}
