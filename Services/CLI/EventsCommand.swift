import ArgumentParser
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoWire

/// `keikyo events ...`: top-sales diplomacy and the cases it promoted.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Top-sales diplomacy: summits, visits, dialogues and memoranda, linked to cases.",
        subcommands: [List.self, Get.self, Create.self, Update.self, Link.self, Unlink.self, ForCase.self, History.self, Count.self, Attribution.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List events, one page at a time (or --all).")
        @OptionGroup var connection: ServiceConnection
        @Option(help: "ISO 3166-1 alpha-2 country; repeatable.") var country: [String] = []
        @Option(help: "Kind, e.g. SUMMIT; repeatable.") var kind: [String] = []
        @Option(help: "Top-sales level, e.g. PRIME_MINISTER; repeatable.") var level: [String] = []
        @Option(help: "Starting on or after: YYYY, YYYY-MM or YYYY-MM-DD.") var from: String = ""
        @Option(help: "Starting on or before.") var to: String = ""
        @Option(name: .customLong("case"), help: "Linked to this case.") var caseID: String = ""
        @Flag(name: .customLong("top-sales"), help: "Only events that count as top sales.") var topSales = false
        @Option(name: .customLong("page-size"), help: "Events per page, up to 500.") var pageSize: UInt32 = 50
        @Option(name: .customLong("page-token"), help: "next_page_token of the previous page.") var pageToken: String = ""
        @Flag(help: "Follow the pages to the end.") var all = false

        func run() async throws {
            var filter = EventFilter()
            filter.countries = country.map { $0.uppercased() }
            filter.kinds = try kind.map { try codeListValue($0, as: EventKind.self, flag: "--kind") }
            filter.levels = try level.map { try codeListValue($0, as: Level.self, flag: "--level") }
            filter.dateFrom = from
            filter.dateTo = to
            filter.caseID = caseID
            filter.topSalesOnly = topSales
            try await connection.withClient(.diplomacy) { client in
                try await PagedListing(
                    connection: connection, table: TextTable("ID", "DATE", "KIND", "LEVEL", "COUNTRIES", "CASES", "TITLE"), all: all,
                    fetch: { token in
                        try await client.unary(
                            TopSalesServiceAPI.listEvents, ListEventsRequest(filter: filter, pageSize: pageSize, pageToken: token),
                            options: connection.call.kwpOptions)
                    },
                    read: { page in
                        let rows = page.events.map { event in
                            [event.id, event.startDate, event.kind?.rawValue ?? "", event.topSalesLevel?.rawValue ?? "-",
                                event.countries.joined(separator: ","), String(event.caseLinks.count), event.title.preferred]
                        }
                        return (rows, page.nextPageToken, page.totalSize)
                    }
                ).run(from: pageToken)
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one event with its case links.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The event id.") var id: String

        func run() async throws {
            try await connection.withClient(.diplomacy) { client in
                let event = try await client.unary(TopSalesServiceAPI.getEvent, GetEventRequest(id: id), options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(event) } else { print(EventText.describe(event)) }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an event from JSON (a keikyo.diplomacy.v1.Event; case_links are checked with the cases service).")
        @OptionGroup var connection: ServiceConnection
        @Option(help: "JSON file, or - for standard input.") var file: String = "-"
        @Option(name: .customLong("idempotency-key"), help: "Retrying with the same key creates the event once.") var idempotencyKey: String?

        func run() async throws {
            let event = try readJSON(Event.self, from: file, what: "an event")
            var metadata = connection.metadata
            if let idempotencyKey { metadata[KWPMetadata.Reserved.idempotencyKey] = idempotencyKey }
            try await connection.withClient(.diplomacy) { client in
                let created = try await client.unary(TopSalesServiceAPI.createEvent, CreateEventRequest(event), metadata: metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(created) } else { print("created \(created.id) (version \(created.version))") }
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace an event's editable fields from JSON (as `get --json` prints it; links are changed with link and unlink).")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The event id.") var id: String
        @Option(help: "JSON file, or - for standard input.") var file: String = "-"
        @Option(name: .customLong("expected-version"), help: "The version your change is based on.") var expectedVersion: UInt64?

        func run() async throws {
            var event = try readJSON(Event.self, from: file, what: "an event")
            event.id = id
            let expected = expectedVersion ?? event.version
            try await connection.withClient(.diplomacy) { client in
                let updated = try await client.unary(
                    TopSalesServiceAPI.updateEvent, UpdateEventRequest(event, expectedVersion: expected), metadata: connection.metadata,
                    options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(updated) } else { print("updated \(updated.id) to version \(updated.version)") }
            }
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link a case to an event (the case is checked with the cases service).")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The event id.") var event: String
        @Argument(help: "The case id.") var caseID: String
        @Option(help: "PROMOTED, SIGNED, ANNOUNCED or FOLLOWED_UP.") var relation: String = "PROMOTED"
        @Option(help: "A note on the link.") var note: String = ""

        func run() async throws {
            let link = CaseLink(caseID: caseID, relation: try codeListValue(relation, as: CaseRelation.self, flag: "--relation"), note: note)
            try await connection.withClient(.diplomacy) { client in
                let updated = try await client.unary(
                    TopSalesServiceAPI.linkCase, LinkCaseRequest(eventID: event, link: link), metadata: connection.metadata,
                    options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(updated) } else { print("\(updated.id) now links \(updated.caseLinks.count) case(s)") }
            }
        }
    }

    struct Unlink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a case's link from an event (one relation, or all).")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The event id.") var event: String
        @Argument(help: "The case id.") var caseID: String
        @Option(help: "Only this relation.") var relation: String?

        func run() async throws {
            let relation = try relation.map { try codeListValue($0, as: CaseRelation.self, flag: "--relation") }
            try await connection.withClient(.diplomacy) { client in
                let updated = try await client.unary(
                    TopSalesServiceAPI.unlinkCase, UnlinkCaseRequest(eventID: event, caseID: caseID, relation: relation),
                    metadata: connection.metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(updated) } else { print("\(updated.id) now links \(updated.caseLinks.count) case(s)") }
            }
        }
    }

    struct ForCase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "for-case", abstract: "The events linked to a case.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The case id.") var caseID: String

        func run() async throws {
            try await connection.withClient(.diplomacy) { client in
                let reply = try await client.unary(
                    TopSalesServiceAPI.listEventsForCase, ListEventsForCaseRequest(caseID: caseID), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(reply) }
                var table = TextTable("ID", "DATE", "KIND", "RELATION", "TITLE")
                for event in reply.events {
                    let relations = event.caseLinks.filter { $0.caseID == caseID }.compactMap(\.relation?.rawValue).joined(separator: ",")
                    table.add(event.id, event.startDate, event.kind?.rawValue ?? "", relations, event.title.preferred)
                }
                print(table.render())
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every change to an event: version, time, who, what.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The event id.") var id: String

        func run() async throws {
            try await connection.withClient(.diplomacy) { client in
                let history = try await client.unary(TopSalesServiceAPI.getEventHistory, GetEventHistoryRequest(id: id), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(history) }
                print(RecordText.history(history.changes))
            }
        }
    }

    struct Count: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The top-sales KPI: events per year by group, level and country (targets, where CAS or METI set them, are in `keikyo kpi dashboard`).")
        @OptionGroup var connection: ServiceConnection
        @Option(name: .customLong("year-from")) var yearFrom: UInt32 = 0
        @Option(name: .customLong("year-to")) var yearTo: UInt32 = 0
        @Flag(name: .customLong("by-country"), help: "Also print the counts by country.") var byCountry = false

        func run() async throws {
            try await connection.withClient(.diplomacy) { client in
                let tally = try await client.unary(
                    TopSalesServiceAPI.countTopSales, CountTopSalesRequest(yearFrom: yearFrom, yearTo: yearTo), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(tally) }
                var targets = TextTable("YEAR", "GROUP", "EVENTS")
                for line in tally.byGroup { targets.add(String(line.year), line.group, String(line.events)) }
                var levels = TextTable("YEAR", "LEVEL", "EVENTS")
                for count in tally.byLevel { levels.add(String(count.year), count.level?.rawValue ?? "", String(count.events)) }
                var output = [targets.render(), levels.render()]
                if byCountry {
                    var countries = TextTable("YEAR", "COUNTRY", "EVENTS")
                    for count in tally.byCountry { countries.add(String(count.year), count.country, String(count.events)) }
                    output.append(countries.render())
                }
                if tally.undated > 0 { output.append("\(tally.undated) top-sales event(s) have no date and count in no year") }
                print(output.joined(separator: "\n\n"))
            }
        }
    }

    struct Attribution: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cases won within N months after a top-sales event in their country, with their Japanese order value.")
        @OptionGroup var connection: ServiceConnection
        @Option(help: "Months after the event (default 12).") var months: UInt32 = 12
        @Option(name: .customLong("year-from")) var yearFrom: UInt32 = 0
        @Option(name: .customLong("year-to")) var yearTo: UInt32 = 0
        @Option(name: .customLong("page-size"), help: "Pairs per page, up to 1000 (default 100).") var pageSize: UInt32 = 0
        @Option(name: .customLong("page-token"), help: "next_page_token of the previous page.") var pageToken: String = ""
        @Flag(help: "Follow the pages to the end.") var all = false

        func run() async throws {
            try await connection.withClient(.diplomacy) { client in
                try await PagedListing(
                    connection: connection, table: TextTable("EVENT", "DATE", "LEVEL", "CASE", "WON", "MONTHS", "COUNTRY", "JAPANESE SHARE", "LINKED"),
                    all: all,
                    fetch: { token in
                        try await client.unary(
                            TopSalesServiceAPI.attribution,
                            AttributionRequest(months: months, yearFrom: yearFrom, yearTo: yearTo, pageSize: pageSize, pageToken: token),
                            options: connection.call.kwpOptions)
                    },
                    read: { page in
                        let rows = page.attributions.map { row in
                            [row.eventID, row.eventDate, row.level?.rawValue ?? "", row.caseID, row.contractedOn, String(row.monthsAfter), row.country,
                                row.japaneseShare.map { "\($0.amount) \($0.currency)" } ?? "", row.linked ? "yes" : "no"]
                        }
                        return (rows, page.nextPageToken, UInt64(page.total))
                    }
                ).run(from: pageToken)
            }
        }
    }
}

enum EventText {
    static func describe(_ event: Event) -> String {
        var lines: [(String, String)] = [
            ("id", event.id), ("title", [event.title.ja, event.title.en].filter { !$0.isEmpty }.joined(separator: " / ")),
            ("kind", event.kind?.rawValue ?? ""),
            ("date", event.startDate.isEmpty ? "not recorded" : event.startDate + (event.endDate.isEmpty ? "" : " to \(event.endDate)")),
            ("where", [event.city, event.countries.joined(separator: ", ")].filter { !$0.isEmpty }.joined(separator: "; ")),
            ("top sales", event.topSalesLevel.map { "yes, \($0.rawValue)" } ?? "no"),
        ]
        for participant in event.participants {
            lines.append(("japan", [participant.name, participant.post, participant.level?.rawValue ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")))
        }
        for counterpart in event.counterparts {
            lines.append(("counterpart", [counterpart.name, counterpart.post, counterpart.country].filter { !$0.isEmpty }.joined(separator: ", ")))
        }
        for statement in event.outcomes.statements { lines.append(("statement", statement.preferred)) }
        for memorandum in event.outcomes.memoranda { lines.append(("memorandum", memorandum.title.preferred + (memorandum.url.isEmpty ? "" : " <\(memorandum.url)>"))) }
        for pledge in event.outcomes.pledgeIDs { lines.append(("pledge", pledge)) }
        for link in event.caseLinks {
            lines.append(("case", "\(link.caseID) \(link.relation?.rawValue ?? "")" + (link.note.isEmpty ? "" : " — \(link.note)")))
        }
        if !event.notes.isEmpty { lines.append(("notes", event.notes)) }
        lines.append(("version", "\(event.version), updated \(Timestamp.string(event.updatedAt)) by \(event.updatedBy)"))
        return RecordText.aligned(lines)
    }
}
