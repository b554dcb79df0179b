import ArgumentParser
import Foundation
import MallocInterposerSwift
import NIOPosix

/// `keikyo-bench allocations`: heap allocations per unary call, client and server together
/// in one process, for each contender and payload. Counts, not times: the figure is the same
/// on a busy machine. Needs the interposer preloaded (scripts/bench.sh does it):
/// `LD_PRELOAD=.../libMallocInterposerSwift.so keikyo-bench allocations`.
struct Allocations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "malloc calls and bytes per unary call, client and server in one process (LD_PRELOAD the interposer).")

    @Option(help: "Calls counted per contender and payload, after a warm-up.") var calls = 5_000
    @Option(help: "Replace the allocations table in this Markdown file (between <!-- allocations:begin --> and <!-- allocations:end -->).")
    var markdown: String?

    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    func run() async throws {
        MallocInterposerSwift.initialize()
        var rows: [(Payload, Contender, Double, Double)] = []
        for payload in [Payload.small, .case] {
            for contender in Contender.allCases {
                // One shared group, never shut down: gRPC's transport still schedules work on its
                // group after a graceful shutdown returns.
                let group = Self.group
                let server = try await BenchServer.start(contender, group: group)
                let running = Task { try await server.run() }
                let caller = try await Caller.connect(contender, port: server.port, payload: payload, group: group)
                for _ in 0..<500 { try await caller.perform() }
                MallocInterposerSwift.reset()
                MallocInterposerSwift.hook()
                for _ in 0..<calls { try await caller.perform() }
                MallocInterposerSwift.unhook()
                let statistics = MallocInterposerSwift.getStatistics()
                await caller.shutdown()
                server.stop()
                _ = try? await running.value
                guard statistics.mallocCount > 0 else {
                    throw ValidationError("no allocation was counted: run with LD_PRELOAD=<path>/libMallocInterposerSwift.so")
                }
                let perCall = Double(statistics.mallocCount) / Double(calls)
                let bytesPerCall = Double(statistics.mallocBytesCount) / Double(calls)
                rows.append((payload, contender, perCall, bytesPerCall))
                FileHandle.standardError.write(Data(String(format: "%@ %@: %.1f allocations, %.0f bytes allocated per call\n", payload.rawValue, contender.rawValue, perCall, bytesPerCall).utf8))
            }
        }
        guard let markdown else { return }
        var table = "| payload | KWP/1 allocs/call | gRPC allocs/call | raw allocs/call | KWP/1 bytes/call | gRPC bytes/call |\n|---|---|---|---|---|---|\n"
        for payload in [Payload.small, .case] {
            let of = { (contender: Contender) in rows.first { $0.0 == payload && $0.1 == contender }! }
            table += String(format: "| %@ | %.1f | %.1f | %.1f | %.0f | %.0f |\n", payload.rawValue, of(.kwp).2, of(.grpc).2, of(.raw).2, of(.kwp).3, of(.grpc).3)
        }
        let section = "<!-- allocations:begin -->\n\(table)<!-- allocations:end -->"
        let text = try String(contentsOfFile: markdown, encoding: .utf8)
        guard let start = text.range(of: "<!-- allocations:begin -->"), let end = text.range(of: "<!-- allocations:end -->") else {
            throw ValidationError("\(markdown) has no <!-- allocations:begin --> ... <!-- allocations:end --> markers")
        }
        try (text[..<start.lowerBound] + section + text[end.upperBound...]).write(toFile: markdown, atomically: true, encoding: .utf8)
    }
}
