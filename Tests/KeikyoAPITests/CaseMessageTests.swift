import CKeikyoProtos
import CProtobufC
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoWire
import Testing

@Suite("Cases messages on the wire")
struct CaseMessageTests {
    /// A case with every field set.
    static var full: ExportCase {
        var record = ExportCase()
        record.id = "case-full"
        record.externalIDs = [ExternalID(scheme: .worldBankProject, value: "P123456", owner: "World Bank")]
        record.title = LocalizedText(ja: "全項目", en: "Every field")
        record.description = LocalizedText(ja: "説明", en: "Description")
        record.field = .ictTelecomEquipment
        record.subsector = "telecom_5g"
        record.dacPurposes = [PurposeShare(dacCode: 22040, percent: "100")]
        record.countries = [CountryShare("SG", percent: "40"), CountryShare("IN", percent: "60")]
        record.stage = .suspended
        record.stageHistory = [
            StageChange(stage: .construction, date: "2019-03", note: "start", recordedAt: Date(timeIntervalSince1970: 1_577_836_800), recordedBy: "METI"),
            StageChange(stage: .suspended, date: "2020-04-07", note: "COVID-19", recordedAt: Date(timeIntervalSince1970: 1_586_217_600), recordedBy: "MLIT"),
        ]
        record.businessModels = [.pppConcession, .operationMaintenance]
        record.ppiType = "BOT"
        record.parties = [Party(name: LocalizedText(en: "Port Authority"), role: .counterpart, kind: .hostCountry, country: "SG")]
        record.contractValue = Money(amount: "1000000.25", currency: "USD", valueDate: "2019-03-01")
        record.japaneseShare = Money(amount: "400000", currency: "USD", valueDate: "2019-03")
        record.countsTowardKPI = true
        record.keyDates = KeyDates(mou: "2018", tender: "2018-06", award: "2018-11", contractSignature: "2019-01", financialClose: "2019-02", operationStart: "2022")
        record.policyTags = [.foip, .fiveG, .upstreamInvolvement]
        record.sdgGoals = [9, 17]
        record.provenance = Provenance(agency: "MIC", document: "doc", url: "https://example.org/x")
        record.notes = "notes"
        record.version = 7
        record.createdAt = Date(timeIntervalSince1970: 1_577_836_800.125)
        record.createdBy = "MIC"
        record.updatedAt = Date(timeIntervalSince1970: 1_586_217_600.5)
        record.updatedBy = "MLIT"
        record.stageDate = "2019-03"
        return record
    }

    @Test("every field of a case survives protobuf-c encoding")
    func protobufRoundTrip() throws {
        let decoded = try ProtobufCCodec.decode(ExportCase.self, from: try ProtobufCCodec.encode(Self.full))
        #expect(decoded == Self.full)
    }

    @Test("every field survives JSON (keikyo call, --json) and back")
    func jsonRoundTrip() throws {
        let json = try ProtobufJSON.decode(try ProtobufCCodec.encode(Self.full), as: ExportCase.protobufCDescriptor)
        #expect(json.contains("\"stage\": \"STAGE_SUSPENDED\""))
        #expect(json.contains("\"version\": \"7\""), "64-bit integers are strings in proto3 JSON")
        let back = try ProtobufCCodec.decode(ExportCase.self, from: try ProtobufJSON.encode(json: json, as: ExportCase.protobufCDescriptor))
        #expect(back == Self.full)
    }

