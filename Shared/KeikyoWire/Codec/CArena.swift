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
    @usableFromInline var memory: BumpAllocator
    /// Set when a string given to `cString` held a NUL byte.
    @usableFromInline var sawEmbeddedNUL = false

    @inlinable
    public init(initialCapacity: Int = 2048) {
        self.memory = BumpAllocator(firstBlockSize: initialCapacity)
    }

    @inlinable
    deinit {
        if let blocks = self.memory.blocks { BumpAllocator.release(blocks) }
    }

    /// Uninitialised, suitably aligned memory for `count` values of `type`.
    @inlinable
    public mutating func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let count = max(count, 1)
        return self.allocateRaw(byteCount: MemoryLayout<T>.stride * count, alignment: MemoryLayout<T>.alignment)
            .bindMemory(to: T.self, capacity: count)
    }

    @inlinable
    mutating func allocateRaw(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
        guard let raw = self.memory.allocate(byteCount: byteCount, alignment: alignment) else {
            fatalError("out of memory building a protobuf-c message")
        }
        return raw
    }

    /// A NUL-terminated copy of `string`. protobuf-c strings end at the first NUL, so a string
    /// holding one is marked here and the whole encoding then fails instead of truncating it.
    @inlinable
    public mutating func cString(_ string: String) -> UnsafeMutablePointer<CChar> {
        if let pointer = string.utf8.withContiguousStorageIfAvailable({ self.cString(utf8: $0) }) { return pointer }
        var contiguous = string
        return contiguous.withUTF8 { self.cString(utf8: $0) }
    }

    @inlinable
    mutating func cString(utf8: UnsafeBufferPointer<UInt8>) -> UnsafeMutablePointer<CChar> {
        let pointer = self.allocate(CChar.self, count: utf8.count + 1)
        if let base = utf8.baseAddress, utf8.count > 0 {
            if memchr(base, 0, utf8.count) != nil { self.sawEmbeddedNUL = true }
            UnsafeMutableRawPointer(pointer).copyMemory(from: base, byteCount: utf8.count)
        }
        pointer[utf8.count] = 0
        return pointer
    }

    /// A pointer array of C strings for a repeated string field.
    @inlinable
    public mutating func cStrings(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !strings.isEmpty else { return nil }
        let array = self.allocate(UnsafeMutablePointer<CChar>?.self, count: strings.count)
        strings.withUnsafeBufferPointer { strings in
            for index in strings.indices { array[index] = self.cString(strings[index]) }
        }
        return array
    }

    /// A copy of `bytes` for a `bytes` field.
    @inlinable
    public mutating func binary(_ bytes: some Collection<UInt8>) -> ProtobufCBinaryData {
        guard !bytes.isEmpty else { return ProtobufCBinaryData(len: 0, data: nil) }
        let pointer = self.allocate(UInt8.self, count: bytes.count)
        _ = UnsafeMutableBufferPointer(start: pointer, count: bytes.count).initialize(from: bytes)
        return ProtobufCBinaryData(len: bytes.count, data: pointer)
    }

    /// The C form of `message`, initialised from its descriptor and filled by its mapping.
    @inlinable
    public mutating func message<M: KWPMessage>(_ message: M) -> UnsafeMutablePointer<M.CMessage> {
        let pointer = self.allocate(M.CMessage.self, count: 1)
        protobuf_c_message_init(M.protobufCDescriptor, pointer)
        message.fill(&pointer.pointee, arena: &self)
        return pointer
    }

    /// A pointer array of C messages for a repeated message field.
    @inlinable
    public mutating func messages<M: KWPMessage>(_ messages: [M]) -> UnsafeMutablePointer<UnsafeMutablePointer<M.CMessage>?>? {
        guard !messages.isEmpty else { return nil }
        let array = self.allocate(UnsafeMutablePointer<M.CMessage>?.self, count: messages.count)
        messages.withUnsafeBufferPointer { messages in
            for index in messages.indices { array[index] = self.message(messages[index]) }
        }
        return array
    }

    /// A copy of `values` for a repeated scalar field.
    @inlinable
    public mutating func scalars<T>(_ values: [T]) -> UnsafeMutablePointer<T>? {
        guard !values.isEmpty else { return nil }
        let pointer = self.allocate(T.self, count: values.count)
        pointer.initialize(from: values, count: values.count)
        return pointer
    }
}
