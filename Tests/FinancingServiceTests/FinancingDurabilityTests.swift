import CasesService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Durability of the keikyo-financing process")
struct FinancingDurabilityTests {
    @Test("SIGKILL right after 1,000 acknowledged writes (500 financings, 500 ledger entries) loses none and doubles none")
    func killAfterAcknowledgements() async throws {
        try await withTestDatabases { databases in
            let caseStore = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
            _ = try await caseStore.seed(SeedCases.all)
            try await withServer(services: [CaseServiceProvider(store: caseStore)]) { _, casesPort in
                let environment = ["KEIKYO_CASES_ADDR": "127.0.0.1:\(casesPort)"]
                let arguments = ["--data-dir", databases.directory + "/financing", "--allow-anonymous", "--rate-limit", "0"]
                let first = try await ServiceProcess.start("keikyo-financing", arguments: arguments, environment: environment)
                let acknowledged = try await withClient(port: first.port) { client in
                    var acknowledged: [String: [String]] = [:]
                    for index in 0..<500 {
                        let created = try await client.create(sampleFinancing(transactions: [commitment("\(index + 1000)", "JPY", "2019")]))
                        let added = try await client.add(
                            Transaction(type: .disbursement, date: "2020", value: Money(amount: "\(index + 1)", currency: "JPY", valueDate: "")),
                            to: created.id)
                        acknowledged[created.id] = added.transactions.map(\.value.amount)
                    }
                    return acknowledged
                }
                try await first.stop(signal: SIGKILL)

                let expected = acknowledged
                let second = try await ServiceProcess.start("keikyo-financing", arguments: arguments, environment: environment)
                try await withClient(port: second.port) { client in
                    var stored: [String: [String]] = [:]
                    var token = ""
                    repeat {
                        let page = try await client.listFinancing(pageSize: 500, token: token)
                        for financing in page.financings { stored[financing.id] = financing.transactions.map(\.value.amount) }
                        token = page.nextPageToken
                    } while !token.isEmpty
                    #expect(stored.count == 500)
                    #expect(stored == expected)
                }
                let status = try await second.stop()
                #expect(status == 0, "SIGTERM drains and exits cleanly")
            }
        }
    }
}
