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

extension Source: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__common__v1__source__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Common__V1__Source, arena: inout CArena) {
        m.kind = Keikyo__Common__V1__SourceKind(rawValue: WireEnum.number(kind))
        m.title = arena.cString(title)
        m.date = arena.cString(date)
        m.lines = arena.cString(lines)
        m.url = arena.cString(url)
        m.n_inputs = inputs.count
        m.inputs = arena.cStrings(inputs)
        m.note = arena.cString(note)
    }

    public init(protobufC m: borrowing Keikyo__Common__V1__Source) throws {
        self.init(
            kind: try WireEnum.value(m.kind.rawValue, "kind"), title: ProtobufC.string(m.title), date: ProtobufC.string(m.date),
            lines: ProtobufC.string(m.lines), url: ProtobufC.string(m.url), inputs: ProtobufC.strings(m.n_inputs, m.inputs),
            note: ProtobufC.string(m.note))
    }
}

extension FigureSource: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__common__v1__figure_source__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Common__V1__FigureSource, arena: inout CArena) {
        m.figure = arena.cString(figure)
        m.source = arena.message(source)
    }

    public init(protobufC m: borrowing Keikyo__Common__V1__FigureSource) throws {
        self.init(ProtobufC.string(m.figure), try ProtobufC.message(m.source, as: Source.self) ?? Source())
    }
}

extension CArena {
    /// An optional message field: absent when the source says nothing.
    mutating func source(_ source: Source) -> UnsafeMutablePointer<Keikyo__Common__V1__Source>? {
        source.isEmpty ? nil : message(source)
    }
}

extension ProtobufC {
    static func source(_ pointer: UnsafeMutablePointer<Keikyo__Common__V1__Source>?, _ field: String) throws -> Source {
        try message(pointer, as: Source.self) ?? Source()
    }
}
