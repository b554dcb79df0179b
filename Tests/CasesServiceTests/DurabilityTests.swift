import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Durability of the keikyo-cases process")
struct DurabilityTests {
    @Test("SIGKILL right after the 1,000th acknowledged CreateCase loses none and doubles none")
    func killAfterAcknowledgements() async throws {
        try await withTemporaryDirectory { directory in
            let first = try await ServiceProcess.start("keikyo-cases", arguments: ["--data-dir", directory, "--log-level", "info", "--allow-anonymous", "--rate-limit", "0"])
            var acknowledged: [String: String] = [:]
            let client = KWPClient(host: "127.0.0.1", port: first.port, logger: quietLogger)
            for index in 0..<1000 {
                let created = try await client.create(sampleCase(index))
                acknowledged[created.id] = created.title.en
            }
            try await first.stop(signal: SIGKILL)
            await client.close()

            let expected = acknowledged
            let second = try await ServiceProcess.start("keikyo-cases", arguments: ["--data-dir", directory, "--allow-anonymous", "--rate-limit", "0"])
            try await withClient(port: second.port) { client in
                let stored = try await client.listAll()
                #expect(stored.count == 1000)
                #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0.title.en) }) == expected)
                #expect(Set(stored.map(\.title.en)).count == 1000, "each exactly once")
            }
            #expect(try await second.stop() == 0, "SIGTERM drains and exits cleanly")
        }
    }
}
