import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoTestSupport
import KeikyoWire
import Testing

/// Two `keikyo-cases` processes on one PostgreSQL schema, as replicas will be: a version check
/// and an idempotency key hold when both write the same record at once.
@Suite("Two keikyo-cases processes on one database", .enabled(if: TestBackend.available.contains(.postgres)))
struct TwoProcessesTests {
    @Test("20 updates of one version through both processes: one wins; 20 creates with one idempotency key: one case")
    func concurrentWrites() async throws {
        let location = try #require(TestBackend.postgresLocationForTests)
        let schema = "pair_" + String((0..<8).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
        let environment = [
            "KEIKYO_DATABASE_URL": "postgres://\(location.user)@\(location.host):\(location.port)/\(location.database)?schema=\(schema)",
            "KEIKYO_DATABASE_PASSWORD": location.password ?? "",
        ]
        let flags = ["--allow-anonymous", "--rate-limit", "0"]
        let first = try await ServiceProcess.start("keikyo-cases", arguments: flags + ["--seed"], environment: environment)
        let second = try await ServiceProcess.start("keikyo-cases", arguments: flags, environment: environment)
        try await withClient(port: first.port) { one in
            try await withClient(port: second.port) { two in
                let clients = [one, two]
                let current = try await one.unary(CaseServiceAPI.getCase, GetCaseRequest(id: SeedCases.abidjanGrainBerth))
                let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            var changed = current
                            changed.notes = "writer \(index)"
                            do {
                                _ = try await clients[index % 2].unary(CaseServiceAPI.updateCase, UpdateCaseRequest(changed, expectedVersion: current.version))
                                return true
                            } catch let error as KWPError where error.reason == CaseServiceAPI.Reason.versionMismatch {
                                return false
                            }
                        }
                    }
                    return try await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 }.count == 1)
                let after = try await two.unary(CaseServiceAPI.getCase, GetCaseRequest(id: SeedCases.abidjanGrainBerth))
                #expect(after.version == current.version + 1)
                let history = try await one.unary(CaseServiceAPI.getCaseHistory, GetCaseHistoryRequest(id: SeedCases.abidjanGrainBerth))
                #expect(UInt64(history.changes.count) == after.version)

                var record = ExportCase()
                record.title = LocalizedText(en: "Created once through two processes")
                record.field = .transport
                record.subsector = "rail"
                record.countries = [CountryShare("VN")]
                record.provenance = Provenance(agency: "MLIT", document: "test")
                let request = CreateCaseRequest(record)
                let ids = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            try await clients[index % 2].unary(CaseServiceAPI.createCase, request, metadata: ["idempotency-key": "two-processes"]).id
                        }
                    }
                    return try await group.reduce(into: Set<String>()) { $0.insert($1) }
                }
                #expect(ids.count == 1)
                let all = try await two.unary(CaseServiceAPI.listCases, ListCasesRequest(pageSize: 1))
                #expect(all.totalSize == UInt64(SeedCases.all.count + 1))
            }
        }
        _ = try await first.stop()
        _ = try await second.stop()
    }
}
