import CKeikyoProtos
import CProtobufC
import Foundation
import NIOCore

/// JSON for any message that protobuf-c describes, driven by its descriptor alone: what
/// `keikyo call` and the CLI's `--json` use. It follows the proto3 JSON mapping, writing the
/// .proto field names (accepting those and the lowerCamelCase JSON names), enum values by name,
/// 64-bit integers as strings, bytes as base64, and leaving out fields at their default.
public enum ProtobufJSON {
    /// The descriptor of a message compiled into this program, by full name
    /// (`keikyo.cases.v1.Case`).
    public static func descriptor(named name: String) -> UnsafePointer<ProtobufCMessageDescriptor>? {
        registry[name]
    }

    nonisolated(unsafe) private static let registry: [String: UnsafePointer<ProtobufCMessageDescriptor>] = {
        var count = 0
        guard let list = keikyo_message_descriptors(&count) else { return [:] }
        var byName: [String: UnsafePointer<ProtobufCMessageDescriptor>] = [:]
        for index in 0..<count {
            guard let descriptor = list[index] else { continue }
            byName[String(cString: descriptor.pointee.name)] = descriptor
        }
        return byName
    }()

    // MARK: JSON to protobuf

    /// Encodes JSON text (an object) as a message of `descriptor`. Throws INVALID_ARGUMENT
    /// naming the field that does not fit.
    public static func encode(json: String, as descriptor: UnsafePointer<ProtobufCMessageDescriptor>) throws -> ByteBuffer {
        let parsed: JSONValue
        do {
            parsed = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        } catch {
            throw KWPError(.invalidArgument, "not JSON: \(error)", reason: "BAD_JSON")
        }
        guard case .object(let object) = parsed else {
            throw KWPError(.invalidArgument, "the JSON must be an object", reason: "BAD_JSON")
        }
        var arena = CArena()
        let message = try build(object, descriptor, arena: &arena, path: "")
        try ProtobufCCodec.checkStrings(arena, ProtobufJSON.self)
        var buffer = ByteBuffer()
        ProtobufCCodec.pack(message, into: &buffer)
        return buffer
    }

    static func fail(_ path: String, _ description: String) -> KWPError {
        KWPError(
            .invalidArgument, "\(path.isEmpty ? "message" : path): \(description)", reason: "BAD_JSON",
            violations: [.init(field: path, description: description)])
    }

    static func field(named key: String, in descriptor: UnsafePointer<ProtobufCMessageDescriptor>) -> UnsafePointer<ProtobufCFieldDescriptor>? {
        if let field = protobuf_c_message_descriptor_get_field_by_name(descriptor, key) { return field }
        for index in 0..<Int(descriptor.pointee.n_fields) {
            let field = descriptor.pointee.fields + index
            if String(cString: field.pointee.name).lowerCamelCased == key { return UnsafePointer(field) }
        }
        return nil
    }

    static func build(
        _ object: [String: JSONValue], _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, arena: inout CArena, path: String
    ) throws -> UnsafeMutableRawPointer {
        let message = arena.allocateRaw(byteCount: descriptor.pointee.sizeof_message, alignment: 16)
        protobuf_c_message_init(descriptor, message)
        for (key, value) in object {
            guard let field = field(named: key, in: descriptor) else {
                throw fail(path + key, "no such field in \(String(cString: descriptor.pointee.name))")
            }
            if case .null = value { continue }
            let name = path + String(cString: field.pointee.name)
            let slot = message + Int(field.pointee.offset)
            if field.pointee.label == PROTOBUF_C_LABEL_REPEATED {
                guard case .array(let array) = value else { throw fail(name, "must be an array") }
                let width = elementSize(field)
                let storage = arena.allocateRaw(byteCount: width * max(array.count, 1), alignment: 8)
                for (index, element) in array.enumerated() {
                    try write(element, field, at: storage + index * width, arena: &arena, path: "\(name)[\(index)]")
                }
                (message + Int(field.pointee.quantifier_offset)).storeBytes(of: array.count, as: Int.self)
                slot.storeBytes(of: array.isEmpty ? nil : storage, as: UnsafeMutableRawPointer?.self)
            } else {
                try write(value, field, at: slot, arena: &arena, path: name)
                if field.pointee.flags & UInt32(PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue) != 0 {
                    (message + Int(field.pointee.quantifier_offset)).storeBytes(of: field.pointee.id, as: UInt32.self)
                } else if field.pointee.label == PROTOBUF_C_LABEL_OPTIONAL, hasPresenceFlag(field) {
                    (message + Int(field.pointee.quantifier_offset)).storeBytes(of: 1, as: Int32.self)
                }
            }
        }
        return message
    }

