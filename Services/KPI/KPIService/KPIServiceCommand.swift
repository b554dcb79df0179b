import ArgumentParser
import KeikyoServiceCore

/// The `keikyo-kpi` command: also reachable as `keikyo serve kpi`, and as a `keikyo-kpi` link
/// to the multi-call `keikyo` binary in the container image.
public struct KPIServiceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "keikyo-kpi",
        abstract: "The strategy's indicators, targets and official figures, progress and the dashboard, over KWP/1 (default port 7104).")

    @OptionGroup var options: ServiceOptions

    public init() {}

    public func run() async throws {
        try await Self.run(options)
    }

    /// Runs the service with `options`; for every command that starts it.
    public static func run(_ options: ServiceOptions) async throws {
        let configuration = try options.resolve(for: .kpi)
        ServiceRunner.bootstrapLogging(level: configuration.logLevel)
        try await ServiceRunner.run(configuration) { configuration, access, logger in
            try await KPIServiceFactory.makeServices(configuration: configuration, access: access, logger: logger)
        }
    }
}
