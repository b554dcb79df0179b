import CasesService
import DiplomacyService
import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

/// A seeded cases service and a diplomacy service (seeded when asked) that checks case ids
/// with it, each on a fresh database and a free port of 127.0.0.1.
func withDiplomacyStack(
    seeded: Bool = false, backend: TestBackend = .default,
    _ body: @Sendable (_ client: KWPClient, _ store: DiplomacyStore, _ casesServer: KWPServer) async throws -> Void
) async throws {
    try await withTestDatabases(backend) { databases in
        let caseStore = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
        _ = try await caseStore.seed(SeedCases.all)
        let store = DiplomacyStore(database: try databases.open(DiplomacyStore.migrator, "diplomacy"))
        try await withServer(services: [CaseServiceProvider(store: caseStore)]) { casesServer, casesPort in
            try await withClient(port: casesPort) { casesClient in
                let provider = TopSalesServiceProvider(store: store, cases: CaseDirectory(client: casesClient))
                if seeded { _ = try await store.seed(SeedEvents.all) }
                try await withServer(services: [provider]) { _, port in
                    try await withClient(port: port) { client in try await body(client, store, casesServer) }
                }
            }
        }
    }
}

func visit(_ kind: EventKind = .ministerialVisit, date: String = "2019-07", countries: [String] = ["VN"], levels: [Level] = [.minister]) -> Event {
    var event = Event()
    event.kind = kind
    event.startDate = date
    event.countries = countries
    event.title = LocalizedText(en: "Visit")
    event.participants = levels.map { Participant(post: $0.rawValue.lowercased(), level: $0) }
    return event
}

extension KWPClient {
    func create(_ event: Event, metadata: KWPMetadata = [:]) async throws -> Event {
        try await unary(TopSalesServiceAPI.createEvent, CreateEventRequest(event), metadata: metadata)
    }

    func events(_ filter: EventFilter, pageSize: UInt32 = 500, token: String = "") async throws -> ListEventsResponse {
        try await unary(TopSalesServiceAPI.listEvents, ListEventsRequest(filter: filter, pageSize: pageSize, pageToken: token))
    }
}

@Suite("Diplomacy service over live servers")
struct DiplomacyServiceTests {
    @Test("CreateEvent checks its case links, derives top sales from the participants, and keeps history")
    func createAndGet() async throws {
        try await withDiplomacyStack { client, _, _ in
            var event = visit(levels: [.seniorOfficial, .stateMinister])
            event.caseLinks = [CaseLink(caseID: SeedCases.colomboECT, relation: .promoted)]
            let created = try await client.create(event, metadata: ["x-agency": "MOFA", "idempotency-key": "visit-1"])
            #expect(EventID.isValid(created.id) && created.version == 1 && created.createdBy == "MOFA")
            #expect(created.topSalesLevel == .stateMinister)
            #expect(created.caseLinks.map(\.caseID) == [SeedCases.colomboECT] && created.caseLinks[0].linkedBy == "MOFA")
            let again = try await client.create(event, metadata: ["x-agency": "MOFA", "idempotency-key": "visit-1"])
            #expect(again == created, "an idempotent retry returns the first event")
            let fetched = try await client.unary(TopSalesServiceAPI.getEvent, GetEventRequest(id: created.id))
            #expect(fetched == created)
        }
    }

    @Test("linking to a missing case is FAILED_PRECONDITION CASE_NOT_FOUND, and nothing is written")
    func missingCase() async throws {
        try await withDiplomacyStack { client, store, _ in
            let created = try await client.create(visit())
            let error = await expectKWPError(.failedPrecondition, reason: TopSalesServiceAPI.Reason.caseNotFound) {
                _ = try await client.unary(
                    TopSalesServiceAPI.linkCase, LinkCaseRequest(eventID: created.id, link: CaseLink(caseID: "case-nowhere", relation: .promoted)))
            }
            #expect(error?.violations.map(\.field) == ["link.case_id"])
            var withLink = visit()
            withLink.caseLinks = [CaseLink(caseID: "case-nowhere", relation: .signed)]
            await expectKWPError(.failedPrecondition, reason: TopSalesServiceAPI.Reason.caseNotFound) { _ = try await client.create(withLink) }
            let after = try await store.event(id: created.id)
            #expect(after.version == 1 && after.caseLinks.isEmpty)
            let all = try await store.list(filter: EventFilter(), afterSeq: 0, limit: 10)
            #expect(all.total == 1)
        }
    }

