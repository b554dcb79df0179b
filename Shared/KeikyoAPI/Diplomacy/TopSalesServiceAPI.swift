import CKeikyoProtos
import KeikyoModel
import KeikyoWire

/// `keikyo.diplomacy.v1.TopSalesService`: its descriptor and methods.
public enum TopSalesServiceAPI {
    public static let serviceName = "keikyo.diplomacy.v1.TopSalesService"
    public static let descriptor = KWPServiceDescriptor(keikyo__diplomacy__v1__top_sales_service__descriptor_ptr())

    public static let createEvent = method(CreateEventRequest.self, Event.self, "CreateEvent")
    public static let getEvent = method(GetEventRequest.self, Event.self, "GetEvent")
    public static let updateEvent = method(UpdateEventRequest.self, Event.self, "UpdateEvent")
    public static let listEvents = method(ListEventsRequest.self, ListEventsResponse.self, "ListEvents")
    public static let linkCase = method(LinkCaseRequest.self, Event.self, "LinkCase")
    public static let unlinkCase = method(UnlinkCaseRequest.self, Event.self, "UnlinkCase")
    public static let listEventsForCase = method(ListEventsForCaseRequest.self, ListEventsForCaseResponse.self, "ListEventsForCase")
    public static let getEventHistory = method(GetEventHistoryRequest.self, GetEventHistoryResponse.self, "GetEventHistory")
    public static let countTopSales = method(CountTopSalesRequest.self, TopSalesTally.self, "CountTopSales")
    public static let attribution = method(AttributionRequest.self, AttributionResponse.self, "Attribution")

    private static func method<Input, Output>(_: Input.Type, _: Output.Type, _ name: String) -> KWPMethod<Input, Output> {
        KWPMethod(service: serviceName, name: name)
    }

    /// Reasons the diplomacy service gives.
    public enum Reason {
        public static let caseNotFound = "CASE_NOT_FOUND"
        public static let casesUnavailable = "CASES_UNAVAILABLE"
        public static let eventNotFound = "EVENT_NOT_FOUND"
        public static let linkNotFound = "LINK_NOT_FOUND"
        public static let versionMismatch = CommonReason.versionMismatch
        public static let invalidField = CommonReason.invalidField
        public static let badPageToken = CommonReason.badPageToken
        public static let idempotencyKeyReused = CommonReason.idempotencyKeyReused
        public static let tooManyLinks = "TOO_MANY_LINKS"
    }
}
