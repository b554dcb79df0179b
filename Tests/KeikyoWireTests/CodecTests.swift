import CZstd
import NIOCore
import KeikyoTestSupport
import Testing

@testable import KeikyoWire

@Suite("protobuf-c codec and zstd")
struct CodecTests {
    @Test("messages round-trip through protobuf-c, nested and repeated fields included")
    func roundTrip() throws {
        let listing = ListServicesResponse(services: [
            ServiceInfo(name: "keikyo.echo.v1.Echo", methods: [
                MethodInfo(name: "Echo", inputType: "keikyo.echo.v1.EchoRequest", outputType: "keikyo.echo.v1.EchoResponse", serverStreaming: false),
                MethodInfo(name: "Expand", inputType: "keikyo.echo.v1.EchoRequest", outputType: "keikyo.echo.v1.EchoResponse", serverStreaming: true),
            ]),
            ServiceInfo(name: "経協インフラ", methods: []),
        ])
        let encoded = try ProtobufCCodec.encode(listing)
        #expect(try ProtobufCCodec.decode(ListServicesResponse.self, from: encoded) == listing)

        let echo = EchoRequest(text: "Abidjan 港", payload: [0, 1, 2, 255], count: 3)
        #expect(try ProtobufCCodec.decode(EchoRequest.self, from: try ProtobufCCodec.encode(echo)) == echo)
    }

    @Test("an empty message encodes to no bytes and decodes back")
    func emptyMessage() throws {
        let encoded = try ProtobufCCodec.encode(EchoRequest())
        #expect(encoded.readableBytes == 0)
        #expect(try ProtobufCCodec.decode(EchoRequest.self, from: encoded) == EchoRequest())
    }

    @Test("a string holding NUL is refused when encoding instead of being cut short")
    func nulOnEncode() throws {
        #expect(throws: KWPError.self) { try ProtobufCCodec.encode(EchoRequest(text: "before\u{0}after")) }
        do {
            _ = try ProtobufCCodec.encode(EchoRequest(text: "before\u{0}after"))
        } catch let error as KWPError {
            #expect(error.code == .invalidArgument && error.reason == KWPError.Reason.badString)
        }
    }

    @Test("received strings with NUL or invalid UTF-8 are refused, naming the field", arguments: [
        [0x61, 0x00, 0x62] as [UInt8],  // NUL inside
        [0xC3, 0x28],  // bad continuation
        [0xE0, 0x80, 0x80],  // overlong
        [0xED, 0xA0, 0x80],  // surrogate
        [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
        [0xE3, 0x81],  // cut short
    ])
    func badStringsOnDecode(bytes: [UInt8]) throws {
        // ServiceInfo { name = 1 (string); methods = 2 { name = 1 } }: the bad string sits in a nested message.
        var wire: [UInt8] = [0x0A, 0x01, 0x41, 0x12, UInt8(bytes.count + 2), 0x0A, UInt8(bytes.count)]
        wire += bytes
        do {
            _ = try ProtobufCCodec.decode(ServiceInfo.self, from: ByteBuffer(bytes: wire))
            Issue.record("decoded a bad string")
        } catch let error as KWPError {
            #expect(error.code == .invalidArgument)
            #expect(error.reason == KWPError.Reason.badString)
            #expect(error.violations.map(\.field) == ["methods.name"])
        }
    }

    @Test("valid multi-byte UTF-8 passes the check")
    func validUTF8() throws {
        let text = "経協インフラ戦略会議 🚄 Côte d'Ivoire"
        let decoded = try ProtobufCCodec.decode(EchoRequest.self, from: try ProtobufCCodec.encode(EchoRequest(text: text)))
        #expect(decoded.text == text)
    }

    @Test("bytes that are not a message give BAD_MESSAGE")
    func garbage() throws {
        do {
            _ = try ProtobufCCodec.decode(EchoRequest.self, from: ByteBuffer(bytes: [0x0A, 0x7F, 0x01]))
            Issue.record("decoded garbage")
        } catch let error as KWPError {
            #expect(error.code == .invalidArgument && error.reason == KWPError.Reason.badMessage)
        }
    }

    @Test("zstd: a round trip, and the declared size is checked before decompressing")
    func zstdLimits() throws {
        let compressor = ZstdCompressor(level: 1)
        let decompressor = ZstdDecompressor()
        let original = ByteBuffer(bytes: Array(repeating: UInt8(ascii: "k"), count: 100_000))
        var compressed = ByteBuffer()
        _ = compressor.compress(original.readableBytesView, appendingTo: &compressed)
        #expect(compressed.readableBytes < 1000)
        #expect(try decompressor.decompress(compressed, limit: 100_000, allocator: .init()) == original)

        do {
            _ = try decompressor.decompress(compressed, limit: 99_999, allocator: .init())
            Issue.record("decompressed past the limit")
        } catch let error as KWPError {
            #expect(error.code == .resourceExhausted && error.reason == KWPError.Reason.messageTooLarge)
        }
    }

    @Test("zstd without a declared size, or corrupt, is BAD_COMPRESSION")
    func zstdBad() throws {
        let decompressor = ZstdDecompressor()
        for payload in [Self.zstdWithoutContentSize(Array(repeating: 7, count: 5000)), Self.corruptZstd()] {
            do {
                _ = try decompressor.decompress(payload, limit: 1 << 20, allocator: .init())
                Issue.record("accepted a bad zstd frame")
            } catch let error as KWPError {
                #expect(error.code == .internal && error.reason == KWPError.Reason.badCompression)
            }
        }
    }

    /// A valid zstd frame that does not declare its content size (streaming compression).
    static func zstdWithoutContentSize(_ bytes: [UInt8]) -> ByteBuffer {
        let context = ZSTD_createCCtx()!
        defer { ZSTD_freeCCtx(context) }
        ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 0)
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let size = output.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in ZSTD_compress2(context, dst.baseAddress, dst.count, src.baseAddress, src.count) }
        }
        precondition(ZSTD_isError(size) == 0)
        let frame = ByteBuffer(bytes: output[..<size])
        precondition(frame.withUnsafeReadableBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) } == UInt64.max)
        return frame
    }

    /// A zstd frame whose header declares 5,000 bytes but whose blocks are garbage.
    static func corruptZstd() -> ByteBuffer {
        let compressor = ZstdCompressor(level: 1)
        var frame = ByteBuffer()
        _ = compressor.compress(ByteBuffer(bytes: (0..<5000).map { UInt8($0 % 251) }).readableBytesView, appendingTo: &frame)
        var bytes = Array(frame.readableBytesView)
        for index in 8..<(bytes.count - 4) { bytes[index] ^= 0x5A }
        return ByteBuffer(bytes: bytes)
    }
}

