import CProtobufC

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bump allocator for building protobuf-c messages to pack: structs, C strings, pointer
/// arrays and bytes all come from it and are freed together, exactly once, when it ends.
///
/// Message mappings (`KWPMessage.fill`) take what they need from it; nothing they get
/// outlives the arena's scope, because the arena is non-copyable and only lent out.
public struct CArena: ~Copyable {
    private var blocks: [UnsafeMutableRawPointer] = []
    private var cursor: UnsafeMutableRawPointer? = nil
    private var remaining = 0
    private var nextBlockSize: Int
    /// Set when a string given to `cString` held a NUL byte.
    private(set) var sawEmbeddedNUL = false

    public init(initialCapacity: Int = 2048) {
        self.nextBlockSize = max(initialCapacity, 256)
    }

    deinit {
        for block in self.blocks { block.deallocate() }
    }

    /// Uninitialised, suitably aligned memory for `count` values of `type`.
    public mutating func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        self.allocateRaw(byteCount: MemoryLayout<T>.stride * max(count, 1), alignment: MemoryLayout<T>.alignment)
            .bindMemory(to: T.self, capacity: max(count, 1))
    }

    mutating func allocateRaw(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
        if let cursor = self.cursor {
            let padding = (alignment - Int(bitPattern: cursor) % alignment) % alignment
            if padding + byteCount <= self.remaining {
                let start = cursor + padding
                self.cursor = start + byteCount
                self.remaining -= padding + byteCount
                return start
            }
        }
        let size = max(self.nextBlockSize, byteCount + alignment)
        self.nextBlockSize = min(self.nextBlockSize * 2, 1 << 20)
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        self.blocks.append(block)
        let padding = (alignment - Int(bitPattern: block) % alignment) % alignment
        let start = block + padding
        self.cursor = start + byteCount
        self.remaining = size - padding - byteCount
        return start
    }

    /// A NUL-terminated copy of `string`. protobuf-c strings end at the first NUL, so a string
    /// holding one is marked here and the whole encoding then fails instead of truncating it.
    public mutating func cString(_ string: String) -> UnsafeMutablePointer<CChar> {
        var string = string
        return string.withUTF8 { utf8 in
            let pointer = self.allocate(CChar.self, count: utf8.count + 1)
            if utf8.count > 0 {
                if memchr(utf8.baseAddress!, 0, utf8.count) != nil { self.sawEmbeddedNUL = true }
                UnsafeMutableRawPointer(pointer).copyMemory(from: utf8.baseAddress!, byteCount: utf8.count)
            }
            pointer[utf8.count] = 0
            return pointer
        }
    }

    /// A pointer array of C strings for a repeated string field.
    public mutating func cStrings(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !strings.isEmpty else { return nil }
        let array = self.allocate(UnsafeMutablePointer<CChar>?.self, count: strings.count)
        for (index, string) in strings.enumerated() { array[index] = self.cString(string) }
        return array
    }

    /// A copy of `bytes` for a `bytes` field.
    public mutating func binary(_ bytes: some Collection<UInt8>) -> ProtobufCBinaryData {
        guard !bytes.isEmpty else { return ProtobufCBinaryData(len: 0, data: nil) }
        let pointer = self.allocate(UInt8.self, count: bytes.count)
        _ = UnsafeMutableBufferPointer(start: pointer, count: bytes.count).initialize(from: bytes)
        return ProtobufCBinaryData(len: bytes.count, data: pointer)
    }

    /// The C form of `message`, initialised from its descriptor and filled by its mapping.
    public mutating func message<M: KWPMessage>(_ message: M) -> UnsafeMutablePointer<M.CMessage> {
        let pointer = self.allocate(M.CMessage.self, count: 1)
        protobuf_c_message_init(M.protobufCDescriptor, pointer)
        message.fill(&pointer.pointee, arena: &self)
        return pointer
    }

    /// A pointer array of C messages for a repeated message field.
    public mutating func messages<M: KWPMessage>(_ messages: [M]) -> UnsafeMutablePointer<UnsafeMutablePointer<M.CMessage>?>? {
        guard !messages.isEmpty else { return nil }
        let array = self.allocate(UnsafeMutablePointer<M.CMessage>?.self, count: messages.count)
        for (index, message) in messages.enumerated() { array[index] = self.message(message) }
        return array
    }

    /// A copy of `values` for a repeated scalar field.
    public mutating func scalars<T>(_ values: [T]) -> UnsafeMutablePointer<T>? {
        guard !values.isEmpty else { return nil }
        let pointer = self.allocate(T.self, count: values.count)
        pointer.initialize(from: values, count: values.count)
        return pointer
    }
}
