import CKeikyoProtos
import CProtobufC
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The message a REQUEST or RESPONSE carried, still encoded: a slice of the received frame
/// (no copy), decoded by whoever knows its type.
struct ReceivedMessage: Sendable {
    var bytes: ByteBuffer

    func decode<M: KWPMessage>(_ type: M.Type) throws -> M {
        try ProtobufCCodec.decode(type, from: bytes)
    }
}

/// A REQUEST payload, decoded.
struct ReceivedRequest: Sendable {
    var method: String
    var timeoutMicros: UInt64
    var metadata: KWPMetadata
    var body: ReceivedMessage
}

/// A RESPONSE payload, decoded.
struct ReceivedResponse: Sendable {
    /// nil when the frame carried no status; `.success` for OK.
    var status: Result<Void, KWPError>?
    var metadata: KWPMetadata
    var body: ReceivedMessage
}

/// Builds whole frames (header, then payload) and decodes payloads of the envelope types.
///
/// An envelope's payload is packed by protobuf-c without its `message` field, followed by that
/// field (tag, length, then the message packed by protobuf-c straight into the same buffer):
/// concatenated protobuf encodings merge, so this is the same message, with no intermediate copy.
/// The header's stream id is 0 until the connection that sends the frame sets it.
enum EnvelopeCodec {
    static let requestMessageTag: UInt8 = 4 << 3 | 2
    static let requestTimeoutTag: UInt8 = 2 << 3 | 0
    static let responseMessageTag: UInt8 = 3 << 3 | 2
    static let streamIDOffset = 6
    static let flagsOffset = 5

    /// A REQUEST frame with END_STREAM.
    static func requestFrame<M: KWPMessage>(
        method: String, timeoutMicros: UInt64, metadata: KWPMetadata, message: M, allocator: ByteBufferAllocator
    ) throws -> ByteBuffer {
        var arena = CArena()
        let cMessage = arena.message(message)
        return try requestFrame(
            method: method, timeoutMicros: timeoutMicros, metadata: metadata, arena: &arena,
            messageSize: ProtobufCCodec.packedSize(cMessage), allocator: allocator
        ) { ProtobufCCodec.pack(cMessage, into: &$0, size: $1) }
    }

    /// A REQUEST frame with END_STREAM whose message is already encoded.
    static func requestFrame(
        method: String, timeoutMicros: UInt64, metadata: KWPMetadata, encodedMessage: ByteBuffer,
        allocator: ByteBufferAllocator
    ) throws -> ByteBuffer {
        var arena = CArena()
        return try requestFrame(
            method: method, timeoutMicros: timeoutMicros, metadata: metadata, arena: &arena,
            messageSize: encodedMessage.readableBytes, allocator: allocator
        ) { buffer, _ in buffer.writeImmutableBuffer(encodedMessage) }
    }

    private static func requestFrame(
        method: String, timeoutMicros: UInt64, metadata: KWPMetadata, arena: inout CArena, messageSize: Int,
        allocator: ByteBufferAllocator, writeMessage: (inout ByteBuffer, Int) -> Void
    ) throws -> ByteBuffer {
        let envelope = arena.allocate(Keikyo__Wire__V1__RequestEnvelope.self, count: 1)
        protobuf_c_message_init(keikyo__wire__v1__request_envelope__descriptor_ptr(), envelope)
        envelope.pointee.method = arena.cString(method)
        envelope.pointee.timeout_micros = timeoutMicros
        envelope.pointee.n_metadata = metadata.count
        envelope.pointee.metadata = metadata.cEntries(arena: &arena)
        try ProtobufCCodec.checkStrings(arena, RequestEnvelopeName.self)
        return frame(
            type: .request, flags: .endStream, envelope: envelope, tag: requestMessageTag, messageSize: messageSize,
            allocator: allocator, writeMessage: writeMessage)
    }

    /// A RESPONSE frame carrying a reply message; with `endStream` it also carries status OK.
    static func responseFrame<M: KWPMessage>(
        message: M, metadata: KWPMetadata, endStream: Bool, allocator: ByteBufferAllocator
    ) throws -> ByteBuffer {
        var arena = CArena()
        let cMessage = arena.message(message)
        return try responseFrame(
            status: endStream ? .success(()) : nil, metadata: metadata, arena: &arena,
            messageSize: ProtobufCCodec.packedSize(cMessage), allocator: allocator
        ) { ProtobufCCodec.pack(cMessage, into: &$0, size: $1) }
    }

