/// A method of a KWP service, typed by its request and reply messages.
public struct KWPMethod<Input: KWPMessage, Output: KWPMessage>: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case unary
        case serverStreaming
    }

    /// The service's full name, e.g. `keikyo.health.v1.Health`.
    public let service: String
    /// The method's name, e.g. `Check`.
    public let name: String
    public let kind: Kind
    /// `/<package>.<Service>/<Method>`, as sent in `RequestEnvelope.method`.
    public let path: String

    public init(service: String, name: String, kind: Kind = .unary) {
        self.service = service
        self.name = name
        self.kind = kind
        self.path = "/\(service)/\(name)"
    }
}