    /// Scalars other than strings and messages carry a `has_` flag when optional.
    static func hasPresenceFlag(_ field: UnsafePointer<ProtobufCFieldDescriptor>) -> Bool {
        let type = field.pointee.type
        return type != PROTOBUF_C_TYPE_STRING && type != PROTOBUF_C_TYPE_MESSAGE
    }

    static func elementSize(_ field: UnsafePointer<ProtobufCFieldDescriptor>) -> Int {
        switch field.pointee.type {
        case PROTOBUF_C_TYPE_INT32, PROTOBUF_C_TYPE_SINT32, PROTOBUF_C_TYPE_SFIXED32, PROTOBUF_C_TYPE_UINT32,
            PROTOBUF_C_TYPE_FIXED32, PROTOBUF_C_TYPE_FLOAT, PROTOBUF_C_TYPE_ENUM, PROTOBUF_C_TYPE_BOOL:
            4
        case PROTOBUF_C_TYPE_BYTES: MemoryLayout<ProtobufCBinaryData>.stride
        default: 8
        }
    }

    static func integer(_ value: JSONValue, path: String) throws -> Int128 {
        switch value {
        case .integer(let number): return number
        case .string(let text): if let parsed = Int128(text) { return parsed }
        case .number(let double) where double == double.rounded() && abs(double) < 1e19: return Int128(double)
        default: break
        }
        throw fail(path, "must be a whole number")
    }

