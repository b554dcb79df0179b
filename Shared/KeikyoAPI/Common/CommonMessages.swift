import CKeikyoProtos
import CProtobufC
import KeikyoModel
import KeikyoWire

extension LocalizedText: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__common__v1__localized_text__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Common__V1__LocalizedText, arena: inout CArena) {
        message.ja = arena.cString(ja)
        message.en = arena.cString(en)
    }

    public init(protobufC message: borrowing Keikyo__Common__V1__LocalizedText) throws {
        self.init(ja: ProtobufC.string(message.ja), en: ProtobufC.string(message.en))
    }
}

extension Money: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__common__v1__money__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Common__V1__Money, arena: inout CArena) {
        message.amount = arena.cString(amount)
        message.currency = arena.cString(currency)
        message.value_date = arena.cString(valueDate)
    }

    public init(protobufC message: borrowing Keikyo__Common__V1__Money) throws {
        self.init(
            amount: ProtobufC.string(message.amount), currency: ProtobufC.string(message.currency),
            valueDate: ProtobufC.string(message.value_date))
    }
}

extension CArena {
    /// A sub-message, or nil for an absent optional one.
    mutating func optionalMessage<M: KWPMessage>(_ value: M?) -> UnsafeMutablePointer<M.CMessage>? {
        value.map { self.message($0) }
    }
}
