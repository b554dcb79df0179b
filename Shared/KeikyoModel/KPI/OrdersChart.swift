import Foundation

/// The chart a council member puts on a slide: orders by field per year as stacked bars, and
/// the target path (the baseline, then each target) as a line. Plain SVG 1.1, 16:9.
public struct OrdersChart: Sendable {
    public enum Language: String, Sendable, CaseIterable { case ja, en }

    public var figures: IndicatorFigures
    public var language: Language
    public var width = 960
    public var height = 540

    public init(figures: IndicatorFigures, language: Language) {
        self.figures = figures
        self.language = language
    }

    /// The colours of the fields, in KPIField order, and of totals published without a breakdown.
    static let colours = ["#1f4e79", "#2e75b6", "#c55a11", "#f4b183", "#548235", "#a9d18e", "#7030a0"]
    static let totalColour = "#a6a6a6"

    /// A bar segment: a year, a field (nil for a total without breakdown), from and to (values).
    public struct Segment: Sendable, Hashable {
        public var year: UInt32
        public var field: KPIField?
        public var bottom: Double
        public var top: Double
    }

    /// The bars: per year with figures, the current field figures stacked in field order, or the
    /// published total alone when there is no breakdown.
    public var segments: [Segment] {
        var segments: [Segment] = []
        for year in figures.years {
            let breakdown = figures.breakdown(year: year, dimension: .field)
            if breakdown.items.isEmpty {
                guard let total = figures.total(year: year) else { continue }
                segments.append(Segment(year: year, field: nil, bottom: 0, top: Self.double(total.value)))
                continue
            }
            var bottom = 0.0
            for item in breakdown.items {
                let value = Self.double(DecimalAmount(item.amount) ?? .zero)
                segments.append(Segment(year: year, field: KPIField(rawValue: item.value), bottom: bottom, top: bottom + value))
                bottom += value
            }
        }
        return segments
    }

    /// The target path: the first dated target's baseline, then every dated target, by year.
    public var targetPath: [(year: UInt32, value: Double)] {
        let dated = figures.targets.filter { $0.targetYear != 0 }.sorted { $0.targetYear < $1.targetYear }
        guard let first = dated.first, let baseline = DecimalAmount(first.baselineValue) else { return [] }
        return [(first.baselineYear, Self.double(baseline))] + dated.compactMap { target in
            DecimalAmount(target.targetValue).map { (target.targetYear, Self.double($0)) }
        }
    }

