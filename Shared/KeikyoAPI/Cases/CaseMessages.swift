import CKeikyoProtos
import CProtobufC
import KeikyoModel
import KeikyoWire

// The one place each cases message is read from and written to its protobuf-c struct.

extension ExportCase: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__case__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__Case, arena: inout CArena) {
        m.id = arena.cString(id)
        m.n_external_ids = externalIDs.count
        m.external_ids = arena.messages(externalIDs)
        m.title = arena.message(title)
        m.description = description.isEmpty ? nil : arena.message(description)
        m.field = Keikyo__Cases__V1__Field(rawValue: WireEnum.number(field))
        m.subsector = arena.cString(subsector)
        m.n_dac_purposes = dacPurposes.count
        m.dac_purposes = arena.messages(dacPurposes)
        m.n_countries = countries.count
        m.countries = arena.messages(countries)
        let regionCodes = regions.map(\.rawValue)
        m.n_regions = regionCodes.count
        m.regions = arena.cStrings(regionCodes)
        m.stage = Keikyo__Cases__V1__Stage(rawValue: WireEnum.number(stage))
        m.n_stage_history = stageHistory.count
        m.stage_history = arena.messages(stageHistory)
        let models = businessModels.map { Keikyo__Cases__V1__BusinessModel(rawValue: WireEnum.number($0)) }
        m.n_business_models = models.count
        m.business_models = arena.scalars(models)
        m.ppi_type = arena.cString(ppiType)
        m.n_parties = parties.count
        m.parties = arena.messages(parties)
        m.contract_value = arena.optionalMessage(contractValue)
        m.japanese_share = arena.optionalMessage(japaneseShare)
        m.counts_toward_kpi = countsTowardKPI ? 1 : 0
        m.key_dates = keyDates == KeyDates() ? nil : arena.message(keyDates)
        let tags = policyTags.map { Keikyo__Cases__V1__PolicyTag(rawValue: WireEnum.number($0)) }
        m.n_policy_tags = tags.count
        m.policy_tags = arena.scalars(tags)
        m.n_sdg_goals = sdgGoals.count
        m.sdg_goals = arena.scalars(sdgGoals)
        m.provenance = arena.message(provenance)
        m.notes = arena.cString(notes)
        m.version = version
        m.created_at = arena.cString(Timestamp.string(createdAt))
        m.created_by = arena.cString(createdBy)
        m.updated_at = arena.cString(Timestamp.string(updatedAt))
        m.updated_by = arena.cString(updatedBy)
        m.stage_date = arena.cString(stageDate)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__Case) throws {
        self.init()
        id = ProtobufC.string(m.id)
        externalIDs = try ProtobufC.messages(m.n_external_ids, m.external_ids, as: ExternalID.self, field: "external_ids")
        title = try ProtobufC.message(m.title, as: LocalizedText.self) ?? LocalizedText()
        description = try ProtobufC.message(m.description, as: LocalizedText.self) ?? LocalizedText()
        field = try WireEnum.value(m.field.rawValue, "field")
        subsector = ProtobufC.string(m.subsector)
        dacPurposes = try ProtobufC.messages(m.n_dac_purposes, m.dac_purposes, as: PurposeShare.self, field: "dac_purposes")
        countries = try ProtobufC.messages(m.n_countries, m.countries, as: CountryShare.self, field: "countries")
        stage = try WireEnum.value(m.stage.rawValue, "stage")
        stageHistory = try ProtobufC.messages(m.n_stage_history, m.stage_history, as: StageChange.self, field: "stage_history")
        businessModels = try ProtobufC.scalars(m.n_business_models, m.business_models).enumerated().map { index, model in
            try WireEnum.required(model.rawValue, "business_models[\(index)]")
        }
        ppiType = ProtobufC.string(m.ppi_type)
        parties = try ProtobufC.messages(m.n_parties, m.parties, as: Party.self, field: "parties")
        contractValue = try ProtobufC.message(m.contract_value, as: Money.self)
        japaneseShare = try ProtobufC.message(m.japanese_share, as: Money.self)
        countsTowardKPI = m.counts_toward_kpi != 0
        keyDates = try ProtobufC.message(m.key_dates, as: KeyDates.self) ?? KeyDates()
        policyTags = try ProtobufC.scalars(m.n_policy_tags, m.policy_tags).enumerated().map { index, tag in
            try WireEnum.required(tag.rawValue, "policy_tags[\(index)]")
        }
        sdgGoals = ProtobufC.scalars(m.n_sdg_goals, m.sdg_goals)
        provenance = try ProtobufC.message(m.provenance, as: Provenance.self) ?? Provenance()
        notes = ProtobufC.string(m.notes)
        version = m.version
        createdAt = Timestamp.date(ProtobufC.string(m.created_at))
        createdBy = ProtobufC.string(m.created_by)
        updatedAt = Timestamp.date(ProtobufC.string(m.updated_at))
        updatedBy = ProtobufC.string(m.updated_by)
        stageDate = ProtobufC.string(m.stage_date)
    }
}

