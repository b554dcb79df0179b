import ArgumentParser
import BenchProtos
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Histogram
import KeikyoAPI
import KeikyoWire
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

extension Payload: ExpressibleByArgument {}

/// `keikyo-bench load`: drives one contender's server with unary calls and prints one JSON line:
/// calls per second, latency percentiles (HdrHistogram) and CPU per call on both sides.
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load one contender's server (for scripts/bench.sh); prints a JSON line.")

    @Option(help: "kwp, grpc or raw.") var contender: Contender
    @Option(help: "The server's port on 127.0.0.1.") var port: Int
    @Option(help: "small, case or caselist.") var payload: Payload
    @Option(help: "Calls in flight on each connection.") var inflight = 1
    @Option(help: "Connections.") var connections = 1
    @Option(help: "Seconds measured.") var seconds = 5.0
    @Option(help: "Seconds of warm-up first, not measured.") var warmup = 1.0
    @Option(name: .customLong("server-pid"), help: "The server's process id, for its CPU time.") var serverPID: Int32 = 0

    func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let idleRSS = Memory.residentKiB(pid: serverPID)
        let callers = try await (0..<connections).asyncMap { _ in try await Caller.connect(contender, port: port, payload: payload, group: group) }
        // Every contender's calls are made from tasks that prefer the client's one event loop, so
        // that the load generator spends its core on calls rather than on thread hops.
        let executor = EventLoopTaskExecutor(group.next())
        _ = try await drive(callers, seconds: warmup, executor: executor)
        let serverBefore = CPUTime.of(pid: serverPID)
        let clientBefore = CPUTime.ofSelf()
        let started = ContinuousClock.now
        let histogram = try await drive(callers, seconds: seconds, executor: executor)
        let elapsed = ContinuousClock.now - started
        let serverCPU = CPUTime.of(pid: serverPID) - serverBefore
        let loadedRSS = Memory.residentKiB(pid: serverPID)
        let clientCPU = CPUTime.ofSelf() - clientBefore
        for caller in callers { await caller.shutdown() }
        try await group.shutdownGracefully()

        let calls = Double(histogram.totalCount)
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let fields: [(String, String)] = [
            ("contender", "\"\(contender.rawValue)\""), ("payload", "\"\(payload.rawValue)\""), ("payload_bytes", "\(payload.bytes.count)"),
            ("inflight", "\(inflight)"), ("connections", "\(connections)"), ("calls", "\(histogram.totalCount)"),
            ("calls_per_second", String(format: "%.1f", calls / wall)),
            ("p50_us", String(format: "%.1f", Double(histogram.valueAtPercentile(50)) / 1000)),
            ("p99_us", String(format: "%.1f", Double(histogram.valueAtPercentile(99)) / 1000)),
            ("p999_us", String(format: "%.1f", Double(histogram.valueAtPercentile(99.9)) / 1000)),
            ("server_cpu_us_per_call", serverPID == 0 ? "null" : String(format: "%.2f", serverCPU * 1e6 / calls)),
            ("client_cpu_us_per_call", String(format: "%.2f", clientCPU * 1e6 / calls)),
            ("server_rss_kib_before", idleRSS.map(String.init) ?? "null"), ("server_rss_kib_loaded", loadedRSS.map(String.init) ?? "null"),
        ]
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }

    /// Runs `inflight` workers per caller for `seconds`; returns every call's latency (ns).
    func drive(_ callers: [Caller], seconds: Double, executor: EventLoopTaskExecutor) async throws -> Histogram<UInt64> {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        return try await withThrowingTaskGroup(of: Histogram<UInt64>.self) { group in
            for caller in callers {
                for _ in 0..<inflight {
                    group.addTask(executorPreference: executor) {
                        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
                        while ContinuousClock.now < deadline {
                            let start = ContinuousClock.now
                            try await caller.perform()
                            let duration = ContinuousClock.now - start
                            _ = histogram.record(UInt64(duration.components.seconds) * 1_000_000_000 + UInt64(duration.components.attoseconds / 1_000_000_000))
                        }
                        return histogram
                    }
                }
            }
            var total = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
            for try await histogram in group { total.add(histogram) }
            return total
        }
    }
}

