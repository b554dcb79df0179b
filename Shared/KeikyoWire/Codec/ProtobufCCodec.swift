import CProtobufC
import NIOCore

/// Encodes and decodes `KWPMessage`s with protobuf-c: the one generic path every message
/// takes, so that no message mapping handles sizes, buffers or frees.
public enum ProtobufCCodec {
    /// Appends the encoding of `message` to `buffer`.
    /// Throws INVALID_ARGUMENT `BAD_STRING` when a string holds a NUL byte, which protobuf-c
    /// would silently cut off.
    @inlinable
    public static func encode<M: KWPMessage>(_ message: M, into buffer: inout ByteBuffer) throws {
        var arena = CArena()
        let cMessage = arena.message(message)
        try checkStrings(arena, M.self)
        _ = pack(UnsafeRawPointer(cMessage), into: &buffer)
    }

    /// The encoding of `message` in a new buffer.
    @inlinable
    public static func encode<M: KWPMessage>(_ message: M, allocator: ByteBufferAllocator = ByteBufferAllocator()) throws -> ByteBuffer {
        var arena = CArena()
        let cMessage = arena.message(message)
        try checkStrings(arena, M.self)
        let size = packedSize(UnsafeRawPointer(cMessage))
        var buffer = allocator.buffer(capacity: size)
        _ = pack(UnsafeRawPointer(cMessage), into: &buffer, size: size)
        return buffer
    }

    /// Decodes a `M` from exactly the readable bytes of `buffer`.
    @inlinable
    public static func decode<M: KWPMessage>(_ type: M.Type, from buffer: ByteBuffer) throws -> M {
        try buffer.withUnsafeReadableBytes { try decode(type, from: $0) }
    }

    /// Decodes a `M` from exactly `bytes`. Strings must be valid UTF-8 without NUL
    /// (INVALID_ARGUMENT `BAD_STRING` naming the field); bytes that protobuf-c cannot unpack
    /// give INVALID_ARGUMENT `BAD_MESSAGE`.
    @inlinable
    public static func decode<M: KWPMessage>(_ type: M.Type, from bytes: UnsafeRawBufferPointer) throws -> M {
        try UnpackArena.withTemporary(expecting: bytes.count) { allocator in
            let unpacked = try unpack(M.protobufCDescriptor, from: bytes, allocator: allocator)
            return try UnsafeRawPointer(unpacked).withMemoryRebound(to: M.CMessage.self, capacity: 1) {
                try M(protobufC: $0.pointee)
            }
        }
    }

    // MARK: - The generic C path

    @usableFromInline
    static func checkStrings<M>(_ arena: borrowing CArena, _ type: M.Type) throws {
        if arena.sawEmbeddedNUL {
            throw KWPError.invalidArgument(
                "a string field of \(type) holds a NUL byte, which protobuf-c cannot carry",
                reason: KWPError.Reason.badString)
        }
    }

    @usableFromInline
    static func packedSize(_ message: UnsafeRawPointer) -> Int {
        protobuf_c_message_get_packed_size(message.assumingMemoryBound(to: ProtobufCMessage.self))
    }

