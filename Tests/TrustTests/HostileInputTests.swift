import Foundation
import KeikyoAPI
import KeikyoTestSupport
import KeikyoTrust
import NIOCore
import NIOPosix
import Testing

@testable import KeikyoWire
@testable import KeikyoWireTestSupport

/// Hostile input against a running `keikyo-cases`: every bad frame docs/PROTOCOL.md names,
/// random bytes, 10,000 connections, a client that never reads, decompression bombs. After
/// each, the service is up, its memory bounded, and a well-behaved client is served.
@Suite("Hostile input against a live service", .serialized)
struct HostileInputTests {
    /// Each bad input after a proper handshake (nil: instead of one), and what must follow.
    enum Outcome { case goAway(KWPConnectionError.Code), status(KWPError.Code), closed }

    static func badInputs() throws -> [(String, handshake: Bool, bytes: ByteBuffer, Outcome)] {
        let echo = ListCasesRequest()
        let path = CaseServiceAPI.listCases.path
        let undecodable = RawFrames.frame(type: .request, flags: .endStream, stream: 1, payload: [0xFF, 0xFF, 0xFF])
        var badKey = try RawFrames.request(stream: 1, method: path, message: echo, metadata: ["ok": "x"])
        // Rewrite the key "ok" as "OK" inside the envelope: the encoder itself refuses such keys.
        let keyAt = badKey.readableBytesView.firstRange(of: Array("ok".utf8))!.lowerBound
        badKey.setBytes(Array("OK".utf8), at: keyAt)
        var hugeHeader = ByteBuffer()
        hugeHeader.writeKWPFrameHeader(payloadLength: Int(UInt32.max >> 1), type: .request, flags: .endStream, streamID: 1)
        let zeros = ByteBuffer(repeating: 0, count: 64 << 20)
        let bomb = ZstdCodec(level: 19).compress(zeros)!
        let bombFrame = RawFrames.frame(type: .request, flags: [.endStream, .compressed], stream: 1, payload: Array(bomb.readableBytesView))
        var hello2 = EnvelopeCodec.controlFrame(
            .hello, HelloMessage(compression: [], maxMessageBytes: 1 << 20, maxConcurrentStreams: 0, agent: "v2"), allocator: .init())
        hello2.setInteger(UInt8(0x08), at: hello2.readerIndex + KWPFrame.headerSize)  // field 1 (version) ...
        hello2.setInteger(UInt8(2), at: hello2.readerIndex + KWPFrame.headerSize + 1)  // ... = 2
        return [
            ("HTTP instead of the preface", false, ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\n\r\n"), .goAway(.protocolError)),
            ("HELLO of version 2", false, { var b = ByteBuffer(bytes: KWPFrame.preface); b.writeImmutableBuffer(hello2); return b }(), .goAway(.unsupportedVersion)),
            ("a 2 GiB frame header", true, hugeHeader, .goAway(.frameTooLarge)),
            ("an even stream id", true, try RawFrames.request(stream: 2, method: path, message: echo), .goAway(.protocolError)),
            ("a PING of 3 bytes", true, RawFrames.frame(type: .ping, stream: 0, payload: [1, 2, 3]), .goAway(.protocolError)),
            ("a RESPONSE from the client", true, RawFrames.frame(type: .response, stream: 1, payload: []), .goAway(.protocolError)),
            ("an envelope that does not decode", true, undecodable, .status(.invalidArgument)),
            ("an upper-case metadata key", true, badKey, .status(.invalidArgument)),
            ("a method no service has", true, try RawFrames.request(stream: 1, method: "/x.Y/Z", message: echo), .status(.unimplemented)),
            ("corrupt zstd", true, RawFrames.frame(type: .request, flags: [.endStream, .compressed], stream: 1, payload: [0x28, 0xB5, 0x2F, 0xFD, 9, 9, 9]), .status(.internal)),
            ("a 64 MiB zstd bomb", true, bombFrame, .status(.resourceExhausted)),
            ("a frame cut off by EOF", true, ByteBuffer(bytes: [0, 0, 1, 0, 2, 2, 0, 0, 0, 1, 7]), .closed),
        ]
    }

    @Test("every bad frame of the protocol and random bytes: refused one by one; the service serves on with bounded memory")
    func badFramesAndRandomBytes() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--seed"])
            let before = try #require(cases.residentBytes)
            for (name, handshake, bytes, outcome) in try Self.badInputs() {
                let connection = try await RawConnection.connect(port: cases.port)
                #expect(try await connection.nextFrame()?.type == .hello, "\(name)")
                if handshake { try await connection.sendPrefaceAndHello() }
                try await connection.send(bytes)
                switch outcome {
                case .goAway(let code):
                    let frame = try await connection.nextFrame()
                    #expect(frame?.type == .goAway, "\(name)")
                    if let frame { #expect(try RawFrames.goAway(of: frame).errorCode == code.rawValue, "\(name)") }
                    #expect(try await connection.nextFrame() == nil, "\(name): closed after GOAWAY")
                case .status(let code):
                    let frame = try #require(try await connection.nextFrame(), "\(name)")
                    #expect(try RawFrames.status(of: frame)?.error?.code == code, "\(name)")
                case .closed:
                    try await connection.shutdownOutput()
                    #expect(try await connection.nextFrame() == nil, "\(name)")
                }
                await connection.close()
            }

            // Random bytes: after the handshake or instead of it.
            var generator = SystemRandomNumberGenerator()
            for index in 0..<200 {
                let connection = try await RawConnection.connect(port: cases.port)
                // The server may close the connection at the first bad byte, before all are written.
                if index % 2 == 0 { try? await connection.sendPrefaceAndHello() }
                let noise = (0..<Int.random(in: 1...4096, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                try? await connection.send(noise)
                try? await connection.shutdownOutput()
                while try await connection.nextFrame() != nil {}
                await connection.close()
            }
            try await Self.expectServes(cases, trust)
            let after = try #require(cases.residentBytes)
            #expect(after - before < 128 << 20, "resident memory grew by \((after - before) >> 20) MiB")
            try await cases.stop()
        }
    }

    @Test("10,000 connections from one address: those over the per-address limit are closed; others are served; memory bounded")
    func tenThousandConnections() async throws {
        let wanted = 10_000
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        let count = min(wanted, Int(limit.rlim_cur) - 1_000)
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--seed"])
            let before = try #require(cases.residentBytes)
            let group = MultiThreadedEventLoopGroup.singleton
            var opened: [any Channel] = []
            var index = 0
            while index < count {
                let batch = min(200, count - index)
                opened += try await withThrowingTaskGroup(of: (any Channel)?.self) { tasks in
                    for _ in 0..<batch {
                        tasks.addTask {
                            try? await ClientBootstrap(group: group).bind(to: try SocketAddress(ipAddress: "127.0.0.2", port: 0))
                                .connect(host: "127.0.0.1", port: cases.port).get()
                        }
                    }
                    return try await tasks.reduce(into: []) { if let channel = $1 { $0.append(channel) } }
                }
                index += batch
            }
            #expect(opened.count > count / 2, "\(opened.count) of \(count) connects succeeded")
            // A client from another address is served while they are open.
            try await Self.expectServes(cases, trust)
            let during = try #require(cases.residentBytes)
            #expect(during - before < 256 << 20, "resident memory grew by \((during - before) >> 20) MiB with \(opened.count) connections")
            for channel in opened { channel.close(promise: nil) }
            try await Self.expectServes(cases, trust)
            #expect(cases.log.contains("refusing connections"))
            try await cases.stop()
        }
    }

    @Test("a client that sends 20,000 requests and never reads: the service stops reading it, memory stays bounded, others are served")
    func clientThatNeverReads() async throws {
        try await withTemporaryDirectory { directory in
            let trust = try TrustFixture.make(in: directory)
            let cases = try await trust.start("keikyo-cases", data: "cases", ["--seed", "--rate-limit", "0"])
            let before = try #require(cases.residentBytes)
            let greedy = try await RawConnection.connect(port: cases.port, reading: false)
            try await greedy.sendPrefaceAndHello()
            let token: KWPMetadata = ["authorization": "Bearer \(trust.tokens["METI"]!)"]
            var batch = ByteBuffer()
            for stream in stride(from: UInt32(1), to: 40_000, by: 2) {
                var frame = try RawFrames.request(stream: stream, method: CaseServiceAPI.listCases.path, message: ListCasesRequest(pageSize: 500), metadata: token)
                batch.writeBuffer(&frame)
            }
            // The writes cannot all complete while nobody reads: do not wait for them.
            greedy.sendWithoutWaiting(batch)
            try await Self.expectServes(cases, trust)
            let during = try #require(cases.residentBytes)
            #expect(during - before < 128 << 20, "resident memory grew by \((during - before) >> 20) MiB")
            await greedy.close()
            try await Self.expectServes(cases, trust)
            try await cases.stop()
        }
    }

    /// A client with a token lists the seeded cases.
    static func expectServes(_ service: ServiceProcess, _ trust: TrustFixture) async throws {
        try await trust.withClient(port: service.port, as: "METI") { client in
            let page = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest(), options: .init(timeout: .seconds(10)))
            #expect(page.totalSize > 0)
        }
    }
}