@Suite("Arena memory behind the codec")
struct ArenaTests {
    @Test("allocations are aligned, disjoint and survive growth into new blocks")
    func bumpAllocations() throws {
        var memory = BumpAllocator(firstBlockSize: 256)
        defer { memory.release() }
        var ranges: [Range<UInt>] = []
        for (index, size) in [1, 7, 16, 300, 3, 5000, 64, 200_000, 9].enumerated() {
            let alignment = [1, 2, 4, 8, 16][index % 5]
            let allocated = memory.allocate(byteCount: size, alignment: alignment)
            let pointer = try #require(allocated)
            let address = UInt(bitPattern: pointer)
            #expect(address % UInt(alignment) == 0)
            pointer.initializeMemory(as: UInt8.self, repeating: UInt8(index), count: size)
            ranges.append(address..<address + UInt(size))
        }
        for (index, range) in ranges.enumerated() {
            for other in ranges[(index + 1)...] { #expect(!range.overlaps(other)) }
            let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: range.lowerBound), count: range.count)
            #expect(bytes.allSatisfy { $0 == UInt8(index) })
        }
    }

    @Test("a released arena's largest block serves the next arena on the thread; oversized blocks are not kept")
    func blockCache() throws {
        var first = BumpAllocator(firstBlockSize: 64 * 1024)
        let allocated = first.allocate(byteCount: 100, alignment: 16)
        let start = try #require(allocated)
        first.release()
        var second = BumpAllocator(firstBlockSize: 256)
        #expect(second.allocate(byteCount: 100, alignment: 16) == start)
        second.release()

        var huge = BumpAllocator(firstBlockSize: 256)
        #expect(huge.allocate(byteCount: ArenaBlockCache.maxBlockSize + 1, alignment: 16) != nil)
        huge.release()
        var third = BumpAllocator(firstBlockSize: 256)
        #expect(third.allocate(byteCount: 100, alignment: 16) == start)
        third.release()
    }

    @Test("a large message decodes with protobuf-c drawing on the arena, twice in a row")
    func largeDecode() throws {
        let message = HealthCheckRequest(service: String(repeating: "κ", count: 100_000))
        let encoded = try ProtobufCCodec.encode(message)
        for _ in 0..<2 {
            let decoded = try ProtobufCCodec.decode(HealthCheckRequest.self, from: encoded)
            #expect(decoded == message)
        }
    }
}

@Suite("The UTF-8 check of received strings")
struct UTF8CheckTests {
    /// Swift's own validation, plus no NUL: what the fast check must agree with.
    static func reference(_ bytes: [UInt8]) -> Bool {
        !bytes.contains(0) && String(validating: bytes, as: UTF8.self) != nil
    }

    @Test("agrees with Swift's validation on random text, wherever a bad byte falls relative to the 8-byte steps")
    func agreesWithSwift() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let pieces: [[UInt8]] = [
            Array("infra".utf8), Array("経協インフラ".utf8), [0], [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xE3, 0x81], [0x7F], Array("a".utf8), [0xF0, 0x9F, 0x9A, 0x84],
        ]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(next() % 12) {
                let piece = pieces[Int(next() % UInt64(pieces.count))]
                bytes += Int(next() % 4) == 0 ? piece : Array(repeating: UInt8(ascii: "x"), count: Int(next() % 11))
            }
            let fast = bytes.withUnsafeBytes { WireScanner.isValidUTF8WithoutNUL($0) }
            #expect(fast == Self.reference(bytes), "\(bytes)")
        }
    }
}