extension ExternalID: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__external_id__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__ExternalId, arena: inout CArena) {
        m.scheme = Keikyo__Cases__V1__ExternalIdScheme(rawValue: WireEnum.number(scheme))
        m.value = arena.cString(value)
        m.owner = arena.cString(owner)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__ExternalId) throws {
        self.init(
            scheme: try WireEnum.required(m.scheme.rawValue, "scheme"), value: ProtobufC.string(m.value),
            owner: ProtobufC.string(m.owner))
    }
}

extension CountryShare: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__country_share__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__CountryShare, arena: inout CArena) {
        m.country = arena.cString(country)
        m.percent = arena.cString(percent)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__CountryShare) throws {
        self.init(ProtobufC.string(m.country), percent: ProtobufC.string(m.percent))
    }
}

extension PurposeShare: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__purpose_share__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__PurposeShare, arena: inout CArena) {
        m.dac_code = dacCode
        m.percent = arena.cString(percent)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__PurposeShare) throws {
        self.init(dacCode: m.dac_code, percent: ProtobufC.string(m.percent))
    }
}

extension Party: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__party__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__Party, arena: inout CArena) {
        m.name = arena.message(name)
        m.role = Keikyo__Cases__V1__PartyRole(rawValue: WireEnum.number(role))
        m.kind = Keikyo__Cases__V1__PartyKind(rawValue: WireEnum.number(kind))
        m.country = arena.cString(country)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__Party) throws {
        self.init(
            name: try ProtobufC.message(m.name, as: LocalizedText.self) ?? LocalizedText(),
            role: try WireEnum.required(m.role.rawValue, "role"), kind: try WireEnum.required(m.kind.rawValue, "kind"),
            country: ProtobufC.string(m.country))
    }
}

extension KeyDates: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__key_dates__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__KeyDates, arena: inout CArena) {
        m.mou = arena.cString(mou)
        m.tender = arena.cString(tender)
        m.award = arena.cString(award)
        m.contract_signature = arena.cString(contractSignature)
        m.financial_close = arena.cString(financialClose)
        m.operation_start = arena.cString(operationStart)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__KeyDates) throws {
        self.init(
            mou: ProtobufC.string(m.mou), tender: ProtobufC.string(m.tender), award: ProtobufC.string(m.award),
            contractSignature: ProtobufC.string(m.contract_signature), financialClose: ProtobufC.string(m.financial_close),
            operationStart: ProtobufC.string(m.operation_start))
    }
}

extension Provenance: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__provenance__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__Provenance, arena: inout CArena) {
        m.agency = arena.cString(agency)
        m.document = arena.cString(document)
        m.url = arena.cString(url)
        m.source = arena.source(source)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__Provenance) throws {
        self.init(
            agency: ProtobufC.string(m.agency), document: ProtobufC.string(m.document), url: ProtobufC.string(m.url),
            source: try ProtobufC.source(m.source, "source"))
    }
}

