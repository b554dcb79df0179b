/// Latencies in microseconds, counted in log-linear buckets: exact below 128 µs, then 64
/// buckets to each power of two (a bucket is at most 1/64 of its values wide). Its size
/// depends on the largest latency seen, not on how many were recorded, so a run of any
/// length keeps it small.
struct LatencyHistogram: Sendable {
    private(set) var counts: [UInt64] = []
    /// Latencies recorded.
    private(set) var total: UInt64 = 0
    /// The largest latency recorded, exactly.
    private(set) var max: UInt64 = 0

    mutating func record(_ microseconds: UInt64) {
        let index = Self.bucket(of: microseconds)
        if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count)) }
        counts[index] += 1
        total += 1
        max = Swift.max(max, microseconds)
    }

    mutating func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        record(UInt64(Swift.max(0, seconds)) * 1_000_000 + UInt64(Swift.max(0, attoseconds) / 1_000_000_000_000))
    }

    mutating func add(_ other: LatencyHistogram) {
        if other.counts.count > counts.count { counts.append(contentsOf: repeatElement(0, count: other.counts.count - counts.count)) }
        for (index, count) in other.counts.enumerated() { counts[index] += count }
        total += other.total
        max = Swift.max(max, other.max)
    }

    /// The latency `percent` of the calls took at most: the upper end of the bucket the
    /// percentile falls in, never above the largest recorded; 0 when nothing was recorded.
    func percentile(_ percent: Double) -> UInt64 {
        guard total > 0 else { return 0 }
        let rank = Swift.max(1, UInt64((percent / 100 * Double(total)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, count) in counts.enumerated() {
            seen += count
            if seen >= rank { return Swift.min(Self.upperBound(of: index), max) }
        }
        return max
    }

    /// Values 0..<128 have a bucket each; above, a value whose highest bit is bit `b` falls in
    /// one of 64 buckets of width 2^(b-6).
    static func bucket(of value: UInt64) -> Int {
        guard value >= 128 else { return Int(value) }
        let shift = 63 - value.leadingZeroBitCount - 6
        return 128 + (shift - 1) * 64 + Int(value >> UInt64(shift)) - 64
    }

    /// The largest value bucket `index` holds.
    static func upperBound(of index: Int) -> UInt64 {
        guard index >= 128 else { return UInt64(index) }
        let shift = (index - 128) / 64 + 1
        let leading = UInt64((index - 128) % 64 + 64)
        return ((leading + 1) << UInt64(shift)) - 1
    }
}
