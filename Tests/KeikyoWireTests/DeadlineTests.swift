import KeikyoTestSupport
import NIOCore
import Testing

@testable import KeikyoWire

/// Deadlines computed on a clock the test gives, so that no assertion depends on how busy the
/// machine is.
@Suite("deadlines")
struct DeadlineTests {
    static let now = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

    @Test("a call made while serving one keeps a quarter of the remaining time back, at most a second")
    func margin() throws {
        func budget(_ timeout: Duration, remaining: TimeAmount?) throws -> Duration? {
            try KWPCallOptions.withinCallerDeadline(timeout: timeout, callerDeadline: remaining.map { Self.now + $0 }, now: Self.now).timeout
        }
        #expect(try budget(.seconds(2), remaining: nil) == .seconds(2))
        #expect(try budget(.seconds(2), remaining: .seconds(1)) == .milliseconds(750))
        #expect(try budget(.seconds(10), remaining: .seconds(2)) == .milliseconds(1_500))
        #expect(try budget(.seconds(10), remaining: .seconds(8)) == .seconds(7))
        #expect(try budget(.seconds(2), remaining: .seconds(8)) == .seconds(2))
        #expect(throws: KWPError.self) { try budget(.seconds(2), remaining: .zero) }
        #expect(throws: KWPError.self) { try budget(.seconds(2), remaining: .milliseconds(-5)) }
    }

    @Test("a later timeout_micros appended after the message overrides the encoded one; the message is intact")
    func appendedTimeout() throws {
        let echo = EchoRequest(text: "経協", payload: [1, 2, 3], count: 7)
        var frame = try EnvelopeCodec.requestFrame(
            method: EchoMethods.echo.path, timeoutMicros: 5_000_000, metadata: ["x-agency": "JICA"], message: echo,
            allocator: ByteBufferAllocator())
        EnvelopeCodec.appendTimeout(micros: 1_234_567, to: &frame)
        #expect(frame.getInteger(at: frame.readerIndex, as: UInt32.self) == UInt32(frame.readableBytes - KWPFrame.headerSize))
        let request = try EnvelopeCodec.decodeRequest(frame.getSlice(at: frame.readerIndex + KWPFrame.headerSize, length: frame.readableBytes - KWPFrame.headerSize)!)
        #expect(request.timeoutMicros == 1_234_567)
        #expect(request.metadata["x-agency"] == "JICA")
        #expect(try request.body.decode(EchoRequest.self) == echo)
    }

    @Test("a call written after waiting for its connection sends the time it has left, not the time it had")
    func restampedOnWrite() throws {
        let deadline = NIODeadline.now() + .seconds(2)
        let frame = try EnvelopeCodec.requestFrame(
            method: EchoMethods.echo.path, timeoutMicros: 2_000_000, metadata: [:], message: EchoRequest(), allocator: ByteBufferAllocator())
        let call = ClientCall(frame: frame, deadline: deadline, cancellation: CallCancellation())
        // Written 1.5 s after it was made: the server must see about 0.5 s, not 2 s.
        #expect(call.restampTimeout(now: deadline - .milliseconds(500)))
        let request = try EnvelopeCodec.decodeRequest(
            call.frame.getSlice(at: call.frame.readerIndex + KWPFrame.headerSize, length: call.frame.readableBytes - KWPFrame.headerSize)!)
        #expect(request.timeoutMicros == 500_000)
        #expect(!call.restampTimeout(now: deadline + .milliseconds(1)), "no time left: the call ends without being written")
        call.finish(ClientConnectionPool.deadlineError)
    }
}
