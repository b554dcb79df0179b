import CKeikyoProtos
import CProtobufC
import KeikyoModel
import KeikyoWire

// The one place each KPI model type is read from and written to its protobuf-c struct.

extension Indicator: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__indicator__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__Indicator, arena: inout CArena) {
        m.code = arena.cString(code)
        m.title = arena.message(title)
        m.unit = Keikyo__Kpi__V1__Unit(rawValue: WireEnum.number(unit))
        m.direction = Keikyo__Kpi__V1__Direction(rawValue: WireEnum.number(direction))
        m.definition = definition.isEmpty ? nil : arena.message(definition)
        m.scope_notes = scopeNotes.isEmpty ? nil : arena.message(scopeNotes)
        let numbers = dimensions.map { Keikyo__Kpi__V1__Dimension(rawValue: WireEnum.number($0)) }
        m.n_dimensions = numbers.count
        m.dimensions = arena.scalars(numbers)
        m.version = version
        m.updated_at = arena.cString(Timestamp.string(updatedAt))
        m.updated_by = arena.cString(updatedBy)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__Indicator) throws {
        self.init(
            code: ProtobufC.string(m.code), title: try ProtobufC.message(m.title, as: LocalizedText.self) ?? LocalizedText(),
            unit: try WireEnum.value(m.unit.rawValue, "unit"), direction: try WireEnum.value(m.direction.rawValue, "direction"),
            dimensions: try ProtobufC.scalars(m.n_dimensions, m.dimensions).enumerated().map { index, value in
                try WireEnum.required(value.rawValue, "dimensions[\(index)]")
            })
        definition = try ProtobufC.message(m.definition, as: LocalizedText.self) ?? LocalizedText()
        scopeNotes = try ProtobufC.message(m.scope_notes, as: LocalizedText.self) ?? LocalizedText()
        version = m.version
        updatedAt = Timestamp.date(ProtobufC.string(m.updated_at))
        updatedBy = ProtobufC.string(m.updated_by)
    }
}

extension KPITarget: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__target__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__Target, arena: inout CArena) {
        m.indicator = arena.cString(indicator)
        m.strategy = arena.message(strategy)
        m.adopted_on = arena.cString(adoptedOn)
        m.baseline_year = baselineYear
        m.baseline_value = arena.cString(baselineValue)
        m.target_year = targetYear
        m.target_value = arena.cString(targetValue)
        m.source = arena.cString(source)
        m.recorded_at = arena.cString(Timestamp.string(recordedAt))
        m.recorded_by = arena.cString(recordedBy)
        m.provenance = arena.source(provenance)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__Target) throws {
        self.init(
            indicator: ProtobufC.string(m.indicator), strategy: try ProtobufC.message(m.strategy, as: LocalizedText.self) ?? LocalizedText(),
            adoptedOn: ProtobufC.string(m.adopted_on), baselineYear: m.baseline_year, baselineValue: ProtobufC.string(m.baseline_value),
            targetYear: m.target_year, targetValue: ProtobufC.string(m.target_value), source: ProtobufC.string(m.source))
        recordedAt = Timestamp.date(ProtobufC.string(m.recorded_at))
        recordedBy = ProtobufC.string(m.recorded_by)
        provenance = try ProtobufC.source(m.provenance, "provenance")
    }
}

extension DimensionValue: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__dimension_value__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__DimensionValue, arena: inout CArena) {
        m.dimension = Keikyo__Kpi__V1__Dimension(rawValue: WireEnum.number(dimension))
        m.value = arena.cString(value)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__DimensionValue) throws {
        self.init(try WireEnum.value(m.dimension.rawValue, "dimension"), ProtobufC.string(m.value))
    }
}