    /// A RESPONSE frame with END_STREAM whose reply message is already encoded.
    static func responseFrame(
        encodedMessage: ByteBuffer, metadata: KWPMetadata, allocator: ByteBufferAllocator
    ) throws -> ByteBuffer {
        var arena = CArena()
        return try responseFrame(
            status: .success(()), metadata: metadata, arena: &arena, messageSize: encodedMessage.readableBytes,
            allocator: allocator
        ) { buffer, _ in buffer.writeImmutableBuffer(encodedMessage) }
    }

    /// The final RESPONSE frame of a stream: END_STREAM, a status, no message.
    static func statusFrame(_ status: Result<Void, KWPError>, metadata: KWPMetadata, allocator: ByteBufferAllocator) -> ByteBuffer {
        var arena = CArena()
        let frame = try? responseFrame(
            status: status, metadata: metadata, arena: &arena, messageSize: 0, allocator: allocator
        ) { _, _ in }
        if let frame { return frame }
        // Only a NUL in the status text or metadata can fail; send a plain INTERNAL instead.
        var fallbackArena = CArena()
        return try! responseFrame(
            status: .failure(KWPError(.internal, "status text could not be encoded", reason: KWPError.Reason.internal)),
            metadata: [:], arena: &fallbackArena, messageSize: 0, allocator: allocator
        ) { _, _ in }
    }

    private static func responseFrame(
        status: Result<Void, KWPError>?, metadata: KWPMetadata, arena: inout CArena, messageSize: Int,
        allocator: ByteBufferAllocator, writeMessage: (inout ByteBuffer, Int) -> Void
    ) throws -> ByteBuffer {
        let envelope = arena.allocate(Keikyo__Wire__V1__ResponseEnvelope.self, count: 1)
        protobuf_c_message_init(keikyo__wire__v1__response_envelope__descriptor_ptr(), envelope)
        switch status {
        case .none: break
        case .success: envelope.pointee.status = KWPError.cStatus(code: 0, message: "", reason: "", violations: [], arena: &arena)
        case .failure(let error): envelope.pointee.status = error.cStatus(arena: &arena)
        }
        envelope.pointee.n_metadata = metadata.count
        envelope.pointee.metadata = metadata.cEntries(arena: &arena)
        try ProtobufCCodec.checkStrings(arena, ResponseEnvelopeName.self)
        return frame(
            type: .response, flags: status == nil ? [] : .endStream, envelope: envelope, tag: responseMessageTag,
            messageSize: messageSize, allocator: allocator, writeMessage: writeMessage)
    }

    /// A stream-0 frame (HELLO, GOAWAY) carrying `message`.
    static func controlFrame<M: KWPMessage>(_ type: KWPFrame.FrameType, _ message: M, allocator: ByteBufferAllocator) -> ByteBuffer {
        var arena = CArena()
        let cMessage = arena.message(message)
        let size = ProtobufCCodec.packedSize(cMessage)
        var buffer = allocator.buffer(capacity: KWPFrame.headerSize + size)
        buffer.writeKWPFrameHeader(payloadLength: size, type: type, flags: [], streamID: 0)
        ProtobufCCodec.pack(cMessage, into: &buffer, size: size)
        return buffer
    }

    private static func frame<Envelope>(
        type: KWPFrame.FrameType, flags: KWPFrame.Flags, envelope: UnsafeMutablePointer<Envelope>, tag: UInt8,
        messageSize: Int, allocator: ByteBufferAllocator, writeMessage: (inout ByteBuffer, Int) -> Void
    ) -> ByteBuffer {
        let envelopeSize = ProtobufCCodec.packedSize(envelope)
        let payloadSize = envelopeSize + (messageSize > 0 ? 1 + varintSize(UInt64(messageSize)) + messageSize : 0)
        var buffer = allocator.buffer(capacity: KWPFrame.headerSize + payloadSize)
        buffer.writeKWPFrameHeader(payloadLength: payloadSize, type: type, flags: flags, streamID: 0)
        ProtobufCCodec.pack(envelope, into: &buffer, size: envelopeSize)
        if messageSize > 0 {
            buffer.writeInteger(tag)
            writeVarint(UInt64(messageSize), into: &buffer)
            writeMessage(&buffer, messageSize)
        }
        return buffer
    }

