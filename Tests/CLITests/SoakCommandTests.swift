import Foundation
import KeikyoTestSupport
import Testing

@testable import KeikyoCLI

@Suite("keikyo soak")
struct SoakCommandTests {
    @Test("every value falls in a bucket no wider than 1/64 of it, and the buckets follow each other without gaps")
    func buckets() {
        var values: [UInt64] = Array(0...5000)
        for shift in 7..<40 { values += [(1 << UInt64(shift)) - 1, 1 << UInt64(shift), (1 << UInt64(shift)) + 1, (3 << UInt64(shift)) / 2] }
        for value in values {
            let bucket = LatencyHistogram.bucket(of: value)
            let upper = LatencyHistogram.upperBound(of: bucket)
            let lower = bucket == 0 ? 0 : LatencyHistogram.upperBound(of: bucket - 1) + 1
            #expect(lower <= value && value <= upper, "\(value) in bucket \(bucket) [\(lower), \(upper)]")
            #expect((upper - lower) * 64 <= value, "bucket \(bucket) of \(value) is \(upper - lower + 1) wide")
        }
    }

    @Test("percentiles of 1...10,000 µs are within a bucket of the exact ones; the largest is exact; merging adds up")
    func percentiles() {
        var whole = LatencyHistogram()
        var odd = LatencyHistogram()
        var even = LatencyHistogram()
        for value in UInt64(1)...10_000 {
            whole.record(value)
            if value % 2 == 1 { odd.record(value) } else { even.record(value) }
        }
        for (percent, exact) in [(50.0, UInt64(5000)), (99.0, 9900), (99.9, 9990)] {
            let got = whole.percentile(percent)
            #expect(got >= exact && got - exact <= exact / 64, "p\(percent): \(got), exactly \(exact)")
        }
        #expect(whole.percentile(100) == 10_000 && whole.max == 10_000 && whole.total == 10_000)
        #expect(whole.percentile(0.001) == 1)
        odd.add(even)
        #expect(odd.total == whole.total && odd.max == whole.max && odd.percentile(50) == whole.percentile(50) && odd.percentile(99) == whole.percentile(99))
        #expect(LatencyHistogram().percentile(99) == 0)
    }

    @Test("a duration is recorded in whole microseconds")
    func durations() {
        var histogram = LatencyHistogram()
        histogram.record(Duration.seconds(2) + .microseconds(345) + .nanoseconds(999))
        #expect(histogram.max == 2_000_345 && histogram.total == 1)
    }

    @Test("it refuses a stack off loopback before it calls anything, a malformed --tokens, and an operation not in the mix")
    func refusals() async throws {
        let remote = try await runCommand("keikyo", ["soak", "--cases", "10.0.0.1:7101", "--seconds", "1"])
        #expect(remote.status == 64 && remote.errors.contains("10.0.0.1:7101: the soak writes test records"), "\(remote)")
        let named = try await runCommand("keikyo", ["soak", "--kpi", "127.0.0.1.example:7104", "--seconds", "1"])
        #expect(named.status == 64 && named.errors.contains("127.0.0.1.example:7104: the soak writes test records"), "\(named)")
        let tokens = try await runCommand("keikyo", ["soak", "--seconds", "1", "--tokens", "METI=kk1x"])
        #expect(tokens.status == 64 && tokens.errors.contains("--tokens needs METI and MOFA"), "\(tokens)")
        let only = try await runCommand("keikyo", ["soak", "--seconds", "1", "--only", "cases.create", "--only", "cases.delete"])
        #expect(only.status == 64 && only.errors.contains("--only cases.delete: not an operation of the mix"), "\(only)")
    }
}
