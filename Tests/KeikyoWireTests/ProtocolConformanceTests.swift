import CZstd
import NIOCore
import NIOEmbedded
import KeikyoTestSupport
import Testing

@testable import KeikyoWire
@testable import KeikyoWireTestSupport

/// Each bad input of docs/PROTOCOL.md against a live server, over a bare TCP connection.
@Suite("KWP/1 conformance of the server")
struct ProtocolConformanceTests {
    static let echoPath = EchoMethods.echo.path

    /// Connects, sends the preface and HELLO, checks the server's HELLO, then runs `body`.
    func withRawConnection(
        configuration: KWPServerConfiguration = KWPServerConfiguration(host: "127.0.0.1", port: 0),
        hello: Bool = true, _ body: @Sendable (RawConnection) async throws -> Void
    ) async throws {
        try await withServer(configuration: configuration) { _, port in
            let connection = try await RawConnection.connect(port: port)
            if hello { try await connection.sendPrefaceAndHello() }
            let serverHello = try #require(try await connection.nextFrame())
            #expect(serverHello.type == .hello)
            let decoded = try EnvelopeCodec.decodeControl(HelloMessage.self, serverHello.payload)
            #expect(decoded.version == 1)
            #expect(decoded.maxMessageBytes == UInt32(configuration.maxMessageBytes))
            try await body(connection)
            await connection.close()
        }
    }

    /// Expects GOAWAY with `code` and then the connection to close.
    func expectGoAway(_ connection: RawConnection, _ code: KWPConnectionError.Code, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let frame = try #require(try await connection.nextFrame(), sourceLocation: sourceLocation)
        #expect(frame.type == .goAway, sourceLocation: sourceLocation)
        #expect(try RawFrames.goAway(of: frame).errorCode == code.rawValue, sourceLocation: sourceLocation)
        #expect(try await connection.nextFrame() == nil, "the connection should close", sourceLocation: sourceLocation)
    }

    /// Expects a final RESPONSE on `stream` failing with `code` and `reason`.
    func expectStatus(
        _ connection: RawConnection, stream: UInt32, _ code: KWPError.Code, _ reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let frame = try #require(try await connection.nextFrame(), sourceLocation: sourceLocation)
        #expect(frame.type == .response && frame.streamID == stream, sourceLocation: sourceLocation)
        #expect(frame.flags.contains(.endStream), sourceLocation: sourceLocation)
        let error = try RawFrames.status(of: frame)?.error
        #expect(error?.code == code, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.reason == reason, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    /// Proves the connection still serves: an Echo on `stream` comes back.
    func expectServes(_ connection: RawConnection, stream: UInt32, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await connection.send(RawFrames.request(stream: stream, method: Self.echoPath, message: EchoRequest(text: "still here")))
        let frame = try #require(try await connection.nextFrame(), sourceLocation: sourceLocation)
        #expect(frame.streamID == stream, sourceLocation: sourceLocation)
        let response = try EnvelopeCodec.decodeResponse(frame.payload)
        #expect(response.status?.error == nil, sourceLocation: sourceLocation)
        #expect(try response.body.decode(EchoResponse.self).text == "still here", sourceLocation: sourceLocation)
    }

    @Test("a wrong preface gets GOAWAY PROTOCOL_ERROR and a close")
    func wrongPreface() async throws {
        try await withServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send(Array("GET / HTTP/1.1\r\n\r\n".utf8))
            var sawGoAway = false
            while let frame = try await connection.nextFrame() {
                if frame.type == .goAway {
                    #expect(try RawFrames.goAway(of: frame).errorCode == KWPConnectionError.Code.protocolError.rawValue)
                    sawGoAway = true
                }
            }
            #expect(sawGoAway)
        }
    }

    @Test("a connection that never completes the handshake is closed after the handshake timeout")
    func handshakeTimeout() async throws {
        var configuration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.handshakeTimeout = .milliseconds(200)
        try await withRawConnection(configuration: configuration, hello: false) { connection in
            // Neither preface nor HELLO ever comes.
            try await expectGoAway(connection, .protocolError)
        }
    }

