import ArgumentParser

@main
struct KeikyoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keikyo",
        abstract: "Work with the Keikyo services over KWP/1.",
        subcommands: [HealthCommand.self, ServicesCommand.self, CallCommand.self, CasesCommand.self])
}
