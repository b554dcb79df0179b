import Foundation

public enum RateType: String, Sendable, Hashable, CaseIterable {
    case annualAverage = "ANNUAL_AVERAGE"
    case monthlyAverage = "MONTHLY_AVERAGE"
    case daily = "DAILY"

    /// The period precision this type needs: 1 (YYYY), 2 (YYYY-MM) or 3 (YYYY-MM-DD) parts.
    var periodParts: Int {
        switch self {
        case .annualAverage: 1
        case .monthlyAverage: 2
        case .daily: 3
        }
    }
}

/// Yen per unit of a currency over a period: the suite's one rate table.
public struct ExchangeRate: Sendable, Hashable {
    public var currency: String
    public var period: String
    public var type: RateType?
    public var jpyPerUnit: String
    public var source: String
    public var updatedAt: Date? = nil
    public var updatedBy = ""
    /// The publication the rate is taken from, with its date.
    public var provenance = Source()

    public init(currency: String, period: String, type: RateType?, jpyPerUnit: String, source: String) {
        self.currency = currency
        self.period = period
        self.type = type
        self.jpyPerUnit = jpyPerUnit
        self.source = source
    }

    public func violations() -> [Violation] {
        var list = ViolationList()
        if currency == "JPY" {
            list.add("currency", "JPY is the table's base: rates are yen per unit of another currency")
        } else {
            list.check(CurrencyCode.isValid(currency), "currency", "\(currency.debugDescription) is not an ISO 4217 code")
        }
        if let type {
            let parts = period.split(separator: "-", omittingEmptySubsequences: false).count
            list.check(PartialDate(period) != nil && parts == type.periodParts, "period",
                "\(period.debugDescription) is not a \(["YYYY", "YYYY-MM", "YYYY-MM-DD"][type.periodParts - 1]) period, as \(type.rawValue) needs")
        } else {
            list.add("type", "required: one of \(RateType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let rate = DecimalAmount(jpyPerUnit)
        list.check(rate != nil && rate!.micros > 0, "jpy_per_unit", "\(jpyPerUnit.debugDescription) is not a positive decimal with at most 6 decimals")
        list.check(!source.isEmpty, "source", "required: where the rate comes from")
        list.checkLength(source, "source", max: 500)
        list.append(contentsOf: provenance.violations("provenance"))
        return list.items
    }
}

/// An amount converted, with every rate it took.
public struct ConvertedAmount: Sendable, Hashable {
    public var original: Money
    public var converted: Money
    public var ratesUsed: [ExchangeRate]

    public init(original: Money, converted: Money, ratesUsed: [ExchangeRate]) {
        self.original = original
        self.converted = converted
        self.ratesUsed = ratesUsed
    }
}

/// Why an amount could not be converted.
public struct ConversionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    /// e.g. `XOF 2019`, when a rate is what is missing.
    public var missingRate: String?
}

/// Rates looked up by value date: the daily rate of that day if the date has one, else the
/// monthly average of its month, else the annual average of its year; never a rate of
/// another period.
public struct RateTable: Sendable {
    private var rates: [String: [String: ExchangeRate]] = [:]

    public init(_ rates: [ExchangeRate]) {
        for rate in rates { self.rates[rate.currency, default: [:]][rate.period] = rate }
    }

    public func rate(for currency: String, at date: PartialDate) -> ExchangeRate? {
        guard let byPeriod = rates[currency] else { return nil }
        let year = String(format: "%04d", date.year)
        var periods = [year]
        if let month = date.month {
            periods.insert(year + String(format: "-%02d", month), at: 0)
            if let day = date.day { periods.insert(periods[0] + String(format: "-%02d", day), at: 0) }
        }
        return periods.lazy.compactMap { byPeriod[$0] }.first
    }

    /// `money` in `currency`, through yen, at the rates of `money`'s value date.
    public func convert(_ money: Money, to currency: String) -> Result<ConvertedAmount, ConversionFailure> {
        guard let amount = money.decimal else {
            return .failure(ConversionFailure(description: "\(money.amount.debugDescription) is not an amount"))
        }
        if money.currency == currency {
            return .success(ConvertedAmount(original: money, converted: money, ratesUsed: []))
        }
        guard let date = PartialDate(money.valueDate) else {
            return .failure(ConversionFailure(description: "a value date is needed to convert \(money.currency) to \(currency)"))
        }
        var used: [ExchangeRate] = []
        func rateValue(_ code: String) -> Result<DecimalAmount, ConversionFailure> {
            guard let rate = rate(for: code, at: date), let value = DecimalAmount(rate.jpyPerUnit) else {
                return .failure(ConversionFailure(
                    description: "no \(code) rate for \(date) (daily, monthly or annual)", missingRate: "\(code) \(date)"))
            }
            used.append(rate)
            return .success(value)
        }
        var yen = amount
        if money.currency != "JPY" {
            switch rateValue(money.currency) {
            case .success(let rate):
                guard let product = amount.multiplied(by: rate) else { return .failure(ConversionFailure(description: "the amount is too large to convert")) }
                yen = product
            case .failure(let failure): return .failure(failure)
            }
        }
        var result = yen
        if currency != "JPY" {
            switch rateValue(currency) {
            case .success(let rate): result = yen.divided(by: rate) ?? .zero
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(ConvertedAmount(
            original: money, converted: Money(amount: result.description, currency: currency, valueDate: money.valueDate), ratesUsed: used))
    }
}