extension Actual: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__actual__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__Actual, arena: inout CArena) {
        m.id = arena.cString(id)
        m.indicator = arena.cString(indicator)
        m.year = year
        m.n_dimensions = dimensions.count
        m.dimensions = arena.messages(dimensions)
        m.value = arena.cString(value)
        m.source = arena.cString(source)
        m.published_on = arena.cString(publishedOn)
        m.status = Keikyo__Kpi__V1__ActualStatus(rawValue: WireEnum.number(status))
        m.supersedes = arena.cString(supersedes)
        m.note = arena.cString(note)
        m.recorded_at = arena.cString(Timestamp.string(recordedAt))
        m.recorded_by = arena.cString(recordedBy)
        m.superseded_by = arena.cString(supersededBy)
        m.measure = Keikyo__Kpi__V1__Measure(rawValue: WireEnum.number(measure))
        m.provenance = arena.source(provenance)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__Actual) throws {
        self.init(
            indicator: ProtobufC.string(m.indicator), year: m.year,
            dimensions: try ProtobufC.messages(m.n_dimensions, m.dimensions, as: DimensionValue.self, field: "dimensions"),
            value: ProtobufC.string(m.value), source: ProtobufC.string(m.source), publishedOn: ProtobufC.string(m.published_on),
            status: try WireEnum.value(m.status.rawValue, "status"), supersedes: ProtobufC.string(m.supersedes), note: ProtobufC.string(m.note))
        id = ProtobufC.string(m.id)
        recordedAt = Timestamp.date(ProtobufC.string(m.recorded_at))
        recordedBy = ProtobufC.string(m.recorded_by)
        supersededBy = ProtobufC.string(m.superseded_by)
        measure = try WireEnum.value(m.measure.rawValue, "measure")
        provenance = try ProtobufC.source(m.provenance, "provenance")
    }
}

extension KPIProgress: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__progress__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__Progress, arena: inout CArena) {
        m.indicator = arena.cString(indicator)
        m.year = year
        m.actual = arena.cString(actual)
        m.n_vintages_used = vintagesUsed.count
        m.vintages_used = arena.messages(vintagesUsed)
        m.target = arena.optionalMessage(target)
        m.share_percent = arena.cString(sharePercent)
        m.gap = arena.cString(gap)
        m.required_cagr_percent = arena.cString(requiredCAGRPercent)
        m.straight_path_value = arena.cString(straightPathValue)
        m.status = Keikyo__Kpi__V1__ProgressStatus(rawValue: WireEnum.number(status))
        m.status_rule = arena.cString(statusRule)
        m.n_figure_sources = figureSources.count
        m.figure_sources = arena.messages(figureSources)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__Progress) throws {
        self.init(
            indicator: ProtobufC.string(m.indicator), year: m.year, actual: ProtobufC.string(m.actual),
            vintagesUsed: try ProtobufC.messages(m.n_vintages_used, m.vintages_used, as: Actual.self, field: "vintages_used"),
            target: try ProtobufC.message(m.target, as: KPITarget.self), sharePercent: ProtobufC.string(m.share_percent),
            gap: ProtobufC.string(m.gap), requiredCAGRPercent: ProtobufC.string(m.required_cagr_percent),
            straightPathValue: ProtobufC.string(m.straight_path_value), status: try WireEnum.value(m.status.rawValue, "status"),
            statusRule: ProtobufC.string(m.status_rule))
        figureSources = try ProtobufC.messages(m.n_figure_sources, m.figure_sources, as: FigureSource.self, field: "figure_sources")
    }
}

extension BreakdownItem: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__breakdown_item__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__BreakdownItem, arena: inout CArena) {
        m.value = arena.cString(value)
        m.amount = arena.cString(amount)
        m.share_percent = arena.cString(sharePercent)
        m.vintage = arena.optionalMessage(vintage)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__BreakdownItem) throws {
        self.init(
            value: ProtobufC.string(m.value), amount: ProtobufC.string(m.amount), sharePercent: ProtobufC.string(m.share_percent),
            vintage: try ProtobufC.message(m.vintage, as: Actual.self))
    }
}

extension Breakdown: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__breakdown__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__Breakdown, arena: inout CArena) {
        m.indicator = arena.cString(indicator)
        m.year = year
        m.dimension = Keikyo__Kpi__V1__Dimension(rawValue: WireEnum.number(dimension))
        m.n_items = items.count
        m.items = arena.messages(items)
        m.total = arena.cString(total)
        m.published_total = arena.cString(publishedTotal)
        m.n_figure_sources = figureSources.count
        m.figure_sources = arena.messages(figureSources)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__Breakdown) throws {
        self.init(
            indicator: ProtobufC.string(m.indicator), year: m.year, dimension: try WireEnum.value(m.dimension.rawValue, "dimension"),
            items: try ProtobufC.messages(m.n_items, m.items, as: BreakdownItem.self, field: "items"), total: ProtobufC.string(m.total))
        publishedTotal = ProtobufC.string(m.published_total)
        figureSources = try ProtobufC.messages(m.n_figure_sources, m.figure_sources, as: FigureSource.self, field: "figure_sources")
    }
}

