import Foundation

/// A financing pledge of the government, e.g. USD 200 billion for quality infrastructure.
public struct Pledge: Sendable, Hashable {
    public var id = ""
    public var name = LocalizedText()
    /// A diplomacy event id; optional.
    public var announcingEventID = ""
    public var announcedOn = ""
    public var target = Money(amount: "", currency: "", valueDate: "")
    public var periodStart = ""
    public var periodEnd = ""
    public var scope = PledgeScope()
    /// Output only: appended by RecordPledgeProgress.
    public var officialProgress: [OfficialProgress] = []
    public var notes = ""
    public var provenance = Source()
    /// What single institutions bring to it, as published.
    public var contributions: [PledgeContribution] = []
    public var version: UInt64 = 0
    public var createdAt: Date? = nil
    public var createdBy = ""
    public var updatedAt: Date? = nil
    public var updatedBy = ""

    public init() {}

    /// The latest official figure: by as-of date, then the one recorded last.
    public var latestOfficial: OfficialProgress? {
        officialProgress.enumerated().max { a, b in
            let (dateA, dateB) = (PartialDate(a.element.asOf), PartialDate(b.element.asOf))
            if let dateA, let dateB, dateA != dateB { return dateA < dateB }
            return a.offset < b.offset
        }?.element
    }
}

/// Which financing counts toward a pledge; an empty list means any.
public struct PledgeScope: Sendable, Hashable {
    public var institutions: [String] = []
    public var instruments: [Instrument] = []
    public var regions: [Region] = []
    public var countries: [String] = []

    public init(institutions: [String] = [], instruments: [Instrument] = [], regions: [Region] = [], countries: [String] = []) {
        self.institutions = institutions
        self.instruments = instruments
        self.regions = regions
        self.countries = countries
    }

    /// Whether counting needs the backed cases' countries from the cases service.
    public var needsCaseCountries: Bool { !regions.isEmpty || !countries.isEmpty }

    /// Whether the institution and instrument are in scope (the countries aside).
    public func admits(institution: String, instrument: Instrument?) -> Bool {
        (institutions.isEmpty || institutions.contains(institution)) && (instruments.isEmpty || instrument.map(instruments.contains) == true)
    }

    public func counts(institution: String, instrument: Instrument?, caseCountries: [String]) -> Bool {
        guard admits(institution: institution, instrument: instrument) else { return false }
        guard needsCaseCountries else { return true }
        return caseCountries.contains { country in
            (countries.isEmpty || countries.contains(country)) && (regions.isEmpty || regions.contains(Region.of(country)))
        }
    }
}

/// A published progress figure, as the government gave it.
/// What one institution brings to a pledge, as published.
public struct PledgeContribution: Sendable, Hashable {
    public var institution: String
    public var amount: Money
    public var description: LocalizedText
    public var provenance: Source

    public init(institution: String, amount: Money, description: LocalizedText, provenance: Source) {
        self.institution = institution
        self.amount = amount
        self.description = description
        self.provenance = provenance
    }
}

public struct OfficialProgress: Sendable, Hashable {
    public var asOf: String
    public var amount: Money
    public var source: String
    public var url: String
    public var provenance = Source()
    public var recordedAt: Date? = nil
    public var recordedBy = ""

    public init(asOf: String, amount: Money, source: String, url: String = "") {
        self.asOf = asOf
        self.amount = amount
        self.source = source
        self.url = url
    }

    public func violations() -> [Violation] {
        var list = ViolationList()
        list.checkDate(asOf, "as_of", required: true)
        list.checkMoney(amount, "amount", valueDateRequired: false)
        list.check(!source.isEmpty, "source", "required: where the figure was published")
        list.checkLength(source, "source", max: 500)
        list.checkLength(url, "url", max: 2048)
        list.append(contentsOf: provenance.violations("provenance"))
        return list.items
    }
}

/// Progress toward a pledge's target by one measure.
public struct ProgressFigure: Sendable, Hashable {
    public enum Basis: String, Sendable { case official = "OFFICIAL", commitments = "COMMITMENTS" }
    public var basis: Basis
    public var amount: Money
    public var asOf: String
    public var sharePercent: String
    public var straightLinePercent: String
    /// Share over straight line, ×100; "" before the period starts.
    public var pacePercent: String
    public var source: String
    public var ratesUsed: [ExchangeRate]

    public init(
        basis: Basis, amount: Money, asOf: String, sharePercent: String, straightLinePercent: String, pacePercent: String,
        source: String, ratesUsed: [ExchangeRate]
    ) {
        self.basis = basis
        self.amount = amount
        self.asOf = asOf
        self.sharePercent = sharePercent
        self.straightLinePercent = straightLinePercent
        self.pacePercent = pacePercent
        self.source = source
        self.ratesUsed = ratesUsed
    }
}