    public var svg: String {
        let segments = self.segments
        let path = targetPath
        let years = segments.map(\.year) + path.map(\.year)
        guard let firstYear = years.min(), let lastYear = years.max() else { return emptySVG }
        let top = (segments.map(\.top) + path.map(\.value)).max() ?? 1
        let yMax = (top * 1.1 / 10).rounded(.up) * 10
        let plot = (left: 70.0, right: Double(width) - 230, top: 70.0, bottom: Double(height) - 60)
        let slot = (plot.right - plot.left) / Double(lastYear - firstYear + 1)
        func x(_ year: UInt32) -> Double { plot.left + slot * (Double(year - firstYear) + 0.5) }
        func y(_ value: Double) -> Double { plot.bottom - (plot.bottom - plot.top) * value / yMax }

        var body: [String] = []
        body.append(#"<rect x="0" y="0" width="\#(width)" height="\#(height)" fill="\#(Self.hex("ffffff"))"/>"#)
        body.append(text(title, x: plot.left, y: 38, size: 22, weight: "bold"))
        for tick in stride(from: 0.0, through: yMax, by: yMax <= 50 ? 5 : 10) {
            body.append(#"<line class="grid" x1="\#(f(plot.left))" y1="\#(f(y(tick)))" x2="\#(f(plot.right))" y2="\#(f(y(tick)))" stroke="\#(Self.hex("d9d9d9"))" stroke-width="1"/>"#)
            body.append(text(Self.number(tick), x: plot.left - 8, y: y(tick) + 4, size: 12, anchor: "end"))
        }
        for year in Set(years).sorted() {
            body.append(text(String(year), x: x(year), y: plot.bottom + 20, size: 10, anchor: "middle"))
        }
        let barWidth = slot * 0.7
        for segment in segments {
            let colour = segment.field.map { Self.colours[KPIField.allCases.firstIndex(of: $0)!] } ?? Self.totalColour
            let name = segment.field?.rawValue ?? "TOTAL"
            body.append(
                #"<rect class="segment" data-year="\#(segment.year)" data-field="\#(name)" data-value="\#(Self.number(segment.top - segment.bottom))" "#
                    + #"x="\#(f(x(segment.year) - barWidth / 2))" y="\#(f(y(segment.top)))" width="\#(f(barWidth))" "#
                    + #"height="\#(f(y(segment.bottom) - y(segment.top)))" fill="\#(colour)" stroke="\#(Self.hex("ffffff"))" stroke-width="0.5"/>"#)
        }
        for year in Set(segments.map(\.year)).sorted() {
            let total = segments.filter { $0.year == year }.map(\.top).max() ?? 0
            body.append(text(Self.number(total), x: x(year), y: y(total) - 6, size: 12, anchor: "middle", weight: "bold"))
        }
        if !path.isEmpty {
            let points = path.map { "\(f(x($0.year))),\(f(y($0.value)))" }.joined(separator: " ")
            body.append(#"<polyline class="target-path" points="\#(points)" fill="none" stroke="\#(Self.hex("c00000"))" stroke-width="2.5" stroke-dasharray="8 5"/>"#)
            for point in path {
                body.append(#"<circle class="target-point" data-year="\#(point.year)" data-value="\#(Self.number(point.value))" cx="\#(f(x(point.year)))" cy="\#(f(y(point.value)))" r="4" fill="\#(Self.hex("c00000"))"/>"#)
                body.append(text(Self.number(point.value), x: x(point.year) + 7, y: y(point.value) + 16, size: 12, colour: "#c00000"))
            }
        }
        body.append(#"<line x1="\#(f(plot.left))" y1="\#(f(plot.bottom))" x2="\#(f(plot.right))" y2="\#(f(plot.bottom))" stroke="\#(Self.hex("404040"))" stroke-width="1"/>"#)
        var legendY = plot.top
        let legend: [(String, String)] = KPIField.allCases.enumerated().reversed().map { (Self.colours[$0.offset], label($0.element)) }
            + [(Self.totalColour, language == .ja ? "合計（内訳なし）" : "Total (no breakdown)")]
        for (colour, name) in legend {
            body.append(#"<rect x="\#(f(plot.right + 20))" y="\#(f(legendY))" width="14" height="14" fill="\#(colour)"/>"#)
            body.append(text(name, x: plot.right + 40, y: legendY + 12, size: 12))
            legendY += 22
        }
        body.append(#"<line x1="\#(f(plot.right + 20))" y1="\#(f(legendY + 7))" x2="\#(f(plot.right + 34))" y2="\#(f(legendY + 7))" stroke="\#(Self.hex("c00000"))" stroke-width="2.5" stroke-dasharray="4 2"/>"#)
        body.append(text(language == .ja ? "目標" : "Target path", x: plot.right + 40, y: legendY + 12, size: 12))
        body.append(text(source, x: plot.left, y: Double(height) - 16, size: 10, colour: "#595959"))
        return header + body.joined(separator: "\n") + "\n</svg>\n"
    }

    var header: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
        font-family="'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', sans-serif">
        <title>\(Self.escape(title))</title>

        """
    }

    var emptySVG: String { header + text(title, x: 40, y: 40, size: 22) + "\n</svg>\n" }

    var title: String {
        language == .ja ? "インフラシステム受注額（兆円）と目標" : "Infrastructure system orders (JPY trillion) and targets"
    }

    var source: String {
        language == .ja ? "出典: 経協インフラ戦略会議 資料（事業投資による収入額等を含む）" : "Source: Management Council for Infrastructure Strategy (including income from business investment)"
    }

    func label(_ field: KPIField) -> String {
        if language == .ja { return field.japaneseName }
        switch field {
        case .energy: return "Energy"
        case .transport: return "Transport"
        case .ictTelecomBusiness: return "ICT: telecom business"
        case .ictTelecomEquipment: return "ICT: telecom equipment"
        case .infrastructureDevelopment: return "Infrastructure development"
        case .livingEnvironment: return "Living environment"
        case .newFields: return "New fields"
        }
    }

    func text(
        _ content: String, x: Double, y: Double, size: Int, anchor: String = "start", weight: String = "normal", colour: String = "#262626"
    ) -> String {
        #"<text x="\#(f(x))" y="\#(f(y))" font-size="\#(size)" text-anchor="\#(anchor)" font-weight="\#(weight)" fill="\#(colour)">\#(Self.escape(content))</text>"#
    }

    func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// `#` and six hex digits (written this way inside the raw strings, where `"#` would end them).
    static func hex(_ digits: String) -> String { "#" + digits }

    static func double(_ amount: DecimalAmount) -> Double { Double(amount.micros) / 1_000_000 }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
