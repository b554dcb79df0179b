import KeikyoWire

/// Runs before every call a service serves: authenticates the bearer token (16
/// UNAUTHENTICATED, saying nothing of what was wrong), applies the caller's rate limit (8
/// RESOURCE_EXHAUSTED `RATE_LIMITED` with `retry-after-ms`), and the policy (7
/// PERMISSION_DENIED `NOT_PERMITTED`). Health needs no token.
public struct TrustInterceptor: KWPServerInterceptor {
    public let access: AccessControl

    public init(access: AccessControl) {
        self.access = access
    }

    static let unauthenticated = KWPError(.unauthenticated, "a valid bearer token is required", reason: TrustReason.unauthenticated)
    static let exempt = "/keikyo.health.v1.Health/"

    public func intercept<Output: Sendable>(
        context: KWPServerContext, next: @Sendable (KWPServerContext) async throws -> Output
    ) async throws -> Output {
        guard !context.method.hasPrefix(Self.exempt) else { return try await next(context) }
        var context = context
        let limitKey: String
        if access.mode == .anonymous {
            limitKey = context.metadata["x-agency"] ?? "anonymous"
        } else {
            // A token, when sent, names the caller (and must be valid); otherwise the connection's
            // verified client certificate does, under mutual TLS.
            let principal: KWPPrincipal
            if context.metadata[KWPMetadata.Reserved.authorization] != nil {
                guard let fromToken = access.authenticate(context.metadata) else { throw Self.unauthenticated }
                principal = fromToken
            } else {
                guard let fromCertificate = context.principal else { throw Self.unauthenticated }
                principal = fromCertificate
            }
            context.principal = principal  // the context's logger now says auth.principal too
            limitKey = principal.name
        }
        if let wait = access.rateLimiter.acquire(limitKey) {
            let milliseconds = max(1, (wait.components.seconds * 1000) + Int64(wait.components.attoseconds / 1_000_000_000_000_000))
            throw KWPError(
                .resourceExhausted, "\(limitKey) is over its rate limit of \(access.rateLimiter.configuration.rate) calls a second",
                reason: TrustReason.rateLimited, metadata: ["retry-after-ms": "\(milliseconds)"])
        }
        if access.decide(context) == .denied { throw AccessControl.notPermitted(context) }
        return try await next(context)
    }
}

/// Sends `authorization: Bearer <token>` with every call a client makes.
public struct BearerTokenInterceptor: KWPClientInterceptor {
    let value: String

    public init(token: String) {
        self.value = "Bearer \(token)"
    }

    public func intercept<Output: Sendable>(
        _ head: KWPClientRequestHead, next: @Sendable (KWPClientRequestHead) async throws -> Output
    ) async throws -> Output {
        var head = head
        if head.metadata[KWPMetadata.Reserved.authorization] == nil { head.metadata[KWPMetadata.Reserved.authorization] = value }
        return try await next(head)
    }
}