public struct CountedCommitment: Sendable, Hashable {
    public var financingID: String
    public var transactionSequence: UInt32
    public var amount: ConvertedAmount

    public init(financingID: String, transactionSequence: UInt32, amount: ConvertedAmount) {
        self.financingID = financingID
        self.transactionSequence = transactionSequence
        self.amount = amount
    }
}

public struct PledgeProgress: Sendable, Hashable {
    public var pledge: Pledge
    public var official: ProgressFigure?
    public var commitments: ProgressFigure?
    public var counted: [CountedCommitment]
    public var warnings: [String]
    /// The official figure is published, the rest derived.
    public var figureSources: [FigureSource] = []
    /// The commitments counted in `commitments`; `counted` lists the first `maximumListed`.
    public var countedTotal: UInt32 = 0

    /// The most counted commitments one reply lists, so that it never nears the message limit.
    public static let maximumListed = 1_000

    public init(pledge: Pledge, official: ProgressFigure?, commitments: ProgressFigure?, counted: [CountedCommitment], warnings: [String]) {
        self.pledge = pledge
        self.official = official
        self.commitments = commitments
        self.counted = counted
        self.warnings = warnings
    }
}

/// A commitment a pledge may count: one ledger entry with what it needs to decide.
public struct CandidateCommitment: Sendable {
    public var financingID: String
    public var institution: String
    public var instrument: Instrument?
    public var transaction: Transaction
    /// Countries of the cases the financing backs (only looked up when the scope needs them).
    public var caseCountries: [String]

    public init(financingID: String, institution: String, instrument: Instrument?, transaction: Transaction, caseCountries: [String]) {
        self.financingID = financingID
        self.institution = institution
        self.instrument = instrument
        self.transaction = transaction
        self.caseCountries = caseCountries
    }
}

extension Pledge {
    public func violations() -> [Violation] {
        var list = ViolationList()
        list.check(!name.isEmpty, "name", "required in Japanese or English (or both)")
        list.checkLength(name.ja, "name.ja", max: 500)
        list.checkLength(name.en, "name.en", max: 500)
        list.checkLength(announcingEventID, "announcing_event_id", max: 100)
        list.checkDate(announcedOn, "announced_on")
        list.checkMoney(target, "target", valueDateRequired: false)
        if let amount = target.decimal { list.check(amount.micros > 0, "target.amount", "must be above 0") }
        list.checkDate(periodStart, "period_start", required: true)
        list.checkDate(periodEnd, "period_end", required: true)
        if let start = PartialDate(periodStart), let end = PartialDate(periodEnd) {
            list.check(!start.isSurelyAfter(end), "period_end", "before period_start")
        }
        for (index, code) in scope.institutions.enumerated() {
            list.check(Institution.isValid(code), "scope.institutions[\(index)]", "\(code.debugDescription) is not an institution code")
        }
        for (index, code) in scope.countries.enumerated() {
            list.check(CountryCode.isValid(code), "scope.countries[\(index)]", "\(code.debugDescription) is not an ISO 3166-1 alpha-2 code")
        }
        for (name, count) in [("scope.institutions", scope.institutions.count), ("scope.countries", scope.countries.count)] {
            list.check(count <= 300, name, "more than 300 entries")
        }
        list.checkLength(notes, "notes", max: 20_000)
        list.append(contentsOf: provenance.violations("provenance"))
        for (index, contribution) in contributions.enumerated() {
            list.check(Agency.isValid(contribution.institution), "contributions[\(index)].institution", "\(contribution.institution.debugDescription) is not an agency code")
            list.checkMoney(contribution.amount, "contributions[\(index)].amount", valueDateRequired: false)
            list.append(contentsOf: contribution.provenance.violations("contributions[\(index)].provenance"))
        }
        return list.items
    }

    /// The period in whole months: from the first month `period_start` can mean to the last
    /// month `period_end` can mean.
    var periodMonths: (first: Int, last: Int)? {
        guard let start = PartialDate(periodStart), let end = PartialDate(periodEnd) else { return nil }
        return (start.year * 12 + (start.month ?? 1) - 1, end.year * 12 + (end.month ?? 12) - 1)
    }

