/// A sum of commitments for one year, institution, instrument and currency.
public struct CommitmentTotal: Sendable, Hashable {
    public var year: UInt32
    public var institution: String
    public var instrument: Instrument?
    public var currency: String
    /// Exact decimal sum.
    public var amount: String
    public var commitments: UInt32

    public init(year: UInt32, institution: String, instrument: Instrument?, currency: String, amount: String, commitments: UInt32) {
        self.year = year
        self.institution = institution
        self.instrument = instrument
        self.currency = currency
        self.amount = amount
        self.commitments = commitments
    }
}

/// Commitments of one value date, institution, instrument and currency, summed.
public struct CommitmentSum: Sendable, Hashable {
    public var institution: String
    public var instrument: Instrument?
    /// The sum, valued at the commitments' shared date.
    public var value: Money
    public var commitments: UInt32

    public init(institution: String, instrument: Instrument?, value: Money, commitments: UInt32) {
        self.institution = institution
        self.instrument = instrument
        self.value = value
        self.commitments = commitments
    }
}

/// SummarizeCommitments: committed amounts by year × institution × instrument, in the
/// original currencies and in yen converted at each commitment's value date.
public struct CommitmentSummary: Sendable, Hashable {
    public var byCurrency: [CommitmentTotal] = []
    public var inJPY: [CommitmentTotal] = []
    public var ratesUsed: [ExchangeRate] = []
    /// e.g. `XOF 2019`: commitments in `byCurrency` but not in `inJPY`.
    public var missingRates: [String] = []

    public init() {}

    /// `commitments` are (institution, instrument, transaction); other transaction types and
    /// those valued outside `years` are ignored.
    public static func summarize(
        _ commitments: [(institution: String, instrument: Instrument?, transaction: Transaction)], rates: RateTable,
        years: ClosedRange<Int>
    ) -> CommitmentSummary {
        summarize(
            sums: commitments.compactMap { institution, instrument, transaction in
                guard transaction.type == .commitment, let date = transaction.valueDate else { return nil }
                var value = transaction.value
                value.valueDate = date.description
                return CommitmentSum(institution: institution, instrument: instrument, value: value, commitments: 1)
            },
            rates: rates, years: years)
    }

    /// The summary from commitments already summed by value date, institution, instrument and
    /// currency (what the financing service keeps with every write): each sum is converted at
    /// its date's rate.
    public static func summarize(sums: [CommitmentSum], rates: RateTable, years: ClosedRange<Int>) -> CommitmentSummary {
        struct Key: Hashable, Comparable {
            var year: Int, institution: String, instrument: String, currency: String
            static func < (a: Key, b: Key) -> Bool {
                (a.year, a.institution, a.instrument, a.currency) < (b.year, b.institution, b.instrument, b.currency)
            }
        }
        var original: [Key: (DecimalAmount, UInt32, Instrument?)] = [:]
        var yen: [Key: (DecimalAmount, UInt32, Instrument?)] = [:]
        var summary = CommitmentSummary()
        var missing = Set<String>()
        for sum in sums {
            guard let date = PartialDate(sum.value.valueDate), years.contains(date.year), let amount = sum.value.decimal else { continue }
            let key = Key(year: date.year, institution: sum.institution, instrument: sum.instrument?.rawValue ?? "", currency: sum.value.currency)
            let before = original[key] ?? (.zero, 0, sum.instrument)
            original[key] = (before.0 + amount, before.1 + sum.commitments, sum.instrument)
            switch rates.convert(sum.value, to: "JPY") {
            case .success(let converted):
                var jpyKey = key
                jpyKey.currency = "JPY"
                let total = yen[jpyKey] ?? (.zero, 0, sum.instrument)
                yen[jpyKey] = (total.0 + (converted.converted.decimal ?? .zero), total.1 + sum.commitments, sum.instrument)
                for rate in converted.ratesUsed where !summary.ratesUsed.contains(rate) { summary.ratesUsed.append(rate) }
            case .failure(let failure):
                missing.insert(failure.missingRate ?? failure.description)
            }
        }
        func rows(_ sums: [Key: (DecimalAmount, UInt32, Instrument?)]) -> [CommitmentTotal] {
            sums.keys.sorted().map { key in
                let (amount, count, instrument) = sums[key]!
                return CommitmentTotal(
                    year: UInt32(key.year), institution: key.institution, instrument: instrument, currency: key.currency,
                    amount: amount.description, commitments: count)
            }
        }
        summary.byCurrency = rows(original)
        summary.inJPY = rows(yen)
        summary.missingRates = missing.sorted()
        return summary
    }
}
