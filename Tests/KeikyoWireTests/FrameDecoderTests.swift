import NIOCore
import NIOEmbedded
import NIOTestUtils
import KeikyoTestSupport
import Testing

@testable import KeikyoWire

@Suite("Frame decoder")
struct FrameDecoderTests {
    static func encode(_ frames: [KWPFrame]) -> ByteBuffer {
        var buffer = ByteBuffer()
        for frame in frames { buffer.writeKWPFrame(frame) }
        return buffer
    }

    static let frames = [
        KWPFrame(type: .hello, payload: ByteBuffer(bytes: [0x08, 0x01])),
        KWPFrame(type: .request, flags: .endStream, streamID: 1, payload: ByteBuffer(bytes: Array(repeating: 0xAB, count: 300))),
        KWPFrame(type: .cancel, streamID: 1),
        KWPFrame(type: .init(rawValue: 0x42), flags: .init(rawValue: 0xF0), streamID: 7, payload: ByteBuffer(bytes: [1, 2, 3])),
        KWPFrame(type: .ping, payload: ByteBuffer(bytes: [1, 2, 3, 4, 5, 6, 7, 8])),
    ]

    @Test("frames decode fed byte by byte and in batches")
    func verifier() throws {
        let pairs = Self.frames.map { (Self.encode([$0]), [$0]) } + [(Self.encode(Self.frames), Self.frames)]
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) {
            KWPFrameDecoder(maxPayloadBytes: 1024, expectPreface: false)
        }
    }

    @Test("a TLS record where KWP/1 was expected says that TLS is the difference, on either side")
    func tlsWhereKWPWasExpected() throws {
        let alert: [UInt8] = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x32]
        let clientHello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]
        for (bytes, serverSide, hint) in [(alert, false, "the server speaks TLS"), (clientHello, true, "the client speaks TLS")] {
            var decoder = KWPFrameDecoder(maxPayloadBytes: 1024, expectPreface: serverSide)
            var buffer = ByteBuffer(bytes: bytes)
            let error = #expect(throws: KWPConnectionError.self) { _ = try decoder.decode(buffer: &buffer) }
            #expect(error?.message.contains(hint) == true, "\(String(describing: error))")
        }
        // A KWP/1 HELLO starts with a small length, never 0x15 or 0x16 followed by 0x03.
        var decoder = KWPFrameDecoder(maxPayloadBytes: 1024, expectPreface: false)
        var hello = Self.encode([Self.frames[0]])
        #expect(try decoder.decode(buffer: &hello) == Self.frames[0])
    }

    @Test("the server side strips the preface, fed byte by byte and whole", arguments: [1, 3, 1 << 20])
    func preface(chunkSize: Int) throws {
        var input = ByteBuffer(bytes: KWPFrame.preface)
        input.writeImmutableBuffer(Self.encode(Self.frames))
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(KWPFrameDecoder(maxPayloadBytes: 1024, expectPreface: true)))
        var decoded: [KWPFrame] = []
        while input.readableBytes > 0 {
            try channel.writeInbound(input.readSlice(length: min(chunkSize, input.readableBytes))!)
            while let frame = try channel.readInbound(as: KWPFrame.self) { decoded.append(frame) }
        }
        #expect(decoded == Self.frames)
        #expect(try channel.finish().isClean)
    }

    @Test("a wrong preface fails at its first wrong byte")
    func wrongPreface() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(KWPFrameDecoder(maxPayloadBytes: 1024, expectPreface: true)))
        // "KWP2": the fourth byte is wrong; nothing more is needed to refuse it.
        #expect(throws: KWPConnectionError(.protocolError, "connection did not start with the KWP/1 preface")) {
            try channel.writeInbound(ByteBuffer(bytes: [0x4B, 0x57, 0x50, 0x32]))
        }
        _ = try? channel.finish()
    }

    @Test("a 2 GiB length is refused from the header alone, before any payload is read")
    func hugeLength() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(KWPFrameDecoder(maxPayloadBytes: 4 << 20, expectPreface: false)))
        var header = ByteBuffer()
        header.writeKWPFrameHeader(payloadLength: 0x8000_0000, type: .request, flags: .endStream, streamID: 1)
        let error = #expect(throws: KWPConnectionError.self) { try channel.writeInbound(header) }
        #expect(error?.code == .frameTooLarge)
        _ = try? channel.finish()
    }

    @Test("a frame cut off by EOF is an error, not a silent drop")
    func truncatedThenEOF() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(KWPFrameDecoder(maxPayloadBytes: 1024, expectPreface: false)))
        var buffer = Self.encode([KWPFrame(type: .request, streamID: 1, payload: ByteBuffer(bytes: [1, 2, 3, 4]))])
        buffer.moveWriterIndex(to: buffer.writerIndex - 2)
        try channel.writeInbound(buffer)
        #expect(try channel.readInbound(as: KWPFrame.self) == nil)
        #expect(throws: KWPConnectionError(.protocolError, "connection ended inside a frame")) {
            try channel.finish()
        }
    }
}

@Suite("Flush policy")
struct FlushPolicyTests {
    @Test("one flush is scheduled per round; a burst of frames or bytes is flushed at once")
    func decisions() {
        var policy = FlushPolicy()
        var actions = (0..<FlushPolicy.burst + 1).map { _ in policy.wrote(bytes: 100) }
        #expect(actions.first == .scheduleFlush)
        #expect(actions[1..<FlushPolicy.burst - 1].allSatisfy { $0 == .none })
        #expect(actions[FlushPolicy.burst - 1] == .flushNow)
        // A frame after the burst waits for the flush already scheduled.
        #expect(actions.last == FlushPolicy.Action.none)
        let due = [policy.scheduledFlushIsDue(), policy.scheduledFlushIsDue()]
        #expect(due == [true, false])

        var large = FlushPolicy()
        actions = [large.wrote(bytes: 10), large.wrote(bytes: FlushPolicy.burstBytes)]
        #expect(actions == [.scheduleFlush, .flushNow])
        let largeDue = large.scheduledFlushIsDue()
        #expect(!largeDue)
        let next = large.wrote(bytes: 10)
        #expect(next == .scheduleFlush)
    }
}
