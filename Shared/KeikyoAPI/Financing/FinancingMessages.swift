import CKeikyoProtos
import CProtobufC
import KeikyoModel
import KeikyoWire

// The one place each financing model type is read from and written to its protobuf-c struct.

extension Financing: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__financing__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__Financing, arena: inout CArena) {
        m.id = arena.cString(id)
        m.n_case_ids = caseIDs.count
        m.case_ids = arena.cStrings(caseIDs)
        m.institution = arena.cString(institution)
        m.instrument = Keikyo__Financing__V1__Instrument(rawValue: WireEnum.number(instrument))
        m.facility = arena.cString(facility)
        m.status = Keikyo__Financing__V1__FinancingStatus(rawValue: WireEnum.number(status))
        m.title = arena.message(title)
        m.loan_terms = arena.optionalMessage(loanTerms)
        m.n_co_financiers = coFinanciers.count
        m.co_financiers = arena.messages(coFinanciers)
        m.n_transactions = transactions.count
        m.transactions = arena.messages(transactions)
        m.n_totals = totals.count
        m.totals = arena.messages(totals)
        m.source = arena.cString(source)
        m.provenance = arena.source(provenance)
        m.url = arena.cString(url)
        m.notes = arena.cString(notes)
        m.version = version
        m.created_at = arena.cString(Timestamp.string(createdAt))
        m.created_by = arena.cString(createdBy)
        m.updated_at = arena.cString(Timestamp.string(updatedAt))
        m.updated_by = arena.cString(updatedBy)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__Financing) throws {
        self.init()
        id = ProtobufC.string(m.id)
        caseIDs = ProtobufC.strings(m.n_case_ids, m.case_ids)
        institution = ProtobufC.string(m.institution)
        instrument = try WireEnum.value(m.instrument.rawValue, "instrument")
        facility = ProtobufC.string(m.facility)
        status = try WireEnum.value(m.status.rawValue, "status")
        title = try ProtobufC.message(m.title, as: LocalizedText.self) ?? LocalizedText()
        loanTerms = try ProtobufC.message(m.loan_terms, as: LoanTerms.self)
        coFinanciers = try ProtobufC.messages(m.n_co_financiers, m.co_financiers, as: CoFinancier.self, field: "co_financiers")
        transactions = try ProtobufC.messages(m.n_transactions, m.transactions, as: Transaction.self, field: "transactions")
        totals = try ProtobufC.messages(m.n_totals, m.totals, as: LedgerTotal.self, field: "totals")
        source = ProtobufC.string(m.source)
        provenance = try ProtobufC.source(m.provenance, "provenance")
        url = ProtobufC.string(m.url)
        notes = ProtobufC.string(m.notes)
        version = m.version
        createdAt = Timestamp.date(ProtobufC.string(m.created_at))
        createdBy = ProtobufC.string(m.created_by)
        updatedAt = Timestamp.date(ProtobufC.string(m.updated_at))
        updatedBy = ProtobufC.string(m.updated_by)
    }
}

extension Transaction: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__transaction__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__Transaction, arena: inout CArena) {
        m.sequence = sequence
        m.type = Keikyo__Financing__V1__TransactionType(rawValue: WireEnum.number(type))
        m.date = arena.cString(date)
        m.value = arena.message(value)
        m.note = arena.cString(note)
        m.financing_id = arena.cString(financingID)
        m.recorded_at = arena.cString(Timestamp.string(recordedAt))
        m.recorded_by = arena.cString(recordedBy)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__Transaction) throws {
        self.init(
            type: try WireEnum.value(m.type.rawValue, "type"), date: ProtobufC.string(m.date),
            value: try ProtobufC.message(m.value, as: Money.self) ?? Money(amount: "", currency: "", valueDate: ""),
            note: ProtobufC.string(m.note))
        sequence = m.sequence
        financingID = ProtobufC.string(m.financing_id)
        recordedAt = Timestamp.date(ProtobufC.string(m.recorded_at))
        recordedBy = ProtobufC.string(m.recorded_by)
    }
}

extension LoanTerms: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__loan_terms__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__LoanTerms, arena: inout CArena) {
        m.interest_rate_percent = arena.cString(interestRatePercent)
        m.maturity_months = maturityMonths
        m.grace_period_months = gracePeriodMonths
        m.repayment_type = Keikyo__Financing__V1__RepaymentType(rawValue: WireEnum.number(repaymentType))
        m.reference_rate = arena.cString(referenceRate)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__LoanTerms) throws {
        self.init(
            interestRatePercent: ProtobufC.string(m.interest_rate_percent), maturityMonths: m.maturity_months,
            gracePeriodMonths: m.grace_period_months, repaymentType: try WireEnum.value(m.repayment_type.rawValue, "repayment_type"),
            referenceRate: ProtobufC.string(m.reference_rate))
    }
}

