import Testing

@testable import KeikyoTrust

@Suite struct PolicyTests {
    let policy = try! Policy(text: Policy.defaultText)

    static let cases = "/keikyo.cases.v1.CaseService/"
    static let financing = "/keikyo.financing.v1.FinancingService/"
    static let diplomacy = "/keikyo.diplomacy.v1.TopSalesService/"
    static let kpi = "/keikyo.kpi.v1.KpiService/"

    @Test(arguments: [
        "\(cases)GetCase", "\(cases)ListCases", "\(cases)StreamCases", "\(cases)SummarizeOrders", "\(financing)GetFinancing",
        "\(financing)Convert", "\(diplomacy)CountTopSales", "\(diplomacy)Attribution", "\(kpi)GetDashboard", "\(kpi)Reconcile",
        "/keikyo.audit.v1.AuditService/ListAudit", "/keikyo.reflection.v1.Reflection/ListServices",
    ])
    func everyAgencyAndServiceReadsEverything(method: String) {
        for principal in Principal.agencies.map(Principal.agency) + Principal.services.map(Principal.service) {
            #expect(policy.decide(method: method, principal: principal) == .allowed, "\(principal) \(method)")
        }
    }

    @Test func writesFollowTheIssuesRules() {
        func decide(_ method: String, _ who: String) -> Policy.Decision {
            policy.decide(method: method, principal: Principal(who)!)
        }
        // Cases: any agency, no service.
        for agency in Principal.agencies { #expect(decide("\(Self.cases)CreateCase", agency) == .allowed) }
        #expect(decide("\(Self.cases)UpdateCase", "service:kpi") == .denied)
        // Financing: METI and MOF outright; an institution only for its own records.
        #expect(decide("\(Self.financing)CreateFinancing", "METI") == .allowed)
        #expect(decide("\(Self.financing)AddTransaction", "MOF") == .allowed)
        #expect(decide("\(Self.financing)UpdateFinancing", "JICA") == .ifRelated([.institution]))
        #expect(decide("\(Self.financing)UpdateFinancing", "service:cases") == .denied)
        #expect(decide("\(Self.financing)SetExchangeRate", "JICA") == .denied)
        #expect(decide("\(Self.financing)SetExchangeRate", "MOF") == .allowed)
        // Events: MOFA and CAS; a ministry whose minister took part.
        #expect(decide("\(Self.diplomacy)CreateEvent", "MOFA") == .allowed)
        #expect(decide("\(Self.diplomacy)LinkCase", "MLIT") == .ifRelated([.participant]))
        // KPI: CAS and METI only.
        #expect(decide("\(Self.kpi)RecordActual", "CAS") == .allowed)
        #expect(decide("\(Self.kpi)SetTarget", "METI") == .allowed)
        #expect(decide("\(Self.kpi)DefineIndicator", "MOFA") == .denied)
        // A method no line names is refused.
        #expect(decide("\(Self.kpi)DeleteEverything", "CAS") == .denied)
    }

    @Test func patternsMatchWholeMethodsWithStars() {
        #expect(Policy.matches(pattern: "/*/Get*", "/keikyo.cases.v1.CaseService/GetCase"))
        #expect(!Policy.matches(pattern: "/*/Get*", "/keikyo.cases.v1.CaseService/ForgetCase"))
        #expect(Policy.matches(pattern: "/a/*", "/a/"))
        #expect(Policy.matches(pattern: "*b*b", "abab"))
        #expect(!Policy.matches(pattern: "/a/B", "/a/Bc"))
        #expect(!Policy.matches(pattern: "", "/a"))
    }

    @Test func aBadLineIsAnErrorNamingItsLine() {
        let cases: [(String, String)] = [
            ("/a/B  METI\n/a/C  NASA", "policy:2"),
            ("a/B  METI", "policy:1"),
            ("# comment\n\n/a/B", "policy:3"),
            ("/a/B  @owner", "policy:1"),
        ]
        for (text, at) in cases {
            let error = #expect(throws: TrustError.self) { try Policy(text: text) }
            #expect(error?.description.hasPrefix(at) == true, "\(text.debugDescription): \(error?.description ?? "")")
        }
    }

    @Test func aRelationMayOnlyBeGrantedWhereTheHandlerChecksIt() throws {
        let policy = try Policy(text: "/x.S/Write  @institution METI\n/x.S/Read *")
        try policy.validate(methods: ["/x.S/Write", "/x.S/Read"], checks: ["/x.S/Write": [.institution]])
        let error = #expect(throws: TrustError.self) {
            try policy.validate(methods: ["/x.S/Write"], checks: ["/x.S/Write": [.participant]])
        }
        #expect(error?.description.contains("line 1") == true)
    }
}

@Suite struct RateLimiterTests {
    @Test func aBurstPassesThenCallsWaitForTheRate() {
        let limiter = RateLimiter(.init(rate: 10, burst: 3))
        let start = NIODeadlineClock.start
        for _ in 0..<3 { #expect(limiter.acquire("METI", now: start) == nil) }
        let wait = limiter.acquire("METI", now: start)
        #expect(wait == .milliseconds(100))
        // Other callers have their own bucket.
        #expect(limiter.acquire("MOF", now: start) == nil)
        // After 100 ms one more call passes, and only one.
        #expect(limiter.acquire("METI", now: start + .milliseconds(100)) == nil)
        #expect(limiter.acquire("METI", now: start + .milliseconds(100)) != nil)
    }

    @Test func aRateOfZeroTurnsTheLimitOff() {
        let limiter = RateLimiter(.init(rate: 0, burst: 0))
        for _ in 0..<1000 { #expect(limiter.acquire("METI") == nil) }
    }
}

import NIOCore

enum NIODeadlineClock {
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
}
