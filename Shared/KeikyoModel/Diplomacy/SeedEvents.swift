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

    /// The seed calls him 安倍総理; it gives no other name.
    static let primeMinisterAbe = Participant(name: "Abe", post: "Prime Minister", level: .primeMinister, agency: "CAS")

    static func inferred(_ why: String) -> Source { .inferred(why) }

    public static var all: [Event] {
        [
            make(
                qatarSummit, .summit, "2019-01", countries: ["QA"], ja: "カタール首長訪日・日カタール首脳会談",
                en: "Emir of Qatar's visit to Japan and summit with Prime Minister Abe", participants: [primeMinisterAbe],
                counterparts: [Counterpart(post: "Emir of Qatar", country: "QA")],
                links: [
                    CaseLink(
                        caseID: SeedCases.hamadAirport, relation: .promoted, note: "the JV won the tender in November 2019",
                        provenance: .seed("52-56", note: "the seed reports the summit and the award together as one result (成果事例)"))
                ],
                lines: "52"),
            make(
                g20Osaka, .internationalConference, "2019", city: "Osaka", ja: "G20大阪サミット", en: "G20 Osaka Summit",
                participants: [primeMinisterAbe],
                outcomes: Outcomes(statements: [
                    LocalizedText(ja: "質の高いインフラ投資に関するG20原則の承認", en: "G20 Principles for Quality Infrastructure Investment endorsed")
                ]),
                notes: "With the G20 finance ministers' and central bank governors' meeting; used for top sales (l.104-105). The prime minister's part is public record: he chaired the summit (G20 Osaka Leaders' Declaration, 2019-06-29); the seed gives no month.",
                lines: "104-105, 163-165"),
            make(
                ticad7, .internationalConference, "2019-08", ja: "第7回アフリカ開発会議（TICAD7）",
                en: "Seventh Tokyo International Conference on African Development (TICAD 7)", participants: [primeMinisterAbe],
                outcomes: Outcomes(statements: [LocalizedText(ja: "アフリカ健康構想", en: "Africa Health initiative")]),
                links: [
                    CaseLink(
                        caseID: SeedCases.abidjanGrainBerth, relation: .promoted, note: "Africa cases",
                        provenance: inferred("the seed names TICAD VII among 2019's top-sales occasions (l.104-105) and the Abidjan contract of the same year (l.43-46); it does not link the two"))
                ],
                notes: "Used for top sales (l.104-105); the Africa Health initiative was announced there (l.285-290). The prime minister's part is public record: he chaired the conference (Yokohama Declaration 2019, 2019-08-30).",
                lines: "104-105, 285-290"),
            make(
                smartCityNetwork, .internationalConference, "2019-10", countries: SeedFinancing.asean, city: "Yokohama",
                ja: "第1回日ASEANスマートシティ・ネットワーク ハイレベル会合", en: "1st Japan-ASEAN Smart City Network High Level Meeting",
                outcomes: Outcomes(statements: [LocalizedText(ja: "官民協議会の設立", en: "Public-private council set up")]),
                links: [
                    CaseLink(
                        caseID: SeedCases.amataSmartCity, relation: .promoted,
                        provenance: inferred("the seed reports the meeting (l.221-222) and the Amata master plan (l.260-265) under smart cities; it does not link them"))
                ],
                notes: "The countries are the ten ASEAN members: the seed says 日ASEAN and names none.", lines: "221-222"),
            make(
                disasterDialogues, .policyDialogue, "", countries: ["VN", "ID", "MM", "MY"], ja: "防災協働対話",
                en: "Disaster-prevention cooperation dialogues",
                outcomes: Outcomes(statements: [
                    LocalizedText(
                        ja: "ダムの点検・再生・3L水位計等技術・知見の共有（3L: Low Cost, Long Life, Localized）",
                        en: "Sharing of technology and know-how such as dam inspection and rehabilitation and \"3L\" water gauges (low cost, long life, localised)")
                ]),
                lines: "180-185"),
            make(
                bangladeshPPP, .memorandum, "", countries: ["BD"], ja: "日バングラデシュPPP二国間枠組み覚書（国土交通省）",
                en: "Japan-Bangladesh PPP bilateral framework memorandum (MLIT)",
                outcomes: Outcomes(memoranda: [Memorandum(title: LocalizedText(ja: "バングラデシュとのPPP二国間枠組み覚書", en: "Japan-Bangladesh PPP bilateral framework memorandum"))]),
                links: [
                    CaseLink(
                        caseID: SeedCases.dhakaKamalapur, relation: .promoted, note: "priority negotiation without competitive bidding",
                        provenance: .seed("336-344"))
                ],
                lines: "336-339"),
            make(
                colomboMemorandum, .memorandum, "2019-05", countries: ["LK", "IN"], ja: "コロンボ港に関する日印スリランカ協力覚書",
                en: "Japan-India-Sri Lanka memorandum of cooperation on Colombo port",
                outcomes: Outcomes(memoranda: [Memorandum(title: LocalizedText(en: "Memorandum of cooperation on the East Container Terminal"))]),
                links: [CaseLink(caseID: SeedCases.colomboECT, relation: .signed, provenance: .seed("254-258"))],
                lines: "254-258"),
            make(
                trilateralFramework, .memorandum, "", countries: ["US", "AU"], ja: "日米豪の協力枠組み（JBIC、米国DFC、豪DFAT/EFA）",
                en: "Japan-US-Australia cooperation framework (JBIC, US DFC, Australia DFAT/EFA)",
                notes: "For project formation toward a Free and Open Indo-Pacific.", lines: "248-252"),
            make(
                laosRequest, .summit, "2016-05", countries: ["LA"], ja: "トンルン首相から安倍総理への要請", en: "Prime Minister Thongloun's request to Prime Minister Abe",
                participants: [primeMinisterAbe], counterparts: [Counterpart(name: "Thongloun", post: "Prime Minister of Laos", country: "LA")],
                links: [
                    CaseLink(
                        caseID: SeedCases.laosFiscal, relation: .promoted, note: "joint policy research on fiscal stability",
                        provenance: .seed("211-212"))
                ],
                lines: "211-212"),
            make(
                smartCityTaskForce, .taskForce, "", ja: "スマートシティ海外展開タスクフォース", en: "Smart City overseas task force",
                links: [
                    CaseLink(
                        caseID: SeedCases.amataSmartCity, relation: .followedUp,
                        provenance: inferred("the seed reports the task force (l.224-225) and the Amata master plan (l.260-265) under smart cities; it does not link them"))
                ],
                notes: "Decided at the 44th meeting of the council.", lines: "224-225"),
            make(
                arbitrationFacility, .other, "2020-03", city: "Tokyo", ja: "東京都心の国際仲裁専用施設の開設",
                en: "International arbitration facility opened in central Tokyo", notes: "Soft infrastructure: with state-of-the-art ICT.", lines: "278-283"),
        ]
    }

    static func make(
        _ id: String, _ kind: EventKind, _ start: String, countries: [String] = [], city: String = "", ja: String, en: String,
        participants: [Participant] = [], counterparts: [Counterpart] = [], outcomes: Outcomes = Outcomes(), links: [CaseLink] = [],
        notes: String = "", lines: String
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
        event.provenance = .seed(lines)
        event.notes = notes
        return event
    }
}
