import CKeikyoProtos
import CProtobufC
import KeikyoModel
import KeikyoWire

/// `keikyo.cases.v1.CreateCaseRequest`.
public struct CreateCaseRequest: KWPMessage, Hashable {
    public var record: ExportCase
    public init(_ record: ExportCase) { self.record = record }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__create_case_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__CreateCaseRequest, arena: inout CArena) {
        m.case_ = arena.message(record)
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__CreateCaseRequest) throws {
        record = try ProtobufC.message(m.case_, as: ExportCase.self) ?? ExportCase()
    }
}

/// `keikyo.cases.v1.GetCaseRequest`.
public struct GetCaseRequest: KWPMessage, Hashable {
    public var id: String
    public init(id: String) { self.id = id }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__get_case_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__GetCaseRequest, arena: inout CArena) { m.id = arena.cString(id) }
    public init(protobufC m: borrowing Keikyo__Cases__V1__GetCaseRequest) throws { id = ProtobufC.string(m.id) }
}

/// `keikyo.cases.v1.UpdateCaseRequest`.
public struct UpdateCaseRequest: KWPMessage, Hashable {
    public var record: ExportCase
    public var expectedVersion: UInt64
    public init(_ record: ExportCase, expectedVersion: UInt64) {
        self.record = record
        self.expectedVersion = expectedVersion
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__update_case_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__UpdateCaseRequest, arena: inout CArena) {
        m.case_ = arena.message(record)
        m.expected_version = expectedVersion
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__UpdateCaseRequest) throws {
        record = try ProtobufC.message(m.case_, as: ExportCase.self) ?? ExportCase()
        expectedVersion = m.expected_version
    }
}

/// `keikyo.cases.v1.AdvanceStageRequest`.
public struct AdvanceStageRequest: KWPMessage, Hashable {
    public var id: String
    public var stage: CaseStage?
    public var date: String
    public var note: String
    /// 0 = any.
    public var expectedVersion: UInt64

    public init(id: String, stage: CaseStage?, date: String, note: String = "", expectedVersion: UInt64 = 0) {
        self.id = id
        self.stage = stage
        self.date = date
        self.note = note
        self.expectedVersion = expectedVersion
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__advance_stage_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__AdvanceStageRequest, arena: inout CArena) {
        m.id = arena.cString(id)
        m.stage = Keikyo__Cases__V1__Stage(rawValue: WireEnum.number(stage))
        m.date = arena.cString(date)
        m.note = arena.cString(note)
        m.expected_version = expectedVersion
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__AdvanceStageRequest) throws {
        self.init(
            id: ProtobufC.string(m.id), stage: try WireEnum.value(m.stage.rawValue, "stage"), date: ProtobufC.string(m.date),
            note: ProtobufC.string(m.note), expectedVersion: m.expected_version)
    }
}

/// `keikyo.cases.v1.ListCasesRequest`.
public struct ListCasesRequest: KWPMessage, Hashable {
    public var filter: CaseFilter
    /// 1 to 500; 0 means 50.
    public var pageSize: UInt32
    public var pageToken: String

    public init(filter: CaseFilter = CaseFilter(), pageSize: UInt32 = 0, pageToken: String = "") {
        self.filter = filter
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__list_cases_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__ListCasesRequest, arena: inout CArena) {
        m.filter = arena.message(filter)
        m.page_size = pageSize
        m.page_token = arena.cString(pageToken)
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__ListCasesRequest) throws {
        self.init(
            filter: try ProtobufC.message(m.filter, as: CaseFilter.self) ?? CaseFilter(), pageSize: m.page_size,
            pageToken: ProtobufC.string(m.page_token))
    }
}

/// `keikyo.cases.v1.ListCasesResponse`.
public struct ListCasesResponse: KWPMessage, Hashable {
    public var cases: [ExportCase]
    /// "" on the last page.
    public var nextPageToken: String
    public var totalSize: UInt64

    public init(cases: [ExportCase], nextPageToken: String, totalSize: UInt64) {
        self.cases = cases
        self.nextPageToken = nextPageToken
        self.totalSize = totalSize
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__list_cases_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__ListCasesResponse, arena: inout CArena) {
        m.n_cases = cases.count
        m.cases = arena.messages(cases)
        m.next_page_token = arena.cString(nextPageToken)
        m.total_size = totalSize
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__ListCasesResponse) throws {
        self.init(
            cases: try ProtobufC.messages(m.n_cases, m.cases, as: ExportCase.self, field: "cases"),
            nextPageToken: ProtobufC.string(m.next_page_token), totalSize: m.total_size)
    }
}