    /// Where a straight line from 0 at the start of the period to the target at its end is at
    /// the end of `asOf`'s month (the end of its year for a bare year), in percent.
    public func straightLinePercent(at asOf: PartialDate) -> DecimalAmount? {
        guard let (first, last) = periodMonths else { return nil }
        let through = asOf.year * 12 + (asOf.month ?? 12) - 1
        let elapsed = max(0, min(last - first + 1, through - first + 1))
        return DecimalAmount(micros: Int128(elapsed) * 1_000_000).percent(of: DecimalAmount(micros: Int128(last - first + 1) * 1_000_000))
    }

    /// Progress both ways: the latest official figure, and the commitments in scope valued
    /// within the period up to `asOf`, converted at their value dates.
    public func progress(commitments candidates: [CandidateCommitment], rates: RateTable, asOf: PartialDate) -> PledgeProgress {
        var warnings: [String] = []
        var official: ProgressFigure? = nil
        if let latest = latestOfficial, let date = PartialDate(latest.asOf) {
            var money = latest.amount
            if money.valueDate.isEmpty { money.valueDate = latest.asOf }
            switch rates.convert(money, to: target.currency) {
            case .success(let converted):
                official = figure(.official, converted.converted.decimal ?? .zero, asOf: date, source: latest.source, rates: converted.ratesUsed)
            case .failure(let failure):
                warnings.append("the official figure of \(latest.asOf) cannot be converted to \(target.currency): \(failure)")
            }
        }

        let start = PartialDate(periodStart)
        let end = PartialDate(periodEnd)
        var counted: [CountedCommitment] = []
        var total = DecimalAmount.zero
        var ratesUsed: [ExchangeRate] = []
        for candidate in candidates where candidate.transaction.type == .commitment {
            guard scope.counts(institution: candidate.institution, instrument: candidate.instrument, caseCountries: candidate.caseCountries),
                let valued = candidate.transaction.valueDate
            else { continue }
            if let start, start.isSurelyAfter(valued) { continue }
            if let end, valued.isSurelyAfter(end) { continue }
            if valued.isSurelyAfter(asOf) { continue }
            var money = candidate.transaction.value
            if money.valueDate.isEmpty { money.valueDate = candidate.transaction.date }
            switch rates.convert(money, to: target.currency) {
            case .success(let converted):
                counted.append(CountedCommitment(financingID: candidate.financingID, transactionSequence: candidate.transaction.sequence, amount: converted))
                total = total + (converted.converted.decimal ?? .zero)
                for rate in converted.ratesUsed where !ratesUsed.contains(rate) { ratesUsed.append(rate) }
            case .failure(let failure):
                warnings.append("\(candidate.financingID) #\(candidate.transaction.sequence) left out: \(failure)")
            }
        }
        let computed = figure(.commitments, total, asOf: asOf, source: "commitments recorded in keikyo-financing", rates: ratesUsed)
        var progress = PledgeProgress(
            pledge: self, official: official, commitments: computed, counted: Array(counted.prefix(PledgeProgress.maximumListed)), warnings: warnings)
        progress.countedTotal = UInt32(counted.count)
        if let latest = latestOfficial, official != nil {
            let published = latest.provenance.isEmpty ? Source.document(latest.source, date: latest.asOf) : latest.provenance
            let conversion = official?.ratesUsed.isEmpty == false ? ", converted at the rates listed" : ""
            // As published when no conversion was needed; else derived from the published figure.
            progress.figureSources.append(FigureSource(
                "official.amount",
                conversion.isEmpty
                    ? published
                    : .derived(["the official figure \(latest.amount.amount) \(latest.amount.currency) (\(published.citation))"], note: "as published\(conversion)")))
            progress.figureSources.append(FigureSource("official.share_percent", .derived(["official.amount", "the pledge's target"])))
        }
        progress.figureSources.append(FigureSource("commitments.amount", .derived(["counted: the commitments in scope, converted at their value dates"])))
        progress.figureSources.append(FigureSource("commitments.share_percent", .derived(["commitments.amount", "the pledge's target"])))
        return progress
    }

    private func figure(_ basis: ProgressFigure.Basis, _ amount: DecimalAmount, asOf: PartialDate, source: String, rates: [ExchangeRate]) -> ProgressFigure {
        let share = target.decimal.flatMap { amount.percent(of: $0) }
        let line = straightLinePercent(at: asOf)
        let pace: DecimalAmount? =
            if let share, let line, line.micros > 0 { share.percent(of: line) } else { nil }
        return ProgressFigure(
            basis: basis, amount: Money(amount: amount.description, currency: target.currency, valueDate: asOf.description),
            asOf: asOf.description, sharePercent: share?.description ?? "", straightLinePercent: line?.description ?? "",
            pacePercent: pace?.description ?? "", source: source, ratesUsed: rates)
    }
}
