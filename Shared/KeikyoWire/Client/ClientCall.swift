import NIOConcurrencyHelpers
import NIOCore

/// Links a calling task's cancellation (any thread) to its call (on the event loop), whichever
/// comes first: a call started after cancellation ends at once; one cancelled while running
/// is handed back to be abandoned on its loop.
final class CallCancellation: Sendable {
    private struct State: Sendable {
        var cancelled = false
        var call: UnsafeTransfer<ClientCall>?
    }

    private let state = NIOLockedValueBox(State())

    /// On the loop, when the call starts: false when the task was already cancelled.
    func attach(_ call: ClientCall) -> Bool {
        state.withLockedValue { state in
            guard !state.cancelled else { return false }
            state.call = UnsafeTransfer(call)
            return true
        }
    }

    /// On the loop, when the call ends.
    func detach() {
        state.withLockedValue { $0.call = nil }
    }

    /// From the cancelled task: the running call to abandon on its loop, if any.
    func cancel() -> UnsafeTransfer<ClientCall>? {
        state.withLockedValue { state in
            state.cancelled = true
            defer { state.call = nil }
            return state.call
        }
    }
}

/// One call on its way through the client, confined to the client's event loop.
final class ClientCall {
    enum Receiver {
        case unary(CheckedContinuation<ReceivedResponse, any Error>)
        case streaming(AsyncThrowingStream<ReceivedResponse, any Error>.Continuation)
    }

    /// The REQUEST frame, uncompressed, stream id not yet set; kept to retry after GOAWAY.
    let frame: ByteBuffer
    let deadline: NIODeadline?
    let cancellation: CallCancellation
    private var receiver: Receiver?
    var deadlineTimer: Scheduled<Void>?
    /// The connection and stream the call is on, once sent.
    var connection: KWPClientConnectionHandler?
    var streamID: UInt32 = 0

    init(frame: ByteBuffer, deadline: NIODeadline?, cancellation: CallCancellation, receiver: Receiver) {
        self.frame = frame
        self.deadline = deadline
        self.cancellation = cancellation
        self.receiver = receiver
    }

    var isFinished: Bool { receiver == nil }

    /// A RESPONSE frame of this call; returns true when it ended the call.
    func receive(_ response: ReceivedResponse, endStream: Bool) -> Bool {
        switch receiver {
        case .none:
            return true
        case .unary(let continuation):
            guard endStream else {
                finish(KWPError(.internal, "a unary reply came without END_STREAM", reason: KWPError.Reason.protocolError))
                return true
            }
            self.ended()
            switch response.status {
            case .some(.success): continuation.resume(returning: response)
            case .some(.failure(let error)): continuation.resume(throwing: error)
            case .none:
                continuation.resume(throwing: KWPError(.internal, "the final reply had no status", reason: KWPError.Reason.protocolError))
            }
            return true
        case .streaming(let continuation):
            if !endStream {
                continuation.yield(response)
                return false
            }
            self.ended()
            switch response.status {
            case .some(.success): continuation.finish()
            case .some(.failure(let error)): continuation.finish(throwing: error)
            case .none:
                continuation.finish(throwing: KWPError(.internal, "the final reply had no status", reason: KWPError.Reason.protocolError))
            }
            return true
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
        case .streaming(let continuation): continuation.finish(throwing: error)
        }
    }
}
