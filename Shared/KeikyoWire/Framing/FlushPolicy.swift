import NIOCore

/// When a connection flushes what it writes: once at the end of the event loop's current round
/// of work, so that a burst of frames leaves in few system calls; and also after every
/// `burst` frames or `burstBytes` bytes, so that the peer starts on the first frames of a long
/// burst while the rest are being made instead of waiting for all of them. Bytes are counted
/// before compression: a large message took long to make, and its peer should not wait longer.
struct FlushPolicy {
    static let burst = 16
    static let burstBytes = 32 << 10

    enum Action {
        case none
        case flushNow
        case scheduleFlush
    }

    private var unflushed = 0
    private var unflushedBytes = 0
    private var scheduled = false

    /// A frame of `bytes` bytes (uncompressed) was written.
    mutating func wrote(bytes: Int) -> Action {
        unflushed += 1
        unflushedBytes += bytes
        if unflushed >= Self.burst || unflushedBytes >= Self.burstBytes {
            unflushed = 0
            unflushedBytes = 0
            return .flushNow
        }
        guard !scheduled else { return .none }
        scheduled = true
        return .scheduleFlush
    }

    /// The scheduled flush is due: true when frames wait for it.
    mutating func scheduledFlushIsDue() -> Bool {
        scheduled = false
        defer { (unflushed, unflushedBytes) = (0, 0) }
        return unflushed > 0
    }
}

/// A connection handler that writes frames under its `FlushPolicy`.
protocol FrameWriting: ChannelOutboundHandler, AnyObject where OutboundOut == ByteBuffer {
    var flushPolicy: FlushPolicy { get set }
    /// The handler's context while it is in a pipeline.
    var context: ChannelHandlerContext? { get }
}

extension FrameWriting {
    /// Writes `frame` and flushes when the policy says; `uncompressedBytes` is its size before
    /// compression, when it was compressed.
    func writeFrame(_ frame: ByteBuffer, context: ChannelHandlerContext, uncompressedBytes: Int? = nil) {
        let bytes = uncompressedBytes ?? frame.readableBytes
        context.write(wrapOutboundOut(frame), promise: nil)
        switch flushPolicy.wrote(bytes: bytes) {
        case .none: break
        case .flushNow: context.flush()
        case .scheduleFlush:
            context.eventLoop.assumeIsolated().execute { [self] in
                if self.flushPolicy.scheduledFlushIsDue() { self.context?.flush() }
            }
        }
    }
}
