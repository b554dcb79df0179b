import ArgumentParser
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoWire

/// `keikyo kpi ...`: how far the strategy is from its targets.
struct KPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Indicators, official figures and progress toward the targets; the dashboard and the orders chart.",
        subcommands: [
            Progress.self, Breakdown.self, YearOverYear.self, Reconcile.self, DashboardCommand.self, Chart.self, Indicators.self, Actuals.self,
            RecordActual.self, Strategies.self,
        ])

    struct Strategies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The council's strategies and outlines: aims, pillars and measures, with their sources.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "One strategy's id; every strategy when omitted.") var id: String?

        func run() async throws {
            try await connection.withClient(.kpi) { client in
                let strategies: [Strategy]
                if let id {
                    strategies = [try await client.unary(KPIServiceAPI.getStrategy, GetStrategyRequest(id: id), options: connection.call.kwpOptions)]
                } else {
                    strategies = try await client.unary(KPIServiceAPI.listStrategies, ListStrategiesRequest(), options: connection.call.kwpOptions).strategies
                }
                if connection.json { return try strategies.forEach { try connection.printJSON($0) } }
                for strategy in strategies {
                    var lines: [String] = ["\(strategy.id)  \(strategy.title.preferred)\(strategy.outline ? " (outline)" : "")"]
                    lines.append("  decided \(strategy.decidedOn); period \(strategy.periodStart)..\(strategy.periodEnd); \(strategy.provenance.citation)")
                    for aim in strategy.aims { lines.append("  aim: \(aim.preferred)") }
                    for pillar in strategy.pillars {
                        lines.append("  \(pillar.number). \(pillar.title.preferred)  [\(pillar.provenance.citation)]")
                        for measure in pillar.measures { lines.append("     - \(measure.preferred)") }
                    }
                    for direction in strategy.directions { lines.append("  direction: \(direction.preferred)") }
                    print(lines.joined(separator: "\n") + "\n")
                }
            }
        }
    }

    struct IndicatorOption: ParsableArguments {
        @Option(help: "Indicator code.") var indicator: String = SeedKPI.infrastructureOrders
    }

    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Actual, target, share reached, gap, growth still needed, and status.")
        @OptionGroup var connection: ServiceConnection
        @OptionGroup var indicator: IndicatorOption
        @Option(help: "Year (default: the latest with figures).") var year: UInt32 = 0

        func run() async throws {
            try await connection.withClient(.kpi) { client in
                let progress = try await client.unary(
                    KPIServiceAPI.getProgress, GetProgressRequest(indicator: indicator.indicator, year: year), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(progress) }
                print(KPIText.progress(progress))
            }
        }
    }

    struct Breakdown: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A year's figures by field, with shares.")
        @OptionGroup var connection: ServiceConnection
        @OptionGroup var indicator: IndicatorOption
        @Option(help: "Year.") var year: UInt32

        func run() async throws {
            try await connection.withClient(.kpi) { client in
                let breakdown = try await client.unary(
                    KPIServiceAPI.getBreakdown, GetBreakdownRequest(indicator: indicator.indicator, year: year), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(breakdown) }
                var table = TextTable("FIELD", "VALUE", "SHARE %", "SOURCE")
                for item in breakdown.items { table.add(item.value, item.amount, item.sharePercent, item.vintage?.citedSource.citation ?? "") }
                table.add("SUM OF FIELDS", breakdown.total, "100", "derived")
                if !breakdown.publishedTotal.isEmpty {
                    table.add("PUBLISHED TOTAL", breakdown.publishedTotal, "", KPIText.cited("published_total", in: breakdown.figureSources))
                }
                print(table.render())
            }
        }
    }

    struct YearOverYear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "yoy", abstract: "Per field: the change on an earlier year and its share of the total change.")
        @OptionGroup var connection: ServiceConnection
        @OptionGroup var indicator: IndicatorOption
        @Option(help: "Year.") var year: UInt32
        @Option(help: "Compared with (default: the latest earlier year with figures).") var previous: UInt32 = 0

        func run() async throws {
            try await connection.withClient(.kpi) { client in
                let change = try await client.unary(
                    KPIServiceAPI.getYearOverYear, GetYearOverYearRequest(indicator: indicator.indicator, year: year, previousYear: previous),
                    options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(change) }
                var table = TextTable("FIELD", String(change.previousYear), String(change.year), "CHANGE (DERIVED)", "PUBLISHED", "SHARE OF CHANGE %")
                for item in change.items {
                    table.add(item.value, item.previous, item.current, KPIText.signed(item.change), KPIText.signed(item.publishedChange), item.shareOfChangePercent)
                }
                table.add("TOTAL", "", "", KPIText.signed(change.totalChange), KPIText.signed(change.publishedTotalChange), "100")
                let cited = Set(change.items.filter { !$0.publishedChange.isEmpty }.map(\.publishedChangeSource.citation))
                if !cited.isEmpty { print("published: " + cited.sorted().joined(separator: "; ")) }
                print(table.render())
            }
        }
    }

    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Official figures beside the registered cases' Japanese shares (converted with the financing service's rates).")
        @OptionGroup var connection: ServiceConnection
        @Option(name: .customLong("year-from")) var yearFrom: UInt32 = 0
        @Option(name: .customLong("year-to")) var yearTo: UInt32 = 0

        func run() async throws {
            try await connection.withClient(.kpi) { client in
                let reply = try await client.unary(
                    KPIServiceAPI.reconcile, ReconcileRequest(yearFrom: yearFrom, yearTo: yearTo), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(reply) }
                var table = TextTable("YEAR", "FIELD", "OFFICIAL JPY", "CASES JPY", "CASES", "COVERAGE %", "NOT CONVERTED")
                for row in reply.rows {
                    table.add(
                        String(row.year), row.field, row.officialJPY, row.casesJPY, String(row.cases), row.coveragePercent,
                        row.unconverted.joined(separator: ", "))
                }
                print(table.render())
                for rate in reply.ratesUsed { print("rate: \(rate)") }
            }
        }
    }

    struct DashboardCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dashboard", abstract: "Official progress, cases, pledges and top sales in one call; --markdown for a meeting report.")
        @OptionGroup var connection: ServiceConnection
        @Option(help: "Year (default: the latest with figures).") var year: UInt32 = 0
        @Flag(help: "Write a Markdown report.") var markdown = false

        func run() async throws {
            try await connection.withClient(.kpi) { client in
                let dashboard = try await client.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(year: year), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(dashboard) }
                print(markdown ? KPIText.markdown(dashboard) : KPIText.dashboard(dashboard))
            }
        }
    }

    struct Chart: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the orders chart: stacked bars by field per year and the target path to 2020, 2025 and 2030 (SVG).")
        @OptionGroup var connection: ServiceConnection
        @Option(help: "The SVG file to write, or - for standard output.") var out: String = "orders.svg"
        @Option(help: "Labels in ja or en.") var lang: String = "ja"

        func run() async throws {
            guard let language = OrdersChart.Language(rawValue: lang.lowercased()) else { throw ValidationError("--lang: ja or en") }
            try await connection.withClient(.kpi) { client in
                let code = SeedKPI.infrastructureOrders
                let detail = try await client.unary(KPIServiceAPI.getIndicator, GetIndicatorRequest(code: code), options: connection.call.kwpOptions)
                let actuals = try await client.allActuals(ListActualsRequest(indicator: code, currentOnly: true), options: connection.call.kwpOptions)
                let svg = OrdersChart(
                    figures: IndicatorFigures(indicator: detail.indicator, targets: detail.targets, actuals: actuals), language: language
                ).svg
                if out == "-" {
                    print(svg, terminator: "")
                } else {
                    do {
                        try Data(svg.utf8).write(to: URL(fileURLWithPath: out))
                    } catch {
                        throw ValidationError("cannot write \(out): \(error.localizedDescription)")
                    }
                    print("wrote \(out)")
                }
            }
        }
    }

    struct Indicators: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The indicators and their targets.")
        @OptionGroup var connection: ServiceConnection

        func run() async throws {
            try await connection.withClient(.kpi) { client in
                let list = try await client.unary(KPIServiceAPI.listIndicators, ListIndicatorsRequest(), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(list) }
                var table = TextTable("CODE", "UNIT", "TARGETS", "TITLE")
                for indicator in list.indicators {
                    let detail = try await client.unary(KPIServiceAPI.getIndicator, GetIndicatorRequest(code: indicator.code), options: connection.call.kwpOptions)
                    let targets = detail.targets.map { $0.targetYear == 0 ? "≥ \($0.targetValue) a year" : "\($0.targetValue) in \($0.targetYear)" }
                    table.add(indicator.code, indicator.unit?.rawValue ?? "", targets.joined(separator: "; "), indicator.title.preferred)
                }
                print(table.render())
            }
        }
    }

    struct Actuals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Official figures with their vintages (superseded ones too, unless --current), one page at a time (or --all).")
        @OptionGroup var connection: ServiceConnection
        @OptionGroup var indicator: IndicatorOption
        @Flag(help: "Only the figures not superseded.") var current = false
        @Option(name: .customLong("page-size"), help: "Figures per page, up to 1000.") var pageSize: UInt32 = 100
        @Option(name: .customLong("page-token"), help: "next_page_token of the previous page.") var pageToken: String = ""
        @Flag(help: "Follow the pages to the end.") var all = false

        func run() async throws {
            let request = ListActualsRequest(indicator: indicator.indicator, currentOnly: current, pageSize: pageSize)
            try await connection.withClient(.kpi) { client in
                try await PagedListing(
                    connection: connection, table: TextTable("ID", "YEAR", "BREAKDOWN", "VALUE", "STATUS", "PUBLISHED", "SUPERSEDED BY", "SOURCE"),
                    all: all,
                    fetch: { token in
                        var request = request
                        request.pageToken = token
                        return try await client.unary(KPIServiceAPI.listActuals, request, options: connection.call.kwpOptions)
                    },
                    read: { page in
                        let rows = page.actuals.map { actual in
                            [actual.id, String(actual.year), actual.dimensions.map(\.value).joined(separator: ",").ifEmpty("total"), actual.value,
                                actual.status?.rawValue ?? "", actual.publishedOn, actual.supersededBy, actual.source]
                        }
                        return (rows, page.nextPageToken, nil)
                    }
                ).run(from: pageToken)
            }
        }
    }

    struct RecordActual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-actual", abstract: "Record an official figure; a revision names the figure it supersedes (which is kept).",
            discussion: "Example: keikyo kpi record-actual --year 2023 --value 33.1 --source \"...\" --published-on 2025-06 --status provisional --agency CAS")
        @OptionGroup var connection: ServiceConnection
        @OptionGroup var indicator: IndicatorOption
        @Option(help: "Year the figure is for.") var year: UInt32
        @Option(help: "Field (for a figure of one field; default: the total).") var field: String?
        @Option(help: "Decimal value in the indicator's unit.") var value: String
        @Option(help: "Where it was published.") var source: String
        @Option(name: .customLong("published-on"), help: "YYYY, YYYY-MM or YYYY-MM-DD.") var publishedOn: String
        @Option(help: "PROVISIONAL or FINAL.") var status: String
        @Option(help: "The id of the figure this revises.") var supersedes: String = ""

        func run() async throws {
            let dimensions = try field.map { [DimensionValue(.field, try codeListValue($0, as: KPIField.self, flag: "--field").rawValue)] } ?? []
            let actual = Actual(
                indicator: indicator.indicator, year: year, dimensions: dimensions, value: value, source: source, publishedOn: publishedOn,
                status: try codeListValue(status, as: ActualStatus.self, flag: "--status"), supersedes: supersedes)
            try await connection.withClient(.kpi) { client in
                let stored = try await client.unary(KPIServiceAPI.recordActual, RecordActualRequest(actual), metadata: connection.metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(stored) } else { print("recorded \(stored.id)") }
            }
        }
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}