extension CoFinancier: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__co_financier__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__CoFinancier, arena: inout CArena) {
        m.institution = arena.cString(institution)
        m.amount = arena.optionalMessage(amount)
        m.note = arena.cString(note)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__CoFinancier) throws {
        self.init(
            institution: ProtobufC.string(m.institution), amount: try ProtobufC.message(m.amount, as: Money.self),
            note: ProtobufC.string(m.note))
    }
}

extension LedgerTotal: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__ledger_total__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__LedgerTotal, arena: inout CArena) {
        m.currency = arena.cString(currency)
        m.committed = arena.cString(committed.description)
        m.disbursed = arena.cString(disbursed.description)
        m.repaid = arena.cString(repaid.description)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__LedgerTotal) throws {
        func amount(_ pointer: UnsafeMutablePointer<CChar>?, _ field: String) throws -> DecimalAmount {
            let text = ProtobufC.string(pointer)
            guard let value = DecimalAmount(text.isEmpty ? "0" : text) else { throw KWPError(invalid: [Violation(field, "not a decimal")]) }
            return value
        }
        self.init(
            currency: ProtobufC.string(m.currency), committed: try amount(m.committed, "committed"),
            disbursed: try amount(m.disbursed, "disbursed"), repaid: try amount(m.repaid, "repaid"))
    }
}

extension FinancingFilter: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__financing_filter__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__FinancingFilter, arena: inout CArena) {
        m.n_case_ids = caseIDs.count
        m.case_ids = arena.cStrings(caseIDs)
        m.n_institutions = institutions.count
        m.institutions = arena.cStrings(institutions)
        let instrumentNumbers = instruments.map { Keikyo__Financing__V1__Instrument(rawValue: WireEnum.number($0)) }
        m.n_instruments = instrumentNumbers.count
        m.instruments = arena.scalars(instrumentNumbers)
        let statusNumbers = statuses.map { Keikyo__Financing__V1__FinancingStatus(rawValue: WireEnum.number($0)) }
        m.n_statuses = statusNumbers.count
        m.statuses = arena.scalars(statusNumbers)
        m.year = year
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__FinancingFilter) throws {
        self.init()
        caseIDs = ProtobufC.strings(m.n_case_ids, m.case_ids)
        institutions = ProtobufC.strings(m.n_institutions, m.institutions)
        instruments = try ProtobufC.scalars(m.n_instruments, m.instruments).enumerated().map { index, value in
            try WireEnum.required(value.rawValue, "filter.instruments[\(index)]")
        }
        statuses = try ProtobufC.scalars(m.n_statuses, m.statuses).enumerated().map { index, value in
            try WireEnum.required(value.rawValue, "filter.statuses[\(index)]")
        }
        year = m.year
    }
}

extension RecordChange: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__common__v1__change__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Common__V1__Change, arena: inout CArena) {
        m.version = version
        m.at = arena.cString(Timestamp.string(at))
        m.by = arena.cString(by)
        m.kind = arena.cString(kind)
        m.n_changed_fields = changedFields.count
        m.changed_fields = arena.cStrings(changedFields)
        m.summary = arena.cString(summary)
    }

    public init(protobufC m: borrowing Keikyo__Common__V1__Change) throws {
        self.init(
            version: m.version, at: Timestamp.date(ProtobufC.string(m.at)), by: ProtobufC.string(m.by), kind: ProtobufC.string(m.kind),
            changedFields: ProtobufC.strings(m.n_changed_fields, m.changed_fields), summary: ProtobufC.string(m.summary))
    }
}

