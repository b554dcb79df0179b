import Foundation
import KeikyoModel
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("KPI model")
struct KPIModelTests {
    static var seedFigures: IndicatorFigures {
        IndicatorFigures(
            indicator: SeedKPI.indicators[0], targets: SeedKPI.targets.filter { $0.indicator == SeedKPI.infrastructureOrders },
            actuals: SeedKPI.actuals)
    }

    @Test("progress against hand-computed values: share, gap, growth still needed, straight path, status")
    func progress() throws {
        let figures = Self.seedFigures
        // 2018: the published 25 (not the table's 24.8) of 30 in 2020; path 10 + 20 × 8/10 = 26;
        // (30/25)^(1/2) - 1 = 9.54%; 25 ≥ 0.9 × 26.
        let y2018 = try #require(figures.progress(year: 2018))
        #expect(y2018.actual == "25" && y2018.vintagesUsed.map(\.id) == ["actual-orders-2018-total"])
        #expect(y2018.target?.targetYear == 2020 && y2018.sharePercent == "83.33" && y2018.gap == "5")
        #expect(y2018.requiredCAGRPercent == "9.54" && y2018.straightPathValue == "26" && y2018.status == .atRisk)
        let sources = Dictionary(uniqueKeysWithValues: y2018.figureSources.map { ($0.figure, $0.source) })
        #expect(sources["actual"]?.kind == .seedDocument && sources["actual"]?.lines == "113")
        #expect(sources["required_cagr_percent"]?.kind == .derived && sources["straight_path_value"]?.kind == .derived)
        #expect(figures.progress(year: 2010)?.actual == "10", "the published baseline, not the table's 10.3")
        // 2017 has no published total: the sum of its fields, said to be derived.
        let y2017 = try #require(figures.progress(year: 2017))
        #expect(y2017.actual == "23.1" && y2017.figureSources.first { $0.figure == "actual" }?.source.kind == .derived)
        // 2022: 31 of 34 in 2025 (baseline 25 in 2018); path 25 + 9 × 4/7 = 30.142857; (34/31)^(1/3) - 1 = 3.128%.
        let y2022 = try #require(figures.progress(year: 0))
        #expect(y2022.year == 2022 && y2022.vintagesUsed.map(\.id) == ["actual-orders-2022-total"])
        #expect(y2022.sharePercent == "91.18" && y2022.gap == "3" && y2022.requiredCAGRPercent == "3.13")
        #expect(y2022.straightPathValue == "30.142857" && y2022.status == .onTrack)

        var low = figures
        low.actuals.append(Actual(indicator: SeedKPI.infrastructureOrders, year: 2020, value: "26.9", source: "test", publishedOn: "2021", status: .final))
        // 26.9 against a path of 30: 3.1 below, more than 10% of 30.
        #expect(low.progress(year: 2020)?.status == .offTrack && low.progress(year: 2020)?.gap == "3.1")
        #expect(low.progress(year: 2020)?.requiredCAGRPercent == "", "no growth is needed in the target year itself")
        #expect(figures.progress(year: 2015) == nil)
    }

    @Test("a revision supersedes a provisional figure without erasing it, and progress uses the revision")
    func vintages() throws {
        var figures = Self.seedFigures
        var provisional = Actual(indicator: SeedKPI.infrastructureOrders, year: 2023, value: "33", source: "first release", publishedOn: "2024-06", status: .provisional)
        provisional.id = "actual-2023-p"
        var final = Actual(
            indicator: SeedKPI.infrastructureOrders, year: 2023, value: "33.4", source: "revision", publishedOn: "2025-06", status: .final,
            supersedes: "actual-2023-p")
        final.id = "actual-2023-f"
        figures.actuals += [provisional]
        #expect(figures.progress(year: 2023)?.actual == "33")
        figures.actuals += [final]
        let progress = try #require(figures.progress(year: 2023))
        #expect(progress.actual == "33.4" && progress.vintagesUsed.map(\.id) == ["actual-2023-f"])
        #expect(figures.actuals.contains(provisional) && !figures.current.contains(provisional))
        #expect(provisional.seriesKey == final.seriesKey)
    }

