import ArgumentParser
import BenchProtos
import CZlib
import Foundation
import KeikyoAPI
import KeikyoWire
import NIOCore

/// `keikyo-bench codec`: the page of 1,000 cases encoded and decoded by KWP/1's codec
/// (protobuf-c and the Swift model) and by swift-protobuf; and compressed by zstd at levels 1
/// and 3 and by gzip level 6 (what gRPC uses), with ratios and MB/s. One thread.
struct Codec: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Codec and compression throughput on the page of 1,000 cases.")

    @Option(help: "Seconds per measure.") var seconds = 2.0
    @Option(help: "Markdown file to write the table to, between its codec markers (or standard output).") var markdown: String?
    @Option(help: "Only the operations whose name contains this text (for profiling one of them).") var only: String?

    func run() throws {
        let bytes = Payload.caselist.bytes
        let buffer = ByteBuffer(bytes: bytes)
        let megabytes = Double(bytes.count) / 1_000_000
        var rows: [(String, Double, String)] = []
        func measure(_ name: String, ratio: String = "", _ body: () throws -> Void) rethrows {
            if let only, !name.contains(only) { return }
            try body()
            let start = ContinuousClock.now
            var count = 0
            let limit = Duration.milliseconds(Int64(seconds * 1000))
            while ContinuousClock.now - start < limit {
                try body()
                count += 1
            }
            let elapsed = ContinuousClock.now - start
            rows.append((name, Double(count) * megabytes / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), ratio))
        }
        try measure("KWP/1 encode (Swift model → protobuf-c)") { _ = try ProtobufCCodec.encode(Payload.caseList) }
        try measure("KWP/1 decode (protobuf-c → Swift model)") { _ = try ProtobufCCodec.decode(ListCasesResponse.self, from: buffer) }
        try measure("swift-protobuf serialise") { let _: [UInt8] = try SwiftProtobufPayload.caseList.serializedBytes() }
        try measure("swift-protobuf parse") { _ = try Keikyo_Cases_V1_ListCasesResponse(serializedBytes: bytes) }

        for level: Int32 in [1, 3] {
            let codec = ZstdCodec(level: level)
            let compressed = codec.compress(buffer)!
            let ratio = String(format: "%.2f", Double(bytes.count) / Double(compressed.readableBytes))
            measure("zstd \(level) compress", ratio: ratio) { _ = codec.compress(buffer) }
            try measure("zstd \(level) decompress") { _ = try codec.decompress(compressed, limit: 1 << 24) }
        }
        let gzipped = try Gzip.compress(bytes, level: 6)
        let gzipRatio = String(format: "%.2f", Double(bytes.count) / Double(gzipped.count))
        try measure("gzip 6 compress (zlib)", ratio: gzipRatio) { _ = try Gzip.compress(bytes, level: 6) }
        try measure("gzip 6 decompress (zlib)") { _ = try Gzip.decompress(gzipped, size: bytes.count) }

        var lines = [
            "Payload: the page of 1,000 cases, \(bytes.count) bytes encoded. MB/s of the encoded (uncompressed) size, one thread, \(seconds) s each.",
            "", "| operation | MB/s | compression ratio |", "|---|---|---|",
        ]
        for row in rows { lines.append("| \(row.0) | \(String(format: "%.1f", row.1)) | \(row.2) |") }
        let speed = Dictionary(rows.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        func ratio(_ a: String, _ b: String) -> String { String(format: "%.2f×", (speed[a] ?? 0) / max(speed[b] ?? 1, 0.001)) }
        lines.append("")
        lines.append(
            "KWP/1 ÷ swift-protobuf: encode \(ratio("KWP/1 encode (Swift model → protobuf-c)", "swift-protobuf serialise")), "
                + "decode \(ratio("KWP/1 decode (protobuf-c → Swift model)", "swift-protobuf parse")); "
                + "zstd 1 ÷ gzip 6 compress speed \(ratio("zstd 1 compress", "gzip 6 compress (zlib)")).")
        if let markdown {
            try Report.splice(lines.joined(separator: "\n"), into: markdown, marker: "codec")
        } else {
            print(lines.joined(separator: "\n"))
        }
    }
}

/// gzip (zlib, windowBits 31) at a level, whole buffers.
enum Gzip {
    struct Failure: Error { var code: Int32 }

    static func compress(_ input: [UInt8], level: Int32) throws -> [UInt8] {
        var stream = z_stream()
        var status = deflateInit2_(&stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(code: status) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let written = try input.withUnsafeBytes { source -> Int in
            try output.withUnsafeMutableBytes { target -> Int in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                status = deflate(&stream, Z_FINISH)
                guard status == Z_STREAM_END else { throw Failure(code: status) }
                return Int(stream.total_out)
            }
        }
        return Array(output.prefix(written))
    }

    static func decompress(_ input: [UInt8], size: Int) throws -> [UInt8] {
        var stream = z_stream()
        var status = inflateInit2_(&stream, 31, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(code: status) }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: size)
        try input.withUnsafeBytes { source in
            try output.withUnsafeMutableBytes { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                status = inflate(&stream, Z_FINISH)
                guard status == Z_STREAM_END else { throw Failure(code: status) }
            }
        }
        return output
    }
}
