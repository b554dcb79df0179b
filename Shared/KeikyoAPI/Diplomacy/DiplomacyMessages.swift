import CKeikyoProtos
import CProtobufC
import KeikyoModel
import KeikyoWire

// The one place each diplomacy model type is read from and written to its protobuf-c struct.

extension Event: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__event__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__Event, arena: inout CArena) {
        m.id = arena.cString(id)
        m.kind = Keikyo__Diplomacy__V1__EventKind(rawValue: WireEnum.number(kind))
        m.start_date = arena.cString(startDate)
        m.end_date = arena.cString(endDate)
        m.n_countries = countries.count
        m.countries = arena.cStrings(countries)
        m.city = arena.cString(city)
        m.title = arena.message(title)
        m.n_participants = participants.count
        m.participants = arena.messages(participants)
        m.n_counterparts = counterparts.count
        m.counterparts = arena.messages(counterparts)
        m.outcomes = outcomes.isEmpty ? nil : arena.message(outcomes)
        m.n_case_links = caseLinks.count
        m.case_links = arena.messages(caseLinks)
        m.top_sales = isTopSales ? 1 : 0
        m.top_sales_level = Keikyo__Diplomacy__V1__Level(rawValue: WireEnum.number(topSalesLevel))
        m.source = arena.cString(source)
        m.provenance = arena.source(provenance)
        m.notes = arena.cString(notes)
        m.version = version
        m.created_at = arena.cString(Timestamp.string(createdAt))
        m.created_by = arena.cString(createdBy)
        m.updated_at = arena.cString(Timestamp.string(updatedAt))
        m.updated_by = arena.cString(updatedBy)
    }

    /// `top_sales` and `top_sales_level` are derived from the participants, not read.
    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__Event) throws {
        self.init()
        id = ProtobufC.string(m.id)
        kind = try WireEnum.value(m.kind.rawValue, "kind")
        startDate = ProtobufC.string(m.start_date)
        endDate = ProtobufC.string(m.end_date)
        countries = ProtobufC.strings(m.n_countries, m.countries)
        city = ProtobufC.string(m.city)
        title = try ProtobufC.message(m.title, as: LocalizedText.self) ?? LocalizedText()
        participants = try ProtobufC.messages(m.n_participants, m.participants, as: Participant.self, field: "participants")
        counterparts = try ProtobufC.messages(m.n_counterparts, m.counterparts, as: Counterpart.self, field: "counterparts")
        outcomes = try ProtobufC.message(m.outcomes, as: Outcomes.self) ?? Outcomes()
        caseLinks = try ProtobufC.messages(m.n_case_links, m.case_links, as: CaseLink.self, field: "case_links")
        source = ProtobufC.string(m.source)
        provenance = try ProtobufC.source(m.provenance, "provenance")
        notes = ProtobufC.string(m.notes)
        version = m.version
        createdAt = Timestamp.date(ProtobufC.string(m.created_at))
        createdBy = ProtobufC.string(m.created_by)
        updatedAt = Timestamp.date(ProtobufC.string(m.updated_at))
        updatedBy = ProtobufC.string(m.updated_by)
    }
}

extension Participant: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__participant__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__Participant, arena: inout CArena) {
        m.name = arena.cString(name)
        m.post = arena.cString(post)
        m.level = Keikyo__Diplomacy__V1__Level(rawValue: WireEnum.number(level))
        m.agency = arena.cString(agency)
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__Participant) throws {
        self.init(
            name: ProtobufC.string(m.name), post: ProtobufC.string(m.post), level: try WireEnum.value(m.level.rawValue, "level"),
            agency: ProtobufC.string(m.agency))
    }
}

extension Counterpart: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__counterpart__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__Counterpart, arena: inout CArena) {
        m.name = arena.cString(name)
        m.post = arena.cString(post)
        m.country = arena.cString(country)
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__Counterpart) throws {
        self.init(name: ProtobufC.string(m.name), post: ProtobufC.string(m.post), country: ProtobufC.string(m.country))
    }
}

extension Memorandum: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__memorandum__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__Memorandum, arena: inout CArena) {
        m.title = arena.message(title)
        m.url = arena.cString(url)
        m.signed_on = arena.cString(signedOn)
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__Memorandum) throws {
        self.init(
            title: try ProtobufC.message(m.title, as: LocalizedText.self) ?? LocalizedText(), url: ProtobufC.string(m.url),
            signedOn: ProtobufC.string(m.signed_on))
    }
}

extension Outcomes: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__outcomes__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__Outcomes, arena: inout CArena) {
        m.n_statements = statements.count
        m.statements = arena.messages(statements)
        m.n_memoranda = memoranda.count
        m.memoranda = arena.messages(memoranda)
        m.n_pledge_ids = pledgeIDs.count
        m.pledge_ids = arena.cStrings(pledgeIDs)
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__Outcomes) throws {
        self.init(
            statements: try ProtobufC.messages(m.n_statements, m.statements, as: LocalizedText.self, field: "outcomes.statements"),
            memoranda: try ProtobufC.messages(m.n_memoranda, m.memoranda, as: Memorandum.self, field: "outcomes.memoranda"),
            pledgeIDs: ProtobufC.strings(m.n_pledge_ids, m.pledge_ids))
    }
}

extension CaseLink: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__case_link__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__CaseLink, arena: inout CArena) {
        m.case_id = arena.cString(caseID)
        m.relation = Keikyo__Diplomacy__V1__CaseRelation(rawValue: WireEnum.number(relation))
        m.note = arena.cString(note)
        m.linked_at = arena.cString(Timestamp.string(linkedAt))
        m.linked_by = arena.cString(linkedBy)
        m.provenance = arena.source(provenance)
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__CaseLink) throws {
        self.init(
            caseID: ProtobufC.string(m.case_id), relation: try WireEnum.value(m.relation.rawValue, "relation"), note: ProtobufC.string(m.note),
            provenance: try ProtobufC.source(m.provenance, "provenance"))
        linkedAt = Timestamp.date(ProtobufC.string(m.linked_at))
        linkedBy = ProtobufC.string(m.linked_by)
    }
}