extension YearOverYearItem: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__year_over_year_item__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__YearOverYearItem, arena: inout CArena) {
        m.value = arena.cString(value)
        m.previous = arena.cString(previous)
        m.current = arena.cString(current)
        m.change = arena.cString(change)
        m.share_of_change_percent = arena.cString(shareOfChangePercent)
        m.published_change = arena.cString(publishedChange)
        m.published_change_source = arena.source(publishedChangeSource)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__YearOverYearItem) throws {
        self.init(
            value: ProtobufC.string(m.value), previous: ProtobufC.string(m.previous), current: ProtobufC.string(m.current),
            change: ProtobufC.string(m.change), shareOfChangePercent: ProtobufC.string(m.share_of_change_percent))
        publishedChange = ProtobufC.string(m.published_change)
        publishedChangeSource = try ProtobufC.source(m.published_change_source, "published_change_source")
    }
}

extension YearOverYear: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__year_over_year__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__YearOverYear, arena: inout CArena) {
        m.indicator = arena.cString(indicator)
        m.year = year
        m.previous_year = previousYear
        m.n_items = items.count
        m.items = arena.messages(items)
        m.total_change = arena.cString(totalChange)
        m.published_total_change = arena.cString(publishedTotalChange)
        m.n_figure_sources = figureSources.count
        m.figure_sources = arena.messages(figureSources)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__YearOverYear) throws {
        self.init(
            indicator: ProtobufC.string(m.indicator), year: m.year, previousYear: m.previous_year,
            items: try ProtobufC.messages(m.n_items, m.items, as: YearOverYearItem.self, field: "items"), totalChange: ProtobufC.string(m.total_change))
        publishedTotalChange = ProtobufC.string(m.published_total_change)
        figureSources = try ProtobufC.messages(m.n_figure_sources, m.figure_sources, as: FigureSource.self, field: "figure_sources")
    }
}

extension ReconcileRow: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__reconcile_row__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__ReconcileRow, arena: inout CArena) {
        m.year = year
        m.field = arena.cString(field)
        m.official_jpy = arena.cString(officialJPY)
        m.cases_jpy = arena.cString(casesJPY)
        m.coverage_percent = arena.cString(coveragePercent)
        m.cases = cases
        m.n_unconverted = unconverted.count
        m.unconverted = arena.cStrings(unconverted)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__ReconcileRow) throws {
        self.init(
            year: m.year, field: ProtobufC.string(m.field), officialJPY: ProtobufC.string(m.official_jpy), casesJPY: ProtobufC.string(m.cases_jpy),
            coveragePercent: ProtobufC.string(m.coverage_percent), cases: m.cases, unconverted: ProtobufC.strings(m.n_unconverted, m.unconverted))
    }
}

extension SectionStatus: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__section_status__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__SectionStatus, arena: inout CArena) {
        m.available = available ? 1 : 0
        m.reason = arena.cString(reason)
        m.message = arena.cString(message)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__SectionStatus) throws {
        self.init(available: m.available != 0, reason: ProtobufC.string(m.reason), message: ProtobufC.string(m.message))
    }
}

extension CountByName: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__count_by_name__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__CountByName, arena: inout CArena) {
        m.name = arena.cString(name)
        m.count = count
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__CountByName) throws {
        self.init(name: ProtobufC.string(m.name), count: m.count)
    }
}

extension PledgeLine: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__pledge_line__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__PledgeLine, arena: inout CArena) {
        m.pledge_id = arena.cString(pledgeID)
        m.name = arena.message(name)
        m.target = arena.cString(target)
        m.official_share_percent = arena.cString(officialSharePercent)
        m.commitments_share_percent = arena.cString(commitmentsSharePercent)
        m.straight_line_percent = arena.cString(straightLinePercent)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__PledgeLine) throws {
        self.init(
            pledgeID: ProtobufC.string(m.pledge_id), name: try ProtobufC.message(m.name, as: LocalizedText.self) ?? LocalizedText(),
            target: ProtobufC.string(m.target), officialSharePercent: ProtobufC.string(m.official_share_percent),
            commitmentsSharePercent: ProtobufC.string(m.commitments_share_percent), straightLinePercent: ProtobufC.string(m.straight_line_percent))
    }
}