/// `keikyo.cases.v1.StreamCasesRequest`.
public struct StreamCasesRequest: KWPMessage, Hashable {
    public var filter: CaseFilter
    public init(filter: CaseFilter = CaseFilter()) { self.filter = filter }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__stream_cases_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__StreamCasesRequest, arena: inout CArena) { m.filter = arena.message(filter) }
    public init(protobufC m: borrowing Keikyo__Cases__V1__StreamCasesRequest) throws {
        filter = try ProtobufC.message(m.filter, as: CaseFilter.self) ?? CaseFilter()
    }
}

/// `keikyo.cases.v1.ListCaseChangesRequest`.
public struct ListCaseChangesRequest: KWPMessage, Hashable {
    public static let defaultPageSize: UInt32 = 500
    public static let maximumPageSize: UInt32 = 1000
    /// The position of the last change seen; 0 = from the start.
    public var after: UInt64
    public var pageSize: UInt32

    public init(after: UInt64, pageSize: UInt32 = 0) {
        self.after = after
        self.pageSize = pageSize
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__list_case_changes_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__ListCaseChangesRequest, arena: inout CArena) {
        m.after = after
        m.page_size = pageSize
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__ListCaseChangesRequest) throws {
        self.init(after: m.after, pageSize: m.page_size)
    }
}

/// `keikyo.cases.v1.ListCaseChangesResponse`.
public struct ListCaseChangesResponse: KWPMessage, Hashable {
    /// Each case changed after the request's position, as it is now, in the order of its last change.
    public var cases: [ExportCase]
    /// The position of the last case listed: the next request's `after`.
    public var position: UInt64
    public var more: Bool

    public init(cases: [ExportCase], position: UInt64, more: Bool) {
        self.cases = cases
        self.position = position
        self.more = more
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__list_case_changes_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__ListCaseChangesResponse, arena: inout CArena) {
        m.n_cases = cases.count
        m.cases = arena.messages(cases)
        m.position = position
        m.more = more ? 1 : 0
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__ListCaseChangesResponse) throws {
        self.init(
            cases: try ProtobufC.messages(m.n_cases, m.cases, as: ExportCase.self, field: "cases"), position: m.position, more: m.more != 0)
    }
}

/// `keikyo.cases.v1.GetCaseHistoryRequest`.
public struct GetCaseHistoryRequest: KWPMessage, Hashable {
    public var id: String
    public init(id: String) { self.id = id }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__get_case_history_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__GetCaseHistoryRequest, arena: inout CArena) { m.id = arena.cString(id) }
    public init(protobufC m: borrowing Keikyo__Cases__V1__GetCaseHistoryRequest) throws { id = ProtobufC.string(m.id) }
}

/// `keikyo.cases.v1.GetCaseHistoryResponse`.
public struct GetCaseHistoryResponse: KWPMessage, Hashable {
    public var changes: [CaseChange]
    public init(changes: [CaseChange]) { self.changes = changes }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__get_case_history_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__GetCaseHistoryResponse, arena: inout CArena) {
        m.n_changes = changes.count
        m.changes = arena.messages(changes)
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__GetCaseHistoryResponse) throws {
        changes = try ProtobufC.messages(m.n_changes, m.changes, as: CaseChange.self, field: "changes")
    }
}

/// `keikyo.cases.v1.SummarizeOrdersRequest`.
public struct SummarizeOrdersRequest: KWPMessage, Hashable {
    public var yearFrom: UInt32
    public var yearTo: UInt32
    public init(yearFrom: UInt32 = 0, yearTo: UInt32 = 0) {
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__summarize_orders_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__SummarizeOrdersRequest, arena: inout CArena) {
        m.year_from = yearFrom
        m.year_to = yearTo
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__SummarizeOrdersRequest) throws {
        self.init(yearFrom: m.year_from, yearTo: m.year_to)
    }
}

/// `keikyo.cases.v1.SummarizeOrdersResponse`.
public struct SummarizeOrdersResponse: KWPMessage, Hashable {
    public var byYearField: [OrderTotal]
    public var byCountry: [OrderTotal]
    public var casesWithoutValue: UInt32

    public init(byYearField: [OrderTotal], byCountry: [OrderTotal], casesWithoutValue: UInt32) {
        self.byYearField = byYearField
        self.byCountry = byCountry
        self.casesWithoutValue = casesWithoutValue
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__summarize_orders_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Cases__V1__SummarizeOrdersResponse, arena: inout CArena) {
        m.n_by_year_field = byYearField.count
        m.by_year_field = arena.messages(byYearField)
        m.n_by_country = byCountry.count
        m.by_country = arena.messages(byCountry)
        m.cases_without_value = casesWithoutValue
    }
    public init(protobufC m: borrowing Keikyo__Cases__V1__SummarizeOrdersResponse) throws {
        self.init(
            byYearField: try ProtobufC.messages(m.n_by_year_field, m.by_year_field, as: OrderTotal.self, field: "by_year_field"),
            byCountry: try ProtobufC.messages(m.n_by_country, m.by_country, as: OrderTotal.self, field: "by_country"),
            casesWithoutValue: m.cases_without_value)
    }
}
