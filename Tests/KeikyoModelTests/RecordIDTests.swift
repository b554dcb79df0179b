import Foundation
import KeikyoModel
import Testing

@Suite("Record ids")
struct RecordIDTests {
    @Test("a new id is valid, sorts after the ids of every earlier second, and carries six random characters")
    func timeOrdered() {
        let start = Date(timeIntervalSince1970: 1_764_633_600)  // 2025-12-02
        // Seconds across base-36 carries (35 → 36, 1,295 → 1,296) and years apart.
        let offsets: [TimeInterval] = [0, 1, 35, 36, 37, 1_295, 1_296, 86_400, 31_536_000, 630_720_000]
        let ids = offsets.map { RecordID.random(prefix: "case-", now: start + $0) }
        #expect(ids.allSatisfy { RecordID.isValid($0, prefix: "case-") && $0.count == "case-".count + 12 }, "\(ids)")
        #expect(ids == ids.sorted(), "\(ids)")
        let sameSecond = Set((0..<100).map { _ in RecordID.random(prefix: "case-", now: start) })
        #expect(sameSecond.count == 100)
        #expect(Set(sameSecond.map { $0.prefix("case-".count + 6) }).count == 1)
    }
}
