import Foundation

/// One bad field of a record, named by its wire path (e.g. `countries[1].country`).
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var description: String

    public init(_ field: String, _ description: String) {
        self.field = field
        self.description = description
    }
}

/// Collects violations for a record; nested parts add their path prefix.
public struct ViolationList: Sendable {
    public private(set) var items: [Violation] = []

    public init() {}

    public mutating func add(_ field: String, _ description: String) {
        items.append(Violation(field, description))
    }

    public mutating func append(contentsOf violations: [Violation]) {
        items.append(contentsOf: violations)
    }

    public mutating func check(_ condition: Bool, _ field: String, _ description: @autoclosure () -> String) {
        if !condition { add(field, description()) }
    }

    /// A decimal percentage list: either no entry has a share, or all have and they sum to 100.
    mutating func checkShares(_ shares: [String], path: (Int) -> String) {
        let given = shares.filter { !$0.isEmpty }.count
        guard given > 0 else { return }
        guard given == shares.count else {
            for (index, share) in shares.enumerated() where share.isEmpty {
                add(path(index), "give every entry a share, or none")
            }
            return
        }
        var total = DecimalAmount.zero
        var parsed = true
        for (index, share) in shares.enumerated() {
            guard let value = DecimalAmount(share), value.micros > 0, value <= DecimalAmount(micros: 100_000_000) else {
                add(path(index), "must be a decimal percentage above 0 and at most 100")
                parsed = false
                continue
            }
            total = total + value
        }
        if parsed, total != DecimalAmount(micros: 100_000_000) {
            add(path(0).components(separatedBy: "[").first ?? "", "shares sum to \(total), not 100")
        }
    }

    mutating func checkDate(_ text: String, _ field: String, required: Bool = false) {
        if text.isEmpty {
            if required { add(field, "required: YYYY, YYYY-MM or YYYY-MM-DD") }
        } else if PartialDate(text) == nil {
            add(field, "\(text.debugDescription) is not a date: YYYY, YYYY-MM or YYYY-MM-DD")
        }
    }

    mutating func checkLength(_ text: String, _ field: String, max: Int) {
        if text.count > max { add(field, "longer than \(max) characters") }
    }

    /// An exact amount in a known currency, valued at a date (`required` or else optional).
    mutating func checkMoney(_ money: Money, _ field: String, valueDateRequired: Bool = true) {
        check(DecimalAmount(money.amount) != nil, "\(field).amount", "\(money.amount.debugDescription) is not a non-negative decimal with at most 6 decimals")
        check(CurrencyCode.isValid(money.currency), "\(field).currency", "\(money.currency.debugDescription) is not an ISO 4217 code")
        checkDate(money.valueDate, "\(field).value_date", required: valueDateRequired)
    }

    /// A known institution, ministry or agency code.
    mutating func checkCode(_ code: String, _ field: String, in known: [String: String], what: String, required: Bool = true) {
        if code.isEmpty {
            if required { add(field, "required: \(what)") }
        } else if known[code] == nil {
            add(field, "\(code.debugDescription) is not \(what)")
        }
    }
}

extension [Violation] {
    /// Puts `prefix` before each field name that lacks it, except the names in `except` and
    /// those of metadata (`metadata.`): the paths of a record's fields inside a request.
    public func prefixed(_ prefix: String, except: Set<String> = []) -> [Violation] {
        map { violation in
            except.contains(violation.field) || violation.field.hasPrefix(prefix) || violation.field.hasPrefix("metadata.")
                ? violation : Violation(prefix + violation.field, violation.description)
        }
    }
}