    @Test("the handshake timeout is 5 seconds unless configured")
    func handshakeTimeoutDefault() {
        #expect(KWPServerConfiguration().handshakeTimeout == .seconds(5))
    }

    @Test("an idle connection gets GOAWAY NO_ERROR naming the last stream served when its idle timeout passes, not before (on a loop's own clock)")
    func idleTimeout() async throws {
        var configuration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.idleTimeout = .seconds(300)
        configuration.runsHandlersOnEventLoop = false
        var router = KWPRouter()
        router.host(EchoService())
        let loop = NIOAsyncTestingEventLoop()
        let channel = try await NIOAsyncTestingChannel(loop: loop) { [router, configuration] channel in
            try channel.pipeline.syncOperations.addHandler(
                KWPServerConnectionHandler(router: router, interceptors: [], configuration: configuration, logger: quietLogger))
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 7101))
        func nextFrame() async throws -> KWPFrame {
            var bytes = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
            var decoder = KWPFrameDecoder(maxPayloadBytes: 1 << 20, expectPreface: false)
            return try #require(try decoder.decode(buffer: &bytes))
        }
        #expect(try await nextFrame().type == .hello)
        var input = ByteBuffer(bytes: KWPFrame.preface)
        var hello = EnvelopeCodec.controlFrame(.hello, HelloMessage(compression: [], maxMessageBytes: 1 << 20, maxConcurrentStreams: 0, agent: "test"), allocator: ByteBufferAllocator())
        input.writeBuffer(&hello)
        var request = try RawFrames.request(stream: 1, method: Self.echoPath, message: EchoRequest(text: "one"))
        input.writeBuffer(&request)
        try await channel.writeInbound(input)
        let reply = try await nextFrame()
        #expect(reply.type == .response && reply.streamID == 1)
        // 299 s of quiet on the loop's clock: still open; 300 s after the last frame: GOAWAY.
        await loop.advanceTime(by: .seconds(299))
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil, "nothing before the idle timeout")
        await loop.advanceTime(by: .seconds(1))
        let frame = try await nextFrame()
        #expect(frame.type == .goAway)
        let goAway = try RawFrames.goAway(of: frame)
        #expect(goAway.errorCode == KWPConnectionError.Code.noError.rawValue && goAway.lastStreamID == 1)
        try await channel.closeFuture.get()
    }

    @Test("one address beyond max_connections_per_peer is refused; another loopback address is still admitted")
    func connectionLimitPerPeer() async throws {
        var configuration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.maxConnectionsPerPeer = 2
        try await withServer(configuration: configuration) { _, port in
            var admitted: [RawConnection] = []
            for _ in 0..<2 {
                let connection = try await RawConnection.connect(port: port, from: "127.0.0.2")
                #expect(try await connection.nextFrame()?.type == .hello)
                admitted.append(connection)
            }
            let refused = try await RawConnection.connect(port: port, from: "127.0.0.2")
            #expect(try await refused.nextFrame() == nil, "closed without a HELLO")
            let other = try await RawConnection.connect(port: port)
            #expect(try await other.nextFrame()?.type == .hello)
            // A slot freed by a close is free again.
            await admitted.removeFirst().close()
            try await withTimeout(.seconds(10), "a slot to free") {
                while true {
                    let again = try await RawConnection.connect(port: port, from: "127.0.0.2")
                    if try await again.nextFrame()?.type == .hello { return }
                }
            }
            for connection in admitted + [refused, other] { await connection.close() }
        }
    }

    @Test("connections beyond max_connections are closed at once; the admitted ones keep working")
    func connectionLimit() async throws {
        var configuration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.maxConnections = 2
        try await withServer(configuration: configuration) { _, port in
            var admitted: [RawConnection] = []
            for _ in 0..<2 {
                let connection = try await RawConnection.connect(port: port)
                #expect(try await connection.nextFrame()?.type == .hello)
                admitted.append(connection)
            }
            let refused = try await RawConnection.connect(port: port)
            #expect(try await refused.nextFrame() == nil, "closed without a HELLO")
            try await admitted[0].sendPrefaceAndHello()
            try await expectServes(admitted[0], stream: 1)
            for connection in admitted { await connection.close() }
            await refused.close()
        }
    }

    @Test("a frame longer than the limit gets GOAWAY FRAME_TOO_LARGE, even a 2 GiB header with no body")
    func frameTooLarge() async throws {
        try await withRawConnection { connection in
            var header = ByteBuffer()
            header.writeKWPFrameHeader(payloadLength: 0x8000_0000, type: .request, flags: .endStream, streamID: 1)
            try await connection.send(header)
            try await expectGoAway(connection, .frameTooLarge)
        }
    }

    @Test("a frame cut off by EOF ends that connection without a reply; the server serves on")
    func truncatedThenEOF() async throws {
        try await withServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.sendPrefaceAndHello()
            #expect(try await connection.nextFrame()?.type == .hello)
            var frame = try RawFrames.request(stream: 1, method: Self.echoPath, message: EchoRequest(text: "cut"))
            frame.moveWriterIndex(to: frame.writerIndex - 3)
            try await connection.send(frame)
            try await connection.shutdownOutput()
            #expect(try await connection.nextFrame() == nil, "no reply to the cut-off request; the server closes")

            let next = try await RawConnection.connect(port: port)
            try await next.sendPrefaceAndHello()
            #expect(try await next.nextFrame()?.type == .hello)
            try await expectServes(next, stream: 1)
            await next.close()
        }
    }

    @Test("an unknown frame type is ignored")
    func unknownFrameType() async throws {
        try await withRawConnection { connection in
            try await connection.send(RawFrames.frame(type: .init(rawValue: 0x7E), stream: 3, payload: [1, 2, 3]))
            try await expectServes(connection, stream: 1)
        }
    }

    @Test("REQUEST before HELLO is a connection error")
    func requestBeforeHello() async throws {
        try await withRawConnection(hello: false) { connection in
            // The server's HELLO came first (checked above); the preface alone, then a REQUEST.
            try await connection.send(KWPFrame.preface)
            try await connection.send(RawFrames.request(stream: 1, method: Self.echoPath, message: EchoRequest()))
            try await expectGoAway(connection, .protocolError)
        }
    }

    @Test("an even stream id is a connection error")
    func evenStreamID() async throws {
        try await withRawConnection { connection in
            try await connection.send(RawFrames.request(stream: 2, method: Self.echoPath, message: EchoRequest()))
            try await expectGoAway(connection, .protocolError)
        }
    }

    @Test("a stream id that does not increase is a connection error")
    func nonIncreasingStreamID() async throws {
        try await withRawConnection { connection in
            try await expectServes(connection, stream: 5)
            try await connection.send(RawFrames.request(stream: 3, method: Self.echoPath, message: EchoRequest()))
            try await expectGoAway(connection, .protocolError)
        }
    }

    @Test("a streamed reply over the client's limit ends its stream with RESOURCE_EXHAUSTED; nothing follows on it")
    func streamedReplyOverClientLimit() async throws {
        try await withServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.sendPrefaceAndHello(maxMessageBytes: 10_000)
            #expect(try await connection.nextFrame()?.type == .hello)
            let payload = (0..<20_000).map { _ in UInt8.random(in: 0...255) }
            try await connection.send(RawFrames.request(stream: 1, method: EchoMethods.expand.path, message: EchoRequest(payload: payload, count: 50)))
            try await expectStatus(connection, stream: 1, .resourceExhausted, KWPError.Reason.messageTooLarge)
            // The next frame on the wire answers the next request: nothing more came on stream 1.
            try await expectServes(connection, stream: 3)
            await connection.close()
        }
    }

    @Test("PING is answered by PONG with the same 8 bytes")
    func ping() async throws {
        try await withRawConnection { connection in
            try await connection.send(RawFrames.frame(type: .ping, stream: 0, payload: [9, 8, 7, 6, 5, 4, 3, 2]))
            let pong = try #require(try await connection.nextFrame())
            #expect(pong.type == .pong && Array(pong.payload.readableBytesView) == [9, 8, 7, 6, 5, 4, 3, 2])
        }
    }

    /// A REQUEST frame whose payload is `compressed`, flagged COMPRESSED.
    static func compressedRequest(stream: UInt32, payload: ByteBuffer) -> ByteBuffer {
        var frame = ByteBuffer()
        frame.writeKWPFrame(KWPFrame(type: .request, flags: [.endStream, .compressed], streamID: stream, payload: payload))
        return frame
    }

    @Test("a compressed request round-trips; a large reply is compressed")
    func compressedRequest() async throws {
        var configuration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.compressesOnLoopback = true
        try await withRawConnection(configuration: configuration) { connection in
            let text = String(repeating: "quality infrastructure ", count: 200)
            let plain = try RawFrames.request(stream: 1, method: Self.echoPath, message: EchoRequest(text: text))
            let compressor = ZstdCompressor()
            let maybeCompressed = FrameCompression.compress(plain, with: compressor, allocator: .init())
            let compressed = try #require(maybeCompressed)
            #expect(compressed.readableBytes < plain.readableBytes)
            try await connection.send(compressed)
            let frame = try #require(try await connection.nextFrame())
            #expect(frame.flags.contains(.compressed), "a large reply to a client that accepts zstd is compressed")
            let payload = try ZstdDecompressor().decompress(frame.payload, limit: 1 << 20, allocator: .init())
            #expect(try EnvelopeCodec.decodeResponse(payload).body.decode(EchoResponse.self).text == text)
        }
    }

    @Test("a large reply to a client on this machine is not compressed by default")
    func noCompressionOnLoopback() async throws {
        try await withRawConnection { connection in
            let text = String(repeating: "quality infrastructure ", count: 200)
            try await connection.send(try RawFrames.request(stream: 1, method: Self.echoPath, message: EchoRequest(text: text)))
            let frame = try #require(try await connection.nextFrame())
            #expect(!frame.flags.contains(.compressed))
            #expect(try EnvelopeCodec.decodeResponse(frame.payload).body.decode(EchoResponse.self).text == text)
        }
    }

    @Test("loopback addresses and Unix sockets count as this machine; other addresses do not")
    func loopbackAddresses() throws {
        for local in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] {
            #expect(try SocketAddress(ipAddress: local, port: 1).isOnThisMachine, "\(local)")
        }
        for remote in ["10.0.0.1", "192.168.1.20", "128.0.0.1", "::ffff:10.0.0.1", "2001:db8::1", "::2"] {
            #expect(try !SocketAddress(ipAddress: remote, port: 1).isOnThisMachine, "\(remote)")
        }
        #expect(try SocketAddress(unixDomainSocketPath: "/tmp/keikyo.sock").isOnThisMachine)
    }

    @Test("zstd without a declared content size gets INTERNAL BAD_COMPRESSION; the connection stays usable")
    func zstdWithoutContentSize() async throws {
        try await withRawConnection { connection in
            let plain = try RawFrames.request(stream: 1, method: Self.echoPath, message: EchoRequest(text: String(repeating: "x", count: 2000)))
            let payload = CodecTests.zstdWithoutContentSize(Array(plain.readableBytesView.dropFirst(KWPFrame.headerSize)))
            try await connection.send(Self.compressedRequest(stream: 1, payload: payload))
            try await expectStatus(connection, stream: 1, .internal, KWPError.Reason.badCompression)
            try await expectServes(connection, stream: 3)
        }
    }

    @Test("a declared size over the limit gets RESOURCE_EXHAUSTED; the connection stays usable")
    func declaredSizeOverLimit() async throws {
        var configuration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.maxMessageBytes = 64 * 1024
        try await withRawConnection(configuration: configuration) { connection in
            // 1 MiB of zeros compresses to a few hundred bytes: small on the wire, too large inside.
            var payload = ByteBuffer()
            let compressor = ZstdCompressor()
            _ = compressor.compress(ByteBuffer(repeating: 0, count: 1 << 20).readableBytesView, appendingTo: &payload)
            #expect(payload.readableBytes < 64 * 1024)
            try await connection.send(Self.compressedRequest(stream: 1, payload: payload))
            try await expectStatus(connection, stream: 1, .resourceExhausted, KWPError.Reason.messageTooLarge)
            try await expectServes(connection, stream: 3)
        }
    }

    @Test("corrupt zstd gets INTERNAL BAD_COMPRESSION; the connection stays usable")
    func corruptZstd() async throws {
        try await withRawConnection { connection in
            try await connection.send(Self.compressedRequest(stream: 1, payload: CodecTests.corruptZstd()))
            try await expectStatus(connection, stream: 1, .internal, KWPError.Reason.badCompression)
            try await expectServes(connection, stream: 3)
        }
    }

    @Test("an envelope that does not decode gets INVALID_ARGUMENT BAD_ENVELOPE")
    func undecodableEnvelope() async throws {
        try await withRawConnection { connection in
            try await connection.send(RawFrames.frame(type: .request, flags: .endStream, stream: 1, payload: [0x0A, 0x7F, 0x2F]))
            try await expectStatus(connection, stream: 1, .invalidArgument, KWPError.Reason.badEnvelope)
            try await expectServes(connection, stream: 3)
        }
    }

    @Test("a request message that does not decode gets INVALID_ARGUMENT BAD_MESSAGE")
    func undecodableMessage() async throws {
        try await withRawConnection { connection in
            let frame = try EnvelopeCodec.requestFrame(
                method: Self.echoPath, timeoutMicros: 0, metadata: [:], encodedMessage: ByteBuffer(bytes: [0x0A, 0x7F, 0x41]),
                allocator: .init())
            var stamped = frame
            stamped.setInteger(UInt32(1), at: EnvelopeCodec.streamIDOffset)
            try await connection.send(stamped)
            try await expectStatus(connection, stream: 1, .invalidArgument, KWPError.Reason.badMessage)
            try await expectServes(connection, stream: 3)
        }
    }

    @Test("an unknown method gets UNIMPLEMENTED")
    func unknownMethod() async throws {
        try await withRawConnection { connection in
            try await connection.send(RawFrames.request(stream: 1, method: "/keikyo.nothing.v1.Nothing/Do", message: EchoRequest()))
            try await expectStatus(connection, stream: 1, .unimplemented, KWPError.Reason.unknownMethod)
        }
    }

    @Test("a metadata key that is not lowercase ASCII gets INVALID_ARGUMENT BAD_METADATA")
    func badMetadataKey() async throws {
        try await withRawConnection { connection in
            let metadata = KWPMetadata(unchecked: [.init(key: "X-Upper", value: "1")])
            try await connection.send(RawFrames.request(stream: 1, method: Self.echoPath, message: EchoRequest(), metadata: metadata))
            try await expectStatus(connection, stream: 1, .invalidArgument, KWPError.Reason.badMetadata)
        }
    }

    @Test("streams past max_concurrent_streams get RESOURCE_EXHAUSTED TOO_MANY_STREAMS")
    func tooManyStreams() async throws {
        var configuration = KWPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.maxConcurrentStreams = 2
        try await withRawConnection(configuration: configuration) { connection in
            // Two streams that stay open (Expand of many items to a reader that does not read),
            // then a third request in the same write.
            var burst = ByteBuffer()
            for stream: UInt32 in [1, 3] {
                var frame = try RawFrames.request(stream: stream, method: EchoMethods.expand.path, message: EchoRequest(text: "hold", count: 1_000_000))
                burst.writeBuffer(&frame)
            }
            var third = try RawFrames.request(stream: 5, method: Self.echoPath, message: EchoRequest())
            burst.writeBuffer(&third)
            try await connection.send(burst)
            while let frame = try await connection.nextFrame() {
                guard frame.streamID == 5 else { continue }
                let error = try RawFrames.status(of: frame)?.error
                #expect(error?.code == .resourceExhausted && error?.reason == KWPError.Reason.tooManyStreams)
                break
            }
        }
    }
}
