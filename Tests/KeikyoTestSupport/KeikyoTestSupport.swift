import Foundation
import KeikyoWire
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

// Helpers every test target shares: live servers on 127.0.0.1 port 0, bounded waits, error checks.

public let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

public struct TimedOut: Error, CustomStringConvertible {
    public var what: String
    public var description: String { "timed out waiting for \(what)" }
    public init(what: String) { self.what = what }
}

/// Runs `body`, failing with `TimedOut` when it takes longer than `limit`.
public func withTimeout<T: Sendable>(
    _ limit: Duration = .seconds(10), _ what: String = "the operation",
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimedOut(what: what)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Events that a handler reports and a test waits for, each wait bounded. A wait that times
/// out loses nothing: later events still reach later waits.
public final class EventLog: Sendable {
    private struct State {
        var events: [String] = []
        var waiters: [(id: UInt64, continuation: CheckedContinuation<String?, Never>)] = []
        var nextID: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    public func record(_ event: String) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<String?, Never>? in
            guard !state.waiters.isEmpty else {
                state.events.append(event)
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        waiter?.resume(returning: event)
    }

    /// The next event, waiting at most `limit`.
    public func next(within limit: Duration = .seconds(10)) async throws -> String {
        try await withTimeout(limit, "an event") {
            guard let event = await self.take() else { throw CancellationError() }
            return event
        }
    }

    /// Waits until `count` events equal to `event` have arrived, each within `limit`.
    public func expect(_ event: String, count: Int = 1, within limit: Duration = .seconds(10)) async throws {
        var seen = 0
        while seen < count {
            if try await next(within: limit) == event { seen += 1 }
        }
    }

    /// The next event; nil when the waiting task is cancelled.
    private func take() async -> String? {
        let id = state.withLockedValue { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                let ready = state.withLockedValue { state -> String?? in
                    if Task.isCancelled { return .some(nil) }
                    if !state.events.isEmpty { return .some(state.events.removeFirst()) }
                    state.waiters.append((id, continuation))
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLockedValue { state -> CheckedContinuation<String?, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
    }
}

/// Runs a server on 127.0.0.1 with a free port for the duration of `body`, then drains it.
@discardableResult
public func withServer<T: Sendable>(
    services: [any KWPServiceProvider] = [EchoService()],
    configuration: KWPServerConfiguration = KWPServerConfiguration(host: "127.0.0.1", port: 0),
    interceptors: [any KWPServerInterceptor] = [],
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    _ body: @Sendable (KWPServer, Int) async throws -> T
) async throws -> T {
    let server = KWPServer(
        configuration: configuration, services: services, interceptors: interceptors, eventLoopGroup: eventLoopGroup,
        logger: quietLogger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        let port = try await withTimeout(.seconds(10), "the server to listen") { try await server.listeningAddress.port! }
        // The drain is bounded by the server's grace period.
        do {
            let result = try await body(server, port)
            server.beginDrain()
            try await group.next()
            return result
        } catch {
            server.beginDrain()
            try? await group.next()
            throw error
        }
    }
}

/// A client for the test server; closed after `body`.
@discardableResult
public func withClient<T: Sendable>(
    port: Int, configuration: KWPClientConfiguration = .init(),
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, _ body: @Sendable (KWPClient) async throws -> T
) async throws -> T {
    let client = KWPClient(host: "127.0.0.1", port: port, configuration: configuration, eventLoopGroup: eventLoopGroup, logger: quietLogger)
    do {
        let result = try await body(client)
        await client.close()
        return result
    } catch {
        await client.close()
        throw error
    }
}

/// Expects `body` to fail with a `KWPError` of `code` (and `reason`, when given).
@discardableResult
public func expectKWPError(
    _ code: KWPError.Code, reason: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> KWPError? {
    do {
        try await body()
        Issue.record("expected \(code) but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as KWPError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let reason { #expect(error.reason == reason, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected KWPError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}


/// Waits, with a bound, until nothing accepts connections on `port` any more.
public func waitUntilRefused(port: Int, within limit: Duration = .seconds(10)) async throws {
    try await withTimeout(limit, "port \(port) to refuse connections") {
        while true {
            var configuration = KWPClientConfiguration()
            configuration.connectTimeout = .seconds(1)
            let refused = try await withClient(port: port, configuration: configuration) { probe in
                do {
                    _ = try await probe.unary(HealthMethods.check, HealthCheckRequest(service: ""))
                    return false
                } catch let error as KWPError {
                    return error.code == .unavailable
                }
            }
            if refused { return }
            await Task.yield()
        }
    }
}

/// A TCP listener on 127.0.0.1 that accepts connections and never answers: a cases service
/// too slow to reply (a fault that a real service cannot be made to show on demand).
public func withSilentListener<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelInitializer { channel in channel.eventLoop.makeSucceededVoidFuture() }
        .bind(host: "127.0.0.1", port: 0).get()
    do {
        let result = try await body(channel.localAddress!.port!)
        try await channel.close()
        return result
    } catch {
        try? await channel.close()
        throw error
    }
}

/// A random number generator with a seed (SplitMix64), so that a random load that failed can be
/// replayed exactly.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
