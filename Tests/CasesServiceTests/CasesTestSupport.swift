import CasesService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire

/// A cases service on a fresh database (seeded when asked), and a client for it.
@discardableResult
func withCasesService<T: Sendable>(
    seeded: Bool = false, backend: TestBackend = .default, _ body: @Sendable (KWPClient, CaseStore) async throws -> T
) async throws -> T {
    try await withTestDatabases(backend) { databases in
        let store = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
        if seeded { _ = try await store.seed(SeedCases.all) }
        return try await withServer(services: [CaseServiceProvider(store: store)]) { _, port in
            try await withClient(port: port) { client in try await body(client, store) }
        }
    }
}

/// A valid new case; `index` makes its title unique.
func sampleCase(_ index: Int = 0, country: String = "VN", field: KPIField = .transport) -> ExportCase {
    var record = ExportCase()
    record.title = LocalizedText(ja: "テスト案件\(index)", en: "Test case \(index)")
    record.field = field
    record.subsector = "rail"
    record.countries = [CountryShare(country)]
    record.businessModels = [.epc]
    record.provenance = Provenance(agency: "MLIT", document: "test")
    return record
}

extension KWPClient {
    func create(_ record: ExportCase, metadata: KWPMetadata = [:]) async throws -> ExportCase {
        try await unary(CaseServiceAPI.createCase, CreateCaseRequest(record), metadata: metadata)
    }

    func list(_ filter: CaseFilter = CaseFilter(), pageSize: UInt32 = 500, token: String = "") async throws -> ListCasesResponse {
        try await unary(CaseServiceAPI.listCases, ListCasesRequest(filter: filter, pageSize: pageSize, pageToken: token))
    }

    /// Every case matching `filter`, following page tokens.
    func listAll(_ filter: CaseFilter = CaseFilter(), pageSize: UInt32 = 500) async throws -> [ExportCase] {
        var all: [ExportCase] = []
        var token = ""
        repeat {
            let page = try await list(filter, pageSize: pageSize, token: token)
            all += page.cases
            token = page.nextPageToken
        } while !token.isEmpty
        return all
    }
}
