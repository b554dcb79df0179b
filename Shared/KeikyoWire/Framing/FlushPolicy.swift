/// When a connection flushes what it writes: once at the end of the event loop's current round
/// of work, so that a burst of frames leaves in few system calls; and also after every
/// `burst` frames, so that the peer starts on the first frames of a long burst while the rest
/// are being made instead of waiting for all of them.
struct FlushPolicy {
    static let burst = 16

    enum Action {
        case none
        case flushNow
        case scheduleFlush
    }

    private var unflushed = 0
    private var scheduled = false

    /// A frame was written.
    mutating func wrote() -> Action {
        unflushed += 1
        if unflushed >= Self.burst {
            unflushed = 0
            return .flushNow
        }
        guard !scheduled else { return .none }
        scheduled = true
        return .scheduleFlush
    }

    /// The scheduled flush is due: true when frames wait for it.
    mutating func scheduledFlushIsDue() -> Bool {
        scheduled = false
        defer { unflushed = 0 }
        return unflushed > 0
    }
}
