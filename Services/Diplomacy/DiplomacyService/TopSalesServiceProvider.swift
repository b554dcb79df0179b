import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoTrust
import KeikyoWire

/// `keikyo.diplomacy.v1.TopSalesService` over a `DiplomacyStore`, checking case ids with the
/// cases service before anything is written and reading stages and values from it for
/// Attribution.
public struct TopSalesServiceProvider: KWPServiceProvider, RelationCheckingProvider {
    public static let descriptor = TopSalesServiceAPI.descriptor
    public static let relationChecks: [String: Set<Policy.Relation>] = Dictionary(
        uniqueKeysWithValues: [TopSalesServiceAPI.createEvent.path, TopSalesServiceAPI.updateEvent.path, TopSalesServiceAPI.linkCase.path,
            TopSalesServiceAPI.unlinkCase.path].map { ($0, [.participant]) })
    static let defaultPageSize: UInt32 = 50
    static let maxPageSize: UInt32 = 500
    static let defaultAttributionMonths: UInt32 = 12

    let store: DiplomacyStore
    let cases: CaseDirectory
    let access: AccessControl

    public init(store: DiplomacyStore, cases: CaseDirectory, access: AccessControl = .anonymous) {
        self.store = store
        self.cases = cases
        self.access = access
    }

    /// Refuses a caller who may not write `event`: the policy's `@participant` is the agency
    /// of any of its Japanese participants.
    static func permit(_ access: AccessControl, _ context: KWPServerContext) -> @Sendable (Event) throws -> Void {
        { event in try access.authorize(context, .participant, agencies: event.participants.map(\.agency)) }
    }

