import KeikyoModel

/// Who a token belongs to: an agency (`METI`, `JICA`, ...) or one of the suite's services,
/// which call each other as themselves (`service:financing`).
public enum Principal: Sendable, Hashable, CustomStringConvertible {
    case agency(String)
    case service(String)

    /// The agencies that may hold tokens (issue #9): the ministries, the Cabinet Secretariat
    /// and the public finance and promotion bodies.
    public static let agencies: [String] = [
        "METI", "MOFA", "MLIT", "MIC", "MOF", "MHLW", "CAS", "JICA", "JBIC", "NEXI", "JOIN", "JETRO", "JICT",
    ]
    public static let services: [String] = ["cases", "financing", "diplomacy", "kpi"]

    /// Parses `METI` or `service:financing`; nil for anything else.
    public init?(_ name: String) {
        if name.hasPrefix("service:") {
            let service = String(name.dropFirst("service:".count))
            guard Self.services.contains(service) else { return nil }
            self = .service(service)
        } else {
            guard Self.agencies.contains(name) else { return nil }
            self = .agency(name)
        }
    }

    public var description: String {
        switch self {
        case .agency(let code): code
        case .service(let name): "service:\(name)"
        }
    }

    public var agency: String? {
        if case .agency(let code) = self { return code }
        return nil
    }

    public var isService: Bool {
        if case .service = self { return true }
        return false
    }
}
