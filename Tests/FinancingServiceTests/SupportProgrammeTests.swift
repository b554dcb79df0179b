import FinancingService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

@Suite("Support programmes over a live financing service")
struct SupportProgrammeTests {
    @Test("the seed's programmes filter by institution, focus field, country and COVID-19, each with the seed's lines")
    func seeded() async throws {
        try await withFinancingStack(seeded: true) { stack in
            func list(_ request: ListSupportProgrammesRequest) async throws -> ListSupportProgrammesResponse {
                try await stack.client.unary(FinancingServiceAPI.listSupportProgrammes, request)
            }
            let all = try await list(ListSupportProgrammesRequest())
            #expect(all.totalSize == UInt64(SeedFinancing.programmes.count) && all.programmes.count == SeedFinancing.programmes.count)
            #expect(all.programmes.allSatisfy { $0.provenance.kind == .seedDocument && !$0.provenance.lines.isEmpty })
            let waste = try await list(ListSupportProgrammesRequest(field: "waste", country: "CZ"))
            #expect(waste.programmes.map(\.id) == ["prog-jetro-fy2019-project-calls"])
            #expect(try await list(ListSupportProgrammesRequest(field: "waste", country: "KH")).totalSize == 0, "Cambodia is named for water, not waste")
            #expect(try await list(ListSupportProgrammesRequest(institution: "JBIC")).totalSize == 3)
            let covid = try await list(ListSupportProgrammesRequest(covid19Only: true))
            #expect(covid.totalSize == 7 && covid.programmes.allSatisfy(\.covid19))
            let jica = try await stack.client.unary(FinancingServiceAPI.getSupportProgramme, GetSupportProgrammeRequest(id: "prog-jica-asia-private-finance"))
            #expect(jica.amount == Money(amount: "1200000000", currency: "USD", valueDate: "") && jica.periodEnd == "2022")
        }
    }

    @Test("pages follow insertion order with their token; a token reused with another filter is refused")
    func paging() async throws {
        try await withFinancingStack(seeded: true) { stack in
            var ids: [String] = []
            var token = ""
            repeat {
                let page = try await stack.client.unary(
                    FinancingServiceAPI.listSupportProgrammes, ListSupportProgrammesRequest(pageSize: 4, pageToken: token))
                #expect(page.programmes.count <= 4)
                ids += page.programmes.map(\.id)
                token = page.nextPageToken
            } while !token.isEmpty
            #expect(ids == SeedFinancing.programmes.map(\.id))
            let first = try await stack.client.unary(FinancingServiceAPI.listSupportProgrammes, ListSupportProgrammesRequest(pageSize: 2))
            await expectKWPError(.invalidArgument, reason: FinancingServiceAPI.Reason.badPageToken) {
                _ = try await stack.client.unary(
                    FinancingServiceAPI.listSupportProgrammes, ListSupportProgrammesRequest(institution: "JBIC", pageToken: first.nextPageToken))
            }
        }
    }

    @Test("CreateSupportProgramme validates every field, stores the record whole; unknown ids are NOT_FOUND")
    func create() async throws {
        try await withFinancingStack { stack in
            var programme = SupportProgramme()
            programme.institution = "ACME"
            programme.focus = [ProgrammeFocus(field: "Waste", countries: ["XX"], countryGroups: ["EUROPE"])]
            programme.periodStart = "2021"
            programme.periodEnd = "2020"
            let error = await expectKWPError(.invalidArgument, reason: FinancingServiceAPI.Reason.invalidField) {
                _ = try await stack.client.unary(FinancingServiceAPI.createSupportProgramme, CreateSupportProgrammeRequest(programme))
            }
            #expect(Set(error?.violations.map(\.field) ?? []) == [
                "programme.institution", "programme.name", "programme.kind", "programme.period_end", "programme.focus[0].field",
                "programme.focus[0].countries[0]", "programme.focus[0].country_groups[0]",
            ])
            programme.institution = "JETRO"
            programme.name = LocalizedText(en: "Calls for projects (FY2020)")
            programme.kind = .callForProjects
            programme.periodStart = "2020-04"
            programme.periodEnd = "2021-03"
            programme.focus = [ProgrammeFocus(field: "waste", countries: ["VN"])]
            programme.provenance = .document("JETRO annual report", date: "2021-06")
            let created = try await stack.client.unary(FinancingServiceAPI.createSupportProgramme, CreateSupportProgrammeRequest(programme))
            #expect(SupportProgrammeID.isValid(created.id) && created.version == 1 && created.createdAt != nil)
            var expected = programme
            expected.id = created.id
            expected.version = 1
            expected.createdAt = created.createdAt
            expected.createdBy = created.createdBy
            #expect(created == expected)
            let found = try await stack.client.unary(FinancingServiceAPI.listSupportProgrammes, ListSupportProgrammesRequest(field: "waste", country: "VN"))
            #expect(found.programmes == [created])
            await expectKWPError(.notFound, reason: FinancingServiceAPI.Reason.programmeNotFound) {
                _ = try await stack.client.unary(FinancingServiceAPI.getSupportProgramme, GetSupportProgrammeRequest(id: "prog-nowhere"))
            }
        }
    }
}
