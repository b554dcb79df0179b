import NIOCore

extension Duration {
    /// The same span as NIO's `TimeAmount`, in nanoseconds.
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