extension Dashboard: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__dashboard__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__Dashboard, arena: inout CArena) {
        m.year = year
        m.official_status = arena.message(officialStatus)
        m.progress = arena.optionalMessage(progress)
        m.cases_status = arena.message(casesStatus)
        m.n_cases_by_stage = casesByStage.count
        m.cases_by_stage = arena.messages(casesByStage)
        m.n_cases_by_field = casesByField.count
        m.cases_by_field = arena.messages(casesByField)
        m.pledges_status = arena.message(pledgesStatus)
        m.n_pledges = pledges.count
        m.pledges = arena.messages(pledges)
        m.top_sales_status = arena.message(topSalesStatus)
        m.n_top_sales = topSales.count
        m.top_sales = arena.messages(topSales)
        m.generated_at = arena.cString(Timestamp.string(generatedAt))
        m.n_figure_sources = figureSources.count
        m.figure_sources = arena.messages(figureSources)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__Dashboard) throws {
        self.init()
        year = m.year
        officialStatus = try ProtobufC.message(m.official_status, as: SectionStatus.self) ?? .ok
        progress = try ProtobufC.message(m.progress, as: KPIProgress.self)
        casesStatus = try ProtobufC.message(m.cases_status, as: SectionStatus.self) ?? .ok
        casesByStage = try ProtobufC.messages(m.n_cases_by_stage, m.cases_by_stage, as: CountByName.self, field: "cases_by_stage")
        casesByField = try ProtobufC.messages(m.n_cases_by_field, m.cases_by_field, as: CountByName.self, field: "cases_by_field")
        pledgesStatus = try ProtobufC.message(m.pledges_status, as: SectionStatus.self) ?? .ok
        pledges = try ProtobufC.messages(m.n_pledges, m.pledges, as: PledgeLine.self, field: "pledges")
        topSalesStatus = try ProtobufC.message(m.top_sales_status, as: SectionStatus.self) ?? .ok
        topSales = try ProtobufC.messages(m.n_top_sales, m.top_sales, as: TopSalesTarget.self, field: "top_sales")
        generatedAt = Timestamp.date(ProtobufC.string(m.generated_at))
        figureSources = try ProtobufC.messages(m.n_figure_sources, m.figure_sources, as: FigureSource.self, field: "figure_sources")
    }
}

extension StrategyPillar: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__strategy_pillar__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__StrategyPillar, arena: inout CArena) {
        m.number = number
        m.title = arena.message(title)
        m.n_measures = measures.count
        m.measures = arena.messages(measures)
        m.provenance = arena.source(provenance)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__StrategyPillar) throws {
        self.init(
            number: m.number, title: try ProtobufC.message(m.title, as: LocalizedText.self) ?? LocalizedText(),
            measures: try ProtobufC.messages(m.n_measures, m.measures, as: LocalizedText.self, field: "measures"),
            provenance: try ProtobufC.source(m.provenance, "provenance"))
    }
}

extension Strategy: KWPMessage {
    public static var protobufCDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { keikyo__kpi__v1__strategy__descriptor_ptr() }

    public func fill(_ m: inout Keikyo__Kpi__V1__Strategy, arena: inout CArena) {
        m.id = arena.cString(id)
        m.title = arena.message(title)
        m.decided_on = arena.cString(decidedOn)
        m.period_start = arena.cString(periodStart)
        m.period_end = arena.cString(periodEnd)
        m.outline = outline ? 1 : 0
        m.n_aims = aims.count
        m.aims = arena.messages(aims)
        m.n_pillars = pillars.count
        m.pillars = arena.messages(pillars)
        m.n_directions = directions.count
        m.directions = arena.messages(directions)
        m.provenance = arena.source(provenance)
    }

    public init(protobufC m: borrowing Keikyo__Kpi__V1__Strategy) throws {
        self.init()
        id = ProtobufC.string(m.id)
        title = try ProtobufC.message(m.title, as: LocalizedText.self) ?? LocalizedText()
        decidedOn = ProtobufC.string(m.decided_on)
        periodStart = ProtobufC.string(m.period_start)
        periodEnd = ProtobufC.string(m.period_end)
        outline = m.outline != 0
        aims = try ProtobufC.messages(m.n_aims, m.aims, as: LocalizedText.self, field: "aims")
        pillars = try ProtobufC.messages(m.n_pillars, m.pillars, as: StrategyPillar.self, field: "pillars")
        directions = try ProtobufC.messages(m.n_directions, m.directions, as: LocalizedText.self, field: "directions")
        provenance = try ProtobufC.source(m.provenance, "provenance")
    }
}
