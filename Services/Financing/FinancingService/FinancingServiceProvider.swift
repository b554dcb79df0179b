import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoStorage
import KeikyoTrust
import KeikyoWire

/// `keikyo.financing.v1.FinancingService` over a `FinancingStore`, checking case ids with the
/// cases service before anything is written.
public struct FinancingServiceProvider: KWPServiceProvider, RelationCheckingProvider {
    public static let descriptor = FinancingServiceAPI.descriptor
    public static let relationChecks: [String: Set<Policy.Relation>] = [
        FinancingServiceAPI.createFinancing.path: [.institution], FinancingServiceAPI.updateFinancing.path: [.institution],
        FinancingServiceAPI.addTransaction.path: [.institution], FinancingServiceAPI.createSupportProgramme.path: [.institution],
    ]
    static let defaultPageSize: UInt32 = 50
    static let maxPageSize: UInt32 = 500

    let store: FinancingStore
    let cases: CaseDirectory
    let access: AccessControl

    public init(store: FinancingStore, cases: CaseDirectory, access: AccessControl = .anonymous) {
        self.store = store
        self.cases = cases
        self.access = access
    }

    /// Refuses a caller who may not write `financing`: the policy's `@institution` is its institution.
    static func permit(_ access: AccessControl, _ context: KWPServerContext) -> @Sendable (Financing) throws -> Void {
        { financing in try access.authorize(context, .institution, agencies: [financing.institution]) }
    }

    public func register(in router: inout KWPRouter) {
        router.register(FinancingServiceAPI.createFinancing) { request, context in
            var violations = request.financing.violations(today: PartialDate.today()).prefixed("financing.")
            if !request.financing.id.isEmpty { violations.insert(Violation("financing.id", "assigned by the server: leave it empty"), at: 0) }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            try Self.permit(access, context)(request.financing)
            let key = try context.idempotencyKey()
            let found = try await cases.cases(request.financing.caseIDs, field: "financing.case_ids", metadata: context.forwardedMetadata)
            return try await store.createFinancing(
                request.financing, caseCountries: Self.countries(found), by: context.caller, idempotencyKey: key,
                requestDigest: try RequestDigest.of(method: FinancingServiceAPI.createFinancing.path, request))
        }
        router.register(FinancingServiceAPI.getFinancing) { request, _ in
            try Self.check(request.id, FinancingID.isValid, "a financing id (fin-...)")
            return try await store.financing(id: request.id)
        }
        router.register(FinancingServiceAPI.updateFinancing) { request, context in
            var financing = request.financing
            financing.transactions = []
            var violations = financing.violations(today: nil).prefixed("financing.")
            if !FinancingID.isValid(financing.id) { violations.insert(Violation("financing.id", "required: the id of the financing to update"), at: 0) }
            if request.expectedVersion == 0 { violations.append(Violation("expected_version", "required: the version you changed")) }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            let permit = Self.permit(access, context)
            try permit(financing)
            let current = try await store.financing(id: financing.id)
            try permit(current)
            // Cases linked before are looked up again, for their countries, but need not still exist.
            let added = financing.caseIDs.filter { !current.caseIDs.contains($0) }
            var found = try await cases.cases(added, field: "financing.case_ids", metadata: context.forwardedMetadata)
            let kept = financing.caseIDs.filter { current.caseIDs.contains($0) }
            found.merge(try await cases.existingCases(kept, field: "financing.case_ids", metadata: context.forwardedMetadata)) { $1 }
            var countries = Self.countries(found)
            for id in kept where countries[id] == nil { countries[id] = [] }
            return try await store.updateFinancing(
                financing, expectedVersion: request.expectedVersion, caseCountries: countries, by: context.caller, permit: permit)
        }
        router.register(FinancingServiceAPI.listFinancing) { request, _ in
            var violations = request.filter.violations()
            if request.pageSize > Self.maxPageSize { violations.append(Violation("page_size", "at most \(Self.maxPageSize)")) }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            let after = try PageToken.afterSeq(request.pageToken, filter: request.filter)
            let size = request.pageSize == 0 ? Self.defaultPageSize : request.pageSize
            let page = try await store.listFinancing(filter: request.filter, afterSeq: after, limit: Int(size))
            let next = try page.nextSeq.map { try PageToken(afterSeq: $0, filter: request.filter).encoded } ?? ""
            return ListFinancingResponse(financings: page.financings, nextPageToken: next, totalSize: page.total)
        }
        router.register(FinancingServiceAPI.addTransaction) { request, context in
            try Self.check(request.financingID, FinancingID.isValid, "a financing id (fin-...)", field: "financing_id")
            return try await store.addTransaction(
                financingID: request.financingID, request.transaction, expectedVersion: request.expectedVersion, by: context.caller,
                idempotencyKey: try context.idempotencyKey(),
                requestDigest: try RequestDigest.of(method: FinancingServiceAPI.addTransaction.path, request), permit: Self.permit(access, context))
        }
        router.register(FinancingServiceAPI.listTransactions) { request, _ in
            let violations = request.filter.violations()
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            if !request.financingID.isEmpty {
                try Self.check(request.financingID, FinancingID.isValid, "a financing id (fin-...)", field: "financing_id")
            }
            return ListTransactionsResponse(
                transactions: try await store.transactions(financingID: request.financingID, filter: request.filter, types: request.types))
        }
        router.register(FinancingServiceAPI.getFinancingHistory) { request, _ in
            try Self.check(request.id, FinancingID.isValid, "a financing id (fin-...)")
            return GetFinancingHistoryResponse(changes: try await store.financingHistory(id: request.id))
        }
        registerPledges(in: &router)
        registerRates(in: &router)
        registerProgrammes(in: &router)
    }

