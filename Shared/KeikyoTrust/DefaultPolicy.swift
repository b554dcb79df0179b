extension Policy {
    /// The shipped policy (`keikyo policy default` prints it; `--policy-file` replaces it).
    public static let defaultText = """
        # Keikyo permissions: who may call which method.
        #
        # Each line: a method pattern, then who may call it. `*` in a pattern matches any run
        # of characters. The first line whose pattern matches the method decides; a method no
        # line matches is refused with 7 PERMISSION_DENIED, reason NOT_PERMITTED.
        #
        # Who:  *              every caller with a valid token, agency or service
        #       @agency        every agency
        #       @service       every Keikyo service (calls between services)
        #       METI, MOF, ... that agency;  service:kpi, ... that service
        #       @institution   the agency that is the financing's institution (JICA for a JICA loan)
        #       @participant   an agency whose minister or official took part in the event
        #
        # Health needs no token and is not subject to this file.

        # Everyone reads everything.
        /keikyo.reflection.v1.Reflection/*                           *
        /*/Get*                                                      *
        /*/List*                                                     *
        /keikyo.cases.v1.CaseService/StreamCases                     *
        /keikyo.cases.v1.CaseService/SummarizeOrders                 *
        /keikyo.financing.v1.FinancingService/Convert                *
        /keikyo.financing.v1.FinancingService/SummarizeCommitments   *
        /keikyo.diplomacy.v1.TopSalesService/CountTopSales           *
        /keikyo.diplomacy.v1.TopSalesService/Attribution             *
        /keikyo.kpi.v1.KpiService/Reconcile                          *

        # Cases: any ministry or agency; the history records which.
        /keikyo.cases.v1.CaseService/CreateCase                      @agency
        /keikyo.cases.v1.CaseService/UpdateCase                      @agency
        /keikyo.cases.v1.CaseService/AdvanceStage                    @agency

        # A financing record: its institution, or METI and MOF.
        /keikyo.financing.v1.FinancingService/CreateFinancing        @institution METI MOF
        /keikyo.financing.v1.FinancingService/UpdateFinancing        @institution METI MOF
        /keikyo.financing.v1.FinancingService/AddTransaction         @institution METI MOF
        # A support programme: the body that runs it, or METI and MOF.
        /keikyo.financing.v1.FinancingService/CreateSupportProgramme @institution METI MOF
        # Pledges are the government's; the exchange-rate table is MOF's.
        /keikyo.financing.v1.FinancingService/CreatePledge           CAS METI MOF
        /keikyo.financing.v1.FinancingService/RecordPledgeProgress   CAS METI MOF
        /keikyo.financing.v1.FinancingService/SetExchangeRate        MOF METI

        # Top-sales events: MOFA, the Cabinet Secretariat and the ministry whose minister took part.
        /keikyo.diplomacy.v1.TopSalesService/CreateEvent             MOFA CAS @participant
        /keikyo.diplomacy.v1.TopSalesService/UpdateEvent             MOFA CAS @participant
        /keikyo.diplomacy.v1.TopSalesService/LinkCase                MOFA CAS @participant
        /keikyo.diplomacy.v1.TopSalesService/UnlinkCase              MOFA CAS @participant

        # KPI indicators, targets and official figures: the Cabinet Secretariat and METI.
        /keikyo.kpi.v1.KpiService/DefineIndicator                    CAS METI
        /keikyo.kpi.v1.KpiService/SetTarget                          CAS METI
        /keikyo.kpi.v1.KpiService/RecordActual                       CAS METI

        """
}
