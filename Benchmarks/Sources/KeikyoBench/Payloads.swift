import BenchProtos
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoWire
import NIOCore

/// The three payloads of the comparison, built once as model values (for KWP/1), as
/// swift-protobuf messages decoded from the very same bytes (for gRPC), and as those bytes
/// (for the raw echo).
enum Payload: String, CaseIterable, Sendable {
    case small, `case`, caselist

    static let smallRequest = EchoRequest(
        text: "Abidjan port grain berth construction (Côte d'Ivoire): contract signed November 2019",
        payload: [UInt8](repeating: 0x5A, count: 48))

    /// A realistic case: the Abidjan case with its description, parties and history filled in.
    static let realisticCase: ExportCase = {
        var record = SeedCases.all[0]
        record.id = "case-abidjan-grain-berth"
        record.description = LocalizedText(
            ja: String(repeating: "アビジャン港はサブサハラ・アフリカ最大級の港湾の一つであり、穀物バースの整備により物流の効率化が期待される。", count: 8),
            en: String(repeating: "Abidjan is one of the largest ports of Sub-Saharan Africa; a grain berth makes its logistics more efficient. ", count: 8))
        record.parties += (1...4).map { index in
            Party(name: LocalizedText(ja: "協力企業\(index)", en: "Partner company \(index)"), role: .supplier, kind: .japaneseCompany, country: "JP")
        }
        record.contractValue = Money(amount: "25000000000", currency: "JPY", valueDate: "2019-11")
        record.japaneseShare = Money(amount: "25000000000", currency: "JPY", valueDate: "2019-11")
        record.stageHistory = [
            StageChange(stage: .formation, date: "2015", note: "formation", recordedAt: Date(timeIntervalSince1970: 1_500_000_000), recordedBy: "MLIT"),
            StageChange(stage: .bidding, date: "2018-06", note: "tender", recordedAt: Date(timeIntervalSince1970: 1_530_000_000), recordedBy: "MLIT"),
            StageChange(stage: .contracted, date: "2019-11", note: "contract signed", recordedAt: Date(timeIntervalSince1970: 1_575_000_000), recordedBy: "MOFA"),
        ]
        record.version = 3
        record.createdAt = Date(timeIntervalSince1970: 1_500_000_000)
        record.updatedAt = Date(timeIntervalSince1970: 1_575_000_000)
        record.createdBy = "MLIT"
        record.updatedBy = "MOFA"
        return record
    }()

    /// A page of 1,000 short cases.
    static let caseList: ListCasesResponse = {
        let cases = (0..<1000).map { index -> ExportCase in
            var record = ExportCase()
            record.id = "case-bench\(String(format: "%07d", index))"
            record.title = LocalizedText(en: "Benchmark case \(index): port terminal")
            record.field = .transport
            record.subsector = "port"
            record.countries = [CountryShare(["VN", "IN", "ID", "TH", "PH"][index % 5])]
            record.stage = .contracted
            record.japaneseShare = Money(amount: "\(1_000_000 + index)", currency: "JPY", valueDate: "2020")
            record.provenance = Provenance(agency: "MLIT")
            record.version = 1
            return record
        }
        return ListCasesResponse(cases: cases, nextPageToken: "AQAAAAAAAAPoy_Kc5IQiIyU", totalSize: 100_000)
    }()

    /// The protobuf encoding every contender sends.
    var bytes: [UInt8] {
        let buffer: ByteBuffer =
            switch self {
            case .small: try! ProtobufCCodec.encode(Self.smallRequest)
            case .case: try! ProtobufCCodec.encode(Self.realisticCase)
            case .caselist: try! ProtobufCCodec.encode(Self.caseList)
            }
        return Array(buffer.readableBytesView)
    }
}

/// The swift-protobuf messages of the same bytes.
enum SwiftProtobufPayload {
    static let small = try! Keikyo_Echo_V1_EchoRequest(serializedBytes: Payload.small.bytes)
    static let realisticCase = try! Keikyo_Cases_V1_Case(serializedBytes: Payload.case.bytes)
    static let caseList = try! Keikyo_Cases_V1_ListCasesResponse(serializedBytes: Payload.caselist.bytes)
}
