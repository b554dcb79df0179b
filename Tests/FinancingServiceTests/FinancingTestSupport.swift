import CasesService
import FinancingService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire

/// What a financing test works with: a client of the financing service, its store, and the
/// live cases service it checks case ids with.
struct FinancingStack: Sendable {
    let client: KWPClient
    let store: FinancingStore
    let casesServer: KWPServer
    let casesPort: Int
}

/// A seeded cases service and a financing service (seeded when asked) that checks case ids with
/// it, each on its own fresh database and a free port of 127.0.0.1.
@discardableResult
func withFinancingStack<T: Sendable>(
    seeded: Bool = false, backend: TestBackend = .default, _ body: @Sendable (FinancingStack) async throws -> T
) async throws -> T {
    try await withTestDatabases(backend) { databases in
        let caseStore = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
        _ = try await caseStore.seed(SeedCases.all)
        return try await withServer(services: [CaseServiceProvider(store: caseStore)]) { casesServer, casesPort in
            try await withFinancingService(casesPort: casesPort, databases: databases, seeded: seeded) { client, store in
                try await body(FinancingStack(client: client, store: store, casesServer: casesServer, casesPort: casesPort))
            }
        }
    }
}

/// A financing service whose cases service is at `casesPort` on 127.0.0.1 (live or not).
func withFinancingService<T: Sendable>(
    casesPort: Int, databases: TestDatabases, seeded: Bool = false, _ body: @Sendable (KWPClient, FinancingStore) async throws -> T
) async throws -> T {
    let store = FinancingStore(database: try databases.open(FinancingStore.migrator, "financing"))
    if seeded {
        _ = try await store.seed(financings: SeedFinancing.financings, pledges: SeedFinancing.pledges, rates: SeedFinancing.exchangeRates, programmes: SeedFinancing.programmes)
    } else {
        _ = try await store.seed(financings: [], pledges: [], rates: SeedFinancing.exchangeRates)
    }
    return try await withClient(port: casesPort) { casesClient in
        let provider = FinancingServiceProvider(store: store, cases: CaseDirectory(client: casesClient))
        return try await withServer(services: [provider]) { _, port in
            try await withClient(port: port) { client in try await body(client, store) }
        }
    }
}

/// A valid new loan backing `cases`.
func sampleFinancing(
    cases: [String] = [SeedCases.abidjanGrainBerth], institution: String = "JICA", instrument: Instrument = .odaLoan,
    transactions: [Transaction] = []
) -> Financing {
    var financing = Financing()
    financing.caseIDs = cases
    financing.institution = institution
    financing.instrument = instrument
    financing.status = .approved
    financing.title = LocalizedText(ja: "テスト融資", en: "Test loan")
    financing.transactions = transactions
    return financing
}

func commitment(_ amount: String, _ currency: String, _ date: String) -> Transaction {
    Transaction(type: .commitment, date: date, value: Money(amount: amount, currency: currency, valueDate: ""))
}

extension KWPClient {
    func create(_ financing: Financing, metadata: KWPMetadata = [:], timeout: Duration? = nil) async throws -> Financing {
        try await unary(FinancingServiceAPI.createFinancing, CreateFinancingRequest(financing), metadata: metadata, options: .init(timeout: timeout))
    }

    func add(_ transaction: Transaction, to id: String, metadata: KWPMetadata = [:]) async throws -> Financing {
        try await unary(FinancingServiceAPI.addTransaction, AddTransactionRequest(financingID: id, transaction: transaction), metadata: metadata)
    }

    func listFinancing(_ filter: FinancingFilter = FinancingFilter(), pageSize: UInt32 = 500, token: String = "") async throws -> ListFinancingResponse {
        try await unary(FinancingServiceAPI.listFinancing, ListFinancingRequest(filter: filter, pageSize: pageSize, pageToken: token))
    }
}

extension FinancingStore {
    /// How many financings are stored.
    func count() async throws -> Int {
        Int(try await listFinancing(filter: FinancingFilter(), afterSeq: 0, limit: 1).total)
    }
}