/// Showing KPI replies.
enum KPIText {
    static func signed(_ value: String) -> String { value.hasPrefix("-") || value == "0" || value.isEmpty ? value : "+" + value }

    /// `value` rounded to as many decimals as the figures it comes from have (the JSON keeps
    /// full precision): a path between 31 and 45 reads 30, not 30.142857.
    static func rounded(_ value: String, like inputs: [String]) -> String {
        guard let micros = SignedDecimal.micros(value) else { return value }
        let decimals = inputs.map { $0.split(separator: ".").dropFirst().first?.count ?? 0 }.max() ?? 0
        let unit = (0..<(6 - min(decimals, 6))).reduce(Int128(1)) { product, _ in product * 10 }
        let magnitude = (abs(micros) + unit / 2) / unit * unit
        let text = DecimalAmount(micros: magnitude).description
        let padded = decimals == 0 || text.contains(".") ? text : text + "." + String(repeating: "0", count: decimals)
        let parts = padded.split(separator: ".", omittingEmptySubsequences: false)
        let fixed = parts.count == 2 && parts[1].count < decimals ? padded + String(repeating: "0", count: decimals - parts[1].count) : padded
        return micros < 0 && magnitude != 0 ? "-" + fixed : fixed
    }

    /// How a number's source reads in a table: where it was published, or "derived".
    static func cited(_ figure: String, in sources: [FigureSource]) -> String {
        sources.first { $0.figure == figure }.map { $0.source.kind == .derived ? "derived" : $0.source.citation } ?? ""
    }