    @Test("with the cases service down: LinkCase and Attribution are UNAVAILABLE within the deadline; nothing is written")
    func casesDown() async throws {
        try await withDiplomacyStack(seeded: true) { client, store, casesServer in
            let event = try await client.create(visit(countries: ["QA"]))
            casesServer.beginDrain()
            try await waitUntilRefused(port: casesServer.listeningAddress.port!)
            await expectKWPError(.unavailable, reason: TopSalesServiceAPI.Reason.casesUnavailable) {
                _ = try await client.unary(
                    TopSalesServiceAPI.linkCase, LinkCaseRequest(eventID: event.id, link: CaseLink(caseID: SeedCases.hamadAirport, relation: .promoted)),
                    options: .init(timeout: .seconds(2)))
            }
            await expectKWPError(.unavailable, reason: TopSalesServiceAPI.Reason.casesUnavailable) {
                _ = try await client.unary(TopSalesServiceAPI.attribution, AttributionRequest(), options: .init(timeout: .seconds(2)))
            }
            let after = try await store.event(id: event.id)
            #expect(after.version == 1 && after.caseLinks.isEmpty)
            let tally = try await client.unary(TopSalesServiceAPI.countTopSales, CountTopSalesRequest())
            #expect(!tally.byLevel.isEmpty, "counting needs no case data")
        }
    }

    @Test("UpdateEvent needs the current version; links are changed only by LinkCase and UnlinkCase, each a version")
    func updateAndLinks() async throws {
        try await withDiplomacyStack { client, _, _ in
            let created = try await client.create(visit(countries: ["BD"]))
            var edited = created
            edited.city = "Dhaka"
            edited.participants.append(Participant(name: "x", post: "Prime Minister", level: .primeMinister))
            edited.caseLinks = [CaseLink(caseID: SeedCases.dhakaKamalapur, relation: .signed)]
            let updated = try await client.unary(TopSalesServiceAPI.updateEvent, UpdateEventRequest(edited, expectedVersion: 1), metadata: ["x-agency": "CAS"])
            #expect(updated.version == 2 && updated.topSalesLevel == .primeMinister && updated.caseLinks.isEmpty)
            await expectKWPError(.failedPrecondition, reason: TopSalesServiceAPI.Reason.versionMismatch) {
                _ = try await client.unary(TopSalesServiceAPI.updateEvent, UpdateEventRequest(edited, expectedVersion: 1))
            }

            let link = LinkCaseRequest(eventID: created.id, link: CaseLink(caseID: SeedCases.dhakaKamalapur, relation: .promoted, note: "PPP"))
            let linked = try await client.unary(TopSalesServiceAPI.linkCase, link, metadata: ["x-agency": "MLIT"])
            let twice = try await client.unary(TopSalesServiceAPI.linkCase, link)
            #expect(linked.version == 3 && twice == linked)
            let signed = try await client.unary(
                TopSalesServiceAPI.linkCase, LinkCaseRequest(eventID: created.id, link: CaseLink(caseID: SeedCases.dhakaKamalapur, relation: .signed)))
            #expect(signed.caseLinks.compactMap(\.relation) == [.promoted, .signed])
            let forCase = try await client.unary(TopSalesServiceAPI.listEventsForCase, ListEventsForCaseRequest(caseID: SeedCases.dhakaKamalapur))
            #expect(forCase.events.map(\.id) == [created.id])

            let unlinked = try await client.unary(
                TopSalesServiceAPI.unlinkCase, UnlinkCaseRequest(eventID: created.id, caseID: SeedCases.dhakaKamalapur, relation: .promoted))
            #expect(unlinked.caseLinks.compactMap(\.relation) == [.signed] && unlinked.version == 5)
            await expectKWPError(.notFound, reason: TopSalesServiceAPI.Reason.linkNotFound) {
                _ = try await client.unary(
                    TopSalesServiceAPI.unlinkCase, UnlinkCaseRequest(eventID: created.id, caseID: SeedCases.dhakaKamalapur, relation: .promoted))
            }
            let history = try await client.unary(TopSalesServiceAPI.getEventHistory, GetEventHistoryRequest(id: created.id)).changes
            #expect(history.map(\.kind) == ["CREATED", "UPDATED", "CASE_LINKED", "CASE_LINKED", "CASE_UNLINKED"])
            #expect(history[1].changedFields == ["city", "participants"] && history[1].by == "CAS" && history[2].by == "MLIT")
        }
    }

