import ArgumentParser
import Foundation

/// `keikyo-bench report`: medians of the JSON lines `load` printed, as the comparison table
/// (with ratios) and a plot of throughput and p99.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Turn load results (JSON lines) into the comparison table and plot.")

    @Option(help: "The JSON lines file.") var results: String
    @Option(help: "Markdown file to write the table to, between its comparison markers (or standard output).") var markdown: String?
    @Option(help: "SVG file to write the plot to.") var svg: String?
    @Option(help: "A line saying how the figures were made.") var note: String = ""

    struct Row: Decodable {
        var contender: String
        var payload: String
        var payload_bytes: Int
        var inflight: Int
        var connections: Int
        var calls_per_second: Double
        var p50_us: Double
        var p99_us: Double
        var p999_us: Double
        var server_cpu_us_per_call: Double?
        var client_cpu_us_per_call: Double
        var server_rss_kib_before: Int?
        var server_rss_kib_loaded: Int?
    }

    struct Scenario: Hashable, Comparable {
        var payload: String, inflight: Int, connections: Int
        static let payloadOrder = ["small", "case", "caselist"]
        static func < (a: Scenario, b: Scenario) -> Bool {
            (payloadOrder.firstIndex(of: a.payload) ?? 9, a.connections, a.inflight) < (payloadOrder.firstIndex(of: b.payload) ?? 9, b.connections, b.inflight)
        }
        var label: String { "\(payload), \(connections == 1 ? "" : "\(connections) conn × ")\(inflight) in flight" }
    }

    /// The median of each measure over the runs of one contender in one scenario.
    struct Median {
        var runs: Int, bytes: Int, callsPerSecond: Double, p50: Double, p99: Double, p999: Double, serverCPU: Double?, clientCPU: Double
        /// Largest resident memory of the server seen under this scenario's load, MiB.
        var loadedRSS: Double?
    }

    func run() throws {
        let rows = try String(contentsOfFile: results, encoding: .utf8).split(separator: "\n").compactMap { line in
            try? JSONDecoder().decode(Row.self, from: Data(line.utf8))
        }
        guard !rows.isEmpty else { throw ValidationError("no results in \(results)") }
        var grouped: [Scenario: [String: [Row]]] = [:]
        for row in rows {
            grouped[Scenario(payload: row.payload, inflight: row.inflight, connections: row.connections), default: [:]][row.contender, default: []].append(row)
        }
        let medians = grouped.mapValues { byContender in byContender.mapValues(Self.median) }
        let table = Self.table(medians, note: note)
        if let markdown {
            try Self.splice(table, into: markdown)
        } else {
            print(table)
        }
        if let svg { try Data(Self.plot(medians).utf8).write(to: URL(fileURLWithPath: svg)) }
    }

    static func median(_ rows: [Row]) -> Median {
        func mid(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let server = rows.compactMap(\.server_cpu_us_per_call)
        return Median(
            runs: rows.count, bytes: rows[0].payload_bytes, callsPerSecond: mid(rows.map(\.calls_per_second)), p50: mid(rows.map(\.p50_us)),
            p99: mid(rows.map(\.p99_us)), p999: mid(rows.map(\.p999_us)), serverCPU: server.isEmpty ? nil : mid(server),
            clientCPU: mid(rows.map(\.client_cpu_us_per_call)),
            loadedRSS: rows.compactMap(\.server_rss_kib_loaded).max().map { Double($0) / 1024 })
    }

    /// `14,865`, `87.7`: thousands grouped, one decimal below 100.
    static func number(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = value < 100 ? 1 : 0
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    static func table(_ medians: [Scenario: [String: Median]], note: String) -> String {
        let number = Self.number
        func ratio(_ a: Double?, _ b: Double?) -> String {
            guard let a, let b, b > 0 else { return "–" }
            return String(format: "%.2f×", a / b)
        }
        var lines = [
            "| scenario | payload bytes | KWP/1 calls/s | gRPC calls/s | raw calls/s | KWP ÷ gRPC | KWP ÷ raw | p50 KWP / gRPC / raw (µs) | p99 KWP / gRPC / raw (µs) | p99.9 KWP / gRPC / raw (µs) | p99 KWP ÷ gRPC | server CPU µs/call KWP / gRPC / raw | client CPU µs/call KWP / gRPC / raw | server RSS MiB KWP / gRPC / raw | runs |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for scenario in medians.keys.sorted() {
            let byContender = medians[scenario]!
            let kwp = byContender["kwp"], grpc = byContender["grpc"], raw = byContender["raw"]
            let cpu = [kwp, grpc, raw].map { $0?.serverCPU.map { String(format: "%.1f", $0) } ?? "–" }.joined(separator: " / ")
            let p50 = [kwp, grpc, raw].map { $0.map { number($0.p50) } ?? "–" }.joined(separator: " / ")
            let p99 = [kwp, grpc, raw].map { $0.map { number($0.p99) } ?? "–" }.joined(separator: " / ")
            let p999 = [kwp, grpc, raw].map { $0.map { number($0.p999) } ?? "–" }.joined(separator: " / ")
            let clientCPU = [kwp, grpc, raw].map { $0.map { String(format: "%.1f", $0.clientCPU) } ?? "–" }.joined(separator: " / ")
            let runs = [kwp, grpc, raw].compactMap { $0?.runs }.min() ?? 0
            let rss = [kwp, grpc, raw].map { $0?.loadedRSS.map { String(format: "%.0f", $0) } ?? "–" }.joined(separator: " / ")
            lines.append(
                "| \(scenario.label) | \(number(Double((kwp ?? grpc ?? raw)?.bytes ?? 0))) | \(kwp.map { number($0.callsPerSecond) } ?? "–") | "
                    + "\(grpc.map { number($0.callsPerSecond) } ?? "–") | \(raw.map { number($0.callsPerSecond) } ?? "–") | "
                    + "\(ratio(kwp?.callsPerSecond, grpc?.callsPerSecond)) | \(ratio(kwp?.callsPerSecond, raw?.callsPerSecond)) | \(p50) | \(p99) | "
                    + "\(p999) | \(ratio(kwp?.p99, grpc?.p99)) | \(cpu) | \(clientCPU) | \(rss) | \(runs) |")
        }
        return ([note.isEmpty ? nil : note, ""].compactMap { $0 } + lines).joined(separator: "\n")
    }

    /// Replaces what stands between `<!-- NAME:start -->` and `<!-- NAME:end -->`.
    static func splice(_ table: String, into path: String, marker: String = "comparison") throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let start = text.range(of: "<!-- \(marker):start -->"), let end = text.range(of: "<!-- \(marker):end -->"), start.upperBound <= end.lowerBound
        else { throw ValidationError("\(path) has no \(marker) markers") }
        let updated = text[..<start.upperBound] + "\n" + table + "\n" + text[end.lowerBound...]
        try Data(updated.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Two panels: calls per second and p99 latency, a bar per contender in each scenario.
    static func plot(_ medians: [Scenario: [String: Median]]) -> String {
        let scenarios = medians.keys.sorted()
        let contenders = [("kwp", "KWP/1", "#1f4e79"), ("grpc", "gRPC", "#c55a11"), ("raw", "raw TCP", "#7f7f7f")]
        let width = 960.0, panelHeight = 230.0, left = 70.0, right = 20.0, top = 50.0
        let group = (width - left - right) / Double(max(scenarios.count, 1))
        let bar = group * 0.8 / Double(contenders.count)
        var body: [String] = []
        func panel(_ title: String, _ y0: Double, _ value: (Median) -> Double) {
            let maximum = scenarios.flatMap { scenario in contenders.compactMap { medians[scenario]?[$0.0].map(value) } }.max() ?? 1
            let scale = log10(maximum * 1.2)
            body.append(#"<text x="\#(left)" y="\#(y0 - 12)" font-size="15" font-weight="bold">\#(title) (log scale)</text>"#)
            body.append(#"<line x1="\#(left)" y1="\#(y0 + panelHeight)" x2="\#(width - right)" y2="\#(y0 + panelHeight)" stroke="black"/>"#)
            for exponent in 0...Int(scale) {
                let y = String(format: "%.1f", y0 + panelHeight - panelHeight * Double(exponent) / scale)
                let label = ["1", "10", "100", "1k", "10k", "100k", "1M", "10M", "100M"][min(exponent, 8)]
                let grid = "#dddddd"
                body.append(#"<line x1="\#(left)" y1="\#(y)" x2="\#(width - right)" y2="\#(y)" stroke="\#(grid)"/>"#)
                body.append(#"<text x="\#(left - 6)" y="\#(y)" font-size="10" text-anchor="end">\#(label)</text>"#)
            }
            for (index, scenario) in scenarios.enumerated() {
                for (offset, contender) in contenders.enumerated() {
                    guard let median = medians[scenario]?[contender.0] else { continue }
                    let v = max(value(median), 1)
                    let h = panelHeight * log10(v) / scale
                    let x = left + group * Double(index) + group * 0.1 + bar * Double(offset)
                    body.append(
                        #"<rect class="bar" data-contender="\#(contender.0)" data-scenario="\#(scenario.label)" x="\#(String(format: "%.1f", x))" y="\#(String(format: "%.1f", y0 + panelHeight - h))" width="\#(String(format: "%.1f", bar - 1))" height="\#(String(format: "%.1f", h))" fill="\#(contender.2)"><title>\#(contender.1): \#(String(format: "%.0f", value(median)))</title></rect>"#)
                }
                body.append(#"<text x="\#(String(format: "%.1f", left + group * (Double(index) + 0.5)))" y="\#(y0 + panelHeight + 14)" font-size="9" text-anchor="middle">\#(scenario.label)</text>"#)
            }
        }
        panel("Unary calls per second", top, \.callsPerSecond)
        panel("p99 latency, µs", top + panelHeight + 70, \.p99)
        for (offset, contender) in contenders.enumerated() {
            let x = width - 300 + Double(offset) * 95
            body.append(#"<rect x="\#(x)" y="12" width="12" height="12" fill="\#(contender.2)"/><text x="\#(x + 16)" y="22" font-size="12">\#(contender.1)</text>"#)
        }
        let height = top + 2 * panelHeight + 110
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + #"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\#(Int(width))" height="\#(Int(height))" font-family="sans-serif">"# + "\n"
            + #"<rect width="100%" height="100%" fill="white"/>"# + "\n" + body.joined(separator: "\n") + "\n</svg>\n"
    }
}
