import Foundation
import KeikyoWire
import Logging
import NIOConcurrencyHelpers

/// A service's trust configuration at run time: who holds which token, the permissions
/// policy and the per-caller rate limit. Shared by the `TrustInterceptor` (every call) and
/// the service's handlers (checks that need the record, such as a financing's institution).
public final class AccessControl: Sendable {
    public enum Mode: Sendable, Equatable {
        /// No tokens: every call is let through and histories record the agency it claims.
        case anonymous
        /// Calls carry tokens from this file, reread by `reload()`.
        case tokens(path: String)
    }

    public let mode: Mode
    public let rateLimiter: RateLimiter
    private let state: NIOLockedValueBox<State>
    private let policyPath: String?

    private struct State {
        var tokens: TokenFile
        var policy: Policy
        /// The rule each method called so far matched: the policy is read once per method,
        /// not on every call. Bounded by the hosted methods (others are refused before any
        /// interceptor runs); emptied by a reload.
        var rules: [String: Policy.Rule?] = [:]
    }

    /// Lets every call through: for tests and for `--allow-anonymous`.
    public static let anonymous = AccessControl(
        mode: .anonymous, tokens: TokenFile(), policy: try! Policy(text: Policy.defaultText), policyPath: nil,
        rateLimit: RateLimiter.Configuration(rate: 0))

    /// Reads the tokens file (for `.tokens`) and the policy file, or the shipped policy when
    /// `policyPath` is nil.
    public convenience init(mode: Mode, policyPath: String? = nil, rateLimit: RateLimiter.Configuration = .init()) throws {
        let tokens: TokenFile
        switch mode {
        case .anonymous: tokens = TokenFile()
        case .tokens(let path): tokens = try TokenFile.load(path: path)
        }
        self.init(mode: mode, tokens: tokens, policy: try Self.loadPolicy(policyPath), policyPath: policyPath, rateLimit: rateLimit)
    }

    public init(mode: Mode, tokens: TokenFile, policy: Policy, policyPath: String? = nil, rateLimit: RateLimiter.Configuration) {
        self.mode = mode
        self.state = NIOLockedValueBox(State(tokens: tokens, policy: policy))
        self.policyPath = policyPath
        self.rateLimiter = RateLimiter(rateLimit)
    }

    private static func loadPolicy(_ path: String?) throws -> Policy {
        guard let path else { return try Policy(text: Policy.defaultText, source: "default policy") }
        guard let data = FileManager.default.contents(atPath: path) else { throw TrustError("cannot read the policy file \(path)") }
        return try Policy(text: String(decoding: data, as: UTF8.self), source: path)
    }

    public var policy: Policy { state.withLockedValue { $0.policy } }

    /// Rereads the tokens file and the policy file (SIGHUP). On an error the configuration
    /// in force stays as it was; the error says what is wrong.
    public func reload(validate: (Policy) throws -> Void = { _ in }) throws {
        guard case .tokens(let path) = mode else { return }
        let tokens = try TokenFile.load(path: path)
        let policy = try Self.loadPolicy(policyPath)
        try validate(policy)
        state.withLockedValue { $0 = State(tokens: tokens, policy: policy) }
    }

    /// The principal a `Bearer` token in `metadata` proves; nil for a missing, malformed,
    /// unknown or revoked token.
    public func authenticate(_ metadata: KWPMetadata) -> KWPPrincipal? {
        guard let header = metadata[KWPMetadata.Reserved.authorization], header.hasPrefix("Bearer ") else { return nil }
        let token = String(header.dropFirst("Bearer ".count))
        // Copied out (copy-on-write, no copy made) so that hashing happens outside the lock.
        let tokens = state.withLockedValue { $0.tokens }
        guard let record = tokens.verify(token) else { return nil }
        return KWPPrincipal(name: record.principal, credentialID: record.id)
    }

    /// What the policy says of this call, before the record is known.
    public func decide(_ context: KWPServerContext) -> Policy.Decision {
        guard mode != .anonymous else { return .allowed }
        guard let name = context.principal?.name, let principal = Principal(name) else { return .denied }
        let rule = state.withLockedValue { state in
            if let cached = state.rules[context.method] { return cached }
            let rule = state.policy.rule(for: context.method)
            state.rules[context.method] = .some(rule)
            return rule
        }
        return Policy.decide(rule, principal: principal)
    }

    /// For a handler whose permission depends on the record: passes when the policy allows the
    /// call outright, or grants `relation` and the caller's agency is among `agencies`
    /// (e.g. the financing's institution). Otherwise 7 PERMISSION_DENIED `NOT_PERMITTED`.
    public func authorize(_ context: KWPServerContext, _ relation: Policy.Relation, agencies: some Sequence<String>) throws {
        switch decide(context) {
        case .allowed: return
        case .ifRelated(let relations) where relations.contains(relation):
            if let name = context.principal?.name, agencies.contains(name) { return }
        default: break
        }
        throw Self.notPermitted(context)
    }

    static func notPermitted(_ context: KWPServerContext) -> KWPError {
        KWPError(
            .permissionDenied, "\(context.principal?.name ?? "the caller") may not call \(context.method) for this record",
            reason: TrustReason.notPermitted)
    }
}

/// Reasons the trust layer answers with.
public enum TrustReason {
    public static let unauthenticated = "UNAUTHENTICATED"
    public static let notPermitted = "NOT_PERMITTED"
    public static let rateLimited = "RATE_LIMITED"
}
