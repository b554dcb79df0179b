import CKeikyoProtos
import KeikyoModel
import KeikyoWire

/// `keikyo.audit.v1.AuditService`, which every service hosts for its own changes.
public enum AuditServiceAPI {
    public static let serviceName = "keikyo.audit.v1.AuditService"
    public static let descriptor = KWPServiceDescriptor(keikyo__audit__v1__audit_service__descriptor_ptr())

    public static let listAudit = KWPMethod<ListAuditRequest, ListAuditResponse>(service: serviceName, name: "ListAudit")
}

extension AuditEntry: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__audit__v1__audit_entry__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Audit__V1__AuditEntry, arena: inout CArena) {
        m.sequence = sequence
        m.at = arena.cString(Timestamp.string(at))
        m.service = arena.cString(service)
        m.agency = arena.cString(caller.agency)
        m.principal = arena.cString(caller.principal)
        m.credential_id = arena.cString(caller.credentialID)
        m.method = arena.cString(caller.method)
        m.record_id = arena.cString(recordID)
        m.kind = arena.cString(kind)
        m.n_changed_fields = changedFields.count
        m.changed_fields = arena.cStrings(changedFields)
        m.summary = arena.cString(summary)
    }

    public init(protobufC m: borrowing Keikyo__Audit__V1__AuditEntry) throws {
        self.init(
            sequence: m.sequence, at: Timestamp.date(ProtobufC.string(m.at)), service: ProtobufC.string(m.service),
            caller: Caller(
                agency: ProtobufC.string(m.agency), principal: ProtobufC.string(m.principal),
                credentialID: ProtobufC.string(m.credential_id), method: ProtobufC.string(m.method)),
            recordID: ProtobufC.string(m.record_id), kind: ProtobufC.string(m.kind),
            changedFields: ProtobufC.strings(m.n_changed_fields, m.changed_fields), summary: ProtobufC.string(m.summary))
    }
}

/// `keikyo.audit.v1.ListAuditRequest`.
public struct ListAuditRequest: KWPMessage, Hashable {
    public var pageSize: UInt32
    public var pageToken: String
    public var agency: String
    public var recordID: String
    public var afterSequence: Int64

    public init(pageSize: UInt32 = 0, pageToken: String = "", agency: String = "", recordID: String = "", afterSequence: Int64 = 0) {
        self.pageSize = pageSize
        self.pageToken = pageToken
        self.agency = agency
        self.recordID = recordID
        self.afterSequence = afterSequence
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__audit__v1__list_audit_request__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Audit__V1__ListAuditRequest, arena: inout CArena) {
        m.page_size = pageSize
        m.page_token = arena.cString(pageToken)
        m.agency = arena.cString(agency)
        m.record_id = arena.cString(recordID)
        m.after_sequence = afterSequence
    }
    public init(protobufC m: borrowing Keikyo__Audit__V1__ListAuditRequest) throws {
        self.init(
            pageSize: m.page_size, pageToken: ProtobufC.string(m.page_token), agency: ProtobufC.string(m.agency),
            recordID: ProtobufC.string(m.record_id), afterSequence: m.after_sequence)
    }
}

/// `keikyo.audit.v1.ListAuditResponse`.
public struct ListAuditResponse: KWPMessage, Hashable {
    public var entries: [AuditEntry]
    public var nextPageToken: String

    public init(entries: [AuditEntry], nextPageToken: String = "") {
        self.entries = entries
        self.nextPageToken = nextPageToken
    }

    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__audit__v1__list_audit_response__descriptor_ptr()
    }
    public func fill(_ m: inout Keikyo__Audit__V1__ListAuditResponse, arena: inout CArena) {
        m.n_entries = entries.count
        m.entries = arena.messages(entries)
        m.next_page_token = arena.cString(nextPageToken)
    }
    public init(protobufC m: borrowing Keikyo__Audit__V1__ListAuditResponse) throws {
        entries = try ProtobufC.messages(m.n_entries, m.entries, as: AuditEntry.self, field: "entries")
        nextPageToken = ProtobufC.string(m.next_page_token)
    }
}
