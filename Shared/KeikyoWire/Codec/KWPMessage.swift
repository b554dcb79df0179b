import CProtobufC

/// A Swift value type that travels as a protobuf message encoded by protobuf-c.
///
/// A conformance is the one place where a message's C struct is read and written: `fill`
/// sets the fields of a C message (already initialised from the descriptor) from `self`,
/// taking strings, arrays and sub-messages from the arena; `init(protobufC:)` copies the
/// fields of an unpacked C message out into Swift values. Everything else (sizes, packing,
/// unpacking, freeing, string checks) is generic and lives in `ProtobufCCodec`.
public protocol KWPMessage: Sendable {
    /// The protobuf-c struct, e.g. `Keikyo__Health__V1__HealthCheckRequest`.
    associatedtype CMessage

    /// The message's descriptor, from `keikyo_descriptors.h` (`..._descriptor_ptr()`).
    static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { get }

    /// Writes `self` into `message`.
    func fill(_ message: inout CMessage, arena: inout CArena)

    /// Reads a message whose strings were already checked for valid UTF-8 without NUL.
    /// Throws `KWPError` (INVALID_ARGUMENT, with violations) for values out of range.
    init(protobufC message: borrowing CMessage) throws
}

extension KWPMessage {
    /// The protobuf full name, e.g. `keikyo.health.v1.HealthCheckRequest`.
    public static var protobufName: String { String(cString: protobufCDescriptor.pointee.name) }
}

/// Reading helpers for `KWPMessage.init(protobufC:)`.
public enum ProtobufC {
    @inlinable
    public static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    @inlinable
    public static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        string(UnsafePointer(pointer))
    }

    @inlinable
    public static func strings(_ count: Int, _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String] {
        guard count > 0, let pointer else { return [] }
        return (0..<count).map { string(pointer[$0]) }
    }

    @inlinable
    public static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let base = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: data.len))
    }

    @inlinable
    public static func scalars<T>(_ count: Int, _ pointer: UnsafeMutablePointer<T>?) -> [T] {
        guard count > 0, let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// A sub-message, or nil when absent.
    @inlinable
    public static func message<M: KWPMessage>(_ pointer: UnsafeMutablePointer<M.CMessage>?, as type: M.Type) throws -> M? {
        guard let pointer else { return nil }
        return try M(protobufC: pointer.pointee)
    }

    /// A repeated message field. With `field`, a decoding error names the element
    /// (`parties[2].role`).
    @inlinable
    public static func messages<M: KWPMessage>(
        _ count: Int, _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<M.CMessage>?>?, as type: M.Type,
        field: String? = nil
    ) throws -> [M] {
        guard count > 0, let pointer else { return [] }
        var result: [M] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let element = pointer[index] else { continue }
            do {
                result.append(try M(protobufC: element.pointee))
            } catch var error as KWPError where field != nil {
                error.violations = error.violations.map { .init(field: "\(field!)[\(index)].\($0.field)", description: $0.description) }
                throw error
            }
        }
        return result
    }
}
