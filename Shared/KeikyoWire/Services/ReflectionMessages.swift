import CKeikyoProtos
import CProtobufC

/// `keikyo.reflection.v1.ListServicesRequest`.
public struct ListServicesRequest: KWPMessage, Hashable {
    public init() {}

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__reflection__v1__list_services_request__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Reflection__V1__ListServicesRequest, arena: inout CArena) {}
    public init(protobufC message: borrowing Keikyo__Reflection__V1__ListServicesRequest) throws {}
}

/// `keikyo.reflection.v1.MethodInfo`.
public struct MethodInfo: KWPMessage, Hashable {
    public var name: String
    public var inputType: String
    public var outputType: String
    public var serverStreaming: Bool

    public init(name: String, inputType: String, outputType: String, serverStreaming: Bool) {
        self.name = name
        self.inputType = inputType
        self.outputType = outputType
        self.serverStreaming = serverStreaming
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__reflection__v1__method_info__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Reflection__V1__MethodInfo, arena: inout CArena) {
        message.name = arena.cString(name)
        message.input_type = arena.cString(inputType)
        message.output_type = arena.cString(outputType)
        message.server_streaming = serverStreaming ? 1 : 0
    }

    public init(protobufC message: borrowing Keikyo__Reflection__V1__MethodInfo) throws {
        name = ProtobufC.string(message.name)
        inputType = ProtobufC.string(message.input_type)
        outputType = ProtobufC.string(message.output_type)
        serverStreaming = message.server_streaming != 0
    }
}

/// `keikyo.reflection.v1.ServiceInfo`.
public struct ServiceInfo: KWPMessage, Hashable {
    public var name: String
    public var methods: [MethodInfo]

    public init(name: String, methods: [MethodInfo]) {
        self.name = name
        self.methods = methods
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__reflection__v1__service_info__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Reflection__V1__ServiceInfo, arena: inout CArena) {
        message.name = arena.cString(name)
        message.n_methods = methods.count
        message.methods = arena.messages(methods)
    }

    public init(protobufC message: borrowing Keikyo__Reflection__V1__ServiceInfo) throws {
        name = ProtobufC.string(message.name)
        methods = try ProtobufC.messages(message.n_methods, message.methods, as: MethodInfo.self)
    }
}

/// `keikyo.reflection.v1.ListServicesResponse`.
public struct ListServicesResponse: KWPMessage, Hashable {
    public var services: [ServiceInfo]

    public init(services: [ServiceInfo]) { self.services = services }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__reflection__v1__list_services_response__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Reflection__V1__ListServicesResponse, arena: inout CArena) {
        message.n_services = services.count
        message.services = arena.messages(services)
    }

    public init(protobufC message: borrowing Keikyo__Reflection__V1__ListServicesResponse) throws {
        services = try ProtobufC.messages(message.n_services, message.services, as: ServiceInfo.self)
    }
}

/// The methods of `keikyo.reflection.v1.Reflection`.
public enum ReflectionMethods {
    public static let serviceName = "keikyo.reflection.v1.Reflection"
    public static let listServices = KWPMethod<ListServicesRequest, ListServicesResponse>(
        service: serviceName, name: "ListServices")
}