extension EventFilter: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__event_filter__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__EventFilter, arena: inout CArena) {
        m.n_countries = countries.count
        m.countries = arena.cStrings(countries)
        let kindNumbers = kinds.map { Keikyo__Diplomacy__V1__EventKind(rawValue: WireEnum.number($0)) }
        m.n_kinds = kindNumbers.count
        m.kinds = arena.scalars(kindNumbers)
        let levelNumbers = levels.map { Keikyo__Diplomacy__V1__Level(rawValue: WireEnum.number($0)) }
        m.n_levels = levelNumbers.count
        m.levels = arena.scalars(levelNumbers)
        m.date_from = arena.cString(dateFrom)
        m.date_to = arena.cString(dateTo)
        m.case_id = arena.cString(caseID)
        m.top_sales_only = topSalesOnly ? 1 : 0
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__EventFilter) throws {
        self.init()
        countries = ProtobufC.strings(m.n_countries, m.countries)
        kinds = try ProtobufC.scalars(m.n_kinds, m.kinds).enumerated().map { index, value in
            try WireEnum.required(value.rawValue, "filter.kinds[\(index)]")
        }
        levels = try ProtobufC.scalars(m.n_levels, m.levels).enumerated().map { index, value in
            try WireEnum.required(value.rawValue, "filter.levels[\(index)]")
        }
        dateFrom = ProtobufC.string(m.date_from)
        dateTo = ProtobufC.string(m.date_to)
        caseID = ProtobufC.string(m.case_id)
        topSalesOnly = m.top_sales_only != 0
    }
}

extension TopSalesCount: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__top_sales_count__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__TopSalesCount, arena: inout CArena) {
        m.year = year
        m.level = Keikyo__Diplomacy__V1__Level(rawValue: WireEnum.number(level))
        m.country = arena.cString(country)
        m.events = events
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__TopSalesCount) throws {
        self.init(year: m.year, level: try WireEnum.value(m.level.rawValue, "level"), country: ProtobufC.string(m.country), events: m.events)
    }
}

extension TopSalesTarget: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__top_sales_target__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__TopSalesTarget, arena: inout CArena) {
        m.year = year
        m.group = arena.cString(group)
        m.events = events
        m.target = target
        m.met = met ? 1 : 0
        m.has_target = hasTarget ? 1 : 0
        m.target_source = arena.source(targetSource)
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__TopSalesTarget) throws {
        self.init(year: m.year, group: ProtobufC.string(m.group), events: m.events, target: m.target, met: m.met != 0, hasTarget: m.has_target != 0)
        targetSource = try ProtobufC.source(m.target_source, "target_source")
    }
}

extension TopSalesTally: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__count_top_sales_response__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__CountTopSalesResponse, arena: inout CArena) {
        m.n_by_level = byLevel.count
        m.by_level = arena.messages(byLevel)
        m.n_by_country = byCountry.count
        m.by_country = arena.messages(byCountry)
        m.n_targets = targets.count
        m.targets = arena.messages(targets)
        m.undated = undated
        m.n_by_group = byGroup.count
        m.by_group = arena.messages(byGroup)
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__CountTopSalesResponse) throws {
        self.init()
        byLevel = try ProtobufC.messages(m.n_by_level, m.by_level, as: TopSalesCount.self, field: "by_level")
        byCountry = try ProtobufC.messages(m.n_by_country, m.by_country, as: TopSalesCount.self, field: "by_country")
        targets = try ProtobufC.messages(m.n_targets, m.targets, as: TopSalesTarget.self, field: "targets")
        undated = m.undated
        byGroup = try ProtobufC.messages(m.n_by_group, m.by_group, as: TopSalesTarget.self, field: "by_group")
    }
}

extension Attribution: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        keikyo__diplomacy__v1__attribution__descriptor_ptr()
    }

    public func fill(_ m: inout Keikyo__Diplomacy__V1__Attribution, arena: inout CArena) {
        m.event_id = arena.cString(eventID)
        m.event_title = arena.message(eventTitle)
        m.event_date = arena.cString(eventDate)
        m.level = Keikyo__Diplomacy__V1__Level(rawValue: WireEnum.number(level))
        m.case_id = arena.cString(caseID)
        m.case_title = arena.message(caseTitle)
        m.country = arena.cString(country)
        m.contracted_on = arena.cString(contractedOn)
        m.months_after = monthsAfter
        m.japanese_share = arena.optionalMessage(japaneseShare)
        m.linked = linked ? 1 : 0
    }

    public init(protobufC m: borrowing Keikyo__Diplomacy__V1__Attribution) throws {
        self.init(
            eventID: ProtobufC.string(m.event_id), eventTitle: try ProtobufC.message(m.event_title, as: LocalizedText.self) ?? LocalizedText(),
            eventDate: ProtobufC.string(m.event_date), level: try WireEnum.value(m.level.rawValue, "level"),
            caseID: ProtobufC.string(m.case_id), caseTitle: try ProtobufC.message(m.case_title, as: LocalizedText.self) ?? LocalizedText(),
            country: ProtobufC.string(m.country), contractedOn: ProtobufC.string(m.contracted_on), monthsAfter: m.months_after,
            japaneseShare: try ProtobufC.message(m.japanese_share, as: Money.self), linked: m.linked != 0)
    }
}