    static func progress(_ progress: KPIProgress) -> String {
        var lines: [(String, String)] = [("indicator", progress.indicator), ("year", String(progress.year)), ("actual", progress.actual)]
        lines.append(("  source", cited("actual", in: progress.figureSources)))
        for vintage in progress.vintagesUsed {
            lines.append(("  vintage", "\(vintage.id): \(vintage.value) \(vintage.status?.rawValue ?? ""), published \(vintage.publishedOn) (\(vintage.citedSource.citation))"))
        }
        if let target = progress.target {
            let inputs = [progress.actual, target.targetValue, target.baselineValue]
            lines.append(("target", target.targetYear == 0 ? "≥ \(target.targetValue) a year" : "\(target.targetValue) in \(target.targetYear) (\(target.strategy.preferred))"))
            lines.append(("  source", target.citedSource.citation))
            lines.append(("share reached", "\(progress.sharePercent)% (derived)"))
            lines.append(("gap", rounded(progress.gap, like: inputs) + " (derived)"))
            if !progress.requiredCAGRPercent.isEmpty { lines.append(("growth needed", "\(progress.requiredCAGRPercent)% a year (derived)")) }
            lines.append(("straight path", rounded(progress.straightPathValue, like: inputs) + " (derived)"))
            lines.append(("status", progress.status?.rawValue ?? ""))
        }
        return RecordText.aligned(lines)
    }

