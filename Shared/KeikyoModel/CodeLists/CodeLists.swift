/// Lookups over the ISO code lists.
public enum CountryCode {
    /// True for an ISO 3166-1 alpha-2 code, e.g. `CI`.
    public static func isValid(_ code: String) -> Bool { ISOCodes.countries[code] != nil }
    public static func name(_ code: String) -> String? { ISOCodes.countries[code] }
}

public enum CurrencyCode {
    /// True for an ISO 4217 code, e.g. `JPY`.
    public static func isValid(_ code: String) -> Bool { ISOCodes.currencies[code] != nil }
    public static func name(_ code: String) -> String? { ISOCodes.currencies[code] }
}

/// The field of the council's order statistics that a case counts in (FACTS.md §1).
public enum KPIField: String, Sendable, Hashable, Codable, CaseIterable {
    case energy = "ENERGY"
    case transport = "TRANSPORT"
    case ictTelecomBusiness = "ICT_TELECOM_BUSINESS"
    case ictTelecomEquipment = "ICT_TELECOM_EQUIPMENT"
    case infrastructureDevelopment = "INFRASTRUCTURE_DEVELOPMENT"
    case livingEnvironment = "LIVING_ENVIRONMENT"
    case newFields = "NEW_FIELDS"

    /// The seed's Japanese name, e.g. エネルギー.
    public var japaneseName: String {
        switch self {
        case .energy: "エネルギー"
        case .transport: "交通"
        case .ictTelecomBusiness: "情報通信（通信事業）"
        case .ictTelecomEquipment: "情報通信（通信機器等）"
        case .infrastructureDevelopment: "基盤整備"
        case .livingEnvironment: "生活環境"
        case .newFields: "新分野"
        }
    }

    /// Headings of the seed's table that hold more than one field (情報通信: both ICT rows).
    /// A published figure may be given for a group as a whole, as the seed's "ICT +0.3" is.
    public static let groups: [String: [KPIField]] = ["ICT": [.ictTelecomBusiness, .ictTelecomEquipment]]
}

/// Subsectors: a code list that grows without a protocol change (codes are lowercase words).
public enum Subsector {
    public static let known: [String: String] = [
        "port": "Ports and terminals",
        "airport": "Airports",
        "rail": "Railways",
        "rail_om": "Railway operation and maintenance",
        "urban_transit": "Urban transit",
        "road": "Roads and bridges",
        "logistics": "Logistics",
        "power_generation": "Power generation",
        "grid": "Transmission and distribution",
        "renewables": "Renewable energy",
        "hydrogen": "Hydrogen",
        "storage_battery": "Storage batteries",
        "ccus": "Carbon capture, use and storage",
        "nuclear": "Nuclear power",
        "water": "Water supply and sewerage",
        "waste": "Waste management",
        "smart_city": "Smart cities",
        "urban_development": "Urban development",
        "maas": "Mobility as a service",
        "health": "Health care",
        "submarine_cable": "Submarine cables",
        "telecom_5g": "5G and mobile networks",
        "data_center": "Data centres",
        "postal": "Postal services",
        "space": "Space",
        "disaster_prevention": "Disaster prevention",
        "agriculture": "Agriculture and food value chains",
        "soft_infrastructure": "Soft infrastructure (institutions, debt management, standards)",
        "industrial_park": "Industrial parks",
    ]

    public static func isValid(_ code: String) -> Bool { known[code] != nil }
}

/// How Japanese firms take part (OC4IDS / PPI contract types).
public enum BusinessModel: String, Sendable, Hashable, Codable, CaseIterable {
    case epc = "EPC"
    case equipmentSupply = "EQUIPMENT_SUPPLY"
    case operationMaintenance = "OPERATION_MAINTENANCE"
    case pppConcession = "PPP_CONCESSION"
    case equityInvestment = "EQUITY_INVESTMENT"
    case advisory = "ADVISORY"
    case masterPlanning = "MASTER_PLANNING"
}

/// World Bank PPI database contract types, for PPP/concession cases.
public enum PPIType {
    public static let known: Set<String> = [
        "BOT", "BOO", "BOOT", "BLT", "BROT", "ROT", "RLT", "MANAGEMENT_CONTRACT", "LEASE_CONTRACT",
        "MERCHANT", "RENTAL", "PARTIAL_DIVESTITURE", "FULL_DIVESTITURE", "DBFO",
    ]
}

/// A party's part in a case.
public enum PartyRole: String, Sendable, Hashable, Codable, CaseIterable {
    case contractor = "CONTRACTOR"
    case jvMember = "JV_MEMBER"
    case investor = "INVESTOR"
    case `operator` = "OPERATOR"
    case advisor = "ADVISOR"
    case financier = "FINANCIER"
    case supplier = "SUPPLIER"
    /// The host side: the authority or company that awards or owns the project.
    case counterpart = "COUNTERPART"
    /// A government or company of a third country working with Japan.
    case partner = "PARTNER"
}

public enum PartyKind: String, Sendable, Hashable, Codable, CaseIterable {
    case japaneseCompany = "JAPANESE_COMPANY"
    case japanesePublicBody = "JAPANESE_PUBLIC_BODY"
    case hostCountry = "HOST_COUNTRY"
    case thirdCountry = "THIRD_COUNTRY"
}

public enum PolicyTag: String, Sendable, Hashable, Codable, CaseIterable {
    case foip = "FOIP"
    case qualityInfrastructure = "QUALITY_INFRASTRUCTURE"
    case covid19 = "COVID_19"
    case digital = "DIGITAL"
    case smartCity = "SMART_CITY"
    case fiveG = "FIVE_G"
    case decarbonisation = "DECARBONISATION"
    case thirdCountryCooperation = "THIRD_COUNTRY_COOPERATION"
    case upstreamInvolvement = "UPSTREAM_INVOLVEMENT"
}

/// Ministries and agencies that are sources, owners or callers (FACTS.md §3).
public enum Agency {
    public static let known: [String: String] = [
        "CAS": "Cabinet Secretariat",
        "MOFA": "Ministry of Foreign Affairs",
        "METI": "Ministry of Economy, Trade and Industry",
        "MLIT": "Ministry of Land, Infrastructure, Transport and Tourism",
        "MIC": "Ministry of Internal Affairs and Communications",
        "MOF": "Ministry of Finance",
        "MHLW": "Ministry of Health, Labour and Welfare",
        "MOJ": "Ministry of Justice",
        "JICA": "Japan International Cooperation Agency",
        "JBIC": "Japan Bank for International Cooperation",
        "NEXI": "Nippon Export and Investment Insurance",
        "JOIN": "Japan Overseas Infrastructure Investment Corporation for Transport & Urban Development",
        "JICT": "Fund Corporation for the Overseas Development of Japan's ICT and Postal Services",
        "JETRO": "Japan External Trade Organization",
        "DBJ": "Development Bank of Japan",
        "UR": "Urban Renaissance Agency",
    ]

    public static func isValid(_ code: String) -> Bool { known[code] != nil }
}

/// Who assigned an external identifier.
public enum ExternalIDScheme: String, Sendable, Hashable, Codable, CaseIterable {
    case jicaProjectNumber = "JICA_PROJECT_NUMBER"
    case worldBankProject = "WORLD_BANK_PROJECT"
    case ppiID = "PPI_ID"
    case other = "OTHER"
}
