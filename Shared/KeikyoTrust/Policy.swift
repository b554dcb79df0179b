/// Who may call which method: the policy file, parsed.
///
/// Each line holds a method pattern and who may call it; the first line whose pattern
/// matches decides, and a method no line matches is refused. `DefaultPolicy.text` is the
/// shipped default and documents the format.
public struct Policy: Sendable, Equatable {
    /// A relation between the caller and the record a call writes, which only the service
    /// can check, once it knows the record.
    public enum Relation: String, Sendable, Hashable, CaseIterable {
        /// The caller is the financing's institution (JICA for a JICA loan).
        case institution = "@institution"
        /// A minister or official of the caller's took part in the event.
        case participant = "@participant"
    }

    /// Who a rule admits.
    public enum Grantee: Sendable, Hashable {
        case anyone
        case anyAgency
        case anyService
        case principal(Principal)
        case relation(Relation)
    }

    public struct Rule: Sendable, Equatable {
        public var pattern: String
        public var grantees: Set<Grantee>
        /// 1-based line in the file, for messages.
        public var line: Int
    }

    /// What the policy says of a call before the record is known.
    public enum Decision: Sendable, Equatable {
        case allowed
        case denied
        /// Allowed only if the caller stands in one of these relations to the record.
        case ifRelated(Set<Relation>)
    }

    public private(set) var rules: [Rule]

    /// Parses policy text; an error names the line and what is wrong with it.
    public init(text: String, source: String = "policy") throws {
        var rules: [Rule] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let pattern = words.first else { continue }
            let at = "\(source):\(number + 1)"
            guard pattern.hasPrefix("/"), pattern.utf8.count <= 200 else {
                throw TrustError("\(at): \(pattern.debugDescription) is not a method pattern such as /keikyo.cases.v1.CaseService/Get*")
            }
            guard words.count > 1 else { throw TrustError("\(at): \(pattern) names no one") }
            var grantees = Set<Grantee>()
            for word in words.dropFirst() {
                guard let grantee = Self.grantee(word) else {
                    throw TrustError(
                        "\(at): \(word.debugDescription) is not *, @agency, @service, @institution, @participant, an agency code or service:NAME")
                }
                grantees.insert(grantee)
            }
            rules.append(Rule(pattern: pattern, grantees: grantees, line: number + 1))
        }
        self.rules = rules
    }

    private static func grantee(_ word: String) -> Grantee? {
        switch word {
        case "*": return .anyone
        case "@agency": return .anyAgency
        case "@service": return .anyService
        default:
            if let relation = Relation(rawValue: word) { return .relation(relation) }
            return Principal(word).map { .principal($0) }
        }
    }

    /// The first rule whose pattern matches `method`.
    public func rule(for method: String) -> Rule? {
        rules.first { Self.matches(pattern: $0.pattern, method) }
    }

    public func decide(method: String, principal: Principal) -> Decision {
        Self.decide(rule(for: method), principal: principal)
    }

    /// What `rule` (nil: no rule matched) says of `principal`.
    public static func decide(_ rule: Rule?, principal: Principal) -> Decision {
        guard let rule else { return .denied }
        for grantee in rule.grantees {
            switch grantee {
            case .anyone: return .allowed
            case .anyAgency where !principal.isService: return .allowed
            case .anyService where principal.isService: return .allowed
            case .principal(let allowed) where allowed == principal: return .allowed
            default: continue
            }
        }
        let relations = Set(rule.grantees.compactMap { grantee -> Relation? in
            if case .relation(let relation) = grantee { return relation }
            return nil
        })
        return relations.isEmpty || principal.isService ? .denied : .ifRelated(relations)
    }

    /// Checks the policy against the methods a server hosts: a rule may grant a relation only
    /// on a method whose handler checks it (`checks`, method path to relations).
    public func validate(methods: [String], checks: [String: Set<Relation>]) throws {
        for method in methods {
            guard let rule = rule(for: method) else { continue }
            for case .relation(let relation) in rule.grantees where !(checks[method]?.contains(relation) ?? false) {
                throw TrustError("policy line \(rule.line) grants \(relation.rawValue) on \(method), which cannot check it")
            }
        }
    }

    /// `*` matches any run of characters, including none; everything else matches itself.
    static func matches(pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern.utf8)
        let text = Array(text.utf8)
        var (p, t) = (0, 0)
        var star: (p: Int, t: Int)? = nil
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = (p, t)
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let last = star {
                p = last.p + 1
                t = last.t + 1
                star = (last.p, last.t + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}

/// A service provider whose handlers check policy relations against the records they
/// write; `Policy.validate` refuses a policy granting a relation anywhere else.
public protocol RelationCheckingProvider {
    /// Method path to the relations its handler checks.
    static var relationChecks: [String: Set<Policy.Relation>] { get }
}