    /// Appends `timeout_micros` to an uncompressed REQUEST frame, which overrides the value
    /// encoded before, and updates the header's length.
    static func appendTimeout(micros: UInt64, to frame: inout ByteBuffer) {
        frame.writeInteger(requestTimeoutTag)
        writeVarint(micros, into: &frame)
        frame.setInteger(UInt32(frame.readableBytes - KWPFrame.headerSize), at: frame.readerIndex)
    }

    static func varintSize(_ value: UInt64) -> Int {
        value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
    }

    static func writeVarint(_ value: UInt64, into buffer: inout ByteBuffer) {
        var value = value
        while value >= 0x80 {
            buffer.writeInteger(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        buffer.writeInteger(UInt8(value))
    }

    // MARK: - Decoding

    /// A REQUEST payload. `knownMethod` may return the registered path equal to the method's
    /// bytes, so that routing a call does not allocate a string.
    static func decodeRequest(
        _ payload: ByteBuffer, knownMethod: (UnsafeRawBufferPointer) -> String? = { _ in nil }
    ) throws -> ReceivedRequest {
        try decodeEnvelope(
            payload, keikyo__wire__v1__request_envelope__descriptor_ptr(), Keikyo__Wire__V1__RequestEnvelope.self,
            messageField: 4, message: \.message
        ) { envelope, body in
            let method = envelope.method.flatMap { pointer in
                knownMethod(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
            } ?? ProtobufC.string(envelope.method)
            return ReceivedRequest(
                method: method, timeoutMicros: envelope.timeout_micros,
                metadata: try KWPMetadata(cEntries: envelope.n_metadata, envelope.metadata), body: body)
        }
    }

    static func decodeResponse(_ payload: ByteBuffer) throws -> ReceivedResponse {
        try decodeEnvelope(
            payload, keikyo__wire__v1__response_envelope__descriptor_ptr(), Keikyo__Wire__V1__ResponseEnvelope.self,
            messageField: 3, message: \.message
        ) { envelope, body in
            let metadata = try KWPMetadata(cEntries: envelope.n_metadata, envelope.metadata)
            var status: Result<Void, KWPError>? = nil
            if let cStatus = envelope.status {
                if var error = KWPError(cStatus: cStatus.pointee) {
                    error.metadata = metadata
                    status = .failure(error)
                } else {
                    status = .success(())
                }
            }
            return ReceivedResponse(status: status, metadata: metadata, body: body)
        }
    }

    /// Unpacks an envelope into a temporary arena and reads it with `read`; its `message` field
    /// is passed as a slice of `payload` rather than protobuf-c's copy, which the arena frees.
    private static func decodeEnvelope<Envelope, Result>(
        _ payload: ByteBuffer, _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, _ type: Envelope.Type,
        messageField: UInt64, message: KeyPath<Envelope, ProtobufCBinaryData>,
        read: (borrowing Envelope, ReceivedMessage) throws -> Result
    ) throws -> Result {
        try payload.withUnsafeReadableBytes { bytes in
            try UnpackArena.withTemporary(expecting: bytes.count) { allocator in
                let unpacked = try ProtobufCCodec.unpack(descriptor, from: bytes, allocator: allocator)
                let envelope = UnsafeMutableRawPointer(unpacked).assumingMemoryBound(to: Envelope.self)
                let range = WireScanner.lastLengthDelimited(field: messageField, in: bytes) ?? 0..<0
                guard range.count == envelope.pointee[keyPath: message].len else {
                    throw KWPError.invalidArgument("envelope's message field is ambiguous", reason: KWPError.Reason.badMessage)
                }
                let body = payload.getSlice(at: payload.readerIndex + range.lowerBound, length: range.count)!
                return try read(envelope.pointee, ReceivedMessage(bytes: body))
            }
        }
    }

    static func decodeControl<M: KWPMessage>(_ type: M.Type, _ payload: ByteBuffer) throws -> M {
        try ProtobufCCodec.decode(type, from: payload)
    }
}

private enum RequestEnvelopeName {}
private enum ResponseEnvelopeName {}