    func registerProgrammes(in router: inout KWPRouter) {
        router.register(FinancingServiceAPI.createSupportProgramme) { request, context in
            var violations = request.programme.violations().prefixed("programme.")
            if !request.programme.id.isEmpty { violations.insert(Violation("programme.id", "assigned by the server: leave it empty"), at: 0) }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            try access.authorize(context, .institution, agencies: [request.programme.institution])
            return try await store.createProgramme(
                request.programme, by: context.caller, idempotencyKey: try context.idempotencyKey(),
                requestDigest: try RequestDigest.of(method: FinancingServiceAPI.createSupportProgramme.path, request))
        }
        router.register(FinancingServiceAPI.getSupportProgramme) { request, _ in
            try Self.check(request.id, SupportProgrammeID.isValid, "a support programme id (prog-...)")
            return try await store.programme(id: request.id)
        }
        router.register(FinancingServiceAPI.listSupportProgrammes) { request, _ in
            var violations: [Violation] = []
            if request.pageSize > Self.maxPageSize { violations.append(Violation("page_size", "at most \(Self.maxPageSize)")) }
            if !request.country.isEmpty, !CountryCode.isValid(request.country) {
                violations.append(Violation("country", "\(request.country.debugDescription) is not an ISO 3166-1 alpha-2 code"))
            }
            if !request.institution.isEmpty, !Agency.isValid(request.institution) {
                violations.append(Violation("institution", "\(request.institution.debugDescription) is not an agency code"))
            }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            let filter = ListSupportProgrammesRequest(
                institution: request.institution, field: request.field, country: request.country, covid19Only: request.covid19Only)
            let after = try PageToken.afterSeq(request.pageToken, filter: filter)
            let size = request.pageSize == 0 ? Self.defaultPageSize : request.pageSize
            let page = try await store.listProgrammes(filter: filter, afterSeq: after, limit: Int(size))
            let next = try page.nextSeq.map { try PageToken(afterSeq: $0, filter: filter).encoded } ?? ""
            return ListSupportProgrammesResponse(programmes: page.programmes, nextPageToken: next, totalSize: page.total)
        }
    }

    func registerPledges(in router: inout KWPRouter) {
        router.register(FinancingServiceAPI.createPledge) { request, context in
            var violations = request.pledge.violations().prefixed("pledge.")
            if !request.pledge.id.isEmpty { violations.insert(Violation("pledge.id", "assigned by the server: leave it empty"), at: 0) }
            for (index, progress) in request.pledge.officialProgress.enumerated() {
                violations += progress.violations().prefixed("pledge.official_progress[\(index)].")
            }
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            return try await store.createPledge(
                request.pledge, by: context.caller, idempotencyKey: try context.idempotencyKey(),
                requestDigest: try RequestDigest.of(method: FinancingServiceAPI.createPledge.path, request))
        }
        router.register(FinancingServiceAPI.getPledge) { request, _ in
            try Self.check(request.id, PledgeID.isValid, "a pledge id (pledge-...)")
            return try await store.pledge(id: request.id)
        }
        router.register(FinancingServiceAPI.listPledges) { _, _ in
            ListPledgesResponse(pledges: try await store.pledges())
        }
        router.register(FinancingServiceAPI.recordPledgeProgress) { request, context in
            try Self.check(request.pledgeID, PledgeID.isValid, "a pledge id (pledge-...)", field: "pledge_id")
            let violations = request.progress.violations().prefixed("progress.")
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            return try await store.recordProgress(
                pledgeID: request.pledgeID, request.progress, expectedVersion: request.expectedVersion, by: context.caller,
                idempotencyKey: try context.idempotencyKey(),
                requestDigest: try RequestDigest.of(method: FinancingServiceAPI.recordPledgeProgress.path, request))
        }
        router.register(FinancingServiceAPI.getPledgeProgress) { request, context in
            try Self.check(request.pledgeID, PledgeID.isValid, "a pledge id (pledge-...)", field: "pledge_id")
            let asOf: PartialDate
            if request.asOf.isEmpty {
                asOf = PartialDate.today()
            } else {
                guard let date = PartialDate(request.asOf) else {
                    throw KWPError(invalid: [Violation("as_of", "\(request.asOf.debugDescription) is not a date")])
                }
                asOf = date
            }
            guard request.pageSize <= PledgeProgress.maximumListed else {
                throw KWPError(invalid: [Violation("page_size", "at most \(PledgeProgress.maximumListed)")])
            }
            let after: PledgeCountCursor? = try KeysetToken.cursor(request.pageToken, request: request.query)
            if try await store.pledge(id: request.pledgeID).scope.needsCaseCountries {
                try await learnCaseCountries(metadata: context.forwardedMetadata)
            }
            let size = Int(request.pageSize == 0 ? GetPledgeProgressRequest.defaultPageSize : request.pageSize)
            let (pledge, count, next) = try await store.pledgeCount(pledgeID: request.pledgeID, asOf: asOf, limit: size, after: after)
            var progress = pledge.progress(count, rates: RateTable(try await store.rates()), asOf: asOf)
            progress.nextPageToken = try KeysetToken.nextPageToken(next, request: request.query)
            return progress
        }
    }

