import CKeikyoProtos
import KeikyoModel
import KeikyoWire

/// `keikyo.cases.v1.CaseService`: its descriptor and methods.
public enum CaseServiceAPI {
    public static let serviceName = "keikyo.cases.v1.CaseService"
    public static let descriptor = KWPServiceDescriptor(keikyo__cases__v1__case_service__descriptor_ptr())

    public static let createCase = KWPMethod<CreateCaseRequest, ExportCase>(service: serviceName, name: "CreateCase")
    public static let getCase = KWPMethod<GetCaseRequest, ExportCase>(service: serviceName, name: "GetCase")
    public static let updateCase = KWPMethod<UpdateCaseRequest, ExportCase>(service: serviceName, name: "UpdateCase")
    public static let advanceStage = KWPMethod<AdvanceStageRequest, ExportCase>(service: serviceName, name: "AdvanceStage")
    public static let listCases = KWPMethod<ListCasesRequest, ListCasesResponse>(service: serviceName, name: "ListCases")
    public static let streamCases = KWPMethod<StreamCasesRequest, ExportCase>(
        service: serviceName, name: "StreamCases", kind: .serverStreaming)
    public static let listCaseChanges = KWPMethod<ListCaseChangesRequest, ListCaseChangesResponse>(
        service: serviceName, name: "ListCaseChanges")
    public static let getCaseHistory = KWPMethod<GetCaseHistoryRequest, GetCaseHistoryResponse>(
        service: serviceName, name: "GetCaseHistory")
    public static let summarizeOrders = KWPMethod<SummarizeOrdersRequest, SummarizeOrdersResponse>(
        service: serviceName, name: "SummarizeOrders")

    /// Reasons the cases service gives.
    public enum Reason {
        public static let caseNotFound = "CASE_NOT_FOUND"
        public static let versionMismatch = CommonReason.versionMismatch
        public static let illegalTransition = "ILLEGAL_TRANSITION"
        public static let invalidField = CommonReason.invalidField
        public static let badPageToken = CommonReason.badPageToken
        public static let idempotencyKeyReused = CommonReason.idempotencyKeyReused
    }
}
