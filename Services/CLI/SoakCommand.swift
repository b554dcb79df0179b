import ArgumentParser
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoTrust
import KeikyoWire
import NIOConcurrencyHelpers

/// `keikyo soak`: a bounded mixed read/write load on a whole running stack, on loopback only,
/// for a fixed time: latency percentiles per operation, every error by code, and the
/// services' resident memory sampled throughout. Exits 1 on any error or on memory that keeps
/// growing. CI runs it for 30 s on the release build (scripts/soak.sh).
struct SoakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak", abstract: "Mixed read/write load on the four running services of a test stack, for a fixed time.",
        discussion: """
            It writes: it creates up to --records cases, financings, ledger entries, events and actuals \
            titled "Soak ...", then updates them. It runs against services on 127.0.0.0/8 only: \
            a stack started for the purpose (scripts/soak.sh starts one), never one in use.
            """)

    @OptionGroup var endpoints: EndpointOptions
    @Option(help: "Tokens by agency, for services that require them: METI=kk1...;MOFA=kk1... (METI writes cases, financing, figures; MOFA events).")
    var tokens: String?
    @Option(help: "Seconds of load.") var seconds = 600.0
    @Option(help: "Calls in flight at once.") var concurrency = 16
    @Option(help: "PIDs of the services, to sample their resident memory (/proc/PID/status).") var pid: [Int32] = []
    @Option(help: "Seconds between memory samples.") var sampleEvery = 5.0
    @Option(help: "Append the result as one JSON line to this file.") var out: String?
    @Option(help: "Records of each kind the soak creates; past it, its writes update them instead, so the data (and what scans it) stays bounded.")
    var records = 300
    @Option(help: "Run only these operations of the mix (repeatable), e.g. --only cases.create: one service's write rate.")
    var only: [String] = []

    func validate() throws {
        for endpoint in [KeikyoEndpoint.cases, .financing, .diplomacy, .kpi] {
            let address = endpoints.address(of: endpoint)
            guard let (host, _) = try? HostPort.parse(address), Self.isLoopback(host) else {
                throw ValidationError("\(address): the soak writes test records, so it runs against a stack on loopback (127.0.0.0/8) only")
            }
        }
        guard seconds > 0, concurrency > 0, records > 0, sampleEvery > 0 else {
            throw ValidationError("--seconds, --concurrency, --records and --sample-every must be positive")
        }
        _ = try tokensByAgency()
        let names = Set(Self.operations.map(\.name))
        if let unknown = only.first(where: { !names.contains($0) }) {
            throw ValidationError("--only \(unknown): not an operation of the mix (\(names.sorted().joined(separator: ", ")))")
        }
    }

    /// Whether `host` is an IPv4 address in 127.0.0.0/8 (a name is not, whatever it resolves to).
    static func isLoopback(_ host: String) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false).map { UInt8($0) }
        return octets.count == 4 && !octets.contains(nil) && octets[0] == 127
    }

    /// `--tokens` as a dictionary; empty without it.
    func tokensByAgency() throws -> [String: String] {
        guard let tokens else { return [:] }
        var tokenOf: [String: String] = [:]
        for pair in tokens.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("--tokens: \(pair.debugDescription) is not AGENCY=TOKEN") }
            tokenOf[String(parts[0])] = String(parts[1])
        }
        guard tokenOf["METI"] != nil, tokenOf["MOFA"] != nil else { throw ValidationError("--tokens needs METI and MOFA") }
        return tokenOf
    }

    /// One kind of call and its share of the mix; `call` returns the name of what it did
    /// (a create becomes an update once the soak has created `records` of its kind).
    struct Operation: Sendable {
        let name: String
        let weight: Int
        let call: @Sendable (Clients, Int) async throws -> String
    }

    struct Clients: Sendable {
        /// METI's clients, but for diplomacy, which is MOFA's (MOFA writes events, METI the rest).
        let cases, financing, diplomacy, kpi: KWPClient
        let records: Int
        /// Ids the soak created, by kind.
        let created = NIOLockedValueBox<[String: [String]]>([:])

        /// Whether another record of `kind` may be created.
        func mayCreate(_ kind: String) -> Bool { created.withLockedValue { ($0[kind]?.count ?? 0) < records } }
        func add(_ id: String, _ kind: String) { created.withLockedValue { $0[kind, default: []].append(id) } }
        func any(_ kind: String, _ count: Int) -> String? {
            created.withLockedValue { ids in ids[kind].flatMap { $0.isEmpty ? nil : $0[count % $0.count] } }
        }
    }

    /// A write that lost a race for a record's version: deliberate, not a failure.
    static func isDeliberate(_ error: KWPError) -> Bool { error.code == .failedPrecondition && error.reason == "VERSION_MISMATCH" }

    /// The four services' clients: each agency's token where `--tokens` names one, none otherwise.
    func clients() throws -> Clients {
        let tokenOf = try tokensByAgency()
        func client(_ endpoint: KeikyoEndpoint, _ agency: String) throws -> KWPClient {
            var configuration = KWPClientConfiguration()
            configuration.agent = "keikyo-soak/\(KeikyoVersion.current)"
            if let token = tokenOf[agency] { configuration.interceptors = [BearerTokenInterceptor(token: token)] }
            return try KWPClient(address: endpoints.address(of: endpoint), configuration: configuration)
        }
        return Clients(
            cases: try client(.cases, "METI"), financing: try client(.financing, "METI"), diplomacy: try client(.diplomacy, "MOFA"),
            kpi: try client(.kpi, "METI"), records: records)
    }

    /// Resident memory of a process, from /proc/PID/status; nil when it cannot be read.
    static func residentKiB(pid: Int32) -> Int? {
        guard pid > 0, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    func run() async throws {
        let clients = try clients()
        let operations = only.isEmpty ? Self.operations : Self.operations.filter { only.contains($0.name) }
        let table = operations.flatMap { operation in Array(repeating: operation, count: operation.weight) }
        let concurrency = concurrency
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        let samples = NIOLockedValueBox<[[Int]]>([])
        let pids = pid
        let sampleEvery = sampleEvery
        let sampler = Task {
            while !Task.isCancelled {
                samples.withLockedValue { $0.append(pids.map { Self.residentKiB(pid: $0) ?? 0 }) }
                try? await Task.sleep(for: .milliseconds(Int64(sampleEvery * 1000)))
            }
        }
        let started = ContinuousClock.now
        let results = try await withThrowingTaskGroup(of: ([String: LatencyHistogram], [String: Int], Int).self) { workers in
            for worker in 0..<concurrency {
                workers.addTask {
                    var histograms: [String: LatencyHistogram] = [:]
                    var errors: [String: Int] = [:]
                    var conflicts = 0
                    var count = worker
                    while ContinuousClock.now < deadline {
                        count += concurrency
                        let operation = table[(count &* 2_654_435_761) % table.count]
                        let start = ContinuousClock.now
                        do {
                            let name = try await operation.call(clients, count)
                            histograms[name, default: LatencyHistogram()].record(ContinuousClock.now - start)
                        } catch let error as KWPError where Self.isDeliberate(error) {
                            conflicts += 1
                        } catch let error as KWPError {
                            errors["\(operation.name) \(error.code) \(error.reason)", default: 0] += 1
                        }
                    }
                    return (histograms, errors, conflicts)
                }
            }
            var histograms: [String: LatencyHistogram] = [:]
            var errors: [String: Int] = [:]
            var conflicts = 0
            for try await (partial, partialErrors, partialConflicts) in workers {
                conflicts += partialConflicts
                for (name, histogram) in partial { histograms[name, default: LatencyHistogram()].add(histogram) }
                errors.merge(partialErrors, uniquingKeysWith: +)
            }
            return (histograms, errors, conflicts)
        }
        let elapsed = ContinuousClock.now - started
        sampler.cancel()
        samples.withLockedValue { $0.append(pids.map { Self.residentKiB(pid: $0) ?? 0 }) }
        for client in [clients.cases, clients.financing, clients.diplomacy, clients.kpi] { await client.close() }

        let (histograms, errors, conflicts) = results
        var all = LatencyHistogram()
        for histogram in histograms.values { all.add(histogram) }
        let calls = Int(all.total)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func ms(_ microseconds: UInt64) -> Double { Double(microseconds) / 1000 }
        print(String(format: "%d calls in %.0f s (%.0f a second), %d in flight; %d errors; %d deliberate version conflicts; at most %d records of each kind created",
            calls, seconds, Double(calls) / seconds, concurrency, errors.values.reduce(0, +), conflicts, records))
        func padded(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        print(padded("operation", 20) + ["calls", "p50 ms", "p99 ms", "max ms"].map { String(repeating: " ", count: 10 - $0.count) + $0 }.joined())
        var perOperation: [[String: Any]] = []
        for name in histograms.keys.sorted() {
            let histogram = histograms[name]!
            let (p50, p99, max) = (ms(histogram.percentile(50)), ms(histogram.percentile(99)), ms(histogram.max))
            print(padded(name, 20) + String(format: "%10d%10.2f%10.2f%10.1f", histogram.total, p50, p99, max))
            perOperation.append(["name": name, "calls": histogram.total, "p50_ms": p50, "p99_ms": p99, "max_ms": max])
        }
        print(String(format: "all: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms", ms(all.percentile(50)), ms(all.percentile(99)), ms(all.percentile(99.9))))
        for (key, count) in errors.sorted(by: { $0.key < $1.key }) { print("error: \(key) × \(count)") }

        // Memory is flat when the last sample is within 10% (at least 16 MiB) of the one a fifth of the way in.
        let rss = samples.withLockedValue { $0 }
        var memory: [[String: Any]] = []
        var growing: [Int32] = []
        for (index, pid) in pids.enumerated() {
            let series = rss.map { $0[index] }
            guard let last = series.last, series.count >= 2 else { continue }
            let settled = series[series.count / 5]
            let allowed = max(16 * 1024, settled / 10)
            if last - settled > allowed { growing.append(pid) }
            print(String(format: "pid %d resident memory: first %.1f MiB, at a fifth %.1f MiB, last %.1f MiB, max %.1f MiB",
                pid, Double(series[0]) / 1024, Double(settled) / 1024, Double(last) / 1024, Double(series.max() ?? 0) / 1024))
            memory.append(["pid": pid, "first_kib": series[0], "settled_kib": settled, "last_kib": last, "max_kib": series.max() ?? 0])
        }
        if let out {
            let line: [String: Any] = [
                "seconds": seconds, "concurrency": concurrency, "calls": calls, "errors": errors, "operations": perOperation,
                "p50_ms": ms(all.percentile(50)), "p99_ms": ms(all.percentile(99)), "p999_ms": ms(all.percentile(99.9)), "memory": memory,
            ]
            let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            let handle = FileHandle(forWritingAtPath: out) ?? { _ = FileManager.default.createFile(atPath: out, contents: nil); return FileHandle(forWritingAtPath: out)! }()
            handle.seekToEndOfFile()
            handle.write(data + Data("\n".utf8))
            try handle.close()
        }
        if !errors.isEmpty || !growing.isEmpty {
            if !growing.isEmpty { print("memory kept growing in pid \(growing.map(String.init).joined(separator: ", "))") }
            throw ExitCode.failure
        }
    }

    static let operations: [Operation] = [
        Operation(name: "cases.get", weight: 16) { clients, count in
            _ = try await clients.cases.unary(CaseServiceAPI.getCase, GetCaseRequest(id: SeedCases.all[count % SeedCases.all.count].id))
            return "cases.get"
        },
        Operation(name: "cases.list", weight: 8) { clients, _ in
            _ = try await clients.cases.unary(CaseServiceAPI.listCases, ListCasesRequest(pageSize: 20))
            return "cases.list"
        },
        Operation(name: "cases.create", weight: 4) { clients, count in
            if !clients.mayCreate("case"), let id = clients.any("case", count) {
                var record = try await clients.cases.unary(CaseServiceAPI.getCase, GetCaseRequest(id: id))
                record.title = LocalizedText(en: "Soak case \(count)")
                _ = try await clients.cases.unary(CaseServiceAPI.updateCase, UpdateCaseRequest(record, expectedVersion: record.version))
                return "cases.update"
            }
            var record = ExportCase()
            record.title = LocalizedText(en: "Soak case \(count)")
            record.field = KPIField.allCases[count % KPIField.allCases.count]
            record.subsector = "rail"
            record.countries = [CountryShare(["VN", "IN", "ID", "TH", "PH"][count % 5])]
            record.provenance = Provenance(agency: "METI", document: "soak")
            clients.add(try await clients.cases.unary(CaseServiceAPI.createCase, CreateCaseRequest(record)).id, "case")
            return "cases.create"
        },
        Operation(name: "financing.create", weight: 3) { clients, count in
            if !clients.mayCreate("financing"), let id = clients.any("financing", count) {
                var financing = try await clients.financing.unary(FinancingServiceAPI.getFinancing, GetFinancingRequest(id: id))
                financing.title = LocalizedText(en: "Soak loan \(count)")
                financing.transactions = []
                _ = try await clients.financing.unary(
                    FinancingServiceAPI.updateFinancing, UpdateFinancingRequest(financing, expectedVersion: financing.version))
                return "financing.update"
            }
            var financing = Financing()
            financing.caseIDs = [SeedCases.all[count % SeedCases.all.count].id]
            financing.institution = "JBIC"
            financing.instrument = .exportCredit
            financing.status = .approved
            financing.title = LocalizedText(en: "Soak loan \(count)")
            financing.transactions = [Transaction(type: .commitment, date: "2019", value: Money(amount: "1000000", currency: "JPY", valueDate: ""))]
            clients.add(try await clients.financing.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(financing)).id, "financing")
            return "financing.create"
        },
        Operation(name: "financing.add", weight: 3) { clients, count in
            // Ledger entries count as records too: past the limit this reads a financing with its ledger.
            guard let id = clients.any("financing", count) else { return "financing.add" }
            guard clients.mayCreate("transaction") else {
                _ = try await clients.financing.unary(FinancingServiceAPI.getFinancing, GetFinancingRequest(id: id))
                return "financing.get"
            }
            let entry = Transaction(type: .disbursement, date: "2020", value: Money(amount: "1", currency: "JPY", valueDate: ""))
            _ = try await clients.financing.unary(FinancingServiceAPI.addTransaction, AddTransactionRequest(financingID: id, transaction: entry))
            clients.add(id, "transaction")
            return "financing.add"
        },
        Operation(name: "financing.summary", weight: 4) { clients, _ in
            _ = try await clients.financing.unary(FinancingServiceAPI.summarizeCommitments, SummarizeCommitmentsRequest())
            return "financing.summary"
        },
        Operation(name: "financing.convert", weight: 4) { clients, _ in
            _ = try await clients.financing.unary(
                FinancingServiceAPI.convert, ConvertRequest(amount: Money(amount: "78000000", currency: "USD", valueDate: "2019-10"), toCurrency: "JPY"))
            return "financing.convert"
        },
        Operation(name: "events.list", weight: 8) { clients, _ in
            _ = try await clients.diplomacy.unary(TopSalesServiceAPI.listEvents, ListEventsRequest(pageSize: 20))
            return "events.list"
        },
        Operation(name: "events.create", weight: 3) { clients, count in
            if !clients.mayCreate("event"), let id = clients.any("event", count) {
                // Linking a seeded case again with the same relation changes nothing, so links stay bounded too.
                let link = CaseLink(caseID: SeedCases.all[count % SeedCases.all.count].id, relation: .promoted)
                _ = try await clients.diplomacy.unary(TopSalesServiceAPI.linkCase, LinkCaseRequest(eventID: id, link: link))
                return "events.link"
            }
            var event = Event()
            event.kind = .ministerialVisit
            event.startDate = "2024-0\(count % 9 + 1)"
            event.countries = ["VN"]
            event.title = LocalizedText(en: "Soak visit \(count)")
            event.participants = [Participant(post: "Minister", level: .minister, agency: "MOFA")]
            event.caseLinks = [CaseLink(caseID: SeedCases.all[count % SeedCases.all.count].id, relation: .promoted)]
            clients.add(try await clients.diplomacy.unary(TopSalesServiceAPI.createEvent, CreateEventRequest(event)).id, "event")
            return "events.create"
        },
        Operation(name: "events.count", weight: 4) { clients, _ in
            _ = try await clients.diplomacy.unary(TopSalesServiceAPI.countTopSales, CountTopSalesRequest())
            return "events.count"
        },
        Operation(name: "kpi.progress", weight: 8) { clients, _ in
            _ = try await clients.kpi.unary(KPIServiceAPI.getProgress, GetProgressRequest(indicator: SeedKPI.infrastructureOrders))
            return "kpi.progress"
        },
        Operation(name: "kpi.dashboard", weight: 3) { clients, _ in
            _ = try await clients.kpi.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(10)))
            return "kpi.dashboard"
        },
        Operation(name: "kpi.record", weight: 2) { clients, count in
            if !clients.mayCreate("actual") {
                // Redefine the seeded indicator as it is: a write of one row, whatever the count.
                let detail = try await clients.kpi.unary(KPIServiceAPI.getIndicator, GetIndicatorRequest(code: SeedKPI.infrastructureOrders))
                _ = try await clients.kpi.unary(
                    KPIServiceAPI.defineIndicator, DefineIndicatorRequest(detail.indicator, expectedVersion: detail.indicator.version))
                return "kpi.define"
            }
            let actual = Actual(
                indicator: SeedKPI.infrastructureOrders, year: UInt32(2040 + count % 50), value: "\(count % 997)", source: "soak \(count)",
                publishedOn: "2024-01", status: .provisional)
            clients.add(try await clients.kpi.unary(KPIServiceAPI.recordActual, RecordActualRequest(actual)).id, "actual")
            return "kpi.record"
        },
        Operation(name: "audit.list", weight: 2) { clients, _ in
            _ = try await clients.cases.unary(AuditServiceAPI.listAudit, ListAuditRequest(pageSize: 50, agency: "METI"))
            return "audit.list"
        },
    ]
}