    @Test("year over year 2018: the seed's published contributions (energy +0.6, transport +0.4, ICT +0.3, new fields +0.3, about +2 in all) beside the table's differences")
    func yearOverYear() throws {
        let change = try #require(Self.seedFigures.yearOverYear(year: 2018, previousYear: 0, dimension: .field))
        #expect(change.previousYear == 2017)
        #expect(change.publishedTotalChange == "2" && change.totalChange == "1.7")
        let derived = Dictionary(uniqueKeysWithValues: change.items.map { ($0.value, $0.change) })
        let published = Dictionary(uniqueKeysWithValues: change.items.map { ($0.value, $0.publishedChange) })
        #expect(published["ENERGY"] == "0.6" && published["TRANSPORT"] == "0.4" && published["ICT"] == "0.3" && published["NEW_FIELDS"] == "0.3")
        #expect(derived["ENERGY"] == "0.6" && derived["TRANSPORT"] == "0.5" && derived["ICT"] == "0.3" && derived["NEW_FIELDS"] == "0.3")
        #expect(published["INFRASTRUCTURE_DEVELOPMENT"] == "" && derived["INFRASTRUCTURE_DEVELOPMENT"] == "-0.1" && derived["ICT_TELECOM_EQUIPMENT"] == "0")
        let transport = try #require(change.items.first { $0.value == "TRANSPORT" })
        #expect(transport.publishedChangeSource.kind == .seedDocument && transport.publishedChangeSource.lines == "117")
        // Shares of the published +2 where published, else of the derived 1.7.
        #expect(change.items.first { $0.value == "ENERGY" }?.shareOfChangePercent == "30")
        #expect(change.items.first { $0.value == "INFRASTRUCTURE_DEVELOPMENT" }?.shareOfChangePercent == "-5.88")
        #expect(change.figureSources.contains { $0.figure == "total_change" && $0.source.kind == .derived })
        #expect(change.figureSources.contains { $0.figure == "published_total_change" && $0.source.lines == "113-114" })
        let breakdown = Self.seedFigures.breakdown(year: 2018, dimension: .field)
        #expect(breakdown.total == "24.8" && breakdown.publishedTotal == "25")
        #expect(breakdown.items.first?.value == "ENERGY" && breakdown.items.first?.sharePercent == "20.56")
        // Against a year with no published changes, only the derived ones.
        let fromBaseline = try #require(Self.seedFigures.yearOverYear(year: 2018, previousYear: 2010, dimension: .field))
        #expect(fromBaseline.publishedTotalChange == "" && fromBaseline.items.allSatisfy { $0.publishedChange.isEmpty })
    }

    @Test("reconciliation puts the cases' orders, converted at each year's rate, beside the official figure")
    func reconcile() {
        let orders = [
            OrderTotal(year: 2019, field: .transport, currency: "USD", amount: DecimalAmount("100000000")!, cases: 2),
            OrderTotal(year: 2019, field: .transport, currency: "XOF", amount: DecimalAmount("5")!, cases: 1),
        ]
        let result = ReconcileRow.reconcile(
            official: [2019: ["TRANSPORT": DecimalAmount("2.2")!, "TOTAL": DecimalAmount("27")!]], orders: orders,
            rates: RateTable(SeedFinancing.exchangeRates), years: 2019...2019)
        // 100,000,000 × 109.01 = 10,901,000,000 yen of 2.2 trillion: 0.4955%.
        #expect(result.rows.map(\.field) == ["TRANSPORT", "TOTAL"])
        let transport = result.rows[0]
        #expect(transport.officialJPY == "2200000000000" && transport.casesJPY == "10901000000" && transport.coveragePercent == "0.4955")
        #expect(transport.cases == 3 && transport.unconverted == ["XOF 2019"])
        #expect(result.rows[1].officialJPY == "27000000000000" && result.rows[1].casesJPY == "10901000000")
        #expect(result.ratesUsed.map(\.period) == ["2019"])
    }

    @Test("the chart has one bar segment per field and year, a total where there is no breakdown, and the target path's points")
    func chart() throws {
        for language in OrdersChart.Language.allCases {
            let svg = OrdersChart(figures: Self.seedFigures, language: language).svg
            let collector = SVGCollector()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = collector
            #expect(parser.parse(), "well-formed XML: \(String(describing: parser.parserError))")
            let segments = collector.elements.filter { $0.name == "rect" && $0.attributes["class"] == "segment" }
            let expected = Set([2010, 2017, 2018].flatMap { year in KPIField.allCases.map { "\(year) \($0.rawValue)" } } + ["2019 TOTAL", "2022 TOTAL"])
            #expect(segments.count == expected.count)
            #expect(Set(segments.map { "\($0.attributes["data-year"] ?? "") \($0.attributes["data-field"] ?? "")" }) == expected)
            #expect(segments.first { $0.attributes["data-year"] == "2018" && $0.attributes["data-field"] == "ENERGY" }?.attributes["data-value"] == "5.1")
            let points = collector.elements.filter { $0.name == "circle" && $0.attributes["class"] == "target-point" }
            #expect(points.map { "\($0.attributes["data-year"] ?? ""):\($0.attributes["data-value"] ?? "")" } == ["2010:10", "2020:30", "2025:34", "2030:45"])
            let line = try #require(collector.elements.first { $0.name == "polyline" && $0.attributes["class"] == "target-path" })
            #expect(line.attributes["points"]?.split(separator: " ").count == 4)
            #expect(svg.contains(language == .ja ? "エネルギー" : "Energy"))
        }
    }
}

/// Every element of a parsed document, with its attributes.
final class SVGCollector: NSObject, XMLParserDelegate, @unchecked Sendable {
    var elements: [(name: String, attributes: [String: String])] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        elements.append((elementName, attributes))
    }
}
