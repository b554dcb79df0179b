import CZstd
import NIOCore

/// Owns one zstd compression context; frees it exactly once. One per connection: zstd
/// contexts are not thread-safe, and a connection's frames are all written on its event loop.
struct ZstdCompressor: ~Copyable {
    private let context: OpaquePointer
    let level: Int32

    init(level: Int32 = 1) {
        guard let context = ZSTD_createCCtx() else { fatalError("ZSTD_createCCtx failed: out of memory") }
        self.context = context
        self.level = level
        // Receivers rely on the declared content size, which zstd writes by default; say so anyway.
        ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1)
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
    }

    deinit { ZSTD_freeCCtx(self.context) }

    /// Appends one zstd frame holding `source` to `output`; returns the compressed size, or
    /// nil when zstd fails (the caller then sends the payload uncompressed).
    func compress(_ source: ByteBufferView, appendingTo output: inout ByteBuffer) -> Int? {
        let bound = ZSTD_compressBound(source.count)
        return source.withUnsafeBytes { src -> Int? in
            let written = output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { dst in
                let result = ZSTD_compress2(self.context, dst.baseAddress, dst.count, src.baseAddress, src.count)
                return ZSTD_isError(result) != 0 ? 0 : result
            }
            return written == 0 ? nil : written
        }
    }
}

/// Owns one zstd decompression context; frees it exactly once.
struct ZstdDecompressor: ~Copyable {
    private let context: OpaquePointer

    init() {
        guard let context = ZSTD_createDCtx() else { fatalError("ZSTD_createDCtx failed: out of memory") }
        self.context = context
    }

    deinit { ZSTD_freeDCtx(self.context) }

    /// Decompresses a payload that must be exactly one zstd frame declaring its content size.
    /// The declared size is checked against `limit` before anything is allocated.
    func decompress(_ payload: ByteBuffer, limit: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try payload.withUnsafeReadableBytes { (src: UnsafeRawBufferPointer) throws -> ByteBuffer in
            let declared = ZSTD_getFrameContentSize(src.baseAddress, src.count)
            // ZSTD_CONTENTSIZE_UNKNOWN is (0ULL - 1), ZSTD_CONTENTSIZE_ERROR is (0ULL - 2).
            if declared == UInt64.max {
                throw KWPError(.internal, "zstd frame does not declare its content size", reason: KWPError.Reason.badCompression)
            }
            if declared == UInt64.max - 1 {
                throw KWPError(.internal, "payload is not a zstd frame", reason: KWPError.Reason.badCompression)
            }
            guard declared <= UInt64(limit) else {
                throw KWPError(
                    .resourceExhausted, "decompressed message of \(declared) bytes exceeds the limit of \(limit)",
                    reason: KWPError.Reason.messageTooLarge)
            }
            let frameSize = ZSTD_findFrameCompressedSize(src.baseAddress, src.count)
            guard ZSTD_isError(frameSize) == 0, frameSize == src.count else {
                throw KWPError(.internal, "payload is not exactly one zstd frame", reason: KWPError.Reason.badCompression)
            }
            let size = Int(declared)
            var output = allocator.buffer(capacity: size)
            var failed = false
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { dst in
                guard size > 0 else { return 0 }
                let result = ZSTD_decompressDCtx(self.context, dst.baseAddress, size, src.baseAddress, src.count)
                guard ZSTD_isError(result) == 0, result == size else {
                    failed = true
                    return 0
                }
                return size
            }
            if failed {
                throw KWPError(.internal, "zstd data does not decompress", reason: KWPError.Reason.badCompression)
            }
            return output
        }
    }
}

/// zstd as KWP/1 uses it (one frame, content size declared, size checked before allocating),
/// for tools and benchmarks. Holds one context of each kind: not for concurrent use.
public final class ZstdCodec {
    private let compressor: ZstdCompressor
    private let decompressor = ZstdDecompressor()

    public init(level: Int32 = 1) {
        compressor = ZstdCompressor(level: level)
    }

    /// One zstd frame of `source`; nil when zstd fails.
    public func compress(_ source: ByteBuffer) -> ByteBuffer? {
        var output = ByteBuffer()
        return compressor.compress(source.readableBytesView, appendingTo: &output).map { _ in output }
    }

    /// The content of one frame, refused when it declares more than `limit` bytes.
    public func decompress(_ frame: ByteBuffer, limit: Int) throws -> ByteBuffer {
        try decompressor.decompress(frame, limit: limit, allocator: ByteBufferAllocator())
    }
}
