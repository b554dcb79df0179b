import CKeikyoProtos
import CProtobufC

/// `keikyo.health.v1.HealthCheckRequest`.
public struct HealthCheckRequest: KWPMessage, Hashable {
    /// A hosted service's full name, or "" for the whole server.
    public var service: String

    public init(service: String = "") { self.service = service }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__health__v1__health_check_request__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Health__V1__HealthCheckRequest, arena: inout CArena) {
        message.service = arena.cString(service)
    }

    public init(protobufC message: borrowing Keikyo__Health__V1__HealthCheckRequest) throws {
        service = ProtobufC.string(message.service)
    }
}

/// `keikyo.health.v1.HealthCheckResponse`.
public struct HealthCheckResponse: KWPMessage, Hashable {
    public enum ServingStatus: UInt32, Sendable, Hashable, CaseIterable {
        case unknown = 0
        case serving = 1
        case notServing = 2
        case serviceUnknown = 3
    }

    public var status: ServingStatus

    public init(status: ServingStatus) { self.status = status }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__health__v1__health_check_response__descriptor_ptr()
    }

    public func fill(_ message: inout Keikyo__Health__V1__HealthCheckResponse, arena: inout CArena) {
        message.status = Keikyo__Health__V1__HealthCheckResponse__ServingStatus(rawValue: status.rawValue)
    }

    public init(protobufC message: borrowing Keikyo__Health__V1__HealthCheckResponse) throws {
        // An enum value this build does not know reads as UNKNOWN, as proto3 open enums allow.
        status = ServingStatus(rawValue: message.status.rawValue) ?? .unknown
    }
}

/// The methods of `keikyo.health.v1.Health`.
public enum HealthMethods {
    public static let serviceName = "keikyo.health.v1.Health"
    public static let check = KWPMethod<HealthCheckRequest, HealthCheckResponse>(service: serviceName, name: "Check")
}