    /// Packs a C message into `buffer`; returns the bytes written.
    @usableFromInline @discardableResult
    static func pack(_ message: UnsafeRawPointer, into buffer: inout ByteBuffer, size: Int? = nil) -> Int {
        let size = size ?? packedSize(message)
        guard size > 0 else { return 0 }
        return buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { destination in
            protobuf_c_message_pack(
                message.assumingMemoryBound(to: ProtobufCMessage.self),
                destination.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Validates strings, then unpacks. Without an allocator the caller frees the result with
    /// `protobuf_c_message_free_unpacked` exactly once; with one, the allocator owns it.
    @usableFromInline
    static func unpack(
        _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, from bytes: UnsafeRawBufferPointer,
        allocator: UnsafeMutablePointer<ProtobufCAllocator>? = nil
    ) throws -> UnsafeMutablePointer<ProtobufCMessage> {
        if let badField = try WireScanner.firstBadString(in: bytes, descriptor: descriptor, depth: 0) {
            throw KWPError.invalidArgument(
                "string field is not valid UTF-8 or holds a NUL byte", reason: KWPError.Reason.badString,
                violations: [.init(field: badField, description: "must be valid UTF-8 without NUL bytes")])
        }
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let empty: [UInt8] = [0]
        let unpacked = empty.withUnsafeBufferPointer { emptyPointer in
            protobuf_c_message_unpack(descriptor, allocator, bytes.count, base ?? emptyPointer.baseAddress!)
        }
        guard let unpacked else {
            throw KWPError.invalidArgument(
                "message does not decode as \(String(cString: descriptor.pointee.name))",
                reason: KWPError.Reason.badMessage)
        }
        return unpacked
    }
}

/// Walks protobuf wire data along a protobuf-c descriptor to check every string field
/// before protobuf-c unpacks it: protobuf-c neither validates UTF-8 nor keeps bytes after a NUL.
enum WireScanner {
    static let maxDepth = 64

    /// The dotted path of the first bad string field, or nil. Malformed wire data is left
    /// for protobuf-c to reject.
    static func firstBadString(
        in bytes: UnsafeRawBufferPointer, descriptor: UnsafePointer<ProtobufCMessageDescriptor>, depth: Int
    ) throws -> String? {
        guard depth < maxDepth else {
            throw KWPError.invalidArgument("message nests deeper than \(maxDepth) levels", reason: KWPError.Reason.badMessage)
        }
        var bad: String? = nil
        try forEachLengthDelimited(in: bytes) { fieldNumber, range in
            guard fieldNumber > 0, fieldNumber <= UInt64(UInt32.max),
                let field = protobuf_c_message_descriptor_get_field(descriptor, UInt32(fieldNumber))
            else { return true }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
            if field.pointee.type == PROTOBUF_C_TYPE_STRING {
                if !isValidUTF8WithoutNUL(slice) { bad = String(cString: field.pointee.name) }
            } else if field.pointee.type == PROTOBUF_C_TYPE_MESSAGE {
                let nested = field.pointee.descriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
                if let inner = try firstBadString(in: slice, descriptor: nested, depth: depth + 1) {
                    bad = String(cString: field.pointee.name) + "." + inner
                }
            }
            return bad == nil
        }
        return bad
    }

    /// Where the last occurrence of length-delimited `field` lies at the top level of `bytes`
    /// (which protobuf-c has already accepted); nil when the field is absent.
    static func lastLengthDelimited(field: UInt64, in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        var found: Range<Int>? = nil
        forEachLengthDelimited(in: bytes) { number, range in
            if number == field { found = range }
            return true
        }
        return found
    }

    /// Walks the top-level fields of `bytes`, calling `body` with the number and byte range of
    /// each length-delimited one until it returns false. Stops quietly at malformed wire data,
    /// which is left for protobuf-c to reject.
    static func forEachLengthDelimited(
        in bytes: UnsafeRawBufferPointer, _ body: (UInt64, Range<Int>) throws -> Bool
    ) rethrows {
        var index = 0
        let count = bytes.count
        while index < count {
            guard let tag = readVarint(bytes, &index) else { return }
            switch tag & 7 {
            case 0:
                guard readVarint(bytes, &index) != nil else { return }
            case 1:
                index += 8
            case 5:
                index += 4
            case 2:
                guard let length = readVarint(bytes, &index), length <= UInt64(count - index) else { return }
                let range = index..<index + Int(length)
                index = range.upperBound
                guard try body(tag >> 3, range) else { return }
            default:
                return
            }
        }
    }

    @inline(__always)
    static func readVarint(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return nil
    }

    /// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past
    /// U+10FFFF) and holds no NUL.
    static func isValidUTF8WithoutNUL(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight bytes at a time while they are ASCII without NUL (most text is).
            while index + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let nonASCII = word & 0x8080_8080_8080_8080
                let hasZeroByte = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                guard nonASCII == 0, hasZeroByte == 0 else { break }
                index += 8
            }
            guard index < count else { break }
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == 0 { return false }
                index += 1
                continue
            }
            let extra: Int
            var scalar: UInt32
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: (extra, scalar, minimum) = (1, UInt32(lead & 0x1F), 0x80)
            case 0xE0...0xEF: (extra, scalar, minimum) = (2, UInt32(lead & 0x0F), 0x800)
            case 0xF0...0xF4: (extra, scalar, minimum) = (3, UInt32(lead & 0x07), 0x10000)
            default: return false
            }
            guard index + extra < count else { return false }
            for offset in 1...extra {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return false }
            index += extra + 1
        }
        return true
    }
}