    static func topSalesTarget(_ line: TopSalesTarget) -> (target: String, met: String) {
        line.hasTarget ? ("≥ \(line.target)", line.met ? "yes" : "no") : ("none set", "—")
    }

    static func dashboard(_ dashboard: Dashboard) -> String {
        var out: [String] = []
        out.append("== Orders (\(dashboard.year)) ==")
        out.append(dashboard.progress.map(progress) ?? unavailable(dashboard.officialStatus))
        out.append("\n== Cases ==")
        if dashboard.casesStatus.available {
            out.append(dashboard.casesByStage.filter { $0.count > 0 }.map { "\($0.name) \($0.count)" }.joined(separator: "  "))
            out.append(dashboard.casesByField.filter { $0.count > 0 }.map { "\($0.name) \($0.count)" }.joined(separator: "  "))
        } else {
            out.append(unavailable(dashboard.casesStatus))
        }
        out.append("\n== Pledges ==")
        if dashboard.pledgesStatus.available {
            var table = TextTable("PLEDGE", "TARGET", "OFFICIAL %", "COMMITMENTS %", "STRAIGHT LINE %")
            for line in dashboard.pledges {
                table.add(line.name.preferred, line.target, line.officialSharePercent, line.commitmentsSharePercent, line.straightLinePercent)
            }
            out.append(table.render())
        } else {
            out.append(unavailable(dashboard.pledgesStatus))
        }
        out.append("\n== Top sales ==")
        if dashboard.topSalesStatus.available {
            var table = TextTable("YEAR", "GROUP", "EVENTS", "TARGET", "MET")
            for line in dashboard.topSales {
                let (target, met) = topSalesTarget(line)
                table.add(String(line.year), line.group, String(line.events), target, met)
            }
            out.append(table.render())
        } else {
            out.append(unavailable(dashboard.topSalesStatus))
        }
        return out.joined(separator: "\n")
    }