    static func write(
        _ value: JSONValue, _ field: UnsafePointer<ProtobufCFieldDescriptor>, at slot: UnsafeMutableRawPointer, arena: inout CArena,
        path: String
    ) throws {
        func ranged<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            let number = try integer(value, path: path)
            guard let fitted = T(exactly: number) else { throw fail(path, "out of range for \(T.self)") }
            return fitted
        }
        switch field.pointee.type {
        case PROTOBUF_C_TYPE_INT32, PROTOBUF_C_TYPE_SINT32, PROTOBUF_C_TYPE_SFIXED32:
            slot.storeBytes(of: try ranged(Int32.self), as: Int32.self)
        case PROTOBUF_C_TYPE_UINT32, PROTOBUF_C_TYPE_FIXED32:
            slot.storeBytes(of: try ranged(UInt32.self), as: UInt32.self)
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64:
            slot.storeBytes(of: try ranged(Int64.self), as: Int64.self)
        case PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64:
            slot.storeBytes(of: try ranged(UInt64.self), as: UInt64.self)
        case PROTOBUF_C_TYPE_FLOAT, PROTOBUF_C_TYPE_DOUBLE:
            let number: Double
            switch value {
            case .integer(let whole): number = Double(whole)
            case .number(let double): number = double
            default: throw fail(path, "must be a number")
            }
            if field.pointee.type == PROTOBUF_C_TYPE_FLOAT {
                slot.storeBytes(of: Float(number), as: Float.self)
            } else {
                slot.storeBytes(of: number, as: Double.self)
            }
        case PROTOBUF_C_TYPE_BOOL:
            guard case .bool(let flag) = value else { throw fail(path, "must be true or false") }
            slot.storeBytes(of: flag ? 1 : 0, as: Int32.self)
        case PROTOBUF_C_TYPE_ENUM:
            let enumDescriptor = field.pointee.descriptor.assumingMemoryBound(to: ProtobufCEnumDescriptor.self)
            if case .string(let name) = value {
                guard let entry = protobuf_c_enum_descriptor_get_value_by_name(enumDescriptor, name) else {
                    let names = (0..<Int(enumDescriptor.pointee.n_values)).map { String(cString: enumDescriptor.pointee.values[$0].name) }
                    throw fail(path, "\(name.debugDescription) is not one of \(names.joined(separator: ", "))")
                }
                slot.storeBytes(of: entry.pointee.value, as: Int32.self)
            } else {
                slot.storeBytes(of: try ranged(Int32.self), as: Int32.self)
            }
        case PROTOBUF_C_TYPE_STRING:
            guard case .string(let text) = value else { throw fail(path, "must be a string") }
            slot.storeBytes(of: arena.cString(text), as: UnsafeMutablePointer<CChar>.self)
        case PROTOBUF_C_TYPE_BYTES:
            guard case .string(let text) = value, let data = Data(base64Encoded: text) else { throw fail(path, "must be base64") }
            slot.storeBytes(of: arena.binary(Array(data)), as: ProtobufCBinaryData.self)
        case PROTOBUF_C_TYPE_MESSAGE:
            guard case .object(let object) = value else { throw fail(path, "must be an object") }
            let nested = field.pointee.descriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
            slot.storeBytes(of: try build(object, nested, arena: &arena, path: path + "."), as: UnsafeMutableRawPointer.self)
        default:
            throw fail(path, "has a type this tool cannot write")
        }
    }

    // MARK: Protobuf to JSON

    /// The JSON text of message bytes of `descriptor`; fields in .proto order.
    public static func decode(_ bytes: ByteBuffer, as descriptor: UnsafePointer<ProtobufCMessageDescriptor>, pretty: Bool = true) throws -> String {
        let unpacked = try bytes.withUnsafeReadableBytes { try ProtobufCCodec.unpack(descriptor, from: $0) }
        defer { protobuf_c_message_free_unpacked(unpacked, nil) }
        var writer = JSONWriter(pretty: pretty)
        render(UnsafeRawPointer(unpacked), descriptor, into: &writer)
        return writer.text
    }

    static func render(_ message: UnsafeRawPointer, _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, into writer: inout JSONWriter) {
        writer.beginObject()
        for index in 0..<Int(descriptor.pointee.n_fields) {
            let field = UnsafePointer(descriptor.pointee.fields + index)
            let slot = message + Int(field.pointee.offset)
            let name = String(cString: field.pointee.name)
            if field.pointee.label == PROTOBUF_C_LABEL_REPEATED {
                let count = (message + Int(field.pointee.quantifier_offset)).load(as: Int.self)
                guard count > 0, let storage = slot.load(as: UnsafeRawPointer?.self) else { continue }
                writer.key(name)
                writer.beginArray()
                let width = elementSize(field)
                for element in 0..<count { renderValue(storage + element * width, field, into: &writer) }
                writer.endArray()
            } else {
                if field.pointee.flags & UInt32(PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue) != 0 {
                    guard (message + Int(field.pointee.quantifier_offset)).load(as: UInt32.self) == field.pointee.id else { continue }
                } else if field.pointee.label == PROTOBUF_C_LABEL_OPTIONAL, hasPresenceFlag(field) {
                    guard (message + Int(field.pointee.quantifier_offset)).load(as: Int32.self) != 0 else { continue }
                } else if isDefault(slot, field) {
                    continue
                }
                writer.key(name)
                renderValue(slot, field, into: &writer)
            }
        }
        writer.endObject()
    }

    static func isDefault(_ slot: UnsafeRawPointer, _ field: UnsafePointer<ProtobufCFieldDescriptor>) -> Bool {
        switch field.pointee.type {
        case PROTOBUF_C_TYPE_STRING:
            guard let text = slot.load(as: UnsafePointer<CChar>?.self) else { return true }
            return text.pointee == 0
        case PROTOBUF_C_TYPE_MESSAGE: return slot.load(as: UnsafeRawPointer?.self) == nil
        case PROTOBUF_C_TYPE_BYTES: return slot.load(as: ProtobufCBinaryData.self).len == 0
        default:
            let width = elementSize(field)
            return (0..<width).allSatisfy { slot.load(fromByteOffset: $0, as: UInt8.self) == 0 }
        }
    }

    static func renderValue(_ slot: UnsafeRawPointer, _ field: UnsafePointer<ProtobufCFieldDescriptor>, into writer: inout JSONWriter) {
        switch field.pointee.type {
        case PROTOBUF_C_TYPE_INT32, PROTOBUF_C_TYPE_SINT32, PROTOBUF_C_TYPE_SFIXED32:
            writer.raw(String(slot.load(as: Int32.self)))
        case PROTOBUF_C_TYPE_UINT32, PROTOBUF_C_TYPE_FIXED32:
            writer.raw(String(slot.load(as: UInt32.self)))
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64:
            writer.string(String(slot.load(as: Int64.self)))
        case PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64:
            writer.string(String(slot.load(as: UInt64.self)))
        case PROTOBUF_C_TYPE_FLOAT: writer.raw("\(slot.load(as: Float.self))")
        case PROTOBUF_C_TYPE_DOUBLE: writer.raw("\(slot.load(as: Double.self))")
        case PROTOBUF_C_TYPE_BOOL: writer.raw(slot.load(as: Int32.self) != 0 ? "true" : "false")
        case PROTOBUF_C_TYPE_ENUM:
            let value = slot.load(as: Int32.self)
            let enumDescriptor = field.pointee.descriptor.assumingMemoryBound(to: ProtobufCEnumDescriptor.self)
            if let entry = protobuf_c_enum_descriptor_get_value(enumDescriptor, value) {
                writer.string(String(cString: entry.pointee.name))
            } else {
                writer.raw(String(value))
            }
        case PROTOBUF_C_TYPE_STRING:
            writer.string(slot.load(as: UnsafePointer<CChar>?.self).map { String(cString: $0) } ?? "")
        case PROTOBUF_C_TYPE_BYTES:
            let data = slot.load(as: ProtobufCBinaryData.self)
            writer.string(data.len == 0 ? "" : Data(bytes: data.data, count: data.len).base64EncodedString())
        case PROTOBUF_C_TYPE_MESSAGE:
            let nested = field.pointee.descriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
            if let pointer = slot.load(as: UnsafeRawPointer?.self) {
                render(pointer, nested, into: &writer)
            } else {
                writer.raw("{}")
            }
        default:
            writer.raw("null")
        }
    }
}

