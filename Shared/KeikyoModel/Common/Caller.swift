/// Who made a change, as a record's history and the audit log keep it.
public struct Caller: Sendable, Hashable {
    /// The agency the change is recorded under: the caller's own, or, for a service acting
    /// for an agency, that agency's. `anonymous` when the service runs without tokens and
    /// the caller claimed none.
    public var agency: String
    /// The authenticated identity: an agency code, `service:NAME`, or `anonymous`.
    public var principal: String
    /// The id of the token (or certificate) that proved it; never the token. Empty when none.
    public var credentialID: String
    /// The method that made the change, e.g. `/keikyo.cases.v1.CaseService/CreateCase`.
    public var method: String

    public init(agency: String, principal: String, credentialID: String = "", method: String) {
        self.agency = agency
        self.principal = principal
        self.credentialID = credentialID
        self.method = method
    }

    /// Changes made by loading the seed data set at start.
    public static let seed = Caller(agency: "seed", principal: "seed", method: "seed")
}
