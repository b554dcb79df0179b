import CKeikyoProtos
import CProtobufC
import KeikyoModel
import KeikyoWire

/// `keikyo.diplomacy.v1.CreateEventRequest`.
public struct CreateEventRequest: KWPMessage, Hashable {
    public var event: Event
    public init(_ event: Event) { self.event = event }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__create_event_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__CreateEventRequest, arena: inout CArena) { m.event = arena.message(event) }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__CreateEventRequest) throws {
        event = try ProtobufC.message(m.event, as: Event.self) ?? Event()
    }
}

/// `keikyo.diplomacy.v1.GetEventRequest`.
public struct GetEventRequest: KWPMessage, Hashable {
    public var id: String
    public init(id: String) { self.id = id }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__get_event_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__GetEventRequest, arena: inout CArena) { m.id = arena.cString(id) }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__GetEventRequest) throws { id = ProtobufC.string(m.id) }
}

/// `keikyo.diplomacy.v1.UpdateEventRequest`.
public struct UpdateEventRequest: KWPMessage, Hashable {
    public var event: Event
    public var expectedVersion: UInt64
    public init(_ event: Event, expectedVersion: UInt64) {
        self.event = event
        self.expectedVersion = expectedVersion
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__update_event_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__UpdateEventRequest, arena: inout CArena) {
        m.event = arena.message(event)
        m.expected_version = expectedVersion
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__UpdateEventRequest) throws {
        event = try ProtobufC.message(m.event, as: Event.self) ?? Event()
        expectedVersion = m.expected_version
    }
}

/// `keikyo.diplomacy.v1.ListEventsRequest`.
public struct ListEventsRequest: KWPMessage, Hashable {
    public var filter: EventFilter
    /// 1 to 500; 0 means 50.
    public var pageSize: UInt32
    public var pageToken: String
    public init(filter: EventFilter = EventFilter(), pageSize: UInt32 = 0, pageToken: String = "") {
        self.filter = filter
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__list_events_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__ListEventsRequest, arena: inout CArena) {
        m.filter = arena.message(filter)
        m.page_size = pageSize
        m.page_token = arena.cString(pageToken)
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__ListEventsRequest) throws {
        self.init(
            filter: try ProtobufC.message(m.filter, as: EventFilter.self) ?? EventFilter(), pageSize: m.page_size,
            pageToken: ProtobufC.string(m.page_token))
    }
}

/// `keikyo.diplomacy.v1.ListEventsResponse`.
public struct ListEventsResponse: KWPMessage, Hashable {
    public var events: [Event]
    /// "" on the last page.
    public var nextPageToken: String
    public var totalSize: UInt64
    public init(events: [Event], nextPageToken: String, totalSize: UInt64) {
        self.events = events
        self.nextPageToken = nextPageToken
        self.totalSize = totalSize
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__list_events_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__ListEventsResponse, arena: inout CArena) {
        m.n_events = events.count
        m.events = arena.messages(events)
        m.next_page_token = arena.cString(nextPageToken)
        m.total_size = totalSize
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__ListEventsResponse) throws {
        self.init(
            events: try ProtobufC.messages(m.n_events, m.events, as: Event.self, field: "events"),
            nextPageToken: ProtobufC.string(m.next_page_token), totalSize: m.total_size)
    }
}

/// `keikyo.diplomacy.v1.LinkCaseRequest`.
public struct LinkCaseRequest: KWPMessage, Hashable {
    public var eventID: String
    public var link: CaseLink
    /// 0 = any.
    public var expectedVersion: UInt64
    public init(eventID: String, link: CaseLink, expectedVersion: UInt64 = 0) {
        self.eventID = eventID
        self.link = link
        self.expectedVersion = expectedVersion
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__link_case_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__LinkCaseRequest, arena: inout CArena) {
        m.event_id = arena.cString(eventID)
        m.link = arena.message(link)
        m.expected_version = expectedVersion
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__LinkCaseRequest) throws {
        self.init(
            eventID: ProtobufC.string(m.event_id),
            link: try ProtobufC.message(m.link, as: CaseLink.self) ?? CaseLink(caseID: "", relation: nil),
            expectedVersion: m.expected_version)
    }
}

/// `keikyo.diplomacy.v1.UnlinkCaseRequest`.
public struct UnlinkCaseRequest: KWPMessage, Hashable {
    public var eventID: String
    public var caseID: String
    /// nil = every relation to the case.
    public var relation: CaseRelation?
    /// 0 = any.
    public var expectedVersion: UInt64
    public init(eventID: String, caseID: String, relation: CaseRelation? = nil, expectedVersion: UInt64 = 0) {
        self.eventID = eventID
        self.caseID = caseID
        self.relation = relation
        self.expectedVersion = expectedVersion
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__unlink_case_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__UnlinkCaseRequest, arena: inout CArena) {
        m.event_id = arena.cString(eventID)
        m.case_id = arena.cString(caseID)
        m.relation = Keikyo__Diplomacy__V1__CaseRelation(rawValue: WireEnum.number(relation))
        m.expected_version = expectedVersion
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__UnlinkCaseRequest) throws {
        self.init(
            eventID: ProtobufC.string(m.event_id), caseID: ProtobufC.string(m.case_id),
            relation: try WireEnum.value(m.relation.rawValue, "relation"), expectedVersion: m.expected_version)
    }
}

