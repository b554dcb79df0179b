import Foundation

/// A fresh directory, removed afterwards.
public func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("keikyo-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// What a finished command printed and how it exited.
public struct CommandResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
}

/// Runs an executable of this package to completion (bounded), feeding `input` on standard
/// input. Its output goes to files, not pipes: a pipe's write end inherited by a process that
/// another test spawns meanwhile would hold back its end-of-file. Nothing here blocks a thread
/// (on Linux, Swift concurrency runs on Dispatch's few threads; a blocked one can starve a
/// server running in the same process).
public func runCommand(
    _ executable: String, _ arguments: [String], input: String = "", environment: [String: String] = [:],
    within limit: Duration = .seconds(60)
) async throws -> CommandResult {
    try await run(
        ServiceProcess.binDirectory.appendingPathComponent(executable), arguments, input: input, environment: environment,
        within: limit)
}

/// Runs `command` with /bin/sh (e.g. a docker-compose command line), bounded.
public func runShell(_ command: String, within limit: Duration = .seconds(120)) async throws -> CommandResult {
    try await run(URL(fileURLWithPath: "/bin/sh"), ["-c", command], input: "", environment: [:], within: limit, keepKeikyoEnvironment: true)
}

func run(
    _ executable: URL, _ arguments: [String], input: String, environment: [String: String], within limit: Duration,
    keepKeikyoEnvironment: Bool = false
) async throws -> CommandResult {
    try await withTemporaryDirectory { directory in
        let inputFile = URL(fileURLWithPath: directory).appendingPathComponent("stdin")
        let outputFile = URL(fileURLWithPath: directory).appendingPathComponent("stdout")
        let errorsFile = URL(fileURLWithPath: directory).appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorsFile.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var processEnvironment = ProcessInfo.processInfo.environment.filter { keepKeikyoEnvironment || !$0.key.hasPrefix("KEIKYO_") }
        processEnvironment.merge(environment) { $1 }
        process.environment = processEnvironment
        let handles = [
            try FileHandle(forReadingFrom: inputFile), try FileHandle(forWritingTo: outputFile), try FileHandle(forWritingTo: errorsFile),
        ]
        defer { for handle in handles { try? handle.close() } }
        process.standardInput = handles[0]
        process.standardOutput = handles[1]
        process.standardError = handles[2]
        let (exit, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            continuation.yield(process.terminationStatus)
            continuation.finish()
        }
        try process.run()
        let status = try await withTimeout(limit, "\(executable.lastPathComponent) \(arguments.joined(separator: " "))") {
            var iterator = exit.makeAsyncIterator()
            return await iterator.next() ?? -1
        }
        return CommandResult(
            status: status, output: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
            errors: String(decoding: try Data(contentsOf: errorsFile), as: UTF8.self))
    }
}
