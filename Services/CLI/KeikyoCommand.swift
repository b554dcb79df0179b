import ArgumentParser
import CasesService
import DiplomacyService
import FinancingService
import KPIService
import Foundation
import KeikyoServiceCore

/// `keikyo`, and the services too when called by their names: the container image ships this
/// one binary with `keikyo-cases` (and the other services) as links to it, so the Swift
/// runtime and libraries are stored once.
@main
enum KeikyoMain {
    static func main() async {
        let invokedAs = URL(fileURLWithPath: CommandLine.arguments.first ?? "keikyo").lastPathComponent
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch invokedAs {
        case "keikyo-cases": await CasesServiceCommand.main(arguments)
        case "keikyo-financing": await FinancingServiceCommand.main(arguments)
        case "keikyo-diplomacy": await DiplomacyServiceCommand.main(arguments)
        case "keikyo-kpi": await KPIServiceCommand.main(arguments)
        default: await KeikyoCommand.main(arguments)
        }
    }
}

struct KeikyoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keikyo",
        abstract: "Work with the Keikyo services over KWP/1.",
        subcommands: [
            HealthCommand.self, ServicesCommand.self, CallCommand.self, CasesCommand.self, FinancingCommand.self, PledgesCommand.self,
            ProgrammesCommand.self,
            EventsCommand.self, KPICommand.self, AuditCommand.self,
            TokensCommand.self, PolicyCommand.self, TLSCommand.self, ServeCommand.self, MigrateCommand.self, BackupCommand.self, RestoreCommand.self,
            SoakCommand.self,
        ])
}

/// `keikyo serve cases ...`: run a service from this binary.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run a service (the same as its own executable).",
        subcommands: [Cases.self, Financing.self, Diplomacy.self, KPI.self])

    struct Cases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: CasesServiceCommand.configuration.abstract)
        @OptionGroup var options: ServiceOptions
        func run() async throws { try await CasesServiceCommand.run(options) }
    }

    struct Financing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: FinancingServiceCommand.configuration.abstract)
        @OptionGroup var options: ServiceOptions
        func run() async throws { try await FinancingServiceCommand.run(options) }
    }

    struct Diplomacy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: DiplomacyServiceCommand.configuration.abstract)
        @OptionGroup var options: ServiceOptions
        func run() async throws { try await DiplomacyServiceCommand.run(options) }
    }

    struct KPI: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "kpi", abstract: KPIServiceCommand.configuration.abstract)
        @OptionGroup var options: ServiceOptions
        func run() async throws { try await KPIServiceCommand.run(options) }
    }
}