extension PledgeScope: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__pledge_scope__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__PledgeScope, arena: inout CArena) {
        m.n_institutions = institutions.count
        m.institutions = arena.cStrings(institutions)
        let instrumentNumbers = instruments.map { Keikyo__Financing__V1__Instrument(rawValue: WireEnum.number($0)) }
        m.n_instruments = instrumentNumbers.count
        m.instruments = arena.scalars(instrumentNumbers)
        let regionCodes = regions.map(\.rawValue)
        m.n_regions = regionCodes.count
        m.regions = arena.cStrings(regionCodes)
        m.n_countries = countries.count
        m.countries = arena.cStrings(countries)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__PledgeScope) throws {
        self.init(
            institutions: ProtobufC.strings(m.n_institutions, m.institutions),
            instruments: try ProtobufC.scalars(m.n_instruments, m.instruments).enumerated().map { index, value in
                try WireEnum.required(value.rawValue, "scope.instruments[\(index)]")
            },
            regions: try ProtobufC.strings(m.n_regions, m.regions).enumerated().map { index, code in
                guard let region = Region(rawValue: code) else {
                    throw KWPError(invalid: [Violation("scope.regions[\(index)]", "\(code.debugDescription) is not a region")])
                }
                return region
            },
            countries: ProtobufC.strings(m.n_countries, m.countries))
    }
}

extension OfficialProgress: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__official_progress__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__OfficialProgress, arena: inout CArena) {
        m.as_of = arena.cString(asOf)
        m.amount = arena.message(amount)
        m.source = arena.cString(source)
        m.url = arena.cString(url)
        m.recorded_at = arena.cString(Timestamp.string(recordedAt))
        m.recorded_by = arena.cString(recordedBy)
        m.provenance = arena.source(provenance)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__OfficialProgress) throws {
        self.init(
            asOf: ProtobufC.string(m.as_of), amount: try ProtobufC.message(m.amount, as: Money.self) ?? Money(amount: "", currency: "", valueDate: ""),
            source: ProtobufC.string(m.source), url: ProtobufC.string(m.url))
        recordedAt = Timestamp.date(ProtobufC.string(m.recorded_at))
        recordedBy = ProtobufC.string(m.recorded_by)
        provenance = try ProtobufC.source(m.provenance, "provenance")
    }
}

extension PledgeContribution: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__pledge_contribution__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__PledgeContribution, arena: inout CArena) {
        m.institution = arena.cString(institution)
        m.amount = arena.message(amount)
        m.description = arena.message(description)
        m.provenance = arena.source(provenance)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__PledgeContribution) throws {
        self.init(
            institution: ProtobufC.string(m.institution),
            amount: try ProtobufC.message(m.amount, as: Money.self) ?? Money(amount: "", currency: "", valueDate: ""),
            description: try ProtobufC.message(m.description, as: LocalizedText.self) ?? LocalizedText(),
            provenance: try ProtobufC.source(m.provenance, "provenance"))
    }
}

extension Pledge: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__pledge__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__Pledge, arena: inout CArena) {
        m.id = arena.cString(id)
        m.name = arena.message(name)
        m.announcing_event_id = arena.cString(announcingEventID)
        m.announced_on = arena.cString(announcedOn)
        m.target = arena.message(target)
        m.period_start = arena.cString(periodStart)
        m.period_end = arena.cString(periodEnd)
        m.scope = arena.message(scope)
        m.n_official_progress = officialProgress.count
        m.official_progress = arena.messages(officialProgress)
        m.notes = arena.cString(notes)
        m.provenance = arena.source(provenance)
        m.n_contributions = contributions.count
        m.contributions = arena.messages(contributions)
        m.version = version
        m.created_at = arena.cString(Timestamp.string(createdAt))
        m.created_by = arena.cString(createdBy)
        m.updated_at = arena.cString(Timestamp.string(updatedAt))
        m.updated_by = arena.cString(updatedBy)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__Pledge) throws {
        self.init()
        id = ProtobufC.string(m.id)
        name = try ProtobufC.message(m.name, as: LocalizedText.self) ?? LocalizedText()
        announcingEventID = ProtobufC.string(m.announcing_event_id)
        announcedOn = ProtobufC.string(m.announced_on)
        target = try ProtobufC.message(m.target, as: Money.self) ?? Money(amount: "", currency: "", valueDate: "")
        periodStart = ProtobufC.string(m.period_start)
        periodEnd = ProtobufC.string(m.period_end)
        scope = try ProtobufC.message(m.scope, as: PledgeScope.self) ?? PledgeScope()
        officialProgress = try ProtobufC.messages(m.n_official_progress, m.official_progress, as: OfficialProgress.self, field: "official_progress")
        notes = ProtobufC.string(m.notes)
        provenance = try ProtobufC.source(m.provenance, "provenance")
        contributions = try ProtobufC.messages(m.n_contributions, m.contributions, as: PledgeContribution.self, field: "contributions")
        version = m.version
        createdAt = Timestamp.date(ProtobufC.string(m.created_at))
        createdBy = ProtobufC.string(m.created_by)
        updatedAt = Timestamp.date(ProtobufC.string(m.updated_at))
        updatedBy = ProtobufC.string(m.updated_by)
    }
}