/// A parsed JSON value that keeps booleans, whole numbers and other numbers apart.
enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case integer(Int128)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(Int128(value))
        } else if let value = try? container.decode(UInt64.self) {
            self = .integer(Int128(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}

/// Writes JSON text in order, optionally indented two spaces per level.
struct JSONWriter {
    let pretty: Bool
    private(set) var text = ""
    /// Values written so far in each open object or array.
    private var counts: [Int] = []
    private var afterKey = false

    init(pretty: Bool) { self.pretty = pretty }

    private mutating func newline() {
        if pretty { text += "\n" + String(repeating: "  ", count: counts.count) }
    }

    /// Before a key or an array element: the comma and the line break.
    private mutating func nextEntry() {
        guard !counts.isEmpty else { return }
        if counts[counts.count - 1] > 0 { text += "," }
        counts[counts.count - 1] += 1
        newline()
    }

    private mutating func beginValue() {
        if afterKey { afterKey = false } else { nextEntry() }
    }

    mutating func key(_ name: String) {
        nextEntry()
        text += "\"\(JSONWriter.escape(name))\":" + (pretty ? " " : "")
        afterKey = true
    }

    mutating func raw(_ value: String) {
        beginValue()
        text += value
    }

    mutating func string(_ value: String) { raw("\"\(JSONWriter.escape(value))\"") }

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    private mutating func open(_ bracket: String) {
        beginValue()
        text += bracket
        counts.append(0)
    }

    private mutating func close(_ bracket: String) {
        let written = counts.removeLast()
        if written > 0 { newline() }
        text += bracket
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension String {
    /// `contract_value` → `contractValue`.
    var lowerCamelCased: String {
        let parts = split(separator: "_")
        guard let first = parts.first else { return self }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
