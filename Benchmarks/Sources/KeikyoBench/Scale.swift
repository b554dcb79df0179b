import ArgumentParser
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoTrust
import KeikyoWire
import NIOConcurrencyHelpers
import NIOPosix

/// `keikyo-bench scale`: grows the running stack step by step through the public API (cases;
/// financings, each with one commitment to one of them; events, each linked to one of them) and
/// after each step measures the aggregate reads, a case, a page at the end of the list, the
/// dashboard, the services' resident memory and the database's size. One table row per step.
struct Scale: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale", abstract: "Aggregate reads' cost as the data grows (docs/BENCHMARKS.md, storage).")

    @OptionGroup var stack: StackOptions
    @Option(help: "Records of each kind after each step, comma-separated.") var steps = "1000,10000"
    @Option(help: "Past this many, steps add cases only: financings and events stay at it (the issue's 1,000,000 cases with 100,000 of the others).")
    var othersUpTo = 100_000
    @Option(help: "Calls in flight while loading.") var concurrency = 16
    @Option(help: "Calls per read measured at each step.") var calls = 21
    @Option(help: "PIDs of the services (cases, financing, diplomacy, kpi), for their memory.") var pid: [Int32] = []
    @Option(help: "A shell command printing the databases' size in bytes.") var sizeCommand: String?
    @Option(help: "The backend's name for the table.") var label = "sqlite"

    func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let (casesClient, financingClient, diplomacyClient, kpiClient) = try stack.clients(group: group)
        let caseIDs = NIOLockedValueBox<[String]>([])
        var loaded = 0
        var rows: [String] = []
        print("| \(label): records of each kind | load (records/s) | CountTopSales | Attribution | SummarizeCommitments | GetPledgeProgress | SummarizeOrders | GetDashboard | GetCase | ListCases, last page | RSS MiB (cases/fin./dipl./kpi) | database |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for step in steps.split(separator: ",").compactMap({ Int($0) }) where step > loaded {
            let from = loaded
            let started = ContinuousClock.now
            // Cases first (the others link to them), then financings and events side by side.
            _ = try await inParallel(from..<step) { index in
                let created = try await casesClient.unary(CaseServiceAPI.createCase, CreateCaseRequest(Self.sampleCase(index)))
                caseIDs.withLockedValue { $0.append(created.id) }
            }
            let ids = caseIDs.withLockedValue { $0 }
            let others = min(from, othersUpTo)..<min(step, othersUpTo)
            _ = try await inParallel(others) { index in
                let caseID = ids[index % ids.count]
                _ = try await financingClient.unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(Self.sampleFinancing(index, caseID: caseID)))
                _ = try await diplomacyClient.unary(TopSalesServiceAPI.createEvent, CreateEventRequest(Self.sampleEvent(index, caseID: caseID)))
            }
            let elapsed = ContinuousClock.now - started
            let rate = Double(step - from + others.count * 2) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            loaded = step

            let lastPage = try PageToken(afterSeq: Int64(max(0, step + SeedCases.all.count - 20)), filter: CaseFilter()).encoded
            let reads: [(String, @Sendable () async throws -> Void)] = [
                ("CountTopSales", { _ = try await diplomacyClient.unary(TopSalesServiceAPI.countTopSales, CountTopSalesRequest()) }),
                ("Attribution", { _ = try await diplomacyClient.unary(TopSalesServiceAPI.attribution, AttributionRequest()) }),
                ("SummarizeCommitments", { _ = try await financingClient.unary(FinancingServiceAPI.summarizeCommitments, SummarizeCommitmentsRequest()) }),
                ("GetPledgeProgress", {
                    _ = try await financingClient.unary(
                        FinancingServiceAPI.getPledgeProgress, GetPledgeProgressRequest(pledgeID: SeedFinancing.qualityInfrastructurePledge))
                }),
                ("SummarizeOrders", { _ = try await casesClient.unary(CaseServiceAPI.summarizeOrders, SummarizeOrdersRequest()) }),
                ("GetDashboard", { _ = try await kpiClient.unary(KPIServiceAPI.getDashboard, GetDashboardRequest(), options: .init(timeout: .seconds(30))) }),
                ("GetCase", { _ = try await casesClient.unary(CaseServiceAPI.getCase, GetCaseRequest(id: ids[Int.random(in: 0..<ids.count)])) }),
                ("ListCases", { _ = try await casesClient.unary(CaseServiceAPI.listCases, ListCasesRequest(pageSize: 20, pageToken: lastPage)) }),
            ]
            let attribution = try await diplomacyClient.unary(TopSalesServiceAPI.attribution, AttributionRequest())
            FileHandle.standardError.write(Data("\(label) \(step): Attribution counts \(attribution.total) pairs (12 months)\n".utf8))
            var cells: [String] = []
            for (_, call) in reads {
                var latencies = Latencies()
                for _ in 0..<calls {
                    let start = ContinuousClock.now
                    do {
                        try await call()
                        latencies.add(ContinuousClock.now - start)
                    } catch let error as KWPError {
                        latencies.samples.append(.nan)
                        cells.append("fails: \(error.reason)")
                        break
                    }
                }
                if latencies.samples.contains(where: \.isNaN) { continue }
                cells.append(String(format: "%@ / %@", Self.milliseconds(latencies.percentile(0.5)), Self.milliseconds(latencies.percentile(0.99))))
            }
            let memory = pid.map { Memory.residentKiB(pid: $0).map { String($0 / 1024) } ?? "?" }.joined(separator: "/")
            let size = sizeCommand.flatMap(Self.shell).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                .map { String(format: "%.0f MiB", Double($0) / 1_048_576) } ?? "—"
            let records = step > othersUpTo ? "\(step.formatted()) cases, \(othersUpTo.formatted()) of the others" : step.formatted()
            let row = "| \(records) | \(Int(rate).formatted()) | \(cells.joined(separator: " | ")) | \(memory) | \(size) |"
            rows.append(row)
            print(row)
        }
        for client in [casesClient, financingClient, diplomacyClient, kpiClient] { await client.close() }
        try await group.shutdownGracefully()
    }

    /// Runs `body` for each index, `concurrency` at a time.
    func inParallel(_ indices: Range<Int>, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let next = NIOLockedValueBox(indices.lowerBound)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    while true {
                        let index = next.withLockedValue { value -> Int in
                            defer { value += 1 }
                            return value
                        }
                        guard index < indices.upperBound else { return }
                        try await body(index)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func milliseconds(_ microseconds: Double) -> String {
        microseconds < 10_000 ? String(format: "%.1f ms", microseconds / 1000) : String(format: "%.0f ms", microseconds / 1000)
    }

    static func shell(_ command: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static let countries = ["VN", "IN", "ID", "TH", "PH", "QA", "BR", "KE"]

    static func sampleCase(_ index: Int) -> ExportCase {
        var record = ExportCase()
        record.title = LocalizedText(en: "Scale case \(index)")
        record.field = KPIField.allCases[index % KPIField.allCases.count]
        record.subsector = "rail"
        record.countries = [CountryShare(countries[index % countries.count])]
        record.provenance = Provenance(agency: "METI", document: "scale benchmark")
        record.keyDates.contractSignature = "\(2014 + index % 10)"
        // Won in the years of the events, so Attribution has pairs to count and list.
        record.stageDate = String(format: "%d-%02d", 2014 + index % 10, index % 12 + 1)
        record.stage = .contracted
        record.japaneseShare = Money(amount: "\(1 + index % 997)000000", currency: "JPY", valueDate: "\(2014 + index % 10)")
        return record
    }

    static func sampleFinancing(_ index: Int, caseID: String) -> Financing {
        var financing = Financing()
        financing.caseIDs = [caseID]
        financing.institution = ["JBIC", "JICA", "NEXI"][index % 3]
        financing.instrument = [.exportCredit, .odaLoan, .investmentInsurance][index % 3]
        financing.status = .approved
        financing.title = LocalizedText(en: "Scale loan \(index)")
        financing.transactions = [
            Transaction(type: .commitment, date: "\(2014 + index % 10)", value: Money(amount: "\(1 + index % 97)000000", currency: "USD", valueDate: ""))
        ]
        return financing
    }

    static func sampleEvent(_ index: Int, caseID: String) -> Event {
        var event = Event()
        event.kind = .ministerialVisit
        event.startDate = "\(2014 + index % 10)-0\(index % 9 + 1)"
        event.countries = [countries[index % countries.count]]
        event.title = LocalizedText(en: "Scale visit \(index)")
        event.participants = [Participant(post: "Minister", level: .minister, agency: "MOFA")]
        event.caseLinks = [CaseLink(caseID: caseID, relation: .promoted)]
        return event
    }
}