extension ExchangeRate: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__exchange_rate__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__ExchangeRate, arena: inout CArena) {
        m.currency = arena.cString(currency)
        m.period = arena.cString(period)
        m.type = Keikyo__Financing__V1__RateType(rawValue: WireEnum.number(type))
        m.jpy_per_unit = arena.cString(jpyPerUnit)
        m.source = arena.cString(source)
        m.updated_at = arena.cString(Timestamp.string(updatedAt))
        m.updated_by = arena.cString(updatedBy)
        m.provenance = arena.source(provenance)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__ExchangeRate) throws {
        self.init(
            currency: ProtobufC.string(m.currency), period: ProtobufC.string(m.period), type: try WireEnum.value(m.type.rawValue, "type"),
            jpyPerUnit: ProtobufC.string(m.jpy_per_unit), source: ProtobufC.string(m.source))
        updatedAt = Timestamp.date(ProtobufC.string(m.updated_at))
        updatedBy = ProtobufC.string(m.updated_by)
        provenance = try ProtobufC.source(m.provenance, "provenance")
    }
}

extension ConvertedAmount: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__converted_amount__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__ConvertedAmount, arena: inout CArena) {
        m.original = arena.message(original)
        m.converted = arena.message(converted)
        m.n_rates_used = ratesUsed.count
        m.rates_used = arena.messages(ratesUsed)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__ConvertedAmount) throws {
        let empty = Money(amount: "", currency: "", valueDate: "")
        self.init(
            original: try ProtobufC.message(m.original, as: Money.self) ?? empty,
            converted: try ProtobufC.message(m.converted, as: Money.self) ?? empty,
            ratesUsed: try ProtobufC.messages(m.n_rates_used, m.rates_used, as: ExchangeRate.self, field: "rates_used"))
    }
}

extension ProgressFigure: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__progress_figure__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__ProgressFigure, arena: inout CArena) {
        m.basis = arena.cString(basis.rawValue)
        m.amount = arena.message(amount)
        m.as_of = arena.cString(asOf)
        m.share_percent = arena.cString(sharePercent)
        m.straight_line_percent = arena.cString(straightLinePercent)
        m.pace_percent = arena.cString(pacePercent)
        m.source = arena.cString(source)
        m.n_rates_used = ratesUsed.count
        m.rates_used = arena.messages(ratesUsed)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__ProgressFigure) throws {
        let basisText = ProtobufC.string(m.basis)
        guard let basis = Basis(rawValue: basisText) else { throw KWPError(invalid: [Violation("basis", "\(basisText.debugDescription) is not a basis")]) }
        self.init(
            basis: basis, amount: try ProtobufC.message(m.amount, as: Money.self) ?? Money(amount: "", currency: "", valueDate: ""),
            asOf: ProtobufC.string(m.as_of), sharePercent: ProtobufC.string(m.share_percent),
            straightLinePercent: ProtobufC.string(m.straight_line_percent), pacePercent: ProtobufC.string(m.pace_percent),
            source: ProtobufC.string(m.source),
            ratesUsed: try ProtobufC.messages(m.n_rates_used, m.rates_used, as: ExchangeRate.self, field: "rates_used"))
    }
}

extension CountedCommitment: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__counted_commitment__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__CountedCommitment, arena: inout CArena) {
        m.financing_id = arena.cString(financingID)
        m.transaction_sequence = transactionSequence
        m.amount = arena.message(amount)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__CountedCommitment) throws {
        let empty = Money(amount: "", currency: "", valueDate: "")
        self.init(
            financingID: ProtobufC.string(m.financing_id), transactionSequence: m.transaction_sequence,
            amount: try ProtobufC.message(m.amount, as: ConvertedAmount.self) ?? ConvertedAmount(original: empty, converted: empty, ratesUsed: []))
    }
}

