import KeikyoAPI
import KeikyoModel
import KeikyoWire
import NIOCore

/// One request type of one method: how to decode it from protobuf, and its descriptor for JSON.
public struct RequestType: Sendable {
    public let method: String
    /// JSON text to the message's protobuf bytes, by its descriptor (`keikyo call`'s path).
    public let fromJSON: @Sendable (String) throws -> ByteBuffer
    /// Protobuf bytes to JSON text.
    public let toJSON: @Sendable (ByteBuffer) throws -> String
    /// Decodes protobuf bytes into the Swift request, validates it as its handler would, and
    /// encodes it again; throws a `KWPError` for bytes that are not the message.
    public let roundTrip: @Sendable (UnsafeRawBufferPointer) throws -> Void

    init<Input, Output>(_ method: KWPMethod<Input, Output>, validate: @escaping @Sendable (Input) -> [Violation] = { _ in [] }) {
        self.method = method.path
        self.fromJSON = { text in try ProtobufJSON.encode(json: text, as: Input.protobufCDescriptor) }
        self.toJSON = { bytes in try ProtobufJSON.decode(bytes, as: Input.protobufCDescriptor, pretty: false) }
        self.roundTrip = { bytes in
            let request = try ProtobufCCodec.decode(Input.self, from: bytes)
            _ = validate(request)
            _ = try ProtobufCCodec.encode(request)
        }
    }

    /// Every method the four services and the audit log serve.
    public static let all: [RequestType] = [
        .init(CaseServiceAPI.createCase) { $0.record.violations() }, .init(CaseServiceAPI.getCase), .init(CaseServiceAPI.updateCase) { $0.record.violations() },
        .init(CaseServiceAPI.advanceStage), .init(CaseServiceAPI.listCases) { $0.filter.violations() }, .init(CaseServiceAPI.streamCases),
        .init(CaseServiceAPI.getCaseHistory), .init(CaseServiceAPI.summarizeOrders),
        .init(FinancingServiceAPI.createFinancing) { $0.financing.violations(today: PartialDate.today()) }, .init(FinancingServiceAPI.getFinancing), .init(FinancingServiceAPI.updateFinancing) { $0.financing.violations(today: nil) },
        .init(FinancingServiceAPI.listFinancing), .init(FinancingServiceAPI.addTransaction), .init(FinancingServiceAPI.listTransactions),
        .init(FinancingServiceAPI.getFinancingHistory), .init(FinancingServiceAPI.createPledge) { $0.pledge.violations() }, .init(FinancingServiceAPI.getPledge),
        .init(FinancingServiceAPI.listPledges), .init(FinancingServiceAPI.recordPledgeProgress),
        .init(FinancingServiceAPI.getPledgeProgress), .init(FinancingServiceAPI.setExchangeRate) { $0.rate.violations() },
        .init(FinancingServiceAPI.listExchangeRates), .init(FinancingServiceAPI.convert), .init(FinancingServiceAPI.summarizeCommitments),
        .init(TopSalesServiceAPI.createEvent) { $0.event.violations(today: PartialDate.today()) }, .init(TopSalesServiceAPI.getEvent), .init(TopSalesServiceAPI.updateEvent),
        .init(TopSalesServiceAPI.listEvents) { $0.filter.violations() }, .init(TopSalesServiceAPI.linkCase), .init(TopSalesServiceAPI.unlinkCase),
        .init(TopSalesServiceAPI.listEventsForCase), .init(TopSalesServiceAPI.getEventHistory), .init(TopSalesServiceAPI.countTopSales),
        .init(TopSalesServiceAPI.attribution),
        .init(KPIServiceAPI.defineIndicator) { $0.indicator.violations() }, .init(KPIServiceAPI.getIndicator), .init(KPIServiceAPI.listIndicators),
        .init(KPIServiceAPI.setTarget) { $0.target.violations() }, .init(KPIServiceAPI.recordActual) { $0.actual.violations(indicator: nil) }, .init(KPIServiceAPI.listActuals),
        .init(KPIServiceAPI.getProgress), .init(KPIServiceAPI.getBreakdown), .init(KPIServiceAPI.getYearOverYear),
        .init(KPIServiceAPI.reconcile), .init(KPIServiceAPI.getDashboard),
        .init(AuditServiceAPI.listAudit),
        // Appended, so that the committed corpus still picks the types it was written for.
        .init(FinancingServiceAPI.createSupportProgramme) { $0.programme.violations() }, .init(FinancingServiceAPI.getSupportProgramme),
        .init(FinancingServiceAPI.listSupportProgrammes), .init(KPIServiceAPI.listStrategies), .init(KPIServiceAPI.getStrategy),
    ]

    /// The type a fuzz input's first byte picks; the rest is the message.
    public static func pick(_ data: UnsafeRawBufferPointer) -> (RequestType, UnsafeRawBufferPointer)? {
        guard let first = data.first else { return nil }
        return (all[Int(first) % all.count], UnsafeRawBufferPointer(rebasing: data.dropFirst()))
    }
}
