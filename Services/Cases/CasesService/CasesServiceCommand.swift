import ArgumentParser
import KeikyoServiceCore

/// The `keikyo-cases` command: also reachable as `keikyo serve cases`, and as a `keikyo-cases`
/// link to the multi-call `keikyo` binary in the container image.
public struct CasesServiceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "keikyo-cases",
        abstract: "The register of infrastructure export cases, served over KWP/1 (default port 7101).")

    @OptionGroup var options: ServiceOptions

    public init() {}

    public func run() async throws {
        try await Self.run(options)
    }

    /// Runs the service with `options`; for every command that starts it.
    public static func run(_ options: ServiceOptions) async throws {
        let configuration = try options.resolve(for: .cases)
        ServiceRunner.bootstrapLogging(level: configuration.logLevel)
        try await ServiceRunner.run(configuration) { configuration, access, logger in
            try await CasesServiceFactory.makeServices(configuration: configuration, access: access, logger: logger)
        }
    }
}
