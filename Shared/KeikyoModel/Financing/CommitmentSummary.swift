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
        for (institution, instrument, transaction) in commitments where transaction.type == .commitment {
            guard let date = transaction.valueDate, years.contains(date.year), let amount = transaction.value.decimal else { continue }
            let currency = transaction.value.currency
            let key = Key(year: date.year, institution: institution, instrument: instrument?.rawValue ?? "", currency: currency)
            let before = original[key] ?? (.zero, 0, instrument)
            original[key] = (before.0 + amount, before.1 + 1, instrument)

            var money = transaction.value
            money.valueDate = date.description
            switch rates.convert(money, to: "JPY") {
            case .success(let converted):
                var jpyKey = key
                jpyKey.currency = "JPY"
                let sum = yen[jpyKey] ?? (.zero, 0, instrument)
                yen[jpyKey] = (sum.0 + (converted.converted.decimal ?? .zero), sum.1 + 1, instrument)
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
