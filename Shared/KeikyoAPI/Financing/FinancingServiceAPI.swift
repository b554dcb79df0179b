import CKeikyoProtos
import KeikyoModel
import KeikyoWire

/// `keikyo.financing.v1.FinancingService`: its descriptor and methods.
public enum FinancingServiceAPI {
    public static let serviceName = "keikyo.financing.v1.FinancingService"
    public static let descriptor = KWPServiceDescriptor(keikyo__financing__v1__financing_service__descriptor_ptr())

    public static let createFinancing = method(CreateFinancingRequest.self, Financing.self, "CreateFinancing")
    public static let getFinancing = method(GetFinancingRequest.self, Financing.self, "GetFinancing")
    public static let updateFinancing = method(UpdateFinancingRequest.self, Financing.self, "UpdateFinancing")
    public static let listFinancing = method(ListFinancingRequest.self, ListFinancingResponse.self, "ListFinancing")
    public static let addTransaction = method(AddTransactionRequest.self, Financing.self, "AddTransaction")
    public static let listTransactions = method(ListTransactionsRequest.self, ListTransactionsResponse.self, "ListTransactions")
    public static let getFinancingHistory = method(GetFinancingHistoryRequest.self, GetFinancingHistoryResponse.self, "GetFinancingHistory")
    public static let createPledge = method(CreatePledgeRequest.self, Pledge.self, "CreatePledge")
    public static let getPledge = method(GetPledgeRequest.self, Pledge.self, "GetPledge")
    public static let listPledges = method(ListPledgesRequest.self, ListPledgesResponse.self, "ListPledges")
    public static let recordPledgeProgress = method(RecordPledgeProgressRequest.self, Pledge.self, "RecordPledgeProgress")
    public static let getPledgeProgress = method(GetPledgeProgressRequest.self, PledgeProgress.self, "GetPledgeProgress")
    public static let setExchangeRate = method(SetExchangeRateRequest.self, ExchangeRate.self, "SetExchangeRate")
    public static let listExchangeRates = method(ListExchangeRatesRequest.self, ListExchangeRatesResponse.self, "ListExchangeRates")
    public static let convert = method(ConvertRequest.self, ConvertedAmount.self, "Convert")
    public static let summarizeCommitments = method(SummarizeCommitmentsRequest.self, CommitmentSummary.self, "SummarizeCommitments")
    public static let createSupportProgramme = method(CreateSupportProgrammeRequest.self, SupportProgramme.self, "CreateSupportProgramme")
    public static let getSupportProgramme = method(GetSupportProgrammeRequest.self, SupportProgramme.self, "GetSupportProgramme")
    public static let listSupportProgrammes = method(ListSupportProgrammesRequest.self, ListSupportProgrammesResponse.self, "ListSupportProgrammes")

    private static func method<Input, Output>(_: Input.Type, _: Output.Type, _ name: String) -> KWPMethod<Input, Output> {
        KWPMethod(service: serviceName, name: name)
    }

    /// Reasons the financing service gives.
    public enum Reason {
        /// A case id the cases service does not know (FAILED_PRECONDITION).
        public static let caseNotFound = "CASE_NOT_FOUND"
        /// The cases service could not be asked in time (UNAVAILABLE); nothing was written.
        public static let casesUnavailable = "CASES_UNAVAILABLE"
        public static let financingNotFound = "FINANCING_NOT_FOUND"
        public static let pledgeNotFound = "PLEDGE_NOT_FOUND"
        public static let programmeNotFound = "PROGRAMME_NOT_FOUND"
        public static let rateNotFound = "RATE_NOT_FOUND"
        public static let versionMismatch = CommonReason.versionMismatch
        public static let illegalTransition = "ILLEGAL_TRANSITION"
        public static let invalidField = CommonReason.invalidField
        public static let badPageToken = CommonReason.badPageToken
        public static let idempotencyKeyReused = CommonReason.idempotencyKeyReused
        public static let exceedsCommitment = "EXCEEDS_COMMITMENT"
        public static let exceedsDisbursed = "EXCEEDS_DISBURSED"
        public static let ledgerClosed = "LEDGER_CLOSED"
        public static let ledgerFull = "LEDGER_FULL"
    }
}
