import ArgumentParser
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoWire

/// `keikyo financing ...`: public finance records, their ledgers, and the rate table.
struct FinancingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "financing",
        abstract: "Public finance behind the cases: financings, their ledgers, commitments and exchange rates.",
        subcommands: [
            List.self, Get.self, Create.self, Update.self, AddTransaction.self, Transactions.self, History.self, Summary.self,
            Rates.self, SetRate.self, Convert.self, Codes.self,
        ])

    struct FilterOptions: ParsableArguments {
        @Option(name: .customLong("case"), help: "A case id the financing backs; repeatable.") var caseIDs: [String] = []
        @Option(help: "Institution code, e.g. JICA; repeatable.") var institution: [String] = []
        @Option(help: "Instrument, e.g. ODA_LOAN; repeatable.") var instrument: [String] = []
        @Option(help: "Status, e.g. SIGNED; repeatable.") var status: [String] = []
        @Option(help: "With a commitment valued in this year.") var year: UInt32 = 0

        func filter() throws -> FinancingFilter {
            var filter = FinancingFilter()
            filter.caseIDs = caseIDs
            filter.institutions = institution.map { $0.uppercased() }
            filter.instruments = try instrument.map { try codeListValue($0, as: Instrument.self, flag: "--instrument") }
            filter.statuses = try status.map { try codeListValue($0, as: FinancingStatus.self, flag: "--status") }
            filter.year = year
            return filter
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List financings, one page at a time (or --all).")
        @OptionGroup var connection: ServiceConnection
        @OptionGroup var filter: FilterOptions
        @Option(name: .customLong("page-size"), help: "Financings per page, up to 500.") var pageSize: UInt32 = 50
        @Option(name: .customLong("page-token"), help: "next_page_token of the previous page.") var pageToken: String = ""
        @Flag(help: "Follow the pages to the end.") var all = false

        func run() async throws {
            let filter = try self.filter.filter()
            try await connection.withClient(.financing) { client in
                try await PagedListing(
                    connection: connection, table: TextTable("ID", "INSTITUTION", "INSTRUMENT", "STATUS", "COMMITTED", "CASES", "TITLE"), all: all,
                    fetch: { token in
                        try await client.unary(
                            FinancingServiceAPI.listFinancing, ListFinancingRequest(filter: filter, pageSize: pageSize, pageToken: token),
                            options: connection.call.kwpOptions)
                    },
                    read: { page in
                        let rows = page.financings.map { financing in
                            [financing.id, financing.institution, financing.instrument?.rawValue ?? "", financing.status?.rawValue ?? "",
                                FinancingText.committed(financing), financing.caseIDs.joined(separator: ","), financing.title.preferred]
                        }
                        return (rows, page.nextPageToken, page.totalSize)
                    }
                ).run(from: pageToken)
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one financing with its ledger.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The financing id.") var id: String

        func run() async throws {
            try await connection.withClient(.financing) { client in
                let financing = try await client.unary(FinancingServiceAPI.getFinancing, GetFinancingRequest(id: id), options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(financing) } else { print(FinancingText.describe(financing)) }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a financing from JSON (a keikyo.financing.v1.Financing; the server assigns the id).",
            discussion: "Every case id is checked with the cases service first. Example: keikyo financing create --file loan.json --agency JICA")
        @OptionGroup var connection: ServiceConnection
        @Option(help: "JSON file, or - for standard input.") var file: String = "-"
        @Option(name: .customLong("idempotency-key"), help: "Retrying with the same key creates the financing once.")
        var idempotencyKey: String?

        func run() async throws {
            let financing = try readJSON(Financing.self, from: file, what: "a financing")
            var metadata = connection.metadata
            if let idempotencyKey { metadata[KWPMetadata.Reserved.idempotencyKey] = idempotencyKey }
            try await connection.withClient(.financing) { client in
                let created = try await client.unary(
                    FinancingServiceAPI.createFinancing, CreateFinancingRequest(financing), metadata: metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(created) } else { print("created \(created.id) (version \(created.version))") }
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a financing's editable fields (status included) from JSON, as `get --json` prints it.",
            discussion: "The JSON's version is the expected version unless --expected-version is given; the ledger in the JSON is ignored.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The financing id.") var id: String
        @Option(help: "JSON file, or - for standard input.") var file: String = "-"
        @Option(name: .customLong("expected-version"), help: "The version your change is based on.") var expectedVersion: UInt64?

        func run() async throws {
            var financing = try readJSON(Financing.self, from: file, what: "a financing")
            financing.id = id
            let expected = expectedVersion ?? financing.version
            try await connection.withClient(.financing) { client in
                let updated = try await client.unary(
                    FinancingServiceAPI.updateFinancing, UpdateFinancingRequest(financing, expectedVersion: expected),
                    metadata: connection.metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(updated) } else { print("updated \(updated.id) to version \(updated.version)") }
            }
        }
    }

    struct AddTransaction: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-transaction", abstract: "Append an entry to a financing's ledger.",
            discussion: "Example: keikyo financing add-transaction fin-... --type DISBURSEMENT --date 2020-04 --amount 1000000000 --currency JPY")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The financing id.") var id: String
        @Option(help: "COMMITMENT, DISBURSEMENT, REPAYMENT, INTEREST, EQUITY_PURCHASE, ...") var type: String
        @Option(help: "When it happened: YYYY, YYYY-MM or YYYY-MM-DD.") var date: String
        @Option(help: "Decimal amount, e.g. 78000000.") var amount: String
        @Option(help: "ISO 4217, e.g. USD.") var currency: String
        @Option(name: .customLong("value-date"), help: "The date the amount is valued at (default: --date).") var valueDate: String = ""
        @Option(help: "A note for the ledger.") var note: String = ""
        @Option(name: .customLong("expected-version"), help: "Refuse if the financing has changed since this version.") var expectedVersion: UInt64 = 0
        @Option(name: .customLong("idempotency-key"), help: "Retrying with the same key adds the entry once.") var idempotencyKey: String?

        func run() async throws {
            let transaction = Transaction(
                type: try codeListValue(type, as: TransactionType.self, flag: "--type"), date: date,
                value: Money(amount: amount, currency: currency.uppercased(), valueDate: valueDate), note: note)
            var metadata = connection.metadata
            if let idempotencyKey { metadata[KWPMetadata.Reserved.idempotencyKey] = idempotencyKey }
            try await connection.withClient(.financing) { client in
                let updated = try await client.unary(
                    FinancingServiceAPI.addTransaction,
                    AddTransactionRequest(financingID: id, transaction: transaction, expectedVersion: expectedVersion), metadata: metadata,
                    options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(updated) }
                print("\(updated.id) ledger entry #\(updated.transactions.last?.sequence ?? 0) added (version \(updated.version))")
            }
        }
    }

    struct Transactions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ledger entries of one financing, or of all that match the filter.")
        @OptionGroup var connection: ServiceConnection
        @OptionGroup var filter: FilterOptions
        @Argument(help: "A financing id (optional).") var id: String = ""
        @Option(help: "Transaction type; repeatable.") var type: [String] = []

        func run() async throws {
            let request = ListTransactionsRequest(
                financingID: id, filter: try filter.filter(), types: try type.map { try codeListValue($0, as: TransactionType.self, flag: "--type") })
            try await connection.withClient(.financing) { client in
                let reply = try await client.unary(FinancingServiceAPI.listTransactions, request, options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(reply) }
                var table = TextTable("FINANCING", "#", "TYPE", "DATE", "AMOUNT", "CURRENCY", "VALUE DATE", "NOTE")
                for entry in reply.transactions {
                    table.add(
                        entry.financingID, String(entry.sequence), entry.type?.rawValue ?? "", entry.date, entry.value.amount, entry.value.currency,
                        entry.value.valueDate, entry.note)
                }
                print(table.render())
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every change to a financing: version, time, who, what.")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "The financing id.") var id: String

        func run() async throws {
            try await connection.withClient(.financing) { client in
                let history = try await client.unary(
                    FinancingServiceAPI.getFinancingHistory, GetFinancingHistoryRequest(id: id), options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(history) }
                print(RecordText.history(history.changes))
            }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Committed amounts by year, institution and instrument, in yen and as committed.")
        @OptionGroup var connection: ServiceConnection
        @Option(name: .customLong("year-from")) var yearFrom: UInt32 = 0
        @Option(name: .customLong("year-to")) var yearTo: UInt32 = 0

        func run() async throws {
            try await connection.withClient(.financing) { client in
                let summary = try await client.unary(
                    FinancingServiceAPI.summarizeCommitments, SummarizeCommitmentsRequest(yearFrom: yearFrom, yearTo: yearTo),
                    options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(summary) }
                var table = TextTable("YEAR", "INSTITUTION", "INSTRUMENT", "AMOUNT", "CURRENCY", "COMMITMENTS")
                for row in summary.byCurrency + summary.inJPY {
                    table.add(String(row.year), row.institution, row.instrument?.rawValue ?? "", row.amount, row.currency, String(row.commitments))
                }
                print(table.render())
                for rate in summary.ratesUsed { print("rate: \(RecordText.rate(rate))") }
                if !summary.missingRates.isEmpty { print("not in yen for want of a rate: \(summary.missingRates.joined(separator: ", "))") }
            }
        }
    }

    struct Rates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The exchange-rate table: yen per unit.")
        @OptionGroup var connection: ServiceConnection
        @Option(help: "ISO 4217, e.g. USD.") var currency: String = ""
        @Option(help: "ANNUAL_AVERAGE, MONTHLY_AVERAGE or DAILY.") var type: String?
        @Option(name: .customLong("year-from")) var yearFrom: UInt32 = 0
        @Option(name: .customLong("year-to")) var yearTo: UInt32 = 0

        func run() async throws {
            let request = ListExchangeRatesRequest(
                currency: currency.uppercased(), type: try type.map { try codeListValue($0, as: RateType.self, flag: "--type") },
                yearFrom: yearFrom, yearTo: yearTo)
            try await connection.withClient(.financing) { client in
                let reply = try await client.unary(FinancingServiceAPI.listExchangeRates, request, options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(reply) }
                var table = TextTable("CURRENCY", "PERIOD", "TYPE", "JPY PER UNIT", "SOURCE")
                for rate in reply.rates { table.add(rate.currency, rate.period, rate.type?.rawValue ?? "", rate.jpyPerUnit, rate.source) }
                print(table.render())
            }
        }
    }

    struct SetRate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-rate", abstract: "Set yen per unit of a currency for a period (YYYY, YYYY-MM or YYYY-MM-DD).",
            discussion: "Example: keikyo financing set-rate USD 2025 150.2 --source \"Federal Reserve G.5A\"")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "ISO 4217 currency.") var currency: String
        @Argument(help: "The period: its precision sets the rate type.") var period: String
        @Argument(help: "Yen per unit, decimal.") var jpyPerUnit: String
        @Option(help: "Where the rate comes from.") var source: String

        func run() async throws {
            let type: RateType? =
                switch period.split(separator: "-").count {
                case 1: .annualAverage
                case 2: .monthlyAverage
                case 3: .daily
                default: nil
                }
            let rate = ExchangeRate(currency: currency.uppercased(), period: period, type: type, jpyPerUnit: jpyPerUnit, source: source)
            try await connection.withClient(.financing) { client in
                let stored = try await client.unary(
                    FinancingServiceAPI.setExchangeRate, SetExchangeRateRequest(rate), metadata: connection.metadata, options: connection.call.kwpOptions)
                if connection.json { try connection.printJSON(stored) } else { print("set \(RecordText.rate(stored))") }
            }
        }
    }

    struct Convert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert an amount with the rate table, showing the rates used.",
            discussion: "Example: keikyo financing convert 78000000 USD --to JPY --value-date 2019-10")
        @OptionGroup var connection: ServiceConnection
        @Argument(help: "Decimal amount.") var amount: String
        @Argument(help: "Its ISO 4217 currency.") var currency: String
        @Option(help: "The currency to convert to.") var to: String = "JPY"
        @Option(name: .customLong("value-date"), help: "The date to take rates for.") var valueDate: String

        func run() async throws {
            let request = ConvertRequest(amount: Money(amount: amount, currency: currency.uppercased(), valueDate: valueDate), toCurrency: to.uppercased())
            try await connection.withClient(.financing) { client in
                let converted = try await client.unary(FinancingServiceAPI.convert, request, options: connection.call.kwpOptions)
                if connection.json { return try connection.printJSON(converted) }
                print("\(converted.original.amount) \(converted.original.currency) = \(converted.converted.amount) \(converted.converted.currency) (\(valueDate))")
                for rate in converted.ratesUsed { print("  rate: \(RecordText.rate(rate))") }
            }
        }
    }

    struct Codes: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The code lists: institutions, instruments (CRS flow and finance type), facilities.")

        func run() {
            var institutions = TextTable("INSTITUTION", "JAPANESE", "NAME")
            for (code, entry) in Institution.known.sorted(by: { $0.key < $1.key }) {
                institutions.add(code, entry.isJapanese ? "yes" : "no", "\(entry.name) (\(entry.nameJa))")
            }
            var instruments = TextTable("INSTRUMENT", "FLOW", "CRS FINANCE TYPE", "LEDGER ENTRIES")
            for instrument in Instrument.allCases {
                instruments.add(
                    instrument.rawValue, instrument.flowType.rawValue, instrument.crsFinanceType.map(String.init) ?? "-",
                    instrument.allowedTransactions.map(\.rawValue).sorted().joined(separator: ", "))
            }
            var facilities = TextTable("FACILITY", "INSTITUTION", "NAME")
            for (code, entry) in Facility.known.sorted(by: { $0.key < $1.key }) { facilities.add(code, entry.institution, entry.name) }
            print([institutions.render(), instruments.render(), facilities.render()].joined(separator: "\n\n"))
        }
    }
}

