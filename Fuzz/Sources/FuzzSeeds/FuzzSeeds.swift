import Foundation
import FuzzSupport
import KeikyoAPI
import KeikyoModel
import KeikyoWire
import NIOCore

/// Writes the seed corpus of every fuzzer under `Fuzz/Corpus/<fuzzer>/` (scripts/fuzz.sh seeds):
/// well-formed inputs from the seed data, which the fuzzers mutate from.
@main
enum FuzzSeeds {
    static func main() throws {
        let root = CommandLine.arguments.dropFirst().first ?? "Fuzz/Corpus"
        var requests: [(String, [UInt8])] = []
        func add<Input, Output>(_ method: KWPMethod<Input, Output>, _ message: Input, _ name: String) throws {
            let index = RequestType.all.firstIndex { $0.method == method.path }!
            requests.append((name, [UInt8(index)] + Array(try ProtobufCCodec.encode(message).readableBytesView)))
        }
        for (index, record) in SeedCases.all.prefix(3).enumerated() {
            try add(CaseServiceAPI.createCase, CreateCaseRequest(record), "create-case-\(index)")
        }
        var filter = CaseFilter()
        filter.text = "port"
        filter.countries = ["LK", "QA"]
        try add(CaseServiceAPI.listCases, ListCasesRequest(filter: filter, pageSize: 20), "list-cases")
        try add(CaseServiceAPI.advanceStage, AdvanceStageRequest(id: SeedCases.hamadAirport, stage: .contracted, date: "2019-10"), "advance")
        try add(FinancingServiceAPI.createFinancing, CreateFinancingRequest(SeedFinancing.financings[0]), "create-financing")
        try add(FinancingServiceAPI.createPledge, CreatePledgeRequest(SeedFinancing.pledges[0]), "create-pledge")
        try add(
            FinancingServiceAPI.convert, ConvertRequest(amount: Money(amount: "78000000", currency: "USD", valueDate: "2019-10"), toCurrency: "JPY"),
            "convert")
        try add(TopSalesServiceAPI.createEvent, CreateEventRequest(SeedEvents.all[0]), "create-event")
        try add(KPIServiceAPI.defineIndicator, DefineIndicatorRequest(SeedKPI.indicators[0]), "define-indicator")
        try add(KPIServiceAPI.recordActual, RecordActualRequest(SeedKPI.actuals[0]), "record-actual")
        try add(AuditServiceAPI.listAudit, ListAuditRequest(pageSize: 10, agency: "METI"), "list-audit")
        for (index, type) in RequestType.all.enumerated() { requests.append(("empty-\(index)", [UInt8(index)])) }

        try write(requests, to: "\(root)/FuzzRequests")
        try write(
            requests.map { name, bytes in
                let type = RequestType.all[Int(bytes[0])]
                let json = try! type.toJSON(ByteBuffer(bytes: bytes.dropFirst()))
                return (name, [bytes[0]] + Array(json.utf8))
            }, to: "\(root)/FuzzJSON")
        try write(try wireSeeds(), to: "\(root)/FuzzWire")
    }

    /// Connections as a client would open them: preface, HELLO, requests plain and compressed,
    /// PING, CANCEL, GOAWAY.
    static func wireSeeds() throws -> [(String, [UInt8])] {
        let preface: [UInt8] = [0x4B, 0x57, 0x50, 0x31, 0x0D, 0x0A, 0x1A, 0x0A]
        let hello = try frame(0x01, 0, json: #"{"version": 1, "compression": ["zstd"], "max_message_bytes": 4194304, "agent": "seed"}"#, "keikyo.wire.v1.Hello")
        let body = try ProtobufCCodec.encode(CreateCaseRequest(SeedCases.all[0]))
        let request = try envelope(
            method: CaseServiceAPI.createCase.path, body: Array(body.readableBytesView),
            metadata: [("authorization", "Bearer kk1.abcdefghij.secret"), ("idempotency-key", "seed-1")])
        let compressed = ZstdCodec().compress(ByteBuffer(bytes: request)).map { Array($0.readableBytesView) } ?? request
        let ping = header(0x05, 0, 0, count: 8) + [1, 2, 3, 4, 5, 6, 7, 8]
        let cancel = header(0x04, 0, 3, count: 0)
        let goAway = try frame(0x07, 0, json: #"{"last_stream_id": 1, "error_code": 0, "message": "bye"}"#, "keikyo.wire.v1.GoAway")
        let list = try envelope(method: CaseServiceAPI.listCases.path, body: [], metadata: [])
        return [
            ("hello", preface + hello),
            ("request", preface + hello + header(0x02, 0x02, 1, count: request.count) + request),
            ("compressed", preface + hello + header(0x02, 0x03, 1, count: compressed.count) + compressed),
            ("streams", preface + hello + header(0x02, 0x02, 1, count: list.count) + list + cancel + header(0x02, 0x02, 5, count: list.count) + list),
            ("control", preface + hello + ping + goAway + header(0x7F, 0, 0, count: 2) + [0, 0]),
        ]
    }

    static func envelope(method: String, body: [UInt8], metadata: [(String, String)]) throws -> [UInt8] {
        let entries = metadata.map { #"{"key": "\#($0.0)", "value": "\#($0.1)"}"# }.joined(separator: ", ")
        let json = #"{"method": "\#(method)", "timeout_micros": "5000000", "metadata": [\#(entries)], "message": "\#(Data(body).base64EncodedString())"}"#
        return try encode(json, "keikyo.wire.v1.RequestEnvelope")
    }

    static func frame(_ type: UInt8, _ flags: UInt8, json: String, _ message: String) throws -> [UInt8] {
        let payload = try encode(json, message)
        return header(type, flags, 0, count: payload.count) + payload
    }

    static func encode(_ json: String, _ message: String) throws -> [UInt8] {
        Array(try ProtobufJSON.encode(json: json, as: ProtobufJSON.descriptor(named: message)!).readableBytesView)
    }

    static func header(_ type: UInt8, _ flags: UInt8, _ stream: UInt32, count: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt32(count).bigEndian, Array.init) + [type, flags] + withUnsafeBytes(of: stream.bigEndian, Array.init)
    }

    static func write(_ seeds: [(String, [UInt8])], to directory: String) throws {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, bytes) in seeds { try Data(bytes).write(to: URL(fileURLWithPath: "\(directory)/\(name)")) }
        print("\(seeds.count) seeds in \(directory)")
    }
}