/// One connection of a contender, making the payload's unary call.
struct Caller: Sendable {
    let perform: @Sendable () async throws -> Void
    let shutdown: @Sendable () async -> Void

    static func connect(_ contender: Contender, port: Int, payload: Payload, group: MultiThreadedEventLoopGroup) async throws -> Caller {
        switch contender {
        case .kwp:
            let client = KWPClient(host: "127.0.0.1", port: port, eventLoopGroup: group, logger: quiet)
            let call: @Sendable () async throws -> Void =
                switch payload {
                case .small: { _ = try await client.unary(BenchServiceAPI.echo, Payload.smallRequest) }
                case .case: { _ = try await client.unary(BenchServiceAPI.echoCase, Payload.realisticCase) }
                case .caselist: { _ = try await client.unary(BenchServiceAPI.echoCaseList, Payload.caseList) }
                }
            try await call()
            return Caller(perform: call, shutdown: { await client.close() })
        case .grpc:
            let client = GRPCClient(
                transport: try .http2NIOPosix(
                    target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext, eventLoopGroup: group))
            let connections = Task { try await client.runConnections() }
            let bench = Keikyo_Bench_V1_Bench.Client(wrapping: client)
            let call: @Sendable () async throws -> Void =
                switch payload {
                case .small: { _ = try await bench.echo(SwiftProtobufPayload.small) }
                case .case: { _ = try await bench.echoCase(SwiftProtobufPayload.realisticCase) }
                case .caselist: { _ = try await bench.echoCaseList(SwiftProtobufPayload.caseList) }
                }
            try await call()
            return Caller(perform: call, shutdown: {
                client.beginGracefulShutdown()
                _ = try? await connections.value
            })
        case .raw:
            let client = try await RawClient.connect(group: group, port: port)
            var frame = ByteBuffer()
            let bytes = payload.bytes
            frame.writeInteger(UInt32(bytes.count))
            frame.writeBytes(bytes)
            let request = frame
            let call: @Sendable () async throws -> Void = { _ = try await client.call(request) }
            try await call()
            return Caller(perform: call, shutdown: { try? await client.channel.close() })
        }
    }
}

/// A client of the raw echo: frames out, frames back in order, flushed once per loop tick.
final class RawClient: Sendable {
    let channel: any Channel

    init(channel: any Channel) { self.channel = channel }

    static func connect(group: any EventLoopGroup, port: Int) async throws -> RawClient {
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RawEcho.FrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(Handler())
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawClient(channel: channel)
    }

    func call(_ frame: ByteBuffer) async throws -> ByteBuffer {
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        channel.write(Request(frame: frame, promise: promise), promise: nil)
        return try await promise.futureResult.get()
    }

    struct Request: @unchecked Sendable {
        var frame: ByteBuffer
        var promise: EventLoopPromise<ByteBuffer>
    }

    final class Handler: ChannelDuplexHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundIn = Request
        typealias OutboundOut = ByteBuffer
        var pending: [EventLoopPromise<ByteBuffer>] = []
        var head = 0
        var flushScheduled = false

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            let request = unwrapOutboundIn(data)
            pending.append(request.promise)
            context.write(wrapOutboundOut(request.frame), promise: promise)
            guard !flushScheduled else { return }
            flushScheduled = true
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.execute {
                let (handler, context) = loopBound.value
                handler.flushScheduled = false
                context.flush()
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            pending[head].succeed(unwrapInboundIn(data))
            head += 1
            if head > 1024, head * 2 > pending.count {
                pending.removeFirst(head)
                head = 0
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            for promise in pending[head...] { promise.fail(error) }
            pending = []
            head = 0
            context.close(promise: nil)
        }
    }
}

/// Resident memory of a process, from /proc/PID/status.
enum Memory {
    static func residentKiB(pid: Int32) -> Int? {
        guard pid > 0, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}

/// CPU seconds (user + system).
enum CPUTime {
    static func ofSelf() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// From /proc/PID/stat (utime and stime, in clock ticks); 0 when unknown.
    static func of(pid: Int32) -> Double {
        guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