extension PledgeProgress: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__pledge_progress__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__PledgeProgress, arena: inout CArena) {
        m.pledge = arena.message(pledge)
        m.official = arena.optionalMessage(official)
        m.commitments = arena.optionalMessage(commitments)
        m.n_counted = counted.count
        m.counted = arena.messages(counted)
        m.n_warnings = warnings.count
        m.warnings = arena.cStrings(warnings)
        m.n_figure_sources = figureSources.count
        m.figure_sources = arena.messages(figureSources)
        m.counted_total = countedTotal
        m.next_page_token = arena.cString(nextPageToken)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__PledgeProgress) throws {
        self.init(
            pledge: try ProtobufC.message(m.pledge, as: Pledge.self) ?? Pledge(),
            official: try ProtobufC.message(m.official, as: ProgressFigure.self),
            commitments: try ProtobufC.message(m.commitments, as: ProgressFigure.self),
            counted: try ProtobufC.messages(m.n_counted, m.counted, as: CountedCommitment.self, field: "counted"),
            warnings: ProtobufC.strings(m.n_warnings, m.warnings))
        figureSources = try ProtobufC.messages(m.n_figure_sources, m.figure_sources, as: FigureSource.self, field: "figure_sources")
        countedTotal = m.counted_total
        nextPageToken = ProtobufC.string(m.next_page_token)
    }
}

extension CommitmentTotal: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__commitment_total__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__CommitmentTotal, arena: inout CArena) {
        m.year = year
        m.institution = arena.cString(institution)
        m.instrument = Keikyo__Financing__V1__Instrument(rawValue: WireEnum.number(instrument))
        m.currency = arena.cString(currency)
        m.amount = arena.cString(amount)
        m.commitments = commitments
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__CommitmentTotal) throws {
        self.init(
            year: m.year, institution: ProtobufC.string(m.institution), instrument: try WireEnum.value(m.instrument.rawValue, "instrument"),
            currency: ProtobufC.string(m.currency), amount: ProtobufC.string(m.amount), commitments: m.commitments)
    }
}

extension ProgrammeFocus: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__programme_focus__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__ProgrammeFocus, arena: inout CArena) {
        m.field = arena.cString(field)
        m.n_countries = countries.count
        m.countries = arena.cStrings(countries)
        m.n_country_groups = countryGroups.count
        m.country_groups = arena.cStrings(countryGroups)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__ProgrammeFocus) throws {
        self.init(
            field: ProtobufC.string(m.field), countries: ProtobufC.strings(m.n_countries, m.countries),
            countryGroups: ProtobufC.strings(m.n_country_groups, m.country_groups))
    }
}

extension SupportProgramme: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__financing__v1__support_programme__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Financing__V1__SupportProgramme, arena: inout CArena) {
        m.id = arena.cString(id)
        m.institution = arena.cString(institution)
        m.n_partners = partners.count
        m.partners = arena.cStrings(partners)
        m.name = arena.message(name)
        m.kind = Keikyo__Financing__V1__ProgrammeKind(rawValue: WireEnum.number(kind))
        m.period_start = arena.cString(periodStart)
        m.period_end = arena.cString(periodEnd)
        m.n_focus = focus.count
        m.focus = arena.messages(focus)
        m.amount = arena.optionalMessage(amount)
        m.n_measures = measures.count
        m.measures = arena.messages(measures)
        m.facility = arena.cString(facility)
        m.covid_19 = covid19 ? 1 : 0
        m.provenance = arena.source(provenance)
        m.notes = arena.cString(notes)
        m.version = version
        m.created_at = arena.cString(Timestamp.string(createdAt))
        m.created_by = arena.cString(createdBy)
    }

    public init(protobufC m: borrowing Keikyo__Financing__V1__SupportProgramme) throws {
        self.init()
        id = ProtobufC.string(m.id)
        institution = ProtobufC.string(m.institution)
        partners = ProtobufC.strings(m.n_partners, m.partners)
        name = try ProtobufC.message(m.name, as: LocalizedText.self) ?? LocalizedText()
        kind = try WireEnum.value(m.kind.rawValue, "kind")
        periodStart = ProtobufC.string(m.period_start)
        periodEnd = ProtobufC.string(m.period_end)
        focus = try ProtobufC.messages(m.n_focus, m.focus, as: ProgrammeFocus.self, field: "focus")
        amount = try ProtobufC.message(m.amount, as: Money.self)
        measures = try ProtobufC.messages(m.n_measures, m.measures, as: LocalizedText.self, field: "measures")
        facility = ProtobufC.string(m.facility)
        covid19 = m.covid_19 != 0
        provenance = try ProtobufC.source(m.provenance, "provenance")
        notes = ProtobufC.string(m.notes)
        version = m.version
        createdAt = Timestamp.date(ProtobufC.string(m.created_at))
        createdBy = ProtobufC.string(m.created_by)
    }
}