    @Test("JSON that does not fit names the field")
    func jsonErrors() throws {
        let cases: [(String, String)] = [
            (#"{"titel": {}}"#, "titel"),
            (#"{"field": "FIELD_SPACE"}"#, "field"),
            (#"{"countries": {"country": "SG"}}"#, "countries"),
            (#"{"countries": [{"country": 7}]}"#, "countries[0].country"),
            (#"{"sdg_goals": [9, -1]}"#, "sdg_goals[1]"),
            (#"{"version": "many"}"#, "version"),
        ]
        for (json, field) in cases {
            do {
                _ = try ProtobufJSON.encode(json: json, as: ExportCase.protobufCDescriptor)
                Issue.record("accepted \(json)")
            } catch let error as KWPError {
                #expect(error.violations.map(\.field) == [field], "\(json): \(error)")
            }
        }
        #expect(throws: KWPError.self) { try ProtobufJSON.encode(json: "[1, 2]", as: ExportCase.protobufCDescriptor) }
        #expect(throws: KWPError.self) { try ProtobufJSON.encode(json: "{", as: ExportCase.protobufCDescriptor) }
    }

    @Test("lowerCamelCase JSON names are accepted too")
    func camelCase() throws {
        let bytes = try ProtobufJSON.encode(json: #"{"countsTowardKpi": true, "keyDates": {"contractSignature": "2020"}}"#, as: ExportCase.protobufCDescriptor)
        let record = try ProtobufCCodec.decode(ExportCase.self, from: bytes)
        #expect(record.countsTowardKPI && record.keyDates.contractSignature == "2020")
    }

    /// The proto enum's value names, without their prefix.
    static func names(_ descriptor: UnsafePointer<ProtobufCEnumDescriptor>, prefix: String) -> [String] {
        (0..<Int(descriptor.pointee.n_values)).map { descriptor.pointee.values[$0] }.sorted { $0.value < $1.value }
            .map { String(String(cString: $0.name).dropFirst(prefix.count)) }
    }

    @Test("proto enums and model code lists agree, value by value")
    func enumsAgree() {
        #expect(Self.names(keikyo__cases__v1__field__descriptor_ptr(), prefix: "FIELD_") == ["UNSPECIFIED"] + KPIField.allCases.map(\.rawValue))
        #expect(Self.names(keikyo__cases__v1__stage__descriptor_ptr(), prefix: "STAGE_") == ["UNSPECIFIED"] + CaseStage.allCases.map(\.rawValue))
        #expect(Self.names(keikyo__cases__v1__business_model__descriptor_ptr(), prefix: "BUSINESS_MODEL_") == ["UNSPECIFIED"] + BusinessModel.allCases.map(\.rawValue))
        #expect(Self.names(keikyo__cases__v1__party_role__descriptor_ptr(), prefix: "PARTY_ROLE_") == ["UNSPECIFIED"] + PartyRole.allCases.map(\.rawValue))
        #expect(Self.names(keikyo__cases__v1__party_kind__descriptor_ptr(), prefix: "PARTY_KIND_") == ["UNSPECIFIED"] + PartyKind.allCases.map(\.rawValue))
        #expect(Self.names(keikyo__cases__v1__policy_tag__descriptor_ptr(), prefix: "POLICY_TAG_") == ["UNSPECIFIED"] + PolicyTag.allCases.map(\.rawValue))
        #expect(Self.names(keikyo__cases__v1__external_id_scheme__descriptor_ptr(), prefix: "EXTERNAL_ID_SCHEME_") == ["UNSPECIFIED"] + ExternalIDScheme.allCases.map(\.rawValue))
    }

    @Test("an enum number this build does not know is refused, naming the field")
    func unknownEnumNumber() throws {
        let bytes = try ProtobufJSON.encode(json: #"{"parties": [{"name": {"en": "x"}, "role": 42, "kind": 1}]}"#, as: ExportCase.protobufCDescriptor)
        do {
            _ = try ProtobufCCodec.decode(ExportCase.self, from: bytes)
            Issue.record("accepted role 42")
        } catch let error as KWPError {
            #expect(error.violations.map(\.field) == ["parties[0].role"])
        }
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test("written and read back, timestamps are stable at the millisecond")
    func stable() throws {
        for seconds in [0.0, 1_577_836_800.125, 1_764_414_443.9995, 1_764_414_443.123456789, -1.5] {
            let text = Timestamp.string(Date(timeIntervalSince1970: seconds))
            let date = try #require(Timestamp.date(text))
            #expect(Timestamp.string(date) == text)
            #expect(Timestamp.date(Timestamp.string(date)) == date)
        }
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_577_836_800.125)) == "2020-01-01T00:00:00.125Z")
        #expect(Timestamp.date("2020-01-01T00:00:00Z") == Date(timeIntervalSince1970: 1_577_836_800))
        #expect(Timestamp.date("yesterday") == nil)
    }

    @Test("the hand-written format and parse agree with Foundation's ISO 8601 format style")
    func agreesWithFoundation() throws {
        let seconds = Date.ISO8601FormatStyle()
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        // 1900-01-01 to 2200-01-01, whole milliseconds.
        let low: Int64 = -2_208_988_800_000
        let span = UInt64(7_258_118_400_000 - low)
        for _ in 0..<2_000 {
            let milliseconds = low + Int64(next() % span)
            let date = Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
            let text = Timestamp.string(date)
            let reference = Date(timeIntervalSince1970: TimeInterval(milliseconds / 1000 - (milliseconds % 1000 < 0 ? 1 : 0)))
                .formatted(seconds)
            let fraction = ((milliseconds % 1000) + 1000) % 1000
            #expect(text == String(reference.dropLast()) + "." + String(format: "%03d", fraction) + "Z")
            let parsed = try #require(Timestamp.date(text))
            let foundation = try fractional.parse(text)
            #expect(parsed == Date(timeIntervalSince1970: (foundation.timeIntervalSince1970 * 1000).rounded() / 1000))
            #expect(Timestamp.date(reference) == (try seconds.parse(reference)))
        }
        #expect(Timestamp.date("2021-02-29T00:00:00Z") == (try? seconds.parse("2021-02-29T00:00:00Z")))
        #expect(Timestamp.date("2024-02-29T23:59:59.5Z") == Date(timeIntervalSince1970: 1_709_251_199.5))
        #expect(Timestamp.date("2024-13-01T00:00:00Z") == nil)
        #expect(Timestamp.date("2024-01-01T00:00:00+0900") == (try? seconds.parse("2024-01-01T00:00:00+0900")))
    }
}
