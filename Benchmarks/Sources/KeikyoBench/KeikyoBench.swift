import ArgumentParser
import CasesService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoWire
import Logging
import NIOPosix

@main
struct KeikyoBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keikyo-bench",
        abstract: "Benchmarks of Keikyo, client and server in separate processes on 127.0.0.1.",
        subcommands: [Serve.self, Load.self, Report.self, Codec.self, CasesBench.self, EchoBench.self, Allocations.self, Scale.self])
}

let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })

/// Percentiles of durations, in microseconds.
struct Latencies {
    var samples: [Double] = []
    mutating func add(_ duration: Duration) {
        samples.append(Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12)
    }
    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
    var summary: String {
        String(format: "p50 %.0f µs, p99 %.0f µs, p99.9 %.0f µs (%d calls)", percentile(0.5), percentile(0.99), percentile(0.999), samples.count)
    }
}

/// Runs `call` from `concurrency` tasks until `seconds` have passed; returns how many calls completed.
func sustainedLoad(concurrency: Int, seconds: Double, _ call: @escaping @Sendable (_ worker: Int, _ count: Int) async throws -> Void) async throws -> Int {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    return try await withThrowingTaskGroup(of: Int.self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var count = 0
                while ContinuousClock.now < deadline {
                    try await call(worker, count)
                    count += 1
                }
                return count
            }
        }
        var total = 0
        for try await count in group { total += count }
        return total
    }
}

/// Starts a service executable of the product's release build (pinned to `cpu` by taskset,
/// which execs it: the process id stays the service's) and returns it with its port.
func startService(_ executable: String, binDirectory: String, arguments: [String], cpu: Int? = nil) async throws -> (Process, Int) {
    let process = Process()
    let path = URL(fileURLWithPath: binDirectory).appendingPathComponent(executable).path
    if let cpu {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
        process.arguments = ["-c", "\(cpu)", path] + arguments + ["--listen", "127.0.0.1:0"]
    } else {
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + ["--listen", "127.0.0.1:0"]
    }
    let pipe = Pipe()
    process.standardError = pipe
    try process.run()
    var text = ""
    while true {
        let data = pipe.fileHandleForReading.availableData
        guard !data.isEmpty else { throw ValidationError("\(executable) exited:\n\(text)") }
        text += String(decoding: data, as: UTF8.self)
        if let range = text.range(of: #"127\.0\.0\.1:(\d+) service="#, options: .regularExpression) {
            let port = Int(text[range].dropFirst("127.0.0.1:".count).prefix { $0.isNumber })!
            if port != 0 { return (process, port) }
        }
    }
}

