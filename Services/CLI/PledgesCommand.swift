import ArgumentParser
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoWire

/// `keikyo pledges ...`: the government's financing pledges and their progress.
struct PledgesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pledges",
        abstract: "Financing pledges: their targets, official progress, and progress from recorded commitments.",
        subcommands: [List.self, Get.self, Create.self, RecordProgress.self, Progress.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the pledges.")
        @OptionGroup var connection: ServiceConnection

        func run() async throws {
            try await connection.withClient(.financing) { client in
                let reply = try await client.unary(FinancingServiceAPI.listPledges, ListPledgesRequest(), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(reply) }
                var table = TextTable("ID", "TARGET", "PERIOD", "LATEST OFFICIAL", "NAME")
                for pledge in reply.pledges {
                    let official = pledge.latestOfficial.map { "\($0.amount.amount) \($0.amount.currency) (\($0.asOf))" } ?? ""
                    table.add(
                        pledge.id, "\(pledge.target.amount) \(pledge.target.currency)", "\(pledge.periodStart)..\(pledge.periodEnd)", official,
                        pledge.name.preferred)
                }
                print(table.render())
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one pledge.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The pledge id.") var id: String

        func run() async throws {
            try await connection.withClient(.financing) { client in
                let pledge = try await client.unary(FinancingServiceAPI.getPledge, GetPledgeRequest(id: id), options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(pledge) } else { print(PledgeText.describe(pledge)) }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a pledge from JSON (a keikyo.financing.v1.Pledge).")
        @OptionGroup var connection: ServiceConnection
        @Option(help: "JSON file, or - for standard input.") var file: String = "-"
        @Option(name: .customLong("idempotency-key"), help: "Retrying with the same key creates the pledge once.") var idempotencyKey: String?

        func run() async throws {
            let pledge = try readJSON(Pledge.self, from: file, what: "a pledge")
            var metadata = connection.metadata
            if let idempotencyKey { metadata[KWPMetadata.Reserved.idempotencyKey] = idempotencyKey }
            try await connection.withClient(.financing) { client in
                let created = try await client.unary(
                    FinancingServiceAPI.createPledge, CreatePledgeRequest(pledge), metadata: metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(created) } else { print("created \(created.id)") }
            }
        }
    }

    struct RecordProgress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-progress", abstract: "Record an official progress figure (earlier figures are kept).",
            discussion: "Example: keikyo pledges record-progress pledge-... --as-of 2019 --amount 105600000000 --currency USD --source \"47th council meeting\"")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The pledge id.") var id: String
        @Option(name: .customLong("as-of"), help: "Cumulative up to: YYYY, YYYY-MM or YYYY-MM-DD.") var asOf: String
        @Option(help: "Decimal amount.") var amount: String
        @Option(help: "ISO 4217.") var currency: String
        @Option(help: "Where the figure was published.") var source: String
        @Option(help: "A link to the publication.") var url: String = ""

        func run() async throws {
            let progress = OfficialProgress(
                asOf: asOf, amount: Money(amount: amount, currency: currency.uppercased(), valueDate: asOf), source: source, url: url)
            try await connection.withClient(.financing) { client in
                let pledge = try await client.unary(
                    FinancingServiceAPI.recordPledgeProgress, RecordPledgeProgressRequest(pledgeID: id, progress: progress),
                    metadata: connection.metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(pledge) } else { print("\(pledge.id) now has \(pledge.officialProgress.count) official figures") }
            }
        }
    }

    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Progress toward a pledge: the official figure and the counted commitments, each against a straight line.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The pledge id.") var id: String
        @Option(name: .customLong("as-of"), help: "Count commitments up to this date (default today).") var asOf: String = ""
        @Option(name: .customLong("page-size"), help: "Counted commitments listed, up to 1000 (default 100).") var pageSize: UInt32 = 0
        @Option(name: .customLong("page-token"), help: "next_page_token of the previous reply: the next counted commitments.") var pageToken: String = ""

        func run() async throws {
            try await connection.withClient(.financing) { client in
                let progress = try await client.unary(
                    FinancingServiceAPI.getPledgeProgress, GetPledgeProgressRequest(pledgeID: id, asOf: asOf, pageSize: pageSize, pageToken: pageToken),
                    options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(progress) }
                print(PledgeText.progress(progress))
            }
        }
    }
}

enum PledgeText {
    static func describe(_ pledge: Pledge) -> String {
        var lines: [(String, String)] = [
            ("id", pledge.id), ("name", [pledge.name.ja, pledge.name.en].filter { !$0.isEmpty }.joined(separator: " / ")),
            ("target", "\(pledge.target.amount) \(pledge.target.currency)"), ("period", "\(pledge.periodStart) to \(pledge.periodEnd)"),
        ]
        if !pledge.announcedOn.isEmpty { lines.append(("announced", pledge.announcedOn)) }
        if !pledge.announcingEventID.isEmpty { lines.append(("event", pledge.announcingEventID)) }
        let scope = pledge.scope
        let parts = [
            scope.institutions.isEmpty ? nil : "institutions \(scope.institutions.joined(separator: ","))",
            scope.instruments.isEmpty ? nil : "instruments \(scope.instruments.map(\.rawValue).joined(separator: ","))",
            scope.regions.isEmpty ? nil : "regions \(scope.regions.map(\.rawValue).joined(separator: ","))",
            scope.countries.isEmpty ? nil : "countries \(scope.countries.joined(separator: ","))",
        ].compactMap { $0 }
        lines.append(("counts", parts.isEmpty ? "all financing" : parts.joined(separator: "; ")))
        for figure in pledge.officialProgress {
            lines.append(("official \(figure.asOf)", "\(figure.amount.amount) \(figure.amount.currency) — \(figure.source)"))
        }
        if !pledge.notes.isEmpty { lines.append(("notes", pledge.notes)) }
        return RecordText.aligned(lines)
    }

    static func progress(_ progress: PledgeProgress) -> String {
        var lines: [(String, String)] = [
            ("pledge", "\(progress.pledge.name.preferred): \(progress.pledge.target.amount) \(progress.pledge.target.currency), \(progress.pledge.periodStart) to \(progress.pledge.periodEnd)")
        ]
        for figure in [progress.official, progress.commitments].compactMap({ $0 }) {
            lines.append((
                figure.basis.rawValue.lowercased(),
                "\(figure.amount.amount) \(figure.amount.currency) as of \(figure.asOf): \(figure.sharePercent)% of target; straight line \(figure.straightLinePercent)%"
                    + (figure.pacePercent.isEmpty ? "" : "; pace \(figure.pacePercent)%") + " (\(figure.source))"
            ))
            for rate in figure.ratesUsed { lines.append(("  rate", RecordText.rate(rate))) }
        }
        for commitment in progress.counted {
            lines.append((
                "  counted", "\(commitment.financingID) #\(commitment.transactionSequence): \(commitment.amount.original.amount) \(commitment.amount.original.currency) = \(commitment.amount.converted.amount) \(commitment.amount.converted.currency)"
            ))
        }
        if !progress.nextPageToken.isEmpty {
            lines.append(("  counted", "... \(progress.counted.count) of \(progress.countedTotal) listed here, all in the total; next: --page-token \(progress.nextPageToken)"))
        }
        for warning in progress.warnings { lines.append(("warning", warning)) }
        return RecordText.aligned(lines)
    }
}