    public func register(in router: inout KWPRouter) {
        router.register(TopSalesServiceAPI.createEvent) { request, context in
            var violations = request.event.violations(today: PartialDate.today()).prefixed("event.")
            if !request.event.id.isEmpty { violations.insert(Violation("event.id", "assigned by the server: leave it empty"), at: 0) }
            violations += request.event.caseLinks.enumerated().flatMap { index, link in link.violations().prefixed("event.case_links[\(index)].") }
            if request.event.caseLinks.count > Event.Limits.listCount {
                violations.append(Violation("event.case_links", "more than \(Event.Limits.listCount) at creation; add more with LinkCase"))
            }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            try Self.permit(access, context)(request.event)
            let key = try context.idempotencyKey()
            try await cases.requireExisting(request.event.caseLinks.map(\.caseID), field: "event.case_links", metadata: context.forwardedMetadata)
            return try await store.create(
                request.event, by: context.caller, idempotencyKey: key,
                requestDigest: try RequestDigest.of(method: TopSalesServiceAPI.createEvent.path, request))
        }
        router.register(TopSalesServiceAPI.getEvent) { request, _ in
            try Self.checkEventID(request.id, field: "id")
            return try await store.event(id: request.id)
        }
        router.register(TopSalesServiceAPI.updateEvent) { request, context in
            var event = request.event
            event.caseLinks = []
            var violations = event.violations(today: PartialDate.today()).prefixed("event.")
            if !EventID.isValid(event.id) { violations.insert(Violation("event.id", "required: the id of the event to update"), at: 0) }
            if request.expectedVersion == 0 { violations.append(Violation("expected_version", "required: the version you changed")) }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            let permit = Self.permit(access, context)
            try permit(event)
            return try await store.update(event, expectedVersion: request.expectedVersion, by: context.caller, permit: permit)
        }
        router.register(TopSalesServiceAPI.listEvents) { request, _ in
            var violations = request.filter.violations()
            if request.pageSize > Self.maxPageSize { violations.append(Violation("page_size", "at most \(Self.maxPageSize)")) }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            let after = try PageToken.afterSeq(request.pageToken, filter: request.filter)
            let page = try await store.list(
                filter: request.filter, afterSeq: after, limit: Int(request.pageSize == 0 ? Self.defaultPageSize : request.pageSize))
            let next = try page.nextSeq.map { try PageToken(afterSeq: $0, filter: request.filter).encoded } ?? ""
            return ListEventsResponse(events: page.events, nextPageToken: next, totalSize: page.total)
        }
        router.register(TopSalesServiceAPI.linkCase) { request, context in
            try Self.checkEventID(request.eventID, field: "event_id")
            let violations = request.link.violations().prefixed("link.")
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            try await cases.requireExisting(id: request.link.caseID, field: "link.case_id", metadata: context.forwardedMetadata)
            return try await store.link(
                eventID: request.eventID, request.link, expectedVersion: request.expectedVersion, by: context.caller,
                permit: Self.permit(access, context))
        }
        router.register(TopSalesServiceAPI.unlinkCase) { request, context in
            try Self.checkEventID(request.eventID, field: "event_id")
            guard CaseID.isValid(request.caseID) else {
                throw KWPError(invalid: [Violation("case_id", "\(request.caseID.debugDescription) is not a case id (case-...)")])
            }
            return try await store.unlink(
                eventID: request.eventID, caseID: request.caseID, relation: request.relation, expectedVersion: request.expectedVersion,
                by: context.caller, permit: Self.permit(access, context))
        }
        router.register(TopSalesServiceAPI.listEventsForCase) { request, _ in
            guard CaseID.isValid(request.caseID) else {
                throw KWPError(invalid: [Violation("case_id", "\(request.caseID.debugDescription) is not a case id (case-...)")])
            }
            return ListEventsForCaseResponse(events: try await store.events(forCase: request.caseID))
        }
        router.register(TopSalesServiceAPI.getEventHistory) { request, _ in
            try Self.checkEventID(request.id, field: "id")
            return GetEventHistoryResponse(changes: try await store.history(id: request.id))
        }
        router.register(TopSalesServiceAPI.countTopSales) { request, _ in
            let years = try YearRange.from(request.yearFrom, request.yearTo)
            return try await store.topSalesTally(years: years)
        }
        router.register(TopSalesServiceAPI.attribution) { request, context in
            let years = try YearRange.from(request.yearFrom, request.yearTo)
            var violations: [Violation] = []
            if request.months > Attribution.maximumMonths { violations.append(Violation("months", "at most \(Attribution.maximumMonths)")) }
            if request.pageSize > AttributionRequest.maximumPageSize {
                violations.append(Violation("page_size", "at most \(AttributionRequest.maximumPageSize)"))
            }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            let after: AttributionCursor? = try KeysetToken.cursor(request.pageToken, request: request.query)
            try await followCases(metadata: context.forwardedMetadata)
            let months = Int(request.months == 0 ? Self.defaultAttributionMonths : request.months)
            let size = Int(request.pageSize == 0 ? AttributionRequest.defaultPageSize : request.pageSize)
            let page = try await store.attributions(years: years, months: months, limit: size, after: after)
            let next = try KeysetToken.nextPageToken(page.next, request: request.query)
            return AttributionResponse(attributions: page.listed, total: UInt32(clamping: page.total), nextPageToken: next)
        }
    }

    /// Brings the copy of the won cases up to the cases service's latest change, a page of the
    /// change feed at a time, so Attribution answers with every change made before it was asked.
    func followCases(metadata: KWPMetadata) async throws {
        var position = try await store.caseFeedPosition()
        while true {
            let page = try await cases.changes(after: position, metadata: metadata)
            guard !page.cases.isEmpty else { return }
            let current = try await store.applyCaseChanges(page.cases, after: position, to: page.position)
            // Another replica may have moved the copy meanwhile (to before or past this page).
            if current == page.position, !page.more { return }
            position = current
        }
    }

    static func checkEventID(_ id: String, field: String) throws {
        guard EventID.isValid(id) else { throw KWPError(invalid: [Violation(field, "\(id.debugDescription) is not an event id (event-...)")]) }
    }
}
