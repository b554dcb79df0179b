/// A World Bank region (the grouping of the World Bank's PPI database), derived from a
/// case's countries.
public enum Region: String, Sendable, Hashable, Codable, CaseIterable {
    case eastAsiaPacific = "EAST_ASIA_PACIFIC"
    case europeCentralAsia = "EUROPE_CENTRAL_ASIA"
    case latinAmericaCaribbean = "LATIN_AMERICA_CARIBBEAN"
    case middleEastNorthAfrica = "MIDDLE_EAST_NORTH_AFRICA"
    case northAmerica = "NORTH_AMERICA"
    case southAsia = "SOUTH_ASIA"
    case subSaharanAfrica = "SUB_SAHARAN_AFRICA"
    /// Antarctica and uninhabited territories.
    case other = "OTHER"

    /// The region of an ISO 3166-1 alpha-2 code (territories follow their geography).
    public static func of(_ country: String) -> Region {
        membership[country] ?? .other
    }

    private static let membership: [String: Region] = {
        let lists: [(Region, String)] = [
            (.eastAsiaPacific, "AS AU BN CC CK CN CX FJ FM GU HK ID JP KH KI KP KR LA MH MM MN MO MP MY NC NF NR NU NZ PF PG PH PN PW SB SG TH TK TL TO TV TW UM VN VU WF WS"),
            (.europeCentralAsia, "AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GL GR HR HU IE IM IS IT JE KG KZ LI LT LU LV MC MD ME MK NL NO PL PT RO RS RU SE SI SJ SK SM TJ TM TR UA UZ VA"),
            (.latinAmericaCaribbean, "AG AI AR AW BB BL BO BQ BR BS BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI"),
            (.middleEastNorthAfrica, "AE BH DJ DZ EG EH IL IQ IR JO KW LB LY MA MT OM PS QA SA SY TN YE"),
            (.northAmerica, "BM CA PM US"),
            (.southAsia, "AF BD BT IN IO LK MV NP PK"),
            (.subSaharanAfrica, "AO BF BI BJ BW CD CF CG CI CM CV ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TZ UG YT ZA ZM ZW"),
        ]
        var membership: [String: Region] = [:]
        for (region, codes) in lists {
            for code in codes.split(separator: " ") { membership[String(code)] = region }
        }
        return membership
    }()
}
