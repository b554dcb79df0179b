import CKeikyoProtos
import CProtobufC

/// `keikyo.wire.v1.Hello`.
struct HelloMessage: KWPMessage, Hashable {
    var version: UInt32 = KWPFrame.version
    var compression: [String] = []
    var maxMessageBytes: UInt32 = 0
    var maxConcurrentStreams: UInt32 = 0
    var agent: String = ""

    static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__wire__v1__hello__descriptor_ptr()
    }

    func fill(_ message: inout Keikyo__Wire__V1__Hello, arena: inout CArena) {
        message.version = version
        message.n_compression = compression.count
        message.compression = arena.cStrings(compression)
        message.max_message_bytes = maxMessageBytes
        message.max_concurrent_streams = maxConcurrentStreams
        message.agent = arena.cString(agent)
    }

    init(version: UInt32 = KWPFrame.version, compression: [String], maxMessageBytes: UInt32, maxConcurrentStreams: UInt32, agent: String) {
        self.version = version
        self.compression = compression
        self.maxMessageBytes = maxMessageBytes
        self.maxConcurrentStreams = maxConcurrentStreams
        self.agent = agent
    }

    init(protobufC message: borrowing Keikyo__Wire__V1__Hello) throws {
        version = message.version
        compression = ProtobufC.strings(message.n_compression, message.compression)
        maxMessageBytes = message.max_message_bytes
        maxConcurrentStreams = message.max_concurrent_streams
        agent = ProtobufC.string(message.agent)
    }
}

/// `keikyo.wire.v1.GoAway`.
struct GoAwayMessage: KWPMessage, Hashable {
    var lastStreamID: UInt32
    var errorCode: UInt32
    var message: String

    static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__wire__v1__go_away__descriptor_ptr()
    }

    init(lastStreamID: UInt32, errorCode: UInt32, message: String) {
        self.lastStreamID = lastStreamID
        self.errorCode = errorCode
        self.message = message
    }

    func fill(_ cMessage: inout Keikyo__Wire__V1__GoAway, arena: inout CArena) {
        cMessage.last_stream_id = lastStreamID
        cMessage.error_code = errorCode
        cMessage.message = arena.cString(message)
    }

    init(protobufC cMessage: borrowing Keikyo__Wire__V1__GoAway) throws {
        lastStreamID = cMessage.last_stream_id
        errorCode = cMessage.error_code
        message = ProtobufC.string(cMessage.message)
    }
}

extension KWPMetadata {
    func cEntries(arena: inout CArena) -> UnsafeMutablePointer<UnsafeMutablePointer<Keikyo__Wire__V1__MetadataEntry>?>? {
        guard !isEmpty else { return nil }
        let array = arena.allocate(UnsafeMutablePointer<Keikyo__Wire__V1__MetadataEntry>?.self, count: count)
        for (index, entry) in entries.enumerated() {
            let cEntry = arena.allocate(Keikyo__Wire__V1__MetadataEntry.self, count: 1)
            protobuf_c_message_init(keikyo__wire__v1__metadata_entry__descriptor_ptr(), cEntry)
            cEntry.pointee.key = arena.cString(entry.key)
            cEntry.pointee.value = arena.cString(entry.value)
            array[index] = cEntry
        }
        return array
    }

    /// Reads received metadata; keys must already be lowercase ASCII.
    init(cEntries count: Int, _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<Keikyo__Wire__V1__MetadataEntry>?>?) throws {
        var entries: [Entry] = []
        if count > 0, let pointer {
            entries.reserveCapacity(count)
            for index in 0..<count {
                guard let entry = pointer[index] else { continue }
                let key = ProtobufC.string(entry.pointee.key)
                guard KWPMetadata.isValidKey(key) else {
                    throw KWPError.invalidArgument(
                        "metadata key \(key.debugDescription) is not lowercase ASCII", reason: KWPError.Reason.badMetadata,
                        violations: [.init(field: "metadata[\(index)].key", description: "must be lowercase ASCII")])
                }
                entries.append(Entry(key: key, value: ProtobufC.string(entry.pointee.value)))
            }
        }
        self.init(unchecked: entries)
    }
}

extension KWPError {
    func cStatus(arena: inout CArena) -> UnsafeMutablePointer<Keikyo__Wire__V1__Status> {
        Self.cStatus(code: code.rawValue, message: message, reason: reason, violations: violations, arena: &arena)
    }

    static func cStatus(
        code: Int32, message: String, reason: String, violations: [FieldViolation], arena: inout CArena
    ) -> UnsafeMutablePointer<Keikyo__Wire__V1__Status> {
        let status = arena.allocate(Keikyo__Wire__V1__Status.self, count: 1)
        protobuf_c_message_init(keikyo__wire__v1__status__descriptor_ptr(), status)
        status.pointee.code = code
        status.pointee.message = arena.cString(message)
        status.pointee.reason = arena.cString(reason)
        if !violations.isEmpty {
            let array = arena.allocate(UnsafeMutablePointer<Keikyo__Wire__V1__FieldViolation>?.self, count: violations.count)
            for (index, violation) in violations.enumerated() {
                let cViolation = arena.allocate(Keikyo__Wire__V1__FieldViolation.self, count: 1)
                protobuf_c_message_init(keikyo__wire__v1__field_violation__descriptor_ptr(), cViolation)
                cViolation.pointee.field = arena.cString(violation.field)
                cViolation.pointee.description = arena.cString(violation.description)
                array[index] = cViolation
            }
            status.pointee.n_violations = violations.count
            status.pointee.violations = array
        }
        return status
    }

    /// The error a received status stands for; nil for OK.
    init?(cStatus status: borrowing Keikyo__Wire__V1__Status) {
        guard status.code != 0 else { return nil }
        var violations: [FieldViolation] = []
        if status.n_violations > 0, let array = status.violations {
            for index in 0..<status.n_violations {
                guard let violation = array[index] else { continue }
                violations.append(
                    .init(
                        field: ProtobufC.string(violation.pointee.field),
                        description: ProtobufC.string(violation.pointee.description)))
            }
        }
        self.init(
            Code(rawValue: status.code), ProtobufC.string(status.message), reason: ProtobufC.string(status.reason),
            violations: violations)
    }
}
