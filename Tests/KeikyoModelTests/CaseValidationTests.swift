import KeikyoModel
import Testing

@Suite("Case validation")
struct CaseValidationTests {
    static var valid: ExportCase {
        var record = ExportCase()
        record.title = LocalizedText(ja: "アビジャン港穀物バース建設事業")
        record.field = .transport
        record.subsector = "port"
        record.countries = [CountryShare("CI")]
        record.provenance = Provenance(agency: "MOFA")
        return record
    }

    func fields(_ record: ExportCase) -> [String] { record.violations().map(\.field) }

    @Test("a minimal case is valid; one language of title is enough")
    func minimal() {
        #expect(Self.valid.violations() == [])
        var english = Self.valid
        english.title = LocalizedText(en: "Abidjan port grain berth")
        #expect(english.violations() == [])
    }

    @Test("every seed case is valid")
    func seed() {
        for record in SeedCases.all {
            #expect(record.violations() == [], "\(record.id)")
            #expect(CaseID.isValid(record.id), "\(record.id)")
        }
        #expect(Set(SeedCases.all.map(\.id)).count == SeedCases.all.count)
    }

    @Test("missing required fields are each named")
    func required() {
        let empty = ExportCase()
        #expect(Set(fields(empty)) == ["title", "field", "subsector", "countries", "provenance.agency"])
    }

    @Test("unknown codes: country, currency, subsector, agency, party country")
    func unknownCodes() {
        var record = Self.valid
        record.countries = [CountryShare("CI"), CountryShare("XX")]
        record.subsector = "teleportation"
        record.provenance.agency = "NASA"
        record.contractValue = Money(amount: "100", currency: "YEN", valueDate: "2019-11")
        record.parties = [Party(name: LocalizedText(en: "Port"), role: .counterpart, kind: .hostCountry, country: "ZZ")]
        #expect(Set(fields(record)) == [
            "countries[1].country", "subsector", "provenance.agency", "contract_value.currency", "parties[0].country",
        ])
    }

    @Test("country shares: all or none, each positive, summing to 100")
    func countryShares() {
        var record = Self.valid
        record.countries = [CountryShare("SG", percent: "40"), CountryShare("MM", percent: "30"), CountryShare("IN", percent: "30")]
        #expect(record.violations() == [])
        record.countries[2].percent = "20"
        #expect(fields(record) == ["countries"])
        #expect(record.violations().first?.description.contains("90") == true)
        record.countries[2].percent = ""
        #expect(fields(record) == ["countries[2].percent"])
        record.countries[2].percent = "-30"
        #expect(fields(record) == ["countries[2].percent"])
        record.countries = [CountryShare("SG"), CountryShare("SG")]
        #expect(fields(record) == ["countries[1].country"])
    }

    @Test("money: exact non-negative decimals, a value date, the Japanese share within the contract")
    func money() {
        var record = Self.valid
        record.contractValue = Money(amount: "1000000.50", currency: "USD", valueDate: "2019-11")
        record.japaneseShare = Money(amount: "780000", currency: "USD", valueDate: "2019-11")
        #expect(record.violations() == [])
        for bad in ["-5", "1e6", "1,000", "12.1234567", "", "0x10", " 5"] {
            record.contractValue?.amount = bad
            #expect(fields(record) == ["contract_value.amount"], "\(bad)")
        }
        record.contractValue?.amount = "500000"
        #expect(fields(record) == ["japanese_share.amount"], "share above the contract value")
        record.contractValue = Money(amount: "500000", currency: "USD", valueDate: "")
        #expect(fields(record).contains("contract_value.value_date"))
    }

    @Test("key dates must be dates and in order, at the precision both have")
    func keyDates() {
        var record = Self.valid
        record.keyDates = KeyDates(mou: "2019-05", award: "2019-11", contractSignature: "2019-11-20")
        #expect(record.violations() == [])
        record.keyDates = KeyDates(mou: "2019-12", contractSignature: "2019-11")
        #expect(fields(record) == ["key_dates.contract_signature"])
        record.keyDates = KeyDates(tender: "2019-02-30")
        #expect(fields(record) == ["key_dates.tender"])
        record.keyDates = KeyDates(award: "2019", contractSignature: "2019-03")
        #expect(record.violations() == [], "same year: not surely out of order")
    }

    @Test("enumerations: PPI type only for PPP, SDG goals 1-17, no repeats")
    func lists() {
        var record = Self.valid
        record.ppiType = "BOT"
        #expect(fields(record) == ["ppi_type"])
        record.businessModels = [.pppConcession]
        #expect(record.violations() == [])
        record.sdgGoals = [9, 18, 9]
        #expect(Set(fields(record)) == ["sdg_goals[1]", "sdg_goals"])
        record.sdgGoals = []
        record.policyTags = [.foip, .foip]
        #expect(fields(record) == ["policy_tags"])
    }

    @Test("regions follow the countries")
    func regions() {
        var record = Self.valid
        record.countries = [CountryShare("SG"), CountryShare("MM"), CountryShare("IN")]
        #expect(record.regions == [.eastAsiaPacific, .southAsia])
        #expect(Region.of("CI") == .subSaharanAfrica)
        #expect(Region.of("QA") == .middleEastNorthAfrica)
        #expect(Region.of("CA") == .northAmerica)
    }
}

@Suite("Exact values")
struct ValueTests {
    @Test("decimal amounts parse exactly and print in shortest form")
    func decimals() throws {
        #expect(DecimalAmount("78000000")?.description == "78000000")
        #expect(DecimalAmount("0.10")?.description == "0.1")
        #expect(DecimalAmount("34000000000000")?.micros == 34_000_000_000_000_000_000)
        let sum = try #require(DecimalAmount("0.1")) + #require(DecimalAmount("0.2"))
        #expect(sum == DecimalAmount("0.3"), "no binary floating point")
        #expect(DecimalAmount("1" + String(repeating: "0", count: 25)) == nil, "bounded before arithmetic")
    }

    @Test("partial dates keep their precision and validate the calendar")
    func dates() {
        #expect(PartialDate("2019")?.description == "2019")
        #expect(PartialDate("2019-11")?.description == "2019-11")
        #expect(PartialDate("2020-02-29") != nil)
        #expect(PartialDate("2019-02-29") == nil)
        #expect(PartialDate("2019-13") == nil)
        #expect(PartialDate("19-11") == nil)
        #expect(PartialDate("2019-11")!.isSurelyAfter(PartialDate("2019-10-31")!))
        #expect(!PartialDate("2019-11")!.isSurelyAfter(PartialDate("2019-11-30")!))
    }
}
