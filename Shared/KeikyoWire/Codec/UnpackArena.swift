import CProtobufC

/// Memory for protobuf-c to unpack into, handed to `protobuf_c_message_unpack` as its
/// `ProtobufCAllocator`. protobuf-c mallocs every string, array and sub-message separately;
/// from here each costs a pointer bump, and the whole message is released at once
/// (`protobuf_c_message_free_unpacked` is never called on it).
@usableFromInline
enum UnpackArena {
    /// Runs `body` with an allocator drawing from `memory`. protobuf-c frees only what it
    /// abandons on failure, which the arena releases with the rest.
    @usableFromInline
    static func withAllocator<R>(
        _ memory: inout BumpAllocator, _ body: (UnsafeMutablePointer<ProtobufCAllocator>) throws -> R
    ) rethrows -> R {
        try withUnsafeMutablePointer(to: &memory) { state in
            var allocator = ProtobufCAllocator(
                alloc: { data, size in
                    data!.assumingMemoryBound(to: BumpAllocator.self).pointee.allocate(byteCount: size, alignment: 16)
                },
                free: { _, _ in },
                allocator_data: UnsafeMutableRawPointer(state))
            return try body(&allocator)
        }
    }

    /// Runs `body` with an allocator whose memory is released when `body` returns: nothing
    /// protobuf-c unpacked may escape it.
    @inlinable
    static func withTemporary<R>(
        expecting byteCount: Int, _ body: (UnsafeMutablePointer<ProtobufCAllocator>) throws -> R
    ) rethrows -> R {
        var memory = BumpAllocator(firstBlockSize: 2 * byteCount + 1024)
        defer { memory.release() }
        return try withAllocator(&memory, body)
    }
}
