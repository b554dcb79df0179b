import NIOCore
import Synchronization

/// Links a calling task's cancellation (any thread) to its call (on the event loop), whichever
/// comes first: a call started after cancellation ends at once; one cancelled while running
/// is handed back to be abandoned on its loop.
final class CallCancellation: Sendable {
    private struct State: Sendable {
        var cancelled = false
        var call: UnsafeTransfer<ClientCall>?
    }

    private let state = Mutex(State())

    /// On the loop, when the call starts: false when the task was already cancelled.
    func attach(_ call: ClientCall) -> Bool {
        state.withLock { state in
            guard !state.cancelled else { return false }
            state.call = UnsafeTransfer(call)
            return true
        }
    }

    /// On the loop, when the call ends.
    func detach() {
        state.withLock { $0.call = nil }
    }

    /// The running call, if any (to wake it on its loop).
    func current() -> UnsafeTransfer<ClientCall>? {
        state.withLock { $0.call }
    }

    /// From the cancelled task: the running call to abandon on its loop, if any.
    func cancel() -> UnsafeTransfer<ClientCall>? {
        state.withLock { state in
            state.cancelled = true
            defer { state.call = nil }
            return state.call
        }
    }
}

/// The replies of a streaming call as its reader sees them: buffered up to a high watermark,
/// after which the connection stops reading until the reader catches up.
typealias ResponseProducer = NIOThrowingAsyncSequenceProducer<
    ReceivedResponse, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, ResponseStreamDelegate
>

/// Hears from a streaming call's reader: it wants more (resume reading), or it is gone (cancel).
struct ResponseStreamDelegate: NIOAsyncSequenceProducerDelegate {
    let eventLoop: any EventLoop
    let handle: CallCancellation
    let abandon: @Sendable (UnsafeTransfer<ClientCall>) -> Void

    func produceMore() {
        guard let call = handle.current() else { return }
        eventLoop.execute { call.value.connection?.resumeReading(for: call.value) }
    }

    func didTerminate() {
        guard let call = handle.cancel() else { return }
        eventLoop.execute { abandon(call) }
    }
}

/// One call on its way through the client, confined to the client's event loop.
final class ClientCall {
    enum Receiver {
        case unary(UnsafeContinuation<ReceivedResponse, any Error>)
        case streaming(ResponseProducer.Source)
    }

    /// What a received frame did to the call.
    enum Outcome {
        case ended
        case more
        /// The reader's buffer is full: stop reading until it asks for more.
        case pause
    }

    /// The REQUEST frame, uncompressed; kept to retry after GOAWAY. The connection that sends
    /// it sets its stream id in place (a retry's copy-on-write leaves the frame sent intact).
    var frame: ByteBuffer
    let deadline: NIODeadline?
    /// When `frame`'s timeout was computed: a call that waits for its connection tells the
    /// server the time it has left when it is written, not the time it had when it was encoded.
    private let encodedAt = NIODeadline.now()
    let cancellation: CallCancellation
    private var receiver: Receiver?
    var deadlineTimer: Scheduled<Void>?
    /// The connection and stream the call is on, once sent.
    var connection: KWPClientConnectionHandler?
    var streamID: UInt32 = 0
    /// Set while the connection holds its reads back for this call's reader.
    var paused = false

    /// A call whose receiver is set (`expect`) before it is handed to its loop.
    init(frame: consuming ByteBuffer, deadline: NIODeadline?, cancellation: CallCancellation, receiver: Receiver? = nil) {
        self.frame = frame
        self.deadline = deadline
        self.cancellation = cancellation
        self.receiver = receiver
    }

    /// Appends the time left to the frame's envelope when the call waited since it was encoded
    /// (a later `timeout_micros` overrides the earlier one, as protobuf merges fields). False
    /// when no time is left.
    func restampTimeout(now: NIODeadline = .now()) -> Bool {
        guard let deadline else { return true }
        let remaining = deadline - now
        guard remaining.nanoseconds > 0 else { return false }
        if now - encodedAt >= Self.restampAfter {
            EnvelopeCodec.appendTimeout(micros: UInt64(remaining.nanoseconds / 1_000), to: &frame)
        }
        return true
    }

    static let restampAfter = TimeAmount.milliseconds(1)

    /// Sets who hears the replies; only before the call is handed to its loop.
    func expect(_ receiver: Receiver) {
        self.receiver = receiver
    }

    var isFinished: Bool { receiver == nil }

    /// A RESPONSE frame of this call.
    func receive(_ response: ReceivedResponse, endStream: Bool) -> Outcome {
        switch receiver {
        case .none:
            return .ended
        case .unary(let continuation):
            guard endStream else {
                finish(KWPError(.internal, "a unary reply came without END_STREAM", reason: KWPError.Reason.protocolError))
                return .ended
            }
            self.ended()
            switch response.status {
            case .some(.success): continuation.resume(returning: response)
            case .some(.failure(let error)): continuation.resume(throwing: error)
            case .none:
                continuation.resume(throwing: KWPError(.internal, "the final reply had no status", reason: KWPError.Reason.protocolError))
            }
            return .ended
        case .streaming(let source):
            if !endStream {
                return source.yield(response) == .stopProducing ? .pause : .more
            }
            self.ended()
            switch response.status {
            case .some(.success): source.finish()
            case .some(.failure(let error)): source.finish(error)
            case .none:
                source.finish(KWPError(.internal, "the final reply had no status", reason: KWPError.Reason.protocolError))
            }
            return .ended
        }
    }

    private func ended() {
        receiver = nil
        deadlineTimer?.cancel()
        cancellation.detach()
    }

    /// Ends the call with `error`, once.
    func finish(_ error: KWPError) {
        guard let receiver else { return }
        self.ended()
        switch receiver {
        case .unary(let continuation): continuation.resume(throwing: error)
        case .streaming(let source): source.finish(error)
        }
    }
}
