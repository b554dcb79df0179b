import CKeikyoProtos
import CProtobufC

/// `keikyo.echo.v1.EchoRequest`.
public struct EchoRequest: KWPMessage, Hashable {
    public var text: String
    public var payload: [UInt8]
    /// Expand: how many replies to stream.
    public var count: UInt32

    public init(text: String = "", payload: [UInt8] = [], count: UInt32 = 0) {
        self.text = text
        self.payload = payload
        self.count = count
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__echo__v1__echo_request__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Echo__V1__EchoRequest, arena: inout CArena) {
        message.text = arena.cString(text)
        message.payload = arena.binary(payload)
        message.count = count
    }

    public init(protobufC message: borrowing Keikyo__Echo__V1__EchoRequest) throws {
        text = ProtobufC.string(message.text)
        payload = ProtobufC.bytes(message.payload)
        count = message.count
    }
}

/// `keikyo.echo.v1.EchoResponse`.
public struct EchoResponse: KWPMessage, Hashable {
    public var text: String
    public var payload: [UInt8]
    public var index: UInt32

    public init(text: String = "", payload: [UInt8] = [], index: UInt32 = 0) {
        self.text = text
        self.payload = payload
        self.index = index
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__echo__v1__echo_response__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Echo__V1__EchoResponse, arena: inout CArena) {
        message.text = arena.cString(text)
        message.payload = arena.binary(payload)
        message.index = index
    }

    public init(protobufC message: borrowing Keikyo__Echo__V1__EchoResponse) throws {
        text = ProtobufC.string(message.text)
        payload = ProtobufC.bytes(message.payload)
        index = message.index
    }
}

/// The methods of `keikyo.echo.v1.Echo`.
public enum EchoMethods {
    public static let serviceName = "keikyo.echo.v1.Echo"
    public static let echo = KWPMethod<EchoRequest, EchoResponse>(service: serviceName, name: "Echo")
    public static let expand = KWPMethod<EchoRequest, EchoResponse>(service: serviceName, name: "Expand", kind: .serverStreaming)
}

/// `keikyo.echo.v1.Echo`: answers with what it is sent; `Expand` streams `count` copies.
/// For tests, benchmarks and checking a deployment end to end.
public struct EchoService: KWPServiceProvider {
    public static let descriptor = KWPServiceDescriptor(keikyo__echo__v1__echo__descriptor_ptr())

    public init() {}

    public func register(in router: inout KWPRouter) {
        router.register(EchoMethods.echo) { request, _ in
            EchoResponse(text: request.text, payload: request.payload)
        }
        router.register(EchoMethods.expand) { request, writer, _ in
            for index in 0..<request.count {
                try await writer.write(EchoResponse(text: request.text, payload: request.payload, index: index))
            }
        }
    }
}