    /// Asks the cases service for the countries of linked cases the store has not asked about
    /// yet (seed data, data from before the store kept them), a batch at a time; what is learnt
    /// is kept even if a later batch fails.
    func learnCaseCountries(metadata: KWPMetadata) async throws {
        while true {
            let unknown = try await store.casesWithUnknownCountries(limit: 256)
            guard !unknown.isEmpty else { return }
            var countries = Self.countries(try await cases.existingCases(unknown, field: "case_ids", metadata: metadata))
            for id in unknown where countries[id] == nil { countries[id] = [] }
            try await store.setCaseCountries(countries)
        }
    }

    static func countries(_ cases: [String: ExportCase]) -> [String: [String]] {
        cases.mapValues { $0.countries.map(\.country) }
    }

    func registerRates(in router: inout KWPRouter) {
        router.register(FinancingServiceAPI.setExchangeRate) { request, context in
            let violations = request.rate.violations().prefixed("rate.")
            guard violations.isEmpty else { throw KWPError(invalid: violations) }
            return try await store.setRate(request.rate, by: context.caller)
        }
        router.register(FinancingServiceAPI.listExchangeRates) { request, _ in
            if !request.currency.isEmpty, !CurrencyCode.isValid(request.currency) {
                throw KWPError(invalid: [Violation("currency", "\(request.currency.debugDescription) is not an ISO 4217 code")])
            }
            let years = try YearRange.from(request.yearFrom, request.yearTo)
            return ListExchangeRatesResponse(
                rates: try await store.rates(
                    currencies: request.currency.isEmpty ? [] : [request.currency], type: request.type, yearFrom: years.lowerBound,
                    yearTo: years.upperBound))
        }
        router.register(FinancingServiceAPI.convert) { request, _ in
            var list = [Violation]()
            if request.amount.decimal == nil { list.append(Violation("amount.amount", "\(request.amount.amount.debugDescription) is not a non-negative decimal")) }
            for (field, code) in [("amount.currency", request.amount.currency), ("to_currency", request.toCurrency)] where !CurrencyCode.isValid(code) {
                list.append(Violation(field, "\(code.debugDescription) is not an ISO 4217 code"))
            }
            if PartialDate(request.amount.valueDate) == nil, request.amount.currency != request.toCurrency {
                list.append(Violation("amount.value_date", "required to pick a rate: YYYY, YYYY-MM or YYYY-MM-DD"))
            }
            guard list.isEmpty else { throw KWPError(invalid: list) }
            let table = RateTable(try await store.rates(currencies: [request.amount.currency, request.toCurrency].filter { $0 != "JPY" }))
            switch table.convert(request.amount, to: request.toCurrency) {
            case .success(let converted): return converted
            case .failure(let failure):
                throw KWPError(.failedPrecondition, failure.description, reason: FinancingServiceAPI.Reason.rateNotFound)
            }
        }
        router.register(FinancingServiceAPI.summarizeCommitments) { request, _ in
            let years = try YearRange.from(request.yearFrom, request.yearTo)
            return CommitmentSummary.summarize(
                sums: try await store.commitmentSums(yearFrom: years.lowerBound, yearTo: years.upperBound), rates: RateTable(try await store.rates()),
                years: years)
        }
    }

    static func check(_ id: String, _ isValid: (String) -> Bool, _ what: String, field: String = "id") throws {
        guard isValid(id) else { throw KWPError(invalid: [Violation(field, "\(id.debugDescription) is not \(what)")]) }
    }
}