/// Showing financing records.
enum FinancingText {
    static func committed(_ financing: Financing) -> String {
        financing.totals.filter { $0.committed.micros > 0 }.map { "\($0.committed) \($0.currency)" }.joined(separator: " + ")
    }

    static func describe(_ financing: Financing) -> String {
        var lines: [(String, String)] = [
            ("id", financing.id), ("title", [financing.title.ja, financing.title.en].filter { !$0.isEmpty }.joined(separator: " / ")),
            ("cases", financing.caseIDs.joined(separator: ", ")), ("institution", financing.institution),
            ("instrument", financing.instrument.map { "\($0.rawValue) (\($0.flowType.rawValue), CRS \($0.crsFinanceType.map(String.init) ?? "-"))" } ?? ""),
            ("status", financing.status?.rawValue ?? ""),
        ]
        if !financing.facility.isEmpty { lines.append(("facility", financing.facility)) }
        if let terms = financing.loanTerms {
            lines.append((
                "loan terms",
                "\(terms.interestRatePercent.isEmpty ? "?" : terms.interestRatePercent)% a year, \(terms.maturityMonths) months, grace \(terms.gracePeriodMonths) months, \(terms.repaymentType?.rawValue ?? "")"
            ))
        }
        for coFinancier in financing.coFinanciers {
            lines.append(("co-financier", coFinancier.institution + (coFinancier.amount.map { " \($0.amount) \($0.currency)" } ?? "")))
        }
        for total in financing.totals {
            lines.append(("totals \(total.currency)", "committed \(total.committed), disbursed \(total.disbursed), repaid \(total.repaid)"))
        }
        for entry in financing.transactions {
            lines.append(("#\(entry.sequence)", "\(entry.date) \(entry.type?.rawValue ?? "") \(entry.value.amount) \(entry.value.currency)" + (entry.note.isEmpty ? "" : " — \(entry.note)")))
        }
        if !financing.notes.isEmpty { lines.append(("notes", financing.notes)) }
        if !financing.source.isEmpty { lines.append(("source", financing.source)) }
        lines.append(("version", "\(financing.version), updated \(Timestamp.string(financing.updatedAt)) by \(financing.updatedBy)"))
        return RecordText.aligned(lines)
    }
}

/// Text shared by the record commands.
enum RecordText {
    static func aligned(_ lines: [(String, String)]) -> String {
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }

    static func history(_ changes: [RecordChange]) -> String {
        var table = TextTable("VERSION", "AT", "BY", "KIND", "SUMMARY")
        for change in changes { table.add(String(change.version), Timestamp.string(change.at), change.by, change.kind, change.summary) }
        return table.render()
    }

    static func rate(_ rate: ExchangeRate) -> String {
        "\(rate.currency) \(rate.period) \(rate.jpyPerUnit) JPY (\(rate.type?.rawValue ?? ""), \(rate.source))"
    }
}
