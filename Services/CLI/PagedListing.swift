import KeikyoWire

/// How every `list` subcommand pages: one page and a hint for the next (`--page-token`), or
/// `--all` pages; a table of every row, or each page's JSON.
struct PagedListing<Page: KWPMessage> {
    var connection: ServiceConnection
    var table: TextTable
    var all: Bool
    /// One page from a page token ("" for the first).
    var fetch: (String) async throws -> Page
    /// The table rows of a page, its next page token and the total it reports (nil for a
    /// listing that reports none).
    var read: (Page) -> (rows: [[String]], next: String, total: UInt64?)

    func run(from pageToken: String) async throws {
        var table = self.table
        var token = pageToken
        var shown = 0
        repeat {
            let page = try await fetch(token)
            let (rows, next, total) = read(page)
            if connection.json { try connection.printJSON(page, pretty: !all) }
            table.rows += rows
            shown += rows.count
            token = next
            if !connection.json, !all || token.isEmpty {
                print(table.render())
                print("\(shown)" + (total.map { " of \($0)" } ?? "") + (token.isEmpty ? "" : "; next page: --page-token \(token)"))
            }
        } while all && !token.isEmpty
    }
}
