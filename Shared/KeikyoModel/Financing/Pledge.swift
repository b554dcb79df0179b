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
    /// The commitments counted in `commitments`; `counted` lists a page of them (the first
    /// `maximumListed` at most).
    public var countedTotal: UInt32 = 0
    /// Where the next page of `counted` starts; "" on the last page.
    public var nextPageToken = ""

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

/// The commitments counted toward a pledge: sums by value date and currency (all of them) and
/// the commitments themselves, earliest value date first (the first of them, at least
/// `PledgeProgress.maximumListed`, or all).
public struct PledgeCount: Sendable, Hashable {
    public struct Sum: Sendable, Hashable {
        /// The sum in one currency, `valueDate` its commitments' value date.
        public var value: Money
        public var commitments: UInt32

        public init(value: Money, commitments: UInt32) {
            self.value = value
            self.commitments = commitments
        }
    }

    public struct Listed: Sendable, Hashable {
        public var financingID: String
        public var transactionSequence: UInt32
        /// `valueDate` is the commitment's value date.
        public var value: Money

        public init(financingID: String, transactionSequence: UInt32, value: Money) {
            self.financingID = financingID
            self.transactionSequence = transactionSequence
            self.value = value
        }
    }

    public var sums: [Sum] = []
    public var listed: [Listed] = []

    public init(sums: [Sum] = [], listed: [Listed] = []) {
        self.sums = sums
        self.listed = listed
    }

    /// A date as text that sorts as the earliest day it can mean (`2019` → `2019-00-00`).
    public static func sortKey(_ date: String) -> String { key(PartialDate(date), missing: 0) }

    /// A date as text that sorts as the latest day it can mean (`2019` → `2019-99-99`), so
    /// that a date is surely after it exactly when its `sortKey` is greater.
    public static func lastSortKey(_ date: PartialDate) -> String { key(date, missing: 99) }

    private static func key(_ date: PartialDate?, missing: Int) -> String {
        guard let date else { return "" }
        return String(format: "%04d-%02d-%02d", date.year, date.month ?? missing, date.day ?? missing)
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

    /// Whether a commitment of this financing, valued at `valued`, counts toward the pledge at
    /// all: in scope and within the period (the as-of date aside).
    public func counts(institution: String, instrument: Instrument?, caseCountries: [String], valued: PartialDate) -> Bool {
        guard scope.counts(institution: institution, instrument: instrument, caseCountries: caseCountries) else { return false }
        if let start = PartialDate(periodStart), start.isSurelyAfter(valued) { return false }
        if let end = PartialDate(periodEnd), valued.isSurelyAfter(end) { return false }
        return true
    }

    /// The commitments among `candidates` that count toward the pledge, summed by value date
    /// and currency: what the financing service keeps for each pledge as ledgers change.
    public func count(_ candidates: [CandidateCommitment]) -> PledgeCount {
        var count = PledgeCount()
        // Keyed by value date and currency: the amount and the number of commitments.
        var sums: [Money: (amount: DecimalAmount, commitments: UInt32)] = [:]
        for candidate in candidates where candidate.transaction.type == .commitment {
            guard let valued = candidate.transaction.valueDate, let amount = candidate.transaction.value.decimal,
                counts(institution: candidate.institution, instrument: candidate.instrument, caseCountries: candidate.caseCountries, valued: valued)
            else { continue }
            let money = Money(amount: candidate.transaction.value.amount, currency: candidate.transaction.value.currency, valueDate: valued.description)
            count.listed.append(PledgeCount.Listed(financingID: candidate.financingID, transactionSequence: candidate.transaction.sequence, value: money))
            let key = Money(amount: "", currency: money.currency, valueDate: money.valueDate)
            let sum = sums[key] ?? (.zero, 0)
            sums[key] = (sum.amount + amount, sum.commitments + 1)
        }
        count.sums = sums.map { key, sum in
            PledgeCount.Sum(value: Money(amount: sum.amount.description, currency: key.currency, valueDate: key.valueDate), commitments: sum.commitments)
        }.sorted { ($0.value.valueDate, $0.value.currency) < ($1.value.valueDate, $1.value.currency) }
        count.listed = count.listed.enumerated()
            .sorted { (PledgeCount.sortKey($0.element.value.valueDate), $0.offset) < (PledgeCount.sortKey($1.element.value.valueDate), $1.offset) }
            .map(\.element)
        return count
    }

    /// Progress both ways: the latest official figure, and the commitments in scope valued
    /// within the period up to `asOf`, converted at their value dates.
    public func progress(commitments candidates: [CandidateCommitment], rates: RateTable, asOf: PartialDate) -> PledgeProgress {
        progress(count(candidates), rates: rates, asOf: asOf)
    }

    /// Progress from the commitments counted toward the pledge: each sum converted at its value
    /// date, those valued surely after `asOf` left out.
    public func progress(_ count: PledgeCount, rates: RateTable, asOf: PartialDate) -> PledgeProgress {
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

        func valuedBy(_ money: Money) -> Bool { PartialDate(money.valueDate).map { !$0.isSurelyAfter(asOf) } ?? false }
        var total = DecimalAmount.zero
        var countedTotal: UInt32 = 0
        var ratesUsed: [ExchangeRate] = []
        var leftOut: Set<Money> = []
        for sum in count.sums where valuedBy(sum.value) {
            switch rates.convert(sum.value, to: target.currency) {
            case .success(let converted):
                total = total + (converted.converted.decimal ?? .zero)
                countedTotal += sum.commitments
                for rate in converted.ratesUsed where !ratesUsed.contains(rate) { ratesUsed.append(rate) }
            case .failure(let failure):
                leftOut.insert(Money(amount: "", currency: sum.value.currency, valueDate: sum.value.valueDate))
                let noun = sum.commitments == 1 ? "commitment" : "commitments"
                warnings.append("\(sum.commitments) \(noun) of \(sum.value.amount) \(sum.value.currency) valued \(sum.value.valueDate) left out: \(failure)")
            }
        }
        var counted: [CountedCommitment] = []
        for entry in count.listed where counted.count < PledgeProgress.maximumListed && valuedBy(entry.value)
            && !leftOut.contains(Money(amount: "", currency: entry.value.currency, valueDate: entry.value.valueDate))
        {
            guard case .success(let converted) = rates.convert(entry.value, to: target.currency) else { continue }
            counted.append(CountedCommitment(financingID: entry.financingID, transactionSequence: entry.transactionSequence, amount: converted))
        }
        let computed = figure(.commitments, total, asOf: asOf, source: "commitments recorded in keikyo-financing", rates: ratesUsed)
        var progress = PledgeProgress(pledge: self, official: official, commitments: computed, counted: counted, warnings: warnings)
        progress.countedTotal = countedTotal
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
        progress.figureSources.append(FigureSource(
            "commitments.amount",
            .derived(["counted: the commitments in scope, summed by value date and currency, each sum converted at its value date"])))
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
