import ArgumentParser
import KeikyoServiceCore

/// The `keikyo-financing` command: also reachable as `keikyo serve financing`, and as a
/// `keikyo-financing` link to the multi-call `keikyo` binary in the container image.
public struct FinancingServiceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "keikyo-financing",
        abstract: "Public finance for the cases, financing pledges and the exchange-rate table, over KWP/1 (default port 7102).")

    @OptionGroup var options: ServiceOptions

    public init() {}

    public func run() async throws {
        try await Self.run(options)
    }

    /// Runs the service with `options`; for every command that starts it.
    public static func run(_ options: ServiceOptions) async throws {
        let configuration = try options.resolve(for: .financing)
        ServiceRunner.bootstrapLogging(level: configuration.logLevel)
        try await ServiceRunner.run(configuration) { configuration, access, logger in
            try await FinancingServiceFactory.makeServices(configuration: configuration, access: access, logger: logger)
        }
    }
}