/// `keikyo.diplomacy.v1.ListEventsForCaseRequest`.
public struct ListEventsForCaseRequest: KWPMessage, Hashable {
    public var caseID: String
    public init(caseID: String) { self.caseID = caseID }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__list_events_for_case_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__ListEventsForCaseRequest, arena: inout CArena) { m.case_id = arena.cString(caseID) }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__ListEventsForCaseRequest) throws { caseID = ProtobufC.string(m.case_id) }
}

/// `keikyo.diplomacy.v1.ListEventsForCaseResponse`.
public struct ListEventsForCaseResponse: KWPMessage, Hashable {
    public var events: [Event]
    public init(events: [Event]) { self.events = events }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__list_events_for_case_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__ListEventsForCaseResponse, arena: inout CArena) {
        m.n_events = events.count
        m.events = arena.messages(events)
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__ListEventsForCaseResponse) throws {
        events = try ProtobufC.messages(m.n_events, m.events, as: Event.self, field: "events")
    }
}

/// `keikyo.diplomacy.v1.GetEventHistoryRequest`.
public struct GetEventHistoryRequest: KWPMessage, Hashable {
    public var id: String
    public init(id: String) { self.id = id }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__get_event_history_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__GetEventHistoryRequest, arena: inout CArena) { m.id = arena.cString(id) }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__GetEventHistoryRequest) throws { id = ProtobufC.string(m.id) }
}

/// `keikyo.diplomacy.v1.GetEventHistoryResponse`.
public struct GetEventHistoryResponse: KWPMessage, Hashable {
    public var changes: [RecordChange]
    public init(changes: [RecordChange]) { self.changes = changes }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__get_event_history_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__GetEventHistoryResponse, arena: inout CArena) {
        m.n_changes = changes.count
        m.changes = arena.messages(changes)
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__GetEventHistoryResponse) throws {
        changes = try ProtobufC.messages(m.n_changes, m.changes, as: RecordChange.self, field: "changes")
    }
}

/// `keikyo.diplomacy.v1.CountTopSalesRequest`.
public struct CountTopSalesRequest: KWPMessage, Hashable {
    public var yearFrom: UInt32
    public var yearTo: UInt32
    public init(yearFrom: UInt32 = 0, yearTo: UInt32 = 0) {
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__count_top_sales_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__CountTopSalesRequest, arena: inout CArena) {
        m.year_from = yearFrom
        m.year_to = yearTo
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__CountTopSalesRequest) throws {
        self.init(yearFrom: m.year_from, yearTo: m.year_to)
    }
}

/// `keikyo.diplomacy.v1.AttributionRequest`.
public struct AttributionRequest: KWPMessage, Hashable {
    /// 0 means 12.
    public var months: UInt32
    public var yearFrom: UInt32
    public var yearTo: UInt32
    /// Pairs a page, at most `maximumPageSize`; 0 means `defaultPageSize`.
    public var pageSize: UInt32
    public var pageToken: String
    public init(months: UInt32 = 0, yearFrom: UInt32 = 0, yearTo: UInt32 = 0, pageSize: UInt32 = 0, pageToken: String = "") {
        self.months = months
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    public static let defaultPageSize: UInt32 = 100
    /// The most pairs one reply lists, so that it never nears the message limit.
    public static let maximumPageSize: UInt32 = 1_000

    /// The request without its page: what a page token belongs to.
    public var query: AttributionRequest { AttributionRequest(months: months, yearFrom: yearFrom, yearTo: yearTo) }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__attribution_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__AttributionRequest, arena: inout CArena) {
        m.months = months
        m.year_from = yearFrom
        m.year_to = yearTo
        m.page_size = pageSize
        m.page_token = arena.cString(pageToken)
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__AttributionRequest) throws {
        self.init(
            months: m.months, yearFrom: m.year_from, yearTo: m.year_to, pageSize: m.page_size,
            pageToken: ProtobufC.string(m.page_token))
    }
}

/// `keikyo.diplomacy.v1.AttributionResponse`.
public struct AttributionResponse: KWPMessage, Hashable {
    /// A page of the pairs.
    public var attributions: [Attribution]
    /// The pairs found in all.
    public var total: UInt32
    /// "" on the last page.
    public var nextPageToken: String
    public init(attributions: [Attribution], total: UInt32? = nil, nextPageToken: String = "") {
        self.attributions = attributions
        self.total = total ?? UInt32(attributions.count)
        self.nextPageToken = nextPageToken
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__attribution_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Diplomacy__V1__AttributionResponse, arena: inout CArena) {
        m.n_attributions = attributions.count
        m.attributions = arena.messages(attributions)
        m.total = total
        m.next_page_token = arena.cString(nextPageToken)
    }
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__AttributionResponse) throws {
        attributions = try ProtobufC.messages(m.n_attributions, m.attributions, as: Attribution.self, field: "attributions")
        total = m.total
        nextPageToken = ProtobufC.string(m.next_page_token)
    }
}
