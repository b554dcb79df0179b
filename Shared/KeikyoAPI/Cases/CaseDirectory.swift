import KeikyoModel
import KeikyoWire
import NIOCore

/// How another service looks cases up in the cases service, the single owner of case data.
///
/// Lookups end before the deadline of the call being served (leaving time to answer it), and
/// within `timeout` when that call has none. Unknown ids are FAILED_PRECONDITION
/// `CASE_NOT_FOUND`; a cases service that does not answer in time, or at all, is UNAVAILABLE
/// `CASES_UNAVAILABLE`, so the caller can write nothing.
public struct CaseDirectory: Sendable {
    public let client: KWPClient
    public var timeout: Duration
    /// Lookups made at once for one request.
    public var concurrency = 16

    public static let casesUnavailable = "CASES_UNAVAILABLE"

    public init(client: KWPClient, timeout: Duration = .seconds(2)) {
        self.client = client
        self.timeout = timeout
    }

    /// Checks that every id names a case; `field` names the request's list of ids in the error
    /// (with the index of the missing one).
    public func requireExisting(_ ids: [String], field: String, metadata: KWPMetadata = [:]) async throws {
        _ = try await cases(ids, field: field, metadata: metadata)
    }

    /// Checks that `id` names a case; `field` names the request field in the error.
    public func requireExisting(id: String, field: String, metadata: KWPMetadata = [:]) async throws {
        _ = try await cases([id], field: field, indexed: false, metadata: metadata)
    }

    /// The cases with these ids, by id.
    public func cases(_ ids: [String], field: String, indexed: Bool = true, metadata: KWPMetadata = [:]) async throws -> [String: ExportCase] {
        try await lookUp(ids, field: field, metadata: metadata) { id in
            let index = indexed ? ids.firstIndex(of: id).map { "[\($0)]" } ?? "" : ""
            throw KWPError(
                .failedPrecondition, "the cases service has no case \(id.debugDescription)", reason: CaseServiceAPI.Reason.caseNotFound,
                violations: [.init(field: field + index, description: "no such case")])
        }
    }

    /// The cases among `ids` that exist, by id; an id of no case is left out.
    public func existingCases(_ ids: [String], field: String, metadata: KWPMetadata = [:]) async throws -> [String: ExportCase] {
        try await lookUp(ids, field: field, metadata: metadata) { _ in }
    }

    /// Looks every id up, `concurrency` at a time; `missing` is told of an id of no case and
    /// may throw.
    private func lookUp(
        _ ids: [String], field: String, metadata: KWPMetadata, missing: @escaping @Sendable (String) throws -> Void
    ) async throws -> [String: ExportCase] {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return [:] }
        let options = try callOptions()
        var found: [String: ExportCase] = [:]
        try await withThrowingTaskGroup(of: (String, ExportCase?).self) { group in
            var pending = unique[...]
            func startNext() {
                guard let id = pending.popFirst() else { return }
                group.addTask {
                    do {
                        return (id, try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: id), metadata: metadata, options: options))
                    } catch let error as KWPError where error.code == .notFound && error.reason == CaseServiceAPI.Reason.caseNotFound {
                        try missing(id)
                        return (id, nil)
                    } catch let error as KWPError where error.code == .invalidArgument {
                        throw KWPError(invalid: [Violation(field, "\(id.debugDescription): \(error.message)")])
                    } catch {
                        throw Self.unavailable(client, error)
                    }
                }
            }
            for _ in 0..<concurrency { startNext() }
            while let (id, record) = try await group.next() {
                found[id] = record
                startNext()
            }
        }
        return found
    }

    /// One page of the cases changed after position `after` (ListCaseChanges), read within the
    /// same deadline as a lookup.
    public func changes(after: UInt64, metadata: KWPMetadata = [:]) async throws -> ListCaseChangesResponse {
        let options = try callOptions()
        do {
            return try await client.unary(CaseServiceAPI.listCaseChanges, ListCaseChangesRequest(after: after), metadata: metadata, options: options)
        } catch {
            throw Self.unavailable(client, error)
        }
    }

    func callOptions() throws -> KWPCallOptions {
        do {
            return try KWPCallOptions.withinCallerDeadline(timeout: timeout)
        } catch let error as KWPError {
            throw KWPError(error.code, error.message, reason: Self.casesUnavailable)
        }
    }

    static func unavailable(_ client: KWPClient, _ error: any Error) -> KWPError {
        let detail = (error as? KWPError).map { "\($0.code) \($0.reason): \($0.message)" } ?? "\(error)"
        return KWPError(
            .unavailable, "the cases service at \(client.host):\(client.port) did not answer: \(detail); nothing was written",
            reason: Self.casesUnavailable)
    }
}
