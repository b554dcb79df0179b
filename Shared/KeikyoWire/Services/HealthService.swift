import CKeikyoProtos
import NIOConcurrencyHelpers

/// `keikyo.health.v1.Health` for a server: "" and every hosted service are SERVING while the
/// server runs and NOT_SERVING once it drains; other names get SERVICE_UNKNOWN.
public final class HealthService: KWPServiceProvider {
    public static let descriptor = KWPServiceDescriptor(keikyo__health__v1__health__descriptor_ptr())

    private let statuses: NIOLockedValueBox<[String: HealthCheckResponse.ServingStatus]>

    init(services: [String]) {
        var statuses: [String: HealthCheckResponse.ServingStatus] = ["": .serving]
        for service in services { statuses[service] = .serving }
        self.statuses = NIOLockedValueBox(statuses)
    }

    /// Sets the status of `service` ("" for the whole server).
    public func setStatus(_ status: HealthCheckResponse.ServingStatus, for service: String = "") {
        statuses.withLockedValue { $0[service] = status }
    }

    /// Marks every service NOT_SERVING.
    func markAllNotServing() {
        statuses.withLockedValue { statuses in
            for key in statuses.keys { statuses[key] = .notServing }
        }
    }

    public func status(of service: String) -> HealthCheckResponse.ServingStatus {
        statuses.withLockedValue { $0[service] } ?? .serviceUnknown
    }

    public func register(in router: inout KWPRouter) {
        router.register(HealthMethods.check) { request, _ in
            HealthCheckResponse(status: self.status(of: request.service))
        }
    }
}

/// `keikyo.reflection.v1.Reflection`: lists every service the server hosts, itself included.
struct ReflectionService: KWPServiceProvider {
    static let descriptor = KWPServiceDescriptor(keikyo__reflection__v1__reflection__descriptor_ptr())

    let listing: ListServicesResponse

    /// Lists the services `router` hosts and this one, which is hosted after them.
    init(router: KWPRouter) {
        let hosted = router.services + [KWPRouter.HostedService(descriptor: Self.descriptor)]
        listing = ListServicesResponse(
            services: hosted.map { service in
                ServiceInfo(
                    name: service.descriptor.name,
                    methods: service.descriptor.methods.map { method in
                        MethodInfo(
                            name: method.name, inputType: method.inputType, outputType: method.outputType,
                            serverStreaming: service.serverStreaming.contains(method.name))
                    })
            })
    }

    func register(in router: inout KWPRouter) {
        let listing = self.listing
        router.register(ReflectionMethods.listServices) { _, _ in listing }
    }
}