    static func unavailable(_ status: SectionStatus) -> String { "UNAVAILABLE \(status.reason): \(status.message)" }

    static func markdown(_ dashboard: Dashboard) -> String {
        var out = ["# Infrastructure export strategy: status", "", "Generated \(Timestamp.string(dashboard.generatedAt)).", "", "## Orders (\(dashboard.year))", ""]
        if let progress = dashboard.progress, let target = progress.target {
            out.append("| actual | target | share reached | gap | growth needed a year | straight path | status |")
            out.append("|---|---|---|---|---|---|---|")
            let inputs = [progress.actual, target.targetValue, target.baselineValue]
            out.append(
                "| \(progress.actual) | \(target.targetValue) (\(target.targetYear)) | \(progress.sharePercent)% | \(rounded(progress.gap, like: inputs)) | \(progress.requiredCAGRPercent)% | \(rounded(progress.straightPathValue, like: inputs)) | \(progress.status?.rawValue ?? "") |")
            out.append("")
            out.append("Figures used: " + progress.vintagesUsed.map { "\($0.id) (\($0.status?.rawValue ?? ""), \($0.publishedOn); \($0.citedSource.citation))" }.joined(separator: ", ") + ".")
            out.append("Target: \(target.citedSource.citation). Share, gap, growth needed, straight path and status are derived by Keikyo from these.")
        } else {
            out.append("*Unavailable: \(dashboard.officialStatus.reason) — \(dashboard.officialStatus.message)*")
        }
        out += ["", "## Cases", ""]
        if dashboard.casesStatus.available {
            out.append("| stage | cases |")
            out.append("|---|---|")
            for count in dashboard.casesByStage where count.count > 0 { out.append("| \(count.name) | \(count.count) |") }
            out += ["", "| field | cases |", "|---|---|"]
            for count in dashboard.casesByField where count.count > 0 { out.append("| \(count.name) | \(count.count) |") }
        } else {
            out.append("*Unavailable: \(dashboard.casesStatus.reason) — \(dashboard.casesStatus.message)*")
        }
        out += ["", "## Pledges", ""]
        if dashboard.pledgesStatus.available {
            out.append("| pledge | target | official | commitments | straight line |")
            out.append("|---|---|---|---|---|")
            for line in dashboard.pledges {
                out.append("| \(line.name.preferred) | \(line.target) | \(line.officialSharePercent)% | \(line.commitmentsSharePercent)% | \(line.straightLinePercent)% |")
            }
        } else {
            out.append("*Unavailable: \(dashboard.pledgesStatus.reason) — \(dashboard.pledgesStatus.message)*")
        }
        out += ["", "## Top sales", ""]
        if dashboard.topSalesStatus.available {
            out.append("| year | group | events | target | met |")
            out.append("|---|---|---|---|---|")
            for line in dashboard.topSales {
                let (target, met) = topSalesTarget(line)
                out.append("| \(line.year) | \(line.group) | \(line.events) | \(target) | \(met) |")
            }
            let targetSources = dashboard.topSales.filter(\.hasTarget).map(\.targetSource.citation)
            out.append("")
            out.append(targetSources.isEmpty
                ? "No top-sales target is set: the strategy's documents publish none that Keikyo holds (CAS or METI set one with its source)."
                : "Targets: " + Set(targetSources).sorted().joined(separator: "; ") + ".")
        } else {
            out.append("*Unavailable: \(dashboard.topSalesStatus.reason) — \(dashboard.topSalesStatus.message)*")
        }
        return out.joined(separator: "\n")
    }
}