extension StageChange: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__stage_change__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__StageChange, arena: inout CArena) {
        m.stage = Keikyo__Cases__V1__Stage(rawValue: WireEnum.number(stage))
        m.date = arena.cString(date)
        m.note = arena.cString(note)
        m.recorded_at = arena.cString(Timestamp.string(recordedAt))
        m.recorded_by = arena.cString(recordedBy)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__StageChange) throws {
        self.init(
            stage: try WireEnum.required(m.stage.rawValue, "stage"), date: ProtobufC.string(m.date),
            note: ProtobufC.string(m.note), recordedAt: Timestamp.date(ProtobufC.string(m.recorded_at)),
            recordedBy: ProtobufC.string(m.recorded_by))
    }
}

extension CaseFilter: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__case_filter__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__CaseFilter, arena: inout CArena) {
        let fieldNumbers = fields.map { Keikyo__Cases__V1__Field(rawValue: WireEnum.number($0)) }
        m.n_fields = fieldNumbers.count
        m.fields = arena.scalars(fieldNumbers)
        m.n_subsectors = subsectors.count
        m.subsectors = arena.cStrings(subsectors)
        m.n_countries = countries.count
        m.countries = arena.cStrings(countries)
        m.n_regions = regions.count
        m.regions = arena.cStrings(regions.map(\.rawValue))
        let stageNumbers = stages.map { Keikyo__Cases__V1__Stage(rawValue: WireEnum.number($0)) }
        m.n_stages = stageNumbers.count
        m.stages = arena.scalars(stageNumbers)
        m.contract_year_from = contractYearFrom
        m.contract_year_to = contractYearTo
        m.party_name = arena.cString(partyName)
        m.text = arena.cString(text)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__CaseFilter) throws {
        self.init()
        fields = try ProtobufC.scalars(m.n_fields, m.fields).enumerated().map { try WireEnum.required($1.rawValue, "filter.fields[\($0)]") }
        subsectors = ProtobufC.strings(m.n_subsectors, m.subsectors)
        countries = ProtobufC.strings(m.n_countries, m.countries)
        regions = try ProtobufC.strings(m.n_regions, m.regions).enumerated().map { index, code in
            guard let region = Region(rawValue: code) else {
                throw KWPError(invalid: [Violation("filter.regions[\(index)]", "\(code.debugDescription) is not a region")])
            }
            return region
        }
        stages = try ProtobufC.scalars(m.n_stages, m.stages).enumerated().map { try WireEnum.required($1.rawValue, "filter.stages[\($0)]") }
        contractYearFrom = m.contract_year_from
        contractYearTo = m.contract_year_to
        partyName = ProtobufC.string(m.party_name)
        text = ProtobufC.string(m.text)
    }
}

extension CaseChange: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__case_change__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__CaseChange, arena: inout CArena) {
        m.version = version
        m.at = arena.cString(Timestamp.string(at))
        m.by = arena.cString(by)
        m.kind = arena.cString(kind.rawValue)
        m.n_changed_fields = changedFields.count
        m.changed_fields = arena.cStrings(changedFields)
        m.summary = arena.cString(summary)
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__CaseChange) throws {
        self.init(
            version: m.version, at: Timestamp.date(ProtobufC.string(m.at)), by: ProtobufC.string(m.by),
            kind: Kind(rawValue: ProtobufC.string(m.kind)) ?? .updated,
            changedFields: ProtobufC.strings(m.n_changed_fields, m.changed_fields), summary: ProtobufC.string(m.summary))
    }
}

extension OrderTotal: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__cases__v1__order_total__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Cases__V1__OrderTotal, arena: inout CArena) {
        m.year = year
        m.field = Keikyo__Cases__V1__Field(rawValue: WireEnum.number(field))
        m.country = arena.cString(country)
        m.currency = arena.cString(currency)
        m.amount = arena.cString(amount.description)
        m.cases = cases
    }

    public init(protobufC m: borrowing Keikyo__Cases__V1__OrderTotal) throws {
        guard let amount = DecimalAmount(ProtobufC.string(m.amount)) else {
            throw KWPError(invalid: [Violation("amount", "not a decimal")])
        }
        self.init(
            year: m.year, field: try WireEnum.value(m.field.rawValue, "field"), country: ProtobufC.string(m.country),
            currency: ProtobufC.string(m.currency), amount: amount, cases: m.cases)
    }
}
