import Foundation
import NIOCore
import NIOEmbedded
import KeikyoTestSupport
import Testing

@testable import KeikyoWire
@testable import KeikyoWireTestSupport

/// docs/PROTOCOL.md shows byte-exact examples; these tests decode them and check they say
/// what the document says, and that this runtime encodes those messages to the same bytes.
@Suite("docs/PROTOCOL.md examples")
struct ProtocolDocumentTests {
    static let document: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/PROTOCOL.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The bytes of the ```hex block after `<!-- dump: NAME -->`.
    static func dump(_ name: String) throws -> ByteBuffer {
        let marker = "<!-- dump: \(name) -->"
        let after = try #require(document.range(of: marker), "docs/PROTOCOL.md has no \(marker)")
        let rest = document[after.upperBound...]
        let open = try #require(rest.range(of: "```hex\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        var bytes: [UInt8] = []
        for line in rest[open.upperBound..<close.lowerBound].split(separator: "\n") {
            // Each line: hex bytes, then optionally two spaces or more and a comment.
            let hex = line.components(separatedBy: "  ").first ?? ""
            for token in hex.split(separator: " ") {
                bytes.append(try #require(UInt8(token, radix: 16), "bad hex \(token) in \(name)"))
            }
        }
        return ByteBuffer(bytes: bytes)
    }

    static func hex(_ buffer: ByteBuffer) -> String {
        let bytes = Array(buffer.readableBytesView)
        return stride(from: 0, to: bytes.count, by: 16).map { start in
            bytes[start..<min(start + 16, bytes.count)].map { String(format: "%02x", $0) }.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// Decodes every frame of `buffer` (after the preface, for a client's first bytes).
    static func frames(_ buffer: ByteBuffer, preface: Bool) throws -> [KWPFrame] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(KWPFrameDecoder(maxPayloadBytes: 4 << 20, expectPreface: preface)))
        try channel.writeInbound(buffer)
        var frames: [KWPFrame] = []
        while let frame = try channel.readInbound(as: KWPFrame.self) { frames.append(frame) }
        #expect(try channel.finish().isClean, "bytes left over")
        return frames
    }

    static func expectSameBytes(_ documented: ByteBuffer, _ encoded: ByteBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(documented == encoded, "\(name) as this runtime encodes it:\n\(hex(encoded))", sourceLocation: sourceLocation)
    }

    static let clientHello = HelloMessage(
        compression: ["zstd"], maxMessageBytes: 4_194_304, maxConcurrentStreams: 0, agent: "keikyo-cli/0.1.0")
    static let serverHello = HelloMessage(
        compression: ["zstd"], maxMessageBytes: 4_194_304, maxConcurrentStreams: 100, agent: "keikyo-cases/0.1.0")

    @Test("the client's first bytes: preface and HELLO")
    func clientHelloDump() throws {
        let documented = try Self.dump("client-hello")
        #expect(Array(documented.readableBytesView.prefix(8)) == KWPFrame.preface)
        let frames = try Self.frames(documented, preface: true)
        #expect(frames.count == 1)
        #expect(frames[0].type == .hello && frames[0].streamID == 0 && frames[0].flags == [])
        #expect(try EnvelopeCodec.decodeControl(HelloMessage.self, frames[0].payload) == Self.clientHello)

        var encoded = ByteBuffer(bytes: KWPFrame.preface)
        encoded.writeImmutableBuffer(EnvelopeCodec.controlFrame(.hello, Self.clientHello, allocator: .init()))
        Self.expectSameBytes(documented, encoded, "client-hello")
    }

    @Test("the server's HELLO")
    func serverHelloDump() throws {
        let documented = try Self.dump("server-hello")
        let frames = try Self.frames(documented, preface: false)
        #expect(frames.count == 1 && frames[0].type == .hello)
        #expect(try EnvelopeCodec.decodeControl(HelloMessage.self, frames[0].payload) == Self.serverHello)
        Self.expectSameBytes(documented, EnvelopeCodec.controlFrame(.hello, Self.serverHello, allocator: .init()), "server-hello")
    }

    @Test("a Health/Check REQUEST")
    func healthRequestDump() throws {
        let documented = try Self.dump("health-request")
        let frames = try Self.frames(documented, preface: false)
        #expect(frames.count == 1)
        let frame = frames[0]
        #expect(frame.type == .request && frame.streamID == 1 && frame.flags == .endStream)
        let request = try EnvelopeCodec.decodeRequest(frame.payload)
        #expect(request.method == "/keikyo.health.v1.Health/Check")
        #expect(request.timeoutMicros == 5_000_000)
        #expect(request.metadata == ["x-request-id": "req-1"])
        #expect(try request.body.decode(HealthCheckRequest.self) == HealthCheckRequest(service: "keikyo.cases.v1.CaseService"))

        var encoded = try EnvelopeCodec.requestFrame(
            method: "/keikyo.health.v1.Health/Check", timeoutMicros: 5_000_000, metadata: ["x-request-id": "req-1"],
            message: HealthCheckRequest(service: "keikyo.cases.v1.CaseService"), allocator: .init())
        encoded.setInteger(UInt32(1), at: EnvelopeCodec.streamIDOffset)
        Self.expectSameBytes(documented, encoded, "health-request")
    }

    @Test("its RESPONSE: status OK and SERVING")
    func healthResponseDump() throws {
        let documented = try Self.dump("health-response")
        let frames = try Self.frames(documented, preface: false)
        #expect(frames.count == 1)
        let frame = frames[0]
        #expect(frame.type == .response && frame.streamID == 1 && frame.flags == .endStream)
        let response = try EnvelopeCodec.decodeResponse(frame.payload)
        #expect(response.status != nil && response.status?.error == nil, "status present and OK")
        #expect(response.metadata.isEmpty)
        #expect(try response.body.decode(HealthCheckResponse.self).status == .serving)

        var encoded = try EnvelopeCodec.responseFrame(
            message: HealthCheckResponse(status: .serving), metadata: [:], endStream: true, allocator: .init())
        encoded.setInteger(UInt32(1), at: EnvelopeCodec.streamIDOffset)
        Self.expectSameBytes(documented, encoded, "health-response")
    }

    @Test("an error RESPONSE with a reason and a field violation")
    func errorResponseDump() throws {
        let documented = try Self.dump("error-response")
        let frames = try Self.frames(documented, preface: false)
        let frame = try #require(frames.first)
        #expect(frame.type == .response && frame.streamID == 3 && frame.flags == .endStream)
        let error = try EnvelopeCodec.decodeResponse(frame.payload).status?.error
        let expected = KWPError(
            .invalidArgument, "request message does not decode", reason: "BAD_STRING",
            violations: [.init(field: "service", description: "must be valid UTF-8 without NUL bytes")])
        #expect(error == expected)

        var encoded = EnvelopeCodec.statusFrame(.failure(expected), metadata: [:], allocator: .init())
        encoded.setInteger(UInt32(3), at: EnvelopeCodec.streamIDOffset)
        Self.expectSameBytes(documented, encoded, "error-response")
    }
}
