import NIOConcurrencyHelpers
import NIOCore

/// A token bucket per caller: `rate` calls a second on average, bursts of up to `burst`.
public final class RateLimiter: Sendable {
    public struct Configuration: Sendable, Equatable {
        /// Calls a second; 0 turns the limit off.
        public var rate: Double
        public var burst: Double

        public init(rate: Double = 200, burst: Double = 400) {
            self.rate = rate
            self.burst = burst
        }
    }

    private struct Bucket {
        var tokens: Double
        var updated: NIODeadline
    }

    public let configuration: Configuration
    private let buckets = NIOLockedValueBox([String: Bucket]())

    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Takes one call from `key`'s bucket: nil when allowed, else how long until one would be.
    public func acquire(_ key: String, now: NIODeadline = .now()) -> Duration? {
        guard configuration.rate > 0 else { return nil }
        return buckets.withLockedValue { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: configuration.burst, updated: now)
            let elapsed = Double(max((now - bucket.updated).nanoseconds, 0)) / 1e9
            bucket.tokens = min(configuration.burst, bucket.tokens + elapsed * configuration.rate)
            bucket.updated = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return .nanoseconds(Int64(((1 - bucket.tokens) / configuration.rate * 1e9).rounded(.up)))
        }
    }
}
