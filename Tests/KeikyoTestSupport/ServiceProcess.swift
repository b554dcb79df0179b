import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#endif

/// A service executable of this package run as a child process on 127.0.0.1 port 0; the
/// port is read from its "listening" log line.
public final class ServiceProcess: Sendable {
    private let process: UnsafeProcess
    public let port: Int
    private let output: NIOLockedValueBox<String>
    private let exit: AsyncStream<Int32>

    /// The folder of the built executables: the test binary's own.
    public static var binDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["KEIKYO_BIN_DIR"] { return URL(fileURLWithPath: override) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// Starts `executable` with `arguments` (and `environment` added to the test's, less its
    /// `KEIKYO_` variables) and waits (bounded) until it listens. With `--data-dir` in a run on
    /// PostgreSQL (`TestBackend.default`), its data goes to a schema of the test server.
    public static func start(
        _ executable: String, arguments: [String], environment: [String: String] = [:], within limit: Duration = .seconds(30)
    ) async throws -> ServiceProcess {
        let process = Process()
        process.executableURL = binDirectory.appendingPathComponent(executable)
        process.arguments = arguments + ["--listen", "127.0.0.1:0"]
        var environment = environment
        if let flag = arguments.firstIndex(of: "--data-dir"), flag + 1 < arguments.count, environment["KEIKYO_DATABASE_URL"] == nil {
            environment.merge(TestBackend.processEnvironment(executable: executable, dataDirectory: arguments[flag + 1])) { $1 }
        }
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KEIKYO_") }.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        let output = NIOLockedValueBox("")
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let (exit, exitContinuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            exitContinuation.yield(process.terminationStatus)
            exitContinuation.finish()
            portContinuation.finish()
        }
        try process.run()
        // A thread of its own reads the log to its end and only then closes the pipe. (Foundation's
        // readabilityHandler watches the descriptor with a dispatch source; a pipe closed while its
        // source was still registered crashed libdispatch's event loop about one run in ten.)
        let reader = pipe.fileHandleForReading
        Thread.detachNewThread {
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                let text = output.withLockedValue { text in
                    text += String(decoding: data, as: UTF8.self)
                    return text
                }
                // The "listening" line: net.address=[IPv4]127.0.0.1/127.0.0.1:PORT
                if let range = text.range(of: #"net\.address=\[IPv4\]127\.0\.0\.1/127\.0\.0\.1:\d+"#, options: .regularExpression),
                    let port = Int(text[range].split(separator: ":").last ?? ""), port != 0
                {
                    portContinuation.yield(port)
                    portContinuation.finish()
                }
            }
            portContinuation.finish()
            try? reader.close()
        }
        let transfer = UnsafeProcess(process)
        let port = try await withTimeout(limit, "\(executable) to listen") {
            var iterator = portStream.makeAsyncIterator()
            return await iterator.next()
        }
        guard let port else {
            process.terminate()
            throw ServiceProcessError(message: "\(executable) exited before listening:\n\(output.withLockedValue { $0 })")
        }
        return ServiceProcess(process: transfer, port: port, output: output, exit: exit)
    }

    private init(process: UnsafeProcess, port: Int, output: NIOLockedValueBox<String>, exit: AsyncStream<Int32>) {
        self.process = process
        self.port = port
        self.output = output
        self.exit = exit
    }

    deinit {
        // A test that failed half-way does not leave its service running.
        if process.value.isRunning { kill(process.value.processIdentifier, SIGKILL) }
    }

    /// The process id.
    public var pid: Int32 { process.value.processIdentifier }

    /// The resident memory of the process now, in bytes (`VmRSS` in /proc), or nil once it is gone.
    public var residentBytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1])
        else { return nil }
        return kilobytes * 1024
    }

    /// Everything the process logged so far.
    public var log: String { output.withLockedValue { $0 } }

    /// Sends `signal` (e.g. SIGHUP) without waiting for anything.
    public func send(_ signal: Int32) {
        kill(process.value.processIdentifier, signal)
    }

    /// Sends `signal` and waits (bounded) for the process to exit; returns its status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, within limit: Duration = .seconds(30)) async throws -> Int32 {
        kill(process.value.processIdentifier, signal)
        let exit = self.exit
        return try await withTimeout(limit, "the process to exit") {
            var iterator = exit.makeAsyncIterator()
            return await iterator.next() ?? -1
        }
    }
}

public struct ServiceProcessError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

/// `Process` is not Sendable; it is only touched through its thread-safe calls here.
struct UnsafeProcess: @unchecked Sendable {
    let value: Process
    init(_ value: Process) { self.value = value }
}
