/// A non-negative decimal amount held exactly: a whole number of millionths.
/// Parsed from and written as a plain decimal string (`"78000000"`, `"1234.5"`).
public struct DecimalAmount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount times 10^6.
    public let micros: Int128
    public static let scale = 6
    static let unit: Int128 = 1_000_000
    /// 10^24: a trillion trillion, far beyond any order in any currency.
    static let maximum: Int128 = 1_000_000_000_000_000_000_000_000_000_000

    public init(micros: Int128) { self.micros = micros }

    /// Digits, an optional point and at most six decimals; no sign, exponent or grouping.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 24,
            parts[0].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        var micros = Int128(parts[0])! * Self.unit
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= Self.scale, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
            micros += Int128(fraction + String(repeating: "0", count: Self.scale - fraction.count))!
        }
        guard micros <= Self.maximum else { return nil }
        self.micros = micros
    }

    public static let zero = DecimalAmount(micros: 0)

    public static func + (lhs: DecimalAmount, rhs: DecimalAmount) -> DecimalAmount {
        DecimalAmount(micros: lhs.micros + rhs.micros)
    }

    public static func < (lhs: DecimalAmount, rhs: DecimalAmount) -> Bool { lhs.micros < rhs.micros }

    /// `self × factor`, rounded half up to millionths; nil beyond the maximum amount.
    public func multiplied(by factor: DecimalAmount) -> DecimalAmount? {
        let (product, overflow) = micros.multipliedReportingOverflow(by: factor.micros)
        guard !overflow else { return nil }
        return Self.bounded(Self.divideRounded(product, by: Self.unit))
    }

    /// `self ÷ divisor`, rounded half up to millionths; nil for a zero divisor or beyond the maximum.
    public func divided(by divisor: DecimalAmount) -> DecimalAmount? {
        guard divisor.micros > 0 else { return nil }
        let (scaled, overflow) = micros.multipliedReportingOverflow(by: Self.unit)
        guard !overflow else { return nil }
        return Self.bounded(Self.divideRounded(scaled, by: divisor.micros))
    }

    /// `self` as a percentage of `whole`, rounded half up to `decimals` places (at most 6).
    public func percent(of whole: DecimalAmount, decimals: Int = 2) -> DecimalAmount? {
        guard let ratio = multiplied(by: DecimalAmount(micros: 100 * Self.unit))?.divided(by: whole) else { return nil }
        let step = (0..<(Self.scale - min(decimals, Self.scale))).reduce(Int128(1)) { product, _ in product * 10 }
        return DecimalAmount(micros: Self.divideRounded(ratio.micros, by: step) * step)
    }

    private static func divideRounded(_ value: Int128, by divisor: Int128) -> Int128 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder * 2 >= divisor ? quotient + 1 : quotient
    }

    private static func bounded(_ micros: Int128) -> DecimalAmount? {
        micros <= maximum ? DecimalAmount(micros: micros) : nil
    }

    /// The shortest exact form: no trailing zeros after the point.
    public var description: String {
        let whole = micros / Self.unit
        var fraction = String(micros % Self.unit)
        guard fraction != "0" else { return String(whole) }
        fraction = String(repeating: "0", count: Self.scale - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}

/// An amount in one currency, valued at a date: never only a converted figure.
public struct Money: Sendable, Hashable {
    public var amount: String
    /// ISO 4217.
    public var currency: String
    /// When the amount is valued (exchange rate date): YYYY, YYYY-MM or YYYY-MM-DD.
    public var valueDate: String

    public init(amount: String, currency: String, valueDate: String) {
        self.amount = amount
        self.currency = currency
        self.valueDate = valueDate
    }

    /// The amount, when it parses.
    public var decimal: DecimalAmount? { DecimalAmount(amount) }
}
