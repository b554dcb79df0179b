import ArgumentParser
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoWire

/// `keikyo cases ...`: the case register from the command line.
struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "List, show, create, update and advance infrastructure export cases.",
        subcommands: [List.self, Get.self, Create.self, Update.self, Advance.self, History.self, Export.self])

    typealias Connection = ServiceConnection

    /// Filter flags of `list` and `export`.
    struct FilterOptions: ParsableArguments {
        @Option(help: "KPI field, e.g. TRANSPORT; repeatable.") var field: [String] = []
        @Option(help: "Subsector code, e.g. port; repeatable.") var subsector: [String] = []
        @Option(help: "ISO 3166-1 alpha-2 country; repeatable.") var country: [String] = []
        @Option(help: "World Bank region, e.g. SOUTH_ASIA; repeatable.") var region: [String] = []
        @Option(help: "Stage, e.g. CONTRACTED; repeatable.") var stage: [String] = []
        @Option(name: .customLong("contract-year-from"), help: "Contract signed in or after this year.") var contractYearFrom: UInt32 = 0
        @Option(name: .customLong("contract-year-to"), help: "Contract signed in or before this year.") var contractYearTo: UInt32 = 0
        @Option(help: "Part of a party's name.") var party: String = ""
        @Option(help: "Part of the title.") var text: String = ""

        func filter() throws -> CaseFilter {
            var filter = CaseFilter()
            filter.fields = try field.map { try codeListValue($0, as: KPIField.self, flag: "--field") }
            filter.subsectors = subsector
            filter.countries = country.map { $0.uppercased() }
            filter.regions = try region.map { try codeListValue($0, as: Region.self, flag: "--region") }
            filter.stages = try stage.map { try codeListValue($0, as: CaseStage.self, flag: "--stage") }
            filter.contractYearFrom = contractYearFrom
            filter.contractYearTo = contractYearTo
            filter.partyName = party
            filter.text = text
            return filter
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases, one page at a time (or --all).")
        @OptionGroup var connection: Connection
        @OptionGroup var filter: FilterOptions
        @Option(name: .customLong("page-size"), help: "Cases per page, up to 500.") var pageSize: UInt32 = 50
        @Option(name: .customLong("page-token"), help: "next_page_token of the previous page.") var pageToken: String = ""
        @Flag(help: "Follow the pages to the end.") var all = false

        func run() async throws {
            let filter = try self.filter.filter()
            try await connection.withClient(.cases) { client in
                try await PagedListing(
                    connection: connection, table: TextTable("ID", "STAGE", "FIELD", "COUNTRIES", "TITLE"), all: all,
                    fetch: { token in
                        try await client.unary(
                            CaseServiceAPI.listCases, ListCasesRequest(filter: filter, pageSize: pageSize, pageToken: token),
                            options: connection.call.kwpOptions)
                    },
                    read: { page in
                        let rows = page.cases.map { record in
                            [record.id, record.stage?.rawValue ?? "", record.field?.rawValue ?? "",
                                record.countries.map(\.country).joined(separator: ","), record.title.preferred]
                        }
                        return (rows, page.nextPageToken, page.totalSize)
                    }
                ).run(from: pageToken)
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one case.")
        @OptionGroup var connection: Connection
        @Argument(help: "The case id.") var id: String

        func run() async throws {
            try await connection.withClient(.cases) { client in
                let record = try await client.unary(CaseServiceAPI.getCase, GetCaseRequest(id: id), options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(record) } else { print(CaseText.describe(record)) }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a case from JSON (a keikyo.cases.v1.Case; the server assigns the id).",
            discussion: "Example: keikyo cases create --file case.json --agency MLIT")
        @OptionGroup var connection: Connection
        @Option(help: "JSON file, or - for standard input.") var file: String = "-"
        @Option(name: .customLong("idempotency-key"), help: "Retrying with the same key creates the case once.")
        var idempotencyKey: String?

        func run() async throws {
            let record = try CaseText.readCase(from: file)
            var metadata = connection.metadata
            if let idempotencyKey { metadata[KWPMetadata.Reserved.idempotencyKey] = idempotencyKey }
            try await connection.withClient(.cases) { client in
                let created = try await client.unary(CaseServiceAPI.createCase, CreateCaseRequest(record), metadata: metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(created) } else { print("created \(created.id) (version \(created.version))") }
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a case's editable fields from JSON (as `get --json` prints it).",
            discussion: "The JSON's version is the expected version unless --expected-version is given; a stale one is refused.")
        @OptionGroup var connection: Connection
        @Argument(help: "The case id.") var id: String
        @Option(help: "JSON file, or - for standard input.") var file: String = "-"
        @Option(name: .customLong("expected-version"), help: "The version your change is based on.") var expectedVersion: UInt64?

        func run() async throws {
            var record = try CaseText.readCase(from: file)
            record.id = id
            let expected = expectedVersion ?? record.version
            try await connection.withClient(.cases) { client in
                let updated = try await client.unary(
                    CaseServiceAPI.updateCase, UpdateCaseRequest(record, expectedVersion: expected), metadata: connection.metadata,
                    options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(updated) } else { print("updated \(updated.id) to version \(updated.version)") }
            }
        }
    }

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a case to another stage, dated.")
        @OptionGroup var connection: Connection
        @Argument(help: "The case id.") var id: String
        @Argument(help: "The new stage, e.g. CONTRACTED.") var stage: String
        @Option(help: "When it happened: YYYY, YYYY-MM or YYYY-MM-DD.") var date: String
        @Option(help: "A note for the stage history.") var note: String = ""
        @Option(name: .customLong("expected-version"), help: "Refuse if the case has changed since this version.") var expectedVersion: UInt64 = 0

        func run() async throws {
            let target = try codeListValue(stage, as: CaseStage.self, flag: "STAGE")
            try await connection.withClient(.cases) { client in
                let moved = try await client.unary(
                    CaseServiceAPI.advanceStage,
                    AdvanceStageRequest(id: id, stage: target, date: date, note: note, expectedVersion: expectedVersion),
                    metadata: connection.metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(moved) } else { print("\(moved.id) is now \(target.rawValue) (version \(moved.version))") }
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every change to a case: version, time, who, what.")
        @OptionGroup var connection: Connection
        @Argument(help: "The case id.") var id: String

        func run() async throws {
            try await connection.withClient(.cases) { client in
                let history = try await client.unary(CaseServiceAPI.getCaseHistory, GetCaseHistoryRequest(id: id), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(history) }
                var table = TextTable("VERSION", "AT", "BY", "KIND", "SUMMARY")
                for change in history.changes {
                    table.add(String(change.version), Timestamp.string(change.at), change.by, change.kind.rawValue, change.summary)
                }
                print(table.render())
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every matching case as JSON lines (StreamCases), for bulk export.")
        @OptionGroup var connection: Connection
        @OptionGroup var filter: FilterOptions

        func run() async throws {
            let filter = try self.filter.filter()
            try await connection.withClient(.cases) { client in
                let count = try await client.serverStreaming(CaseServiceAPI.streamCases, StreamCasesRequest(filter: filter), options: connection.call.kwpOptions) { stream in
                    var count = 0
                    for try await record in stream {
                        print(try ProtobufJSON.decode(try ProtobufCCodec.encode(record), as: ExportCase.protobufCDescriptor, pretty: false))
                        count += 1
                    }
                    return count
                }
                FileHandle.standardError.write(Data("exported \(count) cases\n".utf8))
            }
        }
    }
}

/// A code-list value from a flag, e.g. `--stage contracted`.
func codeListValue<T: RawRepresentable & CaseIterable>(_ text: String, as type: T.Type, flag: String) throws -> T where T.RawValue == String {
    guard let value = T(rawValue: text.uppercased()) else {
        throw ValidationError("\(flag): \(text.debugDescription) is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return value
}

/// Reading and showing cases.
enum CaseText {
    static func readCase(from file: String) throws -> ExportCase {
        try readJSON(ExportCase.self, from: file, what: "a case")
    }

    static func describe(_ record: ExportCase) -> String {
        var lines: [(String, String)] = [
            ("id", record.id), ("title", [record.title.ja, record.title.en].filter { !$0.isEmpty }.joined(separator: " / ")),
            ("field", record.field?.rawValue ?? ""), ("subsector", record.subsector),
            ("countries", record.countries.map { $0.percent.isEmpty ? $0.country : "\($0.country) \($0.percent)%" }.joined(separator: ", ")),
            ("regions", record.regions.map(\.rawValue).joined(separator: ", ")),
            ("stage", (record.stage?.rawValue ?? "") + (record.stageHistory.last.map { " since \($0.date)" } ?? "")),
            ("business", record.businessModels.map(\.rawValue).joined(separator: ", ") + (record.ppiType.isEmpty ? "" : " (\(record.ppiType))")),
        ]
        for party in record.parties {
            lines.append(("party", "\(party.name.preferred) — \(party.role.rawValue), \(party.kind.rawValue)\(party.country.isEmpty ? "" : ", \(party.country)")"))
        }
        if let money = record.contractValue { lines.append(("contract value", "\(money.amount) \(money.currency) (\(money.valueDate))")) }
        if let money = record.japaneseShare { lines.append(("japanese share", "\(money.amount) \(money.currency) (\(money.valueDate))")) }
        lines.append(("counts toward KPI", record.countsTowardKPI ? "yes" : "no"))
        for (field, value) in record.keyDates.ordered where !value.isEmpty { lines.append((field.replacingOccurrences(of: "_", with: " "), value)) }
        if !record.policyTags.isEmpty { lines.append(("policy tags", record.policyTags.map(\.rawValue).joined(separator: ", "))) }
        if !record.notes.isEmpty { lines.append(("notes", record.notes)) }
        lines.append(("source", [record.provenance.agency, record.provenance.document, record.provenance.url].filter { !$0.isEmpty }.joined(separator: " — ")))
        lines.append(("version", "\(record.version), updated \(Timestamp.string(record.updatedAt)) by \(record.updatedBy)"))
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }
}
