import ArgumentParser
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoWire

/// `keikyo programmes ...`: the support programmes of the public institutions and ministries.
struct ProgrammesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programmes",
        abstract: "Support programmes (facilities, windows, calls for projects, schemes, measures): where and in which fields they work.",
        subcommands: [List.self, Get.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List programmes; a field and a country match the same focus.")
        @OptionGroup var connection: ServiceConnection
        @Option(help: "The institution or ministry, e.g. JETRO.") var institution: String = ""
        @Option(help: "A focus field, e.g. waste.") var field: String = ""
        @Option(help: "A focus country (ISO 3166-1 alpha-2).") var country: String = ""
        @Flag(name: .customLong("covid-19"), help: "Only the COVID-19 measures.") var covid = false
        @Option(name: .customLong("page-size")) var pageSize: UInt32 = 0
        @Option(name: .customLong("page-token")) var pageToken: String = ""
        @Flag(help: "Every page.") var all = false

        func run() async throws {
            try await connection.withClient(.financing) { client in
                try await PagedListing(
                    connection: connection, table: TextTable("ID", "INSTITUTION", "KIND", "PERIOD", "FOCUS", "SOURCE"), all: all,
                    fetch: { token in
                        try await client.unary(
                            FinancingServiceAPI.listSupportProgrammes,
                            ListSupportProgrammesRequest(
                                institution: institution, field: field, country: country, covid19Only: covid, pageSize: pageSize, pageToken: token),
                            options: connection.call.kwpOptions)
                    },
                    read: { page in
                        let rows = page.programmes.map { programme in
                            [
                                programme.id, programme.institution, programme.kind?.rawValue ?? "",
                                programme.periodStart.isEmpty && programme.periodEnd.isEmpty ? "" : "\(programme.periodStart)..\(programme.periodEnd)",
                                programme.focus.map { focus in
                                    ([focus.field] + [(focus.countries + focus.countryGroups).joined(separator: ",")]).filter { !$0.isEmpty }.joined(separator: ":")
                                }.joined(separator: " "),
                                programme.provenance.citation,
                            ]
                        }
                        return (rows, page.nextPageToken, page.totalSize)
                    }
                ).run(from: pageToken)
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one programme with its measures.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The programme id (prog-...).") var id: String

        func run() async throws {
            try await connection.withClient(.financing) { client in
                let programme = try await client.unary(
                    FinancingServiceAPI.getSupportProgramme, GetSupportProgrammeRequest(id: id), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(programme) }
                var lines: [(String, String)] = [
                    ("id", programme.id), ("name", programme.name.preferred), ("institution", ([programme.institution] + programme.partners).joined(separator: ", ")),
                    ("kind", programme.kind?.rawValue ?? ""), ("period", "\(programme.periodStart)..\(programme.periodEnd)"),
                ]
                if let amount = programme.amount { lines.append(("amount", "\(amount.amount) \(amount.currency)")) }
                for focus in programme.focus {
                    lines.append(("focus", ([focus.field.ifEmpty("any field")] + focus.countries + focus.countryGroups).joined(separator: " ")))
                }
                for measure in programme.measures { lines.append(("measure", measure.preferred)) }
                if programme.covid19 { lines.append(("COVID-19", "yes")) }
                lines.append(("source", programme.provenance.citation))
                if !programme.notes.isEmpty { lines.append(("notes", programme.notes)) }
                print(RecordText.aligned(lines))
            }
        }
    }
}
