/// Runs around every call a server serves, before the request message is decoded: for
/// authentication, logging, metrics. Throw a `KWPError` to refuse the call; pass on a changed
/// context (metadata, logger); or observe the outcome of `next`.
public protocol KWPServerInterceptor: Sendable {
    func intercept<Output: Sendable>(
        context: KWPServerContext,
        next: @Sendable (KWPServerContext) async throws -> Output
    ) async throws -> Output
}
