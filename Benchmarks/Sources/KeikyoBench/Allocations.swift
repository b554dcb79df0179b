import ArgumentParser
import Foundation
import NIOPosix

/// `keikyo-bench allocations`: heap allocations per unary call, client and server together
/// in one process, for each contender and payload. Counts, not times: the figure is the same
/// on a busy machine. Needs the interposer preloaded (scripts/bench.sh does it):
/// `LD_PRELOAD=.../libMallocInterposerSwift.so keikyo-bench allocations`.
struct Allocations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "malloc calls and bytes per unary call, client and server in one process (LD_PRELOAD the interposer).")

    @Option(help: "Calls counted per contender and payload, after a warm-up.") var calls = 5_000
    @Option(help: "Replace the allocations table in this Markdown file (between its allocations markers).")
    var markdown: String?

    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    func run() async throws {
        let counter = try AllocationCounter()
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
                counter.reset()
                counter.enable()
                for _ in 0..<calls { try await caller.perform() }
                counter.disable()
                let statistics = counter.statistics()
                await caller.shutdown()
                server.stop()
                _ = try? await running.value
                guard statistics.count > 0 else {
                    throw ValidationError("no allocation was counted: run with LD_PRELOAD=<path>/libMallocInterposerSwift.so")
                }
                let perCall = Double(statistics.count) / Double(calls)
                let bytesPerCall = Double(statistics.bytes) / Double(calls)
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
        try Report.splice(table.trimmingCharacters(in: .newlines), into: markdown, marker: "allocations")
    }
}

/// ordo-one/malloc-interposer's counters, found at run time in the preloaded library. The
/// benchmark does not link the interposer: linked in, it would sit under every malloc of every
/// other measurement (it adds a header to each allocation).
struct AllocationCounter {
    private let resetCounters: @convention(c) () -> Void
    private let enableCounting: @convention(c) () -> Void
    private let disableCounting: @convention(c) () -> Void
    private let readCounters: @convention(c) (
        UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?,
        UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int64>?
    ) -> Void

    init() throws {
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else {
                throw ValidationError("\(name) not found: run with LD_PRELOAD=<path>/libMallocInterposerSwift.so")
            }
            return unsafeBitCast(address, to: type)
        }
        resetCounters = try symbol("malloc_interposer_reset", as: (@convention(c) () -> Void).self)
        enableCounting = try symbol("malloc_interposer_enable", as: (@convention(c) () -> Void).self)
        disableCounting = try symbol("malloc_interposer_disable", as: (@convention(c) () -> Void).self)
        readCounters = try symbol("malloc_interposer_get_stats", as: type(of: readCounters))
    }

    func reset() { resetCounters() }
    func enable() { enableCounting() }
    func disable() { disableCounting() }

    /// malloc calls and bytes requested since the last reset, while enabled.
    func statistics() -> (count: Int, bytes: Int) {
        var count: Int64 = 0, bytes: Int64 = 0, small: Int64 = 0, large: Int64 = 0, frees: Int64 = 0, freedBytes: Int64 = 0
        readCounters(&count, &bytes, &small, &large, &frees, &freedBytes)
        return (Int(count), Int(bytes))
    }
}