    @Test("invalid events get INVALID_ARGUMENT naming each field")
    func validation() async throws {
        try await withDiplomacyStack { client, store, _ in
            var event = visit(countries: ["XX"])
            event.kind = nil
            event.caseLinks = [CaseLink(caseID: SeedCases.hamadAirport, relation: nil)]
            let error = await expectKWPError(.invalidArgument, reason: TopSalesServiceAPI.Reason.invalidField) { _ = try await client.create(event) }
            #expect(Set(error?.violations.map(\.field) ?? []) == ["event.kind", "event.countries[0]", "event.case_links[0].relation"])
            let stored = try await store.list(filter: EventFilter(), afterSeq: 0, limit: 1).total
            #expect(stored == 0)
        }
    }

    @Test("ListEvents filters by country, kind, level, dates, case and top sales, and pages without repeats")
    func list() async throws {
        try await withDiplomacyStack(seeded: true) { client, _, _ in
            var filter = EventFilter()
            filter.countries = ["QA"]
            #expect(try await client.events(filter).events.map(\.id) == [SeedEvents.qatarSummit])
            filter = EventFilter()
            filter.kinds = [.memorandum]
            #expect(try await client.events(filter).totalSize == 3)
            filter = EventFilter()
            filter.levels = [.primeMinister]
            filter.dateFrom = "2019-02"
            filter.dateTo = "2019"
            #expect(Set(try await client.events(filter).events.map(\.id)) == [SeedEvents.g20Osaka, SeedEvents.ticad7])
            filter = EventFilter()
            filter.caseID = SeedCases.amataSmartCity
            #expect(try await client.events(filter).totalSize == 2)
            filter = EventFilter()
            filter.topSalesOnly = true
            #expect(try await client.events(filter).totalSize == 4)

            var seen: [String] = []
            var token = ""
            repeat {
                let page = try await client.events(EventFilter(), pageSize: 4, token: token)
                seen += page.events.map(\.id)
                token = page.nextPageToken
            } while !token.isEmpty
            #expect(seen.count == SeedEvents.all.count && Set(seen).count == SeedEvents.all.count)
        }
    }

    @Test("Attribution over the seed finds the Hamad airport case after the January 2019 summit, with cases read live")
    func attribution() async throws {
        try await withDiplomacyStack(seeded: true) { client, _, _ in
            let reply = try await client.unary(TopSalesServiceAPI.attribution, AttributionRequest())
            let hamad = try #require(reply.attributions.first { $0.caseID == SeedCases.hamadAirport })
            #expect(hamad.eventID == SeedEvents.qatarSummit && hamad.monthsAfter == 10 && hamad.linked && hamad.level == .primeMinister)
            #expect(hamad.caseTitle.en == "Hamad International Airport terminal expansion")
            let short = try await client.unary(TopSalesServiceAPI.attribution, AttributionRequest(months: 6))
            #expect(!short.attributions.contains { $0.caseID == SeedCases.hamadAirport })
            await expectKWPError(.invalidArgument) { _ = try await client.unary(TopSalesServiceAPI.attribution, AttributionRequest(yearFrom: 5000)) }
            await expectKWPError(.invalidArgument) { _ = try await client.unary(TopSalesServiceAPI.attribution, AttributionRequest(months: 1000)) }
            await expectKWPError(.invalidArgument) { _ = try await client.unary(TopSalesServiceAPI.attribution, AttributionRequest(pageSize: 1001)) }
            // A page token holds for the months and years it was issued for, and only as issued.
            _ = try await client.create(visit(.summit, date: "2019-03", countries: ["QA"], levels: [.primeMinister]))
            let all = try await client.unary(TopSalesServiceAPI.attribution, AttributionRequest())
            try #require(all.total >= 2 && all.nextPageToken.isEmpty)
            let first = try await client.unary(TopSalesServiceAPI.attribution, AttributionRequest(pageSize: 1))
            #expect(first.attributions == [all.attributions[0]] && !first.nextPageToken.isEmpty && first.total == all.total)
            let second = try await client.unary(TopSalesServiceAPI.attribution, AttributionRequest(pageSize: 1, pageToken: first.nextPageToken))
            #expect(second.attributions == [all.attributions[1]])
            for (request, why) in [
                (AttributionRequest(months: 6, pageToken: first.nextPageToken), "other months"),
                (AttributionRequest(pageToken: String(first.nextPageToken.dropLast(2))), "cut short"),
                (AttributionRequest(pageToken: "AgAAAAAAAAAAAAE"), "made up"),
                (AttributionRequest(pageToken: String(repeating: "A", count: 5000)), "too long"),
            ] {
                let error = await expectKWPError(.invalidArgument, reason: "BAD_PAGE_TOKEN") {
                    _ = try await client.unary(TopSalesServiceAPI.attribution, request)
                }
                #expect(error != nil, "\(why)")
            }
            await expectKWPError(.invalidArgument) {
                _ = try await client.unary(TopSalesServiceAPI.countTopSales, CountTopSalesRequest(yearFrom: 2020, yearTo: 2019))
            }
        }
    }