struct CasesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "The real keikyo-cases: ListCases pages of 100 from a store of N cases, CreateCase sustained rate, memory.")

    @Option(help: "Cases in the store.") var cases = 100_000
    @Option(help: "ListCases calls to time per run.") var calls = 2_000
    @Option(help: "Seconds of CreateCase load per run.") var seconds = 10.0
    @Option(help: "CreateCase calls in flight.") var concurrency = 16
    @Option(help: "Runs, each on a fresh copy of the filled store; the table shows medians.") var runs = 1
    @Option(help: "CPU to pin the service to (taskset), or -1 for none.") var serverCPU = -1
    @Option(help: "Folder of the product's release executables (swift build -c release --show-bin-path).")
    var bin: String
    @Option(help: "Markdown file whose service markers get the table (or standard output only).") var markdown: String?

    struct Run {
        var list: Latencies
        var createdPerSecond: Double
        var idleMiB: Double
        var loadedMiB: Double
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keikyo-bench-\(UUID().uuidString)").path
        let filled = directory + "/filled"
        try FileManager.default.createDirectory(atPath: filled, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        // Fill the store directly, as one would import data, then serve copies of it from the real executable.
        do {
            let store = try CaseStore(directory: filled)
            let started = ContinuousClock.now
            for index in 0..<cases { _ = try await store.create(sample(index), by: Self.importer, idempotencyKey: nil, requestDigest: []) }
            print("filled \(cases) cases in \(ContinuousClock.now - started)")
            // Closed before it is copied: an open pool may remove its -shm file mid-copy.
            try await store.database.close()
        }
        var results: [Run] = []
        for number in 1...runs {
            let copy = directory + "/run-\(number)"
            try FileManager.default.copyItem(atPath: filled, toPath: copy)
            results.append(try await measure(dataDirectory: copy))
            try? FileManager.default.removeItem(atPath: copy)
            let last = results[results.count - 1]
            print("run \(number): ListCases \(last.list.summary); " + String(
                format: "CreateCase %.0f/s; RSS %.1f MiB idle, %.1f MiB loaded", last.createdPerSecond, last.idleMiB, last.loadedMiB))
        }
        let table = Self.table(results, cases: cases, concurrency: concurrency, seconds: seconds, serverCPU: serverCPU)
        print(table)
        if let markdown { try Report.splice(table, into: markdown, marker: "service") }
    }

    /// One run: the service started on `dataDirectory`, measured, stopped.
    func measure(dataDirectory: String) async throws -> Run {
        // No tokens and no rate limit: this measures the service, not its trust layer.
        let (process, port) = try await startService(
            "keikyo-cases", binDirectory: bin, arguments: ["--data-dir", dataDirectory, "--allow-anonymous", "--rate-limit", "0"],
            cpu: serverCPU >= 0 ? serverCPU : nil)
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let idleRSS = Memory.residentKiB(pid: process.processIdentifier) ?? 0
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let client = KWPClient(host: "127.0.0.1", port: port, eventLoopGroup: group, logger: quiet)

        var tokens = [""]
        var token = ""
        repeat {
            token = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest(pageSize: 100, pageToken: token)).nextPageToken
            if !token.isEmpty { tokens.append(token) }
        } while !token.isEmpty
        var latencies = Latencies()
        for call in 0..<calls {
            let start = ContinuousClock.now
            let page = try await client.unary(CaseServiceAPI.listCases, ListCasesRequest(pageSize: 100, pageToken: tokens[(call * 7919) % tokens.count]))
            latencies.add(ContinuousClock.now - start)
            precondition(page.cases.count == 100 || page.nextPageToken.isEmpty)
        }
        let created = try await sustainedLoad(concurrency: concurrency, seconds: seconds) { worker, count in
            _ = try await client.unary(CaseServiceAPI.createCase, CreateCaseRequest(sample(1_000_000 + worker * 1_000_000 + count)))
        }
        let loadedRSS = Memory.residentKiB(pid: process.processIdentifier) ?? 0
        await client.close()
        try await group.shutdownGracefully()
        return Run(
            list: latencies, createdPerSecond: Double(created) / seconds, idleMiB: Double(idleRSS) / 1024,
            loadedMiB: Double(loadedRSS) / 1024)
    }

    static func table(_ runs: [Run], cases: Int, concurrency: Int, seconds: Double, serverCPU: Int) -> String {
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let list = { (p: Double) in median(runs.map { $0.list.percentile(p) }) / 1000 }
        let pinning = serverCPU >= 0 ? "service on CPU \(serverCPU), client on the other" : "not pinned"
        let store = Report.number(Double(cases))
        return """
            \(runs.count) run(s), each on a fresh copy of a store of \(store) cases, medians; \(pinning).

            | scenario | result | target |
            |---|---|---|
            | ListCases, a page of 100 (random page tokens) from \(store) cases, one call at a time | \(String(format: "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms", list(0.5), list(0.99), list(0.999))) | p50 under 5 ms |
            | CreateCase sustained, \(concurrency) in flight for \(Int(seconds)) s, each durable | \(Report.number(median(runs.map(\.createdPerSecond)))) per second | over 1,000 per second |
            | resident memory of `keikyo-cases` with \(store) cases | \(String(format: "%.1f MiB idle, %.1f MiB after the ListCases and CreateCase load", median(runs.map(\.idleMiB)), median(runs.map(\.loadedMiB)))) | |
            """
    }

    static let importer = KeikyoModel.Caller(agency: "METI", principal: "bench", method: "import")

    func sample(_ index: Int) -> ExportCase {
        var record = ExportCase()
        record.title = LocalizedText(ja: "案件\(index)", en: "Benchmark case \(index)")
        record.field = KPIField.allCases[index % KPIField.allCases.count]
        record.subsector = "rail"
        record.countries = [CountryShare(["VN", "IN", "ID", "TH", "PH"][index % 5])]
        record.businessModels = [.epc]
        record.parties = [Party(name: LocalizedText(en: "Contractor \(index % 97)"), role: .contractor, kind: .japaneseCompany, country: "JP")]
        record.japaneseShare = Money(amount: "\(1_000_000 + index)", currency: "JPY", valueDate: "2020")
        record.provenance = Provenance(agency: "METI", document: "benchmark")
        record.stageDate = "2020"
        return record
    }
}

struct EchoBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo", abstract: "Unary Echo calls per second on one connection (server in the same process).")

    @Option(help: "Calls in flight.") var inflight = 64
    @Option(help: "Seconds.") var seconds = 5.0
    @Option(help: "Payload bytes.") var payload = 120

    func run() async throws {
        let server = KWPServer(
            configuration: .init(host: "127.0.0.1", port: 0), services: [EchoService()],
            eventLoopGroup: MultiThreadedEventLoopGroup(numberOfThreads: 1), logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let port = try await server.listeningAddress.port!
            let client = KWPClient(host: "127.0.0.1", port: port, eventLoopGroup: MultiThreadedEventLoopGroup(numberOfThreads: 1), logger: quiet)
            let request = EchoRequest(text: "Abidjan port grain berth", payload: [UInt8](repeating: 7, count: payload))
            _ = try await client.unary(EchoMethods.echo, request)
            let total = try await sustainedLoad(concurrency: inflight, seconds: seconds) { _, _ in
                _ = try await client.unary(EchoMethods.echo, request)
            }
            print(String(format: "Echo: %.0f calls/s, %d in flight, %d-byte payload, one connection (client and server in one process)", Double(total) / seconds, inflight, payload))
            await client.close()
            server.beginDrain()
            try await group.next()
        }
    }
}
