import ArgumentParser
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoWire

/// `keikyo audit`: every service's audit log, merged in time order.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List changes across the services: when, which service, agency, identity, token id, method, record.")

    @OptionGroup var connection: ServiceConnection

    @Option(name: .customLong("by"), help: "Only the changes recorded under this agency.")
    var byAgency = ""
    @Option(help: "Only this record's changes (a case, financing, pledge, event, indicator or figure id).")
    var record = ""
    @Option(help: "Only these services (cases, financing, diplomacy, kpi); default all.")
    var service: [String] = []
    @Option(help: "At most this many entries per service, newest kept.")
    var limit = 1000

    func validate() throws {
        for name in service where !KeikyoEndpoint.allCases.contains(where: { $0.name == name }) {
            throw ValidationError("\(name.debugDescription) is not cases, financing, diplomacy or kpi")
        }
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit is 1 to 100000") }
    }

    func run() async throws {
        let endpoints = KeikyoEndpoint.allCases.filter { service.isEmpty || service.contains($0.name) }
        var entries: [AuditEntry] = []
        var failed: [String] = []
        for endpoint in endpoints {
            do {
                try await connection.withClient(endpoint) { client in entries += try await fetch(endpoint, client) }
            } catch {
                failed.append(endpoint.name)
                FileHandle.standardError.write(Data("warning: \(endpoint.name)'s audit log is missing from the list\n".utf8))
            }
        }
        entries.sort { ($0.at ?? .distantPast, $0.service, $0.sequence) < ($1.at ?? .distantPast, $1.service, $1.sequence) }
        if connection.json {
            for entry in entries { try connection.printJSON(entry, pretty: false) }
        } else {
            var table = TextTable("AT", "SERVICE", "AGENCY", "BY", "TOKEN", "METHOD", "RECORD", "KIND", "SUMMARY")
            for entry in entries {
                table.add(
                    Timestamp.string(entry.at), entry.service, entry.caller.agency, entry.caller.principal, entry.caller.credentialID,
                    String(entry.caller.method.split(separator: "/").last ?? ""), entry.recordID, entry.kind, entry.summary)
            }
            print(table.render())
            print("\(entries.count) changes")
        }
        if !failed.isEmpty { throw ExitCode.failure }
    }

    /// The newest `limit` entries of one service.
    private func fetch(_ endpoint: KeikyoEndpoint, _ client: KWPClient) async throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var token = ""
        repeat {
            let page = try await client.unary(
                AuditServiceAPI.listAudit, ListAuditRequest(pageSize: 500, pageToken: token, agency: byAgency, recordID: record),
                metadata: connection.metadata, options: connection.call.kwpOptions)
            entries += page.entries.map { entry in
                var entry = entry
                entry.service = endpoint.name
                return entry
            }
            if entries.count > limit { entries.removeFirst(entries.count - limit) }
            token = page.nextPageToken
        } while !token.isEmpty
        return entries
    }
}