    @Test("CountTopSales by level and year over 1,000 generated events agrees with a count done here")
    func countTopSales() async throws {
        try await withDiplomacyStack { client, _, _ in
            var generator = SeededGenerator(seed: 2019)
            let kinds: [EventKind] = [.summit, .leaderVisitAbroad, .invitation, .ministerialVisit, .seniorOfficialVisit, .taskForce, .mission]
            let countries = ["VN", "IN", "ID", "QA", "BD", "KE"]
            var expected: [String: UInt32] = [:]
            var expectedCountries: [String: UInt32] = [:]
            for _ in 0..<1000 {
                let kind = kinds[Int(generator.next() % UInt64(kinds.count))]
                let year = 2015 + Int(generator.next() % 6)
                let participantLevels = (0..<Int(generator.next() % 3)).map { _ in Level.allCases[Int(generator.next() % 5)] }
                let eventCountries = Array(Set((0..<(1 + Int(generator.next() % 2))).map { _ in countries[Int(generator.next() % 6)] }))
                _ = try await client.create(visit(kind, date: "\(year)-0\(1 + generator.next() % 9)", countries: eventCountries, levels: participantLevels))
                // Independently: a task force never counts; otherwise the best-ranked participant.
                guard kind != .taskForce, !participantLevels.isEmpty, (2016...2019).contains(year) else { continue }
                let best = participantLevels.min { Level.allCases.firstIndex(of: $0)! < Level.allCases.firstIndex(of: $1)! }!
                expected["\(year) \(best.rawValue)", default: 0] += 1
                for country in eventCountries { expectedCountries["\(year) \(country)", default: 0] += 1 }
            }
            let tally = try await client.unary(TopSalesServiceAPI.countTopSales, CountTopSalesRequest(yearFrom: 2016, yearTo: 2019))
            #expect(Dictionary(uniqueKeysWithValues: tally.byLevel.map { ("\($0.year) \($0.level!.rawValue)", $0.events) }) == expected)
            #expect(Dictionary(uniqueKeysWithValues: tally.byCountry.map { ("\($0.year) \($0.country)", $0.events) }) == expectedCountries)
            #expect(tally.targets.isEmpty)
            for year in 2016...2019 {
                let primeMinister = tally.byGroup.first { $0.year == UInt32(year) && $0.group == TopSalesTarget.primeMinister }
                #expect(primeMinister?.events == expected["\(year) PRIME_MINISTER"] ?? 0 && primeMinister?.hasTarget == false)
                let others = expected.filter { $0.key.hasPrefix("\(year) ") && $0.key != "\(year) PRIME_MINISTER" }.values.reduce(0, +)
                #expect(tally.byGroup.first { $0.year == UInt32(year) && $0.group == TopSalesTarget.ministersAndSeniorOfficials }?.events == others)
            }
        }
    }
}
