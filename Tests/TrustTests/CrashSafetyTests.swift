import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoTrust
import KeikyoWire
import NIOConcurrencyHelpers
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL each service at a random moment of a mixed write load, 20 times on the same data:
/// after each restart every acknowledged write is there, and every record is whole: as many
/// history entries as versions, as many audit entries as history entries.
@Suite("Crash safety: SIGKILL during writes, 20 times per service", .serialized)
struct CrashSafetyTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["KEIKYO_CRASH_ITERATIONS"] ?? "") ?? 20

    /// Acknowledged writes: record id to the version the reply carried.
    final class Acknowledged: Sendable {
        private let state = NIOLockedValueBox<(versions: [String: UInt64], count: Int)>(([:], 0))
        private let (events, continuation) = AsyncStream.makeStream(of: Int.self)

        func record(_ id: String, version: UInt64) {
            let count = state.withLockedValue { state in
                state.versions[id] = max(state.versions[id] ?? 0, version)
                state.count += 1
                return state.count
            }
            continuation.yield(count)
        }

        var versions: [String: UInt64] { state.withLockedValue { $0.versions } }
        func any() -> (String, UInt64)? { state.withLockedValue { $0.versions.randomElement() } }

        /// Waits (bounded) until `count` more writes have been acknowledged than now.
        func waitFor(_ more: Int) async throws {
            let target = state.withLockedValue { $0.count } + more
            let events = self.events
            try await withTimeout(.seconds(30), "\(more) acknowledged writes") {
                for await count in events where count >= target { return }
            }
        }
    }

    /// Starts `executable`, runs `writers` tasks of `write` until a random number of writes is
    /// acknowledged, SIGKILLs it, restarts it and runs `verify`; `iterations` times.
    static func crashLoop(
        _ executable: String, trust: TrustFixture, environment: [String: String] = [:], seed: Bool = false, as agency: String,
        write: @escaping @Sendable (KWPClient, Int, Acknowledged) async throws -> Void,
        verify: @escaping @Sendable (KWPClient, Acknowledged) async throws -> Void
    ) async throws {
        let acknowledged = Acknowledged()
        for iteration in 0..<iterations {
            let flags = ["--rate-limit", "0"] + (seed ? ["--seed"] : [])
            let service = try await trust.start(executable, data: executable, environment: environment, flags)
            try await trust.withClient(port: service.port, as: agency) { client in
                try await withThrowingTaskGroup(of: Void.self) { writers in
                    for writer in 0..<4 {
                        writers.addTask {
                            var attempt = iteration * 1_000_000 + writer * 100_000
                            while true {
                                attempt += 1
                                do {
                                    try await write(client, attempt, acknowledged)
                                } catch let error as KWPError where error.code == .failedPrecondition || error.code == .invalidArgument {
                                    continue  // a lost race for a version: deliberate, not a crash
                                } catch {
                                    return  // the service is gone
                                }
                            }
                        }
                    }
                    try await acknowledged.waitFor(Int.random(in: 5...60))
                    try await service.stop(signal: SIGKILL)
                    try await writers.waitForAll()
                }
            }
            let restarted = try await trust.start(executable, data: executable, environment: environment, flags)
            try await trust.withClient(port: restarted.port, as: agency) { client in try await verify(client, acknowledged) }
            try await restarted.stop()
        }
    }

    /// Every record in `ids` has its history (one entry per version) and the same number of audit entries.
    static func expectWhole(
        _ client: KWPClient, _ records: [(id: String, version: UInt64)], history: (String) async throws -> Int
    ) async throws {
        for (id, version) in records {
            let changes = try await history(id)
            #expect(UInt64(changes) == version, "\(id): \(changes) history entries for version \(version)")
            let audit = try await client.unary(AuditServiceAPI.listAudit, ListAuditRequest(pageSize: 500, recordID: id))
            #expect(audit.entries.count == changes, "\(id): \(audit.entries.count) audit entries, \(changes) history entries")
        }
    }

    @Test("keikyo-cases: CreateCase and UpdateCase")
    func cases() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            try await Self.crashLoop(
                "keikyo-cases", trust: trust, as: "METI",
                write: { client, attempt, acknowledged in
                    if attempt % 3 == 0, let (id, version) = acknowledged.any() {
                        var record = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: id))
                        record.title = LocalizedText(en: "Crash case \(attempt)")
                        let updated = try await client.unary(CaseServiceAPI.updateCase, UpdateCaseRequest(record, expectedVersion: max(version, record.version)))
                        acknowledged.record(updated.id, version: updated.version)
                    } else {
                        let created = try await client.unary(CaseServiceAPI.createCase, CreateCaseRequest(Self.exportCase(attempt)))
                        acknowledged.record(created.id, version: created.version)
                    }
                },
                verify: { client, acknowledged in
                    var records: [(String, UInt64)] = []
                    var token = ""
                    repeat {
                        let page = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest(pageSize: 500, pageToken: token))
                        records += page.cases.map { ($0.id, $0.version) }
                        token = page.nextPageToken
                    } while !token.isEmpty
                    let stored = Dictionary(records, uniquingKeysWith: { $1 })
                    for (id, version) in acknowledged.versions { #expect((stored[id] ?? 0) >= version, "\(id) lost version \(version)") }
                    try await Self.expectWhole(client, records) { id in
                        try await client.unary(CaseServiceAPI.getCaseHistory, GetCaseHistoryRequest(id: id)).changes.count
                    }
                })
        }
    }

    @Test("keikyo-financing: CreateFinancing with its ledger and AddTransaction, against a live cases service")
    func financing() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--seed"])
            try await Self.crashLoop(
                "keikyo-financing", trust: trust, environment: ["KEIKYO_CASES_ADDR": "127.0.0.1:\(cases.port)"], as: "METI",
                write: { client, attempt, acknowledged in
                    if attempt % 2 == 0, let (id, _) = acknowledged.any() {
                        let disbursement = Transaction(type: .disbursement, date: "2020", value: Money(amount: "\(attempt % 1000 + 1)", currency: "JPY", valueDate: ""))
                        let updated = try await client.unary(FinancingServiceAPI.addTransaction, AddTransactionRequest(financingID: id, transaction: disbursement))
                        acknowledged.record(id, version: updated.version)
                    } else {
                        var financing = TrustTests.financing(institution: "JBIC")
                        financing.title = LocalizedText(en: "Crash loan \(attempt)")
                        let created = try await client.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(financing))
                        acknowledged.record(created.id, version: created.version)
                    }
                },
                verify: { client, acknowledged in
                    let page = try await client.unary(FinancingServiceAPI.listFinancing, ListFinancingRequest(pageSize: 500))
                    #expect(page.nextPageToken.isEmpty)
                    let stored = Dictionary(page.financings.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
                    for (id, version) in acknowledged.versions { #expect((stored[id]?.version ?? 0) >= version, "\(id) lost version \(version)") }
                    for financing in page.financings {
                        // One commitment at creation, one disbursement per later version: the ledger is whole.
                        let full = try await client.unary(FinancingServiceAPI.getFinancing, GetFinancingRequest(id: financing.id))
                        #expect(UInt64(full.transactions.count) == full.version, "\(financing.id): \(full.transactions.count) entries at version \(full.version)")
                    }
                    try await Self.expectWhole(client, page.financings.map { ($0.id, $0.version) }) { id in
                        try await client.unary(FinancingServiceAPI.getFinancingHistory, GetFinancingHistoryRequest(id: id)).changes.count
                    }
                })
            try await cases.stop()
        }
    }

    @Test("keikyo-diplomacy: CreateEvent and LinkCase, against a live cases service")
    func diplomacy() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--seed"])
            let caseIDs = SeedCases.all.map(\.id)
            try await Self.crashLoop(
                "keikyo-diplomacy", trust: trust, environment: ["KEIKYO_CASES_ADDR": "127.0.0.1:\(cases.port)"], as: "MOFA",
                write: { client, attempt, acknowledged in
                    if attempt % 2 == 0, let (id, _) = acknowledged.any() {
                        let link = CaseLink(caseID: caseIDs[attempt % caseIDs.count], relation: .promoted)
                        let updated = try await client.unary(TopSalesServiceAPI.linkCase, LinkCaseRequest(eventID: id, link: link))
                        acknowledged.record(id, version: updated.version)
                    } else {
                        let created = try await client.unary(TopSalesServiceAPI.createEvent, CreateEventRequest(TrustTests.visit(by: "MOFA")))
                        acknowledged.record(created.id, version: created.version)
                    }
                },
                verify: { client, acknowledged in
                    let page = try await client.unary(TopSalesServiceAPI.listEvents, ListEventsRequest(pageSize: 500))
                    #expect(page.nextPageToken.isEmpty)
                    let stored = Dictionary(page.events.map { ($0.id, $0.version) }, uniquingKeysWith: { $1 })
                    for (id, version) in acknowledged.versions { #expect((stored[id] ?? 0) >= version, "\(id) lost version \(version)") }
                    try await Self.expectWhole(client, page.events.map { ($0.id, $0.version) }) { id in
                        try await client.unary(TopSalesServiceAPI.getEventHistory, GetEventHistoryRequest(id: id)).changes.count
                    }
                })
            try await cases.stop()
        }
    }

    @Test("keikyo-kpi: RecordActual")
    func kpi() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            try await Self.crashLoop(
                "keikyo-kpi", trust: trust, seed: true, as: "METI",
                write: { client, attempt, acknowledged in
                    let actual = Actual(
                        indicator: SeedKPI.infrastructureOrders, year: UInt32(2040 + attempt % 50), value: "\(attempt % 997)", source: "attempt \(attempt)",
                        publishedOn: "2024-01", status: .provisional)
                    let stored = try await client.unary(KPIServiceAPI.recordActual, RecordActualRequest(actual))
                    acknowledged.record(stored.id, version: 1)
                },
                verify: { client, acknowledged in
                    let actuals = try await client.allActuals(ListActualsRequest(indicator: SeedKPI.infrastructureOrders, pageSize: 1_000))
                    let ids = Set(actuals.filter { $0.source.hasPrefix("attempt ") }.map(\.id))
                    #expect(Set(acknowledged.versions.keys).isSubset(of: ids))
                    var audited = Set<String>()
                    var after: Int64 = 0
                    while true {
                        let page = try await client.unary(AuditServiceAPI.listAudit, ListAuditRequest(pageSize: 500, agency: "METI", afterSequence: after))
                        guard let last = page.entries.last else { break }
                        audited.formUnion(page.entries.filter { $0.kind == "RECORDED" }.map(\.recordID))
                        after = last.sequence
                    }
                    // Every stored figure has its audit entry and every audit entry its figure.
                    #expect(audited == ids)
                })
        }
    }

    static func exportCase(_ attempt: Int) -> ExportCase {
        var record = ExportCase()
        record.title = LocalizedText(en: "Crash case \(attempt)")
        record.field = .energy
        record.subsector = "renewables"
        record.countries = [CountryShare("VN")]
        record.provenance = Provenance(agency: "METI")
        return record
    }
}
