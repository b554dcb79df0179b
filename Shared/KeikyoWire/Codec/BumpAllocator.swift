#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory behind `CArena` (messages being packed) and `UnpackArena` (messages protobuf-c
/// unpacks): allocation is a pointer bump in malloc'd blocks, and everything is released at
/// once. Blocks are linked through a 16-byte header (next block, size).
///
/// The largest block of a released arena is kept for the next arena on the same thread
/// (`ArenaBlockCache`, one block of at most 1 MiB per thread), so that steady traffic packs and
/// unpacks without calling malloc at all and without the page faults of fresh large blocks.
@usableFromInline
struct BumpAllocator {
    @usableFromInline var cursor: UnsafeMutableRawPointer?
    @usableFromInline var remaining: Int
    @usableFromInline var blocks: UnsafeMutableRawPointer?
    @usableFromInline var nextBlockSize: Int

    @usableFromInline static let headerSize = 16

    @inlinable
    init(firstBlockSize: Int) {
        self.cursor = nil
        self.remaining = 0
        self.blocks = nil
        self.nextBlockSize = max(firstBlockSize, 256)
    }

    /// `byteCount` bytes aligned to `alignment` (a power of two, at most 16); nil when malloc fails.
    @inlinable
    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        if let cursor = self.cursor {
            let padding = -Int(bitPattern: cursor) & (alignment - 1)
            if byteCount <= self.remaining - padding {
                let start = cursor + padding
                self.cursor = start + byteCount
                self.remaining -= padding + byteCount
                return start
            }
        }
        return self.allocateInNewBlock(byteCount: byteCount)
    }

    @usableFromInline
    mutating func allocateInNewBlock(byteCount: Int) -> UnsafeMutableRawPointer? {
        guard byteCount >= 0, byteCount <= Int.max / 4 else { return nil }
        let needed = byteCount + Self.headerSize
        let block: UnsafeMutableRawPointer
        let size: Int
        if self.blocks == nil, let cached = ArenaBlockCache.take(atLeast: needed) {
            (block, size) = cached
            self.nextBlockSize = min(max(self.nextBlockSize, size * 2), ArenaBlockCache.maxBlockSize)
        } else {
            let freshSize = max(self.nextBlockSize, needed)
            guard let fresh = malloc(freshSize) else { return nil }
            (block, size) = (fresh, freshSize)
            self.nextBlockSize = min(self.nextBlockSize * 2, ArenaBlockCache.maxBlockSize)
        }
        block.storeBytes(of: self.blocks, as: UnsafeMutableRawPointer?.self)
        block.storeBytes(of: size, toByteOffset: 8, as: Int.self)
        self.blocks = block
        let start = block + Self.headerSize
        self.cursor = start + byteCount
        self.remaining = size - needed
        return start
    }

    /// Releases every block (the largest to this thread's cache); the allocator is empty after.
    @inlinable
    mutating func release() {
        if let blocks = self.blocks { Self.release(blocks) }
        self.blocks = nil
        self.cursor = nil
        self.remaining = 0
    }

    /// Releases a chain of blocks taken from a `BumpAllocator`.
    @usableFromInline
    static func release(_ blocks: UnsafeMutableRawPointer) {
        var keep: (block: UnsafeMutableRawPointer, size: Int)? = nil
        var next: UnsafeMutableRawPointer? = blocks
        while let block = next {
            next = block.load(as: UnsafeMutableRawPointer?.self)
            let size = block.load(fromByteOffset: 8, as: Int.self)
            if size <= ArenaBlockCache.maxBlockSize, size > keep?.size ?? 0 {
                if let previous = keep { free(previous.block) }
                keep = (block, size)
            } else {
                free(block)
            }
        }
        if let keep { ArenaBlockCache.give(keep.block, size: keep.size) }
    }
}

/// One spare arena block per thread (see `BumpAllocator`).
@usableFromInline
enum ArenaBlockCache {
    static let maxBlockSize = 1 << 20

    private struct Slot {
        var block: UnsafeMutableRawPointer?
        var size: Int
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { slot in
            guard let slot else { return }
            let typed = slot.assumingMemoryBound(to: Slot.self)
            free(typed.pointee.block)
            free(slot)
        }
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }()

    private static func slot() -> UnsafeMutablePointer<Slot>? {
        if let existing = pthread_getspecific(key) { return existing.assumingMemoryBound(to: Slot.self) }
        guard let raw = malloc(MemoryLayout<Slot>.size) else { return nil }
        let slot = raw.bindMemory(to: Slot.self, capacity: 1)
        slot.initialize(to: Slot(block: nil, size: 0))
        guard pthread_setspecific(key, raw) == 0 else {
            free(raw)
            return nil
        }
        return slot
    }

    /// This thread's spare block when it holds at least `byteCount` bytes.
    static func take(atLeast byteCount: Int) -> (UnsafeMutableRawPointer, Int)? {
        guard let slot = slot(), let block = slot.pointee.block, slot.pointee.size >= byteCount else { return nil }
        slot.pointee.block = nil
        return (block, slot.pointee.size)
    }

    /// Keeps `block` as this thread's spare when it is larger than the one held; frees the other.
    static func give(_ block: UnsafeMutableRawPointer, size: Int) {
        guard let slot = slot() else { return free(block) }
        if let held = slot.pointee.block {
            if slot.pointee.size >= size { return free(block) }
            free(held)
        }
        slot.pointee = Slot(block: block, size: size)
    }
}
