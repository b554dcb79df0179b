import ArgumentParser
import Foundation
import Histogram
import KeikyoAPI
import KeikyoModel
import KeikyoTrust
import KeikyoWire
import NIOConcurrencyHelpers
import NIOPosix

/// `keikyo-bench soak`: a bounded mixed read/write load on the whole running stack (loopback
/// only) for a fixed time: latency percentiles per operation, every error by code, and the
/// services' resident memory sampled throughout. Exits 1 on any error or on memory that keeps
/// growing.
struct Soak: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak", abstract: "Mixed read/write load on the four running services for a fixed time.")

    @Option(help: "Cases service, HOST:PORT on 127.0.0.0/8.") var cases = "127.0.0.1:7101"
    @Option(help: "Financing service.") var financing = "127.0.0.1:7102"
    @Option(help: "Diplomacy service.") var diplomacy = "127.0.0.1:7103"
    @Option(help: "KPI service.") var kpi = "127.0.0.1:7104"
    @Option(help: "Tokens by agency: METI=kk1...;MOFA=kk1... (METI writes cases, financing, figures; MOFA events).")
    var tokens: String
    @Option(help: "Seconds of load.") var seconds = 600.0
    @Option(help: "Calls in flight at once.") var concurrency = 16
    @Option(help: "PIDs of the services, to sample their resident memory.") var pid: [Int32] = []
    @Option(help: "Seconds between memory samples.") var sampleEvery = 5.0
    @Option(help: "Append the result as one JSON line to this file.") var out: String?

    /// One kind of call and its share of the mix.
    struct Operation: Sendable {
        let name: String
        let weight: Int
        let call: @Sendable (Clients, Int) async throws -> Void
    }

    struct Clients: Sendable {
        let cases, financing, diplomacy, kpi: KWPClient
        let casesAsMETI, financingAsMETI, diplomacyAsMOFA, kpiAsMETI: KWPClient
        let financings: NIOLockedValueBox<[String]>
    }

    func validate() throws {
        for address in [cases, financing, diplomacy, kpi] where !address.hasPrefix("127.") {
            throw ValidationError("\(address): the soak runs on loopback (127.0.0.0/8) only")
        }
    }

    func run() async throws {
        let tokenOf = Dictionary(
            tokens.split(separator: ";").compactMap { pair -> (String, String)? in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }, uniquingKeysWith: { $1 })
        guard let meti = tokenOf["METI"], let mofa = tokenOf["MOFA"] else { throw ValidationError("--tokens needs METI and MOFA") }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        func client(_ address: String, _ token: String) throws -> KWPClient {
            var configuration = KWPClientConfiguration()
            configuration.interceptors = [BearerTokenInterceptor(token: token)]
            return try KWPClient(address: address, configuration: configuration, eventLoopGroup: group, logger: quiet)
        }
        let clients = Clients(
            cases: try client(cases, meti), financing: try client(financing, meti), diplomacy: try client(diplomacy, mofa),
            kpi: try client(kpi, meti), casesAsMETI: try client(cases, meti), financingAsMETI: try client(financing, meti),
            diplomacyAsMOFA: try client(diplomacy, mofa), kpiAsMETI: try client(kpi, meti), financings: NIOLockedValueBox([]))

        let operations = Self.operations
        let table = operations.flatMap { operation in Array(repeating: operation, count: operation.weight) }
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        let samples = NIOLockedValueBox<[[Int]]>([])
        let sampler = Task {
            while !Task.isCancelled {
                samples.withLockedValue { $0.append(pid.map { Memory.residentKiB(pid: $0) ?? 0 }) }
                try? await Task.sleep(for: .milliseconds(Int64(sampleEvery * 1000)))
            }
        }
        let started = ContinuousClock.now
        let results = try await withThrowingTaskGroup(of: ([String: Histogram<UInt64>], [String: Int]).self) { workers in
            for worker in 0..<concurrency {
                workers.addTask {
                    var histograms: [String: Histogram<UInt64>] = [:]
                    var errors: [String: Int] = [:]
                    var count = worker
                    while ContinuousClock.now < deadline {
                        count += concurrency
                        let operation = table[(count &* 2_654_435_761) % table.count]
                        let start = ContinuousClock.now
                        do {
                            try await operation.call(clients, count)
                            let elapsed = ContinuousClock.now - start
                            let nanoseconds = UInt64(elapsed.components.seconds) * 1_000_000_000 + UInt64(elapsed.components.attoseconds / 1_000_000_000)
                            histograms[operation.name, default: Histogram(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)]
                                .record(nanoseconds)
                        } catch let error as KWPError {
                            errors["\(operation.name) \(error.code) \(error.reason)", default: 0] += 1
                        }
                    }
                    return (histograms, errors)
                }
            }
            var histograms: [String: Histogram<UInt64>] = [:]
            var errors: [String: Int] = [:]
            for try await (partial, partialErrors) in workers {
                for (name, histogram) in partial {
                    if histograms[name] == nil { histograms[name] = histogram } else { histograms[name]!.add(histogram) }
                }
                errors.merge(partialErrors, uniquingKeysWith: +)
            }
            return (histograms, errors)
        }
        let elapsed = ContinuousClock.now - started
        sampler.cancel()
        samples.withLockedValue { $0.append(pid.map { Memory.residentKiB(pid: $0) ?? 0 }) }
        for client in [clients.cases, clients.financing, clients.diplomacy, clients.kpi, clients.casesAsMETI, clients.financingAsMETI,
            clients.diplomacyAsMOFA, clients.kpiAsMETI]
        {
            await client.close()
        }
        try await group.shutdownGracefully()

        let (histograms, errors) = results
        var all = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        for histogram in histograms.values { all.add(histogram) }
        let calls = Int(all.totalCount)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%d calls in %.0f s (%.0f a second), %d in flight; %d errors", calls, seconds, Double(calls) / seconds, concurrency, errors.values.reduce(0, +)))
        func padded(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        print(padded("operation", 20) + ["calls", "p50 ms", "p99 ms", "max ms"].map { String(repeating: " ", count: 10 - $0.count) + $0 }.joined())
        var perOperation: [[String: Any]] = []
        for name in histograms.keys.sorted() {
            let histogram = histograms[name]!
            let p50 = Double(histogram.valueAtPercentile(50)) / 1e6
            let p99 = Double(histogram.valueAtPercentile(99)) / 1e6
            let max = Double(histogram.max) / 1e6
            print(padded(name, 20) + String(format: "%10d%10.2f%10.2f%10.1f", histogram.totalCount, p50, p99, max))
            perOperation.append(["name": name, "calls": histogram.totalCount, "p50_ms": p50, "p99_ms": p99, "max_ms": max])
        }
        print(String(format: "all: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms", Double(all.valueAtPercentile(50)) / 1e6, Double(all.valueAtPercentile(99)) / 1e6, Double(all.valueAtPercentile(99.9)) / 1e6))
        for (key, count) in errors.sorted(by: { $0.key < $1.key }) { print("error: \(key) × \(count)") }

        // Memory is flat when the last sample is within 10% (at least 16 MiB) of the one a fifth of the way in.
        let rss = samples.withLockedValue { $0 }
        var memory: [[String: Any]] = []
        var growing: [Int32] = []
        for (index, pid) in pid.enumerated() {
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
                "p50_ms": Double(all.valueAtPercentile(50)) / 1e6, "p99_ms": Double(all.valueAtPercentile(99)) / 1e6,
                "p999_ms": Double(all.valueAtPercentile(99.9)) / 1e6, "memory": memory,
            ]
            let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            let handle = FileHandle(forWritingAtPath: out) ?? { FileManager.default.createFile(atPath: out, contents: nil); return FileHandle(forWritingAtPath: out)! }()
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
        },
        Operation(name: "cases.list", weight: 8) { clients, _ in
            _ = try await clients.cases.unary(CaseServiceAPI.listCases, ListCasesRequest(pageSize: 20))
        },
        Operation(name: "cases.create", weight: 4) { clients, count in
            var record = ExportCase()
            record.title = LocalizedText(en: "Soak case \(count)")
            record.field = KPIField.allCases[count % KPIField.allCases.count]
            record.subsector = "rail"
            record.countries = [CountryShare(["VN", "IN", "ID", "TH", "PH"][count % 5])]
            record.provenance = Provenance(agency: "METI", document: "soak")
            _ = try await clients.casesAsMETI.unary(CaseServiceAPI.createCase, CreateCaseRequest(record))
        },
        Operation(name: "financing.create", weight: 3) { clients, count in
            var financing = Financing()
            financing.caseIDs = [SeedCases.all[count % SeedCases.all.count].id]
            financing.institution = "JBIC"
            financing.instrument = .exportCredit
            financing.status = .approved
            financing.title = LocalizedText(en: "Soak loan \(count)")
            financing.transactions = [Transaction(type: .commitment, date: "2019", value: Money(amount: "1000000", currency: "JPY", valueDate: ""))]
            let created = try await clients.financingAsMETI.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(financing))
            clients.financings.withLockedValue { ids in if ids.count < 1000 { ids.append(created.id) } }
        },
        Operation(name: "financing.add", weight: 3) { clients, count in
            guard let id = clients.financings.withLockedValue({ $0.isEmpty ? nil : $0[count % $0.count] }) else { return }
            let entry = Transaction(type: .disbursement, date: "2020", value: Money(amount: "1", currency: "JPY", valueDate: ""))
            _ = try await clients.financingAsMETI.unary(FinancingServiceAPI.addTransaction, AddTransactionRequest(financingID: id, transaction: entry))
        },
        Operation(name: "financing.summary", weight: 4) { clients, _ in
            _ = try await clients.financing.unary(FinancingServiceAPI.summarizeCommitments, SummarizeCommitmentsRequest())
        },
        Operation(name: "financing.convert", weight: 4) { clients, _ in
            _ = try await clients.financing.unary(
                FinancingServiceAPI.convert, ConvertRequest(amount: Money(amount: "78000000", currency: "USD", valueDate: "2019-10"), toCurrency: "JPY"))
        },
        Operation(name: "events.list", weight: 8) { clients, _ in
            _ = try await clients.diplomacy.unary(TopSalesServiceAPI.listEvents, ListEventsRequest(pageSize: 20))
        },
        Operation(name: "events.create", weight: 3) { clients, count in
            var event = Event()
            event.kind = .ministerialVisit
            event.startDate = "2024-0\(count % 9 + 1)"
            event.countries = ["VN"]
            event.title = LocalizedText(en: "Soak visit \(count)")
            event.participants = [Participant(post: "Minister", level: .minister, agency: "MOFA")]
            event.caseLinks = [CaseLink(caseID: SeedCases.all[count % SeedCases.all.count].id, relation: .promoted)]
            _ = try await clients.diplomacyAsMOFA.unary(TopSalesServiceAPI.createEvent, CreateEventRequest(event))
        },
        Operation(name: "events.count", weight: 4) { clients, _ in
            _ = try await clients.diplomacy.unary(TopSalesServiceAPI.countTopSales, CountTopSalesRequest())
        },
        Operation(name: "kpi.progress", weight: 8) { clients, _ in
            _ = try await clients.kpi.unary(KPIServiceAPI.getProgress, GetProgressRequest(indicator: SeedKPI.infrastructureOrders))
        },
        Operation(name: "kpi.dashboard", weight: 3) { clients, _ in
            _ = try await clients.kpi.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(10)))
        },
        Operation(name: "kpi.record", weight: 2) { clients, count in
            let actual = Actual(
                indicator: SeedKPI.infrastructureOrders, year: UInt32(2040 + count % 50), value: "\(count % 997)", source: "soak \(count)",
                publishedOn: "2024-01", status: .provisional)
            _ = try await clients.kpiAsMETI.unary(KPIServiceAPI.recordActual, RecordActualRequest(actual))
        },
        Operation(name: "audit.list", weight: 2) { clients, _ in
            _ = try await clients.cases.unary(AuditServiceAPI.listAudit, ListAuditRequest(pageSize: 50, agency: "METI"))
        },
    ]
}
