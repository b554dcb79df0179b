import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoServiceCore
import KeikyoTestSupport
import KeikyoWire
import Testing

/// The diplomacy service in the running stack: in the same serialized suite as the other stack
/// tests, since some stop and start the cases service.
extension StackTests {
    @Test("an event linked to a case just created in the cases service; a missing case is refused; the seed's attribution holds",
        .enabled(if: Stack.hosts(.diplomacy)))
    func diplomacyOverTheStack() async throws {
        let cases = try Stack.client(.cases)
        let diplomacy = try Stack.client(.diplomacy)
        var record = ExportCase()
        record.title = LocalizedText(en: "Promoted integration case \(UUID().uuidString.prefix(8))")
        record.field = .energy
        record.subsector = "power_generation"
        record.countries = [CountryShare("UZ")]
        record.provenance = Provenance(agency: "METI")
        let created = try await cases.unary(CaseServiceAPI.createCase, CreateCaseRequest(record))
        var event = Event()
        event.kind = .ministerialVisit
        event.startDate = "2024-05"
        event.countries = ["UZ"]
        event.title = LocalizedText(en: "Integration visit")
        event.participants = [Participant(post: "Minister of Economy, Trade and Industry", level: .minister, agency: "METI")]
        event.caseLinks = [CaseLink(caseID: created.id, relation: .promoted)]
        let stored = try await diplomacy.unary(TopSalesServiceAPI.createEvent, CreateEventRequest(event), metadata: ["x-agency": "METI"])
        #expect(stored.caseLinks.map(\.caseID) == [created.id] && stored.topSalesLevel == .minister)
        await expectKWPError(.failedPrecondition, reason: TopSalesServiceAPI.Reason.caseNotFound) {
            _ = try await diplomacy.unary(
                TopSalesServiceAPI.linkCase, LinkCaseRequest(eventID: stored.id, link: CaseLink(caseID: "case-nowhere", relation: .signed)))
        }
        let attribution = try await diplomacy.unary(TopSalesServiceAPI.attribution, AttributionRequest())
        #expect(attribution.attributions.contains { $0.eventID == SeedEvents.qatarSummit && $0.caseID == SeedCases.hamadAirport })
        await cases.close()
        await diplomacy.close()
    }
}
