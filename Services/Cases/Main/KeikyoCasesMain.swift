import ArgumentParser
import CasesService
import KeikyoServiceCore

@main
struct KeikyoCasesMain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keikyo-cases",
        abstract: "The register of infrastructure export cases, served over KWP/1 (default port 7101).")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let configuration = try options.resolve(for: .cases)
        ServiceRunner.bootstrapLogging(level: configuration.logLevel)
        try await ServiceRunner.run(configuration) { configuration, logger in
            try await CasesServiceFactory.makeServices(configuration: configuration, logger: logger)
        }
    }
}
