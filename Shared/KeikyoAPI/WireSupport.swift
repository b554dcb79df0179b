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
                .invalidArgument, "\(field) has an unknown value \(number)", reason: CommonReason.invalidField,
                violations: [.init(field: field, description: "unknown value \(number)")])
        }
        return all[Int(number) - 1]
    }

    static func required<T: CaseIterable>(_ number: UInt32, _ field: String) throws -> T {
        guard let value: T = try value(number, field) else {
            throw KWPError(
                .invalidArgument, "\(field) is required", reason: CommonReason.invalidField,
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

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ`, or "" for nil. Written by hand: every record on the wire
    /// carries a few, and Foundation's format styles cost microseconds each.
    public static func string(_ date: Date?) -> String {
        guard let date else { return "" }
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (second, millisecond) = floorDivision(milliseconds, 1000)
        let (day, secondOfDay) = floorDivision(second, 86_400)
        let (year, month, dayOfMonth) = civil(fromDays: day)
        guard (0...9999).contains(year) else {
            let text = Date(timeIntervalSince1970: TimeInterval(second)).formatted(seconds)
            return String(text.dropLast()) + "." + String(format: "%03d", millisecond) + "Z"
        }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int64, _ width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(dayOfMonth, 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(millisecond, 3, at: 20)
            buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// The date of an RFC 3339 timestamp, to whole milliseconds; nil for anything else.
    public static func date(_ text: String) -> Date? {
        guard !text.isEmpty else { return nil }
        var text = text
        if let milliseconds = text.withUTF8(parseUTC) {
            return Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
        }
        guard let parsed = (try? fractional.parse(text)) ?? (try? seconds.parse(text)) else { return nil }
        return Date(timeIntervalSince1970: (parsed.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// Milliseconds since 1970 for the common form `yyyy-MM-ddTHH:mm:ss[.f…]Z`; nil for any
    /// other form (offsets, lower-case letters), which the format styles then read.
    static func parseUTC(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[bytes.count - 1] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ offset: Int, _ width: Int) -> Int64? {
            var value: Int64 = 0
            for index in offset..<offset + width {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var millisecond: Int64 = 0
        if bytes.count > 20 {
            let digits = bytes.count - 21
            guard bytes[19] == UInt8(ascii: "."), (1...9).contains(digits), let fraction = number(20, digits) else { return nil }
            var scale: Int64 = 1
            for _ in 0..<digits { scale *= 10 }
            millisecond = (fraction * 1000 * 2 + scale) / (scale * 2)
        } else if bytes.count != 20 {
            return nil
        }
        let days = Self.days(fromCivil: year, month, day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
    }

    static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Proleptic Gregorian date of a day number since 1970-01-01 (H. Hinnant's algorithm).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension KWPError {
    /// INVALID_ARGUMENT with one violation per model violation.
    public init(invalid violations: [Violation], message: String = "the request has invalid fields") {
        self.init(
            .invalidArgument, message, reason: CommonReason.invalidField,
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
