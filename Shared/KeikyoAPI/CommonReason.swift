/// The reasons every service gives, written once; each service's `Reason` names them too, beside
/// its own.
public enum CommonReason {
    /// FAILED_PRECONDITION: the record is at another version than the request expected.
    public static let versionMismatch = "VERSION_MISMATCH"
    /// INVALID_ARGUMENT: one or more fields are wrong; the violations name them.
    public static let invalidField = "INVALID_FIELD"
    /// INVALID_ARGUMENT: a page token this service did not issue for this filter.
    public static let badPageToken = "BAD_PAGE_TOKEN"
    /// FAILED_PRECONDITION: an idempotency key already used for a different request.
    public static let idempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED"
}
