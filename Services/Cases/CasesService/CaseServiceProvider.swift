import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoWire
import Logging

/// `keikyo.cases.v1.CaseService` over a `CaseStore`.
public struct CaseServiceProvider: KWPServiceProvider {
    public static let descriptor = CaseServiceAPI.descriptor
    static let defaultPageSize: UInt32 = 50
    static let maxPageSize: UInt32 = 500
    static let streamBatch = 200

    let store: CaseStore

    public init(store: CaseStore) {
        self.store = store
    }

    public func register(in router: inout KWPRouter) {
        router.register(CaseServiceAPI.createCase) { request, context in
            try await createCase(request, context)
        }
        router.register(CaseServiceAPI.getCase) { request, _ in
            try Self.checkID(request.id)
            return try await store.get(id: request.id)
        }
        router.register(CaseServiceAPI.updateCase) { request, context in
            var violations = request.record.violations()
            if !CaseID.isValid(request.record.id) { violations.insert(Violation("case.id", "required: the id of the case to update"), at: 0) }
            if request.expectedVersion == 0 { violations.append(Violation("expected_version", "required: the version you changed")) }
            guard violations.isEmpty else { throw KWPError(invalid: violations.prefixed("case.", except: ["expected_version", "case.id"])) }
            return try await store.update(request.record, expectedVersion: request.expectedVersion, by: context.caller)
        }
        router.register(CaseServiceAPI.advanceStage) { request, context in
            var violations: [Violation] = []
            if !CaseID.isValid(request.id) { violations.append(Violation("id", "required: a case id")) }
            if request.stage == nil { violations.append(Violation("stage", "required")) }
            violations += Self.dateViolations(request.date, field: "date")
            guard violations.isEmpty, let stage = request.stage else { throw KWPError(invalid: violations) }
            return try await store.advance(
                id: request.id, to: stage, date: request.date, note: request.note, expectedVersion: request.expectedVersion,
                by: context.caller)
        }
        router.register(CaseServiceAPI.listCases) { request, _ in
            try await listCases(request)
        }
        router.register(CaseServiceAPI.streamCases) { request, writer, _ in
            let violations = request.filter.violations()
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            var after: Int64 = 0
            while true {
                let page = try await store.list(filter: request.filter, afterSeq: after, limit: Self.streamBatch, countTotal: false)
                for record in page.cases { try await writer.write(record) }
                guard let next = page.nextSeq else { return }
                after = next
            }
        }
        router.register(CaseServiceAPI.listCaseChanges) { request, _ in
            guard request.pageSize <= ListCaseChangesRequest.maximumPageSize else {
                throw KWPError(invalid: [Violation("page_size", "at most \(ListCaseChangesRequest.maximumPageSize)")])
            }
            let size = request.pageSize == 0 ? ListCaseChangesRequest.defaultPageSize : request.pageSize
            let page = try await store.changes(after: request.after, limit: Int(size))
            return ListCaseChangesResponse(cases: page.cases, position: page.position, more: page.more)
        }
        router.register(CaseServiceAPI.getCaseHistory) { request, _ in
            try Self.checkID(request.id)
            return GetCaseHistoryResponse(changes: try await store.history(id: request.id))
        }
        router.register(CaseServiceAPI.summarizeOrders) { request, _ in
            if request.yearFrom > 0, request.yearTo > 0, request.yearFrom > request.yearTo {
                throw KWPError(invalid: [Violation("year_to", "before year_from")])
            }
            let summary = try await store.orderSummary(yearFrom: request.yearFrom, yearTo: request.yearTo)
            return SummarizeOrdersResponse(
                byYearField: summary.byYearField, byCountry: summary.byCountry, casesWithoutValue: summary.withoutValue)
        }
    }

    func createCase(_ request: CreateCaseRequest, _ context: KWPServerContext) async throws -> ExportCase {
        var record = request.record
        var violations = record.violations().prefixed("case.")
        if !record.id.isEmpty { violations.insert(Violation("case.id", "assigned by the server: leave it empty"), at: 0) }
        if record.stageDate.isEmpty {
            record.stageDate = Self.today()
        } else {
            violations += Self.dateViolations(record.stageDate, field: "case.stage_date")
        }
        let key = context.metadata[KWPMetadata.Reserved.idempotencyKey]
        if let key, key.isEmpty || key.count > 200 {
            violations.append(Violation("metadata.idempotency-key", "1 to 200 characters"))
        }
        guard violations.isEmpty else { throw KWPError(invalid: violations) }
        let digest = try RequestDigest.of(method: CaseServiceAPI.createCase.path, request)
        return try await store.create(record, by: context.caller, idempotencyKey: key, requestDigest: digest)
    }

    func listCases(_ request: ListCasesRequest) async throws -> ListCasesResponse {
        var violations = request.filter.violations()
        if request.pageSize > Self.maxPageSize {
            violations.append(Violation("page_size", "at most \(Self.maxPageSize)"))
        }
        guard violations.isEmpty else { throw KWPError(invalid: violations) }
        let after = try PageToken.afterSeq(request.pageToken, filter: request.filter)
        let size = request.pageSize == 0 ? Self.defaultPageSize : request.pageSize
        let page = try await store.list(filter: request.filter, afterSeq: after, limit: Int(size))
        let next = try page.nextSeq.map { try PageToken(afterSeq: $0, filter: request.filter).encoded } ?? ""
        return ListCasesResponse(cases: page.cases, nextPageToken: next, totalSize: page.total)
    }

    static func checkID(_ id: String) throws {
        guard CaseID.isValid(id) else {
            throw KWPError(invalid: [Violation("id", "\(id.debugDescription) is not a case id (case-...)")])
        }
    }

    /// A required date, not later than today.
    static func dateViolations(_ text: String, field: String) -> [Violation] {
        guard let date = PartialDate(text) else {
            return [Violation(field, text.isEmpty ? "required: YYYY, YYYY-MM or YYYY-MM-DD" : "\(text.debugDescription) is not a date")]
        }
        if let today = PartialDate(today()), date.isSurelyAfter(today) {
            return [Violation(field, "\(date) is in the future")]
        }
        return []
    }

    static func today() -> String {
        Date().formatted(Date.ISO8601FormatStyle().year().month().day())
    }
}
