import ArgumentParser
import KeikyoServiceCore

/// The `keikyo-diplomacy` command: also reachable as `keikyo serve diplomacy`, and as a
/// `keikyo-diplomacy` link to the multi-call `keikyo` binary in the container image.
public struct DiplomacyServiceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "keikyo-diplomacy",
        abstract: "Top-sales diplomacy: summits, visits, dialogues and memoranda linked to cases, over KWP/1 (default port 7103).")

    @OptionGroup var options: ServiceOptions

    public init() {}

    public func run() async throws {
        try await Self.run(options)
    }

    /// Runs the service with `options`; for every command that starts it.
    public static func run(_ options: ServiceOptions) async throws {
        let configuration = try options.resolve(for: .diplomacy)
        ServiceRunner.bootstrapLogging(level: configuration.logLevel)
        try await ServiceRunner.run(configuration) { configuration, access, logger in
            try await DiplomacyServiceFactory.makeServices(configuration: configuration, access: access, logger: logger)
        }
    }
}
