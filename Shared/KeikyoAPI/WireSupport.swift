import Foundation
import KeikyoModel
import KeikyoWire

/// Proto enums number their values 1, 2, ... in the order of the model's cases, 0 being
/// UNSPECIFIED (tests check the names match).
enum WireEnum {
    static func number<T: CaseIterable & Equatable>(_ value: T?) -> UInt32 {
        guard let value, let index = T.allCases.firstIndex(of: value) else { return 0 }
        return UInt32(T.allCases.distance(from: T.allCases.startIndex, to: index) + 1)
    }

    /// nil for 0; throws INVALID_ARGUMENT naming `field` for a number this build does not know.
    static func value<T: CaseIterable>(_ number: UInt32, _ field: String) throws -> T? {
        guard number != 0 else { return nil }
        let all = Array(T.allCases)
        guard Int(number) <= all.count else {
            throw KWPError(
                .invalidArgument, "\(field) has an unknown value \(number)", reason: "INVALID_FIELD",
                violations: [.init(field: field, description: "unknown value \(number)")])
        }
        return all[Int(number) - 1]
    }

    static func required<T: CaseIterable>(_ number: UInt32, _ field: String) throws -> T {
        guard let value: T = try value(number, field) else {
            throw KWPError(
                .invalidArgument, "\(field) is required", reason: "INVALID_FIELD",
                violations: [.init(field: field, description: "required")])
        }
        return value
    }
}

/// RFC 3339 timestamps in UTC with milliseconds, as the APIs carry them. Dates are taken to
/// whole milliseconds both ways, so a timestamp read back and written again is unchanged.
public enum Timestamp {
    static let seconds = Date.ISO8601FormatStyle()
    static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func string(_ date: Date?) -> String {
        guard let date else { return "" }
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (whole, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (second, millisecond) = fraction < 0 ? (whole - 1, fraction + 1000) : (whole, fraction)
        let text = Date(timeIntervalSince1970: TimeInterval(second)).formatted(seconds)
        return String(text.dropLast()) + "." + String(format: "%03d", millisecond) + "Z"
    }

    public static func date(_ text: String) -> Date? {
        guard !text.isEmpty, let parsed = (try? fractional.parse(text)) ?? (try? seconds.parse(text)) else { return nil }
        return Date(timeIntervalSince1970: (parsed.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

extension KWPError {
    /// INVALID_ARGUMENT with one violation per model violation.
    public init(invalid violations: [Violation], message: String = "the request has invalid fields") {
        self.init(
            .invalidArgument, message, reason: "INVALID_FIELD",
            violations: violations.map { .init(field: $0.field, description: $0.description) })
    }
}

extension KWPServerContext {
    /// The `x-agency` metadata: the agency a call is made for. Believed only from a service
    /// acting for an agency, or when the server runs without tokens; an agency's own token
    /// always records that agency.
    public static let agencyKey = "x-agency"

    /// Who made the call, for histories and the audit log.
    public var caller: Caller {
        let claimed = metadata[Self.agencyKey].flatMap { Agency.isValid($0) ? $0 : nil }
        guard let principal else {
            return Caller(agency: claimed ?? "anonymous", principal: "anonymous", method: method)
        }
        let isService = principal.name.hasPrefix("service:")
        return Caller(
            agency: isService ? (claimed ?? principal.name) : principal.name, principal: principal.name,
            credentialID: principal.credentialID, method: method)
    }

    /// Metadata a service passes on when it calls another for this call: the agency the call
    /// is made for.
    public var forwardedMetadata: KWPMetadata {
        var forwarded = KWPMetadata()
        let agency = caller.agency
        if Agency.isValid(agency) { forwarded[Self.agencyKey] = agency }
        return forwarded
    }

    /// The `idempotency-key` metadata; INVALID_ARGUMENT unless 1 to 200 characters.
    public func idempotencyKey() throws -> String? {
        guard let key = metadata[KWPMetadata.Reserved.idempotencyKey] else { return nil }
        guard !key.isEmpty, key.count <= 200 else {
            throw KWPError(invalid: [Violation("metadata.idempotency-key", "1 to 200 characters")])
        }
        return key
    }
}

/// A year range from a request's `year_from` and `year_to`, where 0 leaves that end open.
public enum YearRange {
    /// The years any record may have.
    public static let all = 1900...2200

    /// INVALID_ARGUMENT for a year outside 1900-2200 or a reversed range, so no request can
    /// build an empty or inverted range.
    public static func from(_ from: UInt32, _ to: UInt32, fields: (from: String, to: String) = ("year_from", "year_to")) throws -> ClosedRange<Int> {
        var violations: [Violation] = []
        for (field, year) in [(fields.from, from), (fields.to, to)] where year != 0 && !all.contains(Int(year)) {
            violations.append(Violation(field, "\(year) is not a year from \(all.lowerBound) to \(all.upperBound)"))
        }
        if violations.isEmpty, from != 0, to != 0, from > to { violations.append(Violation(fields.to, "before \(fields.from)")) }
        guard violations.isEmpty else { throw KWPError(invalid: violations) }
        return (from == 0 ? all.lowerBound : Int(from))...(to == 0 ? all.upperBound : Int(to))
    }
}
