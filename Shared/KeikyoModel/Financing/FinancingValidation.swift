extension Financing {
    public enum Limits {
        public static let titleLength = 500
        public static let textLength = 20_000
        public static let listCount = 100
        /// Entries one financing's ledger may hold.
        public static let ledgerEntries = 10_000
    }

    /// What stops this financing being stored; empty when it is valid. Output-only fields are
    /// not checked. `today` bounds transaction dates.
    public func violations(today: PartialDate?) -> [Violation] {
        var list = ViolationList()
        if caseIDs.isEmpty { list.add("case_ids", "at least one case id is required") }
        list.check(caseIDs.count <= Limits.listCount, "case_ids", "more than \(Limits.listCount) entries")
        for (index, id) in caseIDs.enumerated() {
            list.check(CaseID.isValid(id), "case_ids[\(index)]", "\(id.debugDescription) is not a case id (case-...)")
        }
        list.check(Set(caseIDs).count == caseIDs.count, "case_ids", "a case is listed twice")
        list.checkCode(institution, "institution", in: Institution.names, what: "an institution code, e.g. JICA")
        list.check(instrument != nil, "instrument", "required: one of \(Instrument.allCases.map(\.rawValue).joined(separator: ", "))")
        if !facility.isEmpty {
            if let entry = Facility.known[facility] {
                list.check(entry.institution == institution, "facility", "\(facility) is a facility of \(entry.institution), not \(institution)")
            } else {
                list.add("facility", "\(facility.debugDescription) is not a known facility")
            }
        }
        list.check(status != nil, "status", "required: one of \(FinancingStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        list.check(!title.isEmpty, "title", "required in Japanese or English (or both)")
        list.checkLength(title.ja, "title.ja", max: Limits.titleLength)
        list.checkLength(title.en, "title.en", max: Limits.titleLength)
        list.checkLength(source, "source", max: Limits.titleLength)
        list.checkLength(notes, "notes", max: Limits.textLength)
        list.checkLength(url, "url", max: 2048)
        if !url.isEmpty {
            list.check(url.hasPrefix("https://") || url.hasPrefix("http://"), "url", "must be an http(s) URL")
        }
        if let loanTerms {
            if let instrument { list.check(instrument.kind == .loan, "loan_terms", "only for loans; \(instrument.rawValue) is not one") }
            if !loanTerms.interestRatePercent.isEmpty {
                let rate = DecimalAmount(loanTerms.interestRatePercent)
                list.check(rate != nil && rate! <= DecimalAmount(micros: 100_000_000), "loan_terms.interest_rate_percent", "a decimal percentage from 0 to 100")
            }
            list.check(loanTerms.maturityMonths <= 1200, "loan_terms.maturity_months", "at most 1,200 (100 years)")
            list.check(loanTerms.gracePeriodMonths <= loanTerms.maturityMonths || loanTerms.maturityMonths == 0,
                "loan_terms.grace_period_months", "longer than the maturity")
            list.checkLength(loanTerms.referenceRate, "loan_terms.reference_rate", max: 100)
        }
        list.check(coFinanciers.count <= Limits.listCount, "co_financiers", "more than \(Limits.listCount) entries")
        for (index, coFinancier) in coFinanciers.enumerated() {
            list.check(!coFinancier.institution.isEmpty, "co_financiers[\(index)].institution", "required: a code or a name")
            list.checkLength(coFinancier.institution, "co_financiers[\(index)].institution", max: Limits.titleLength)
            if let amount = coFinancier.amount { list.checkMoney(amount, "co_financiers[\(index)].amount") }
        }
        list.check(transactions.count <= Limits.listCount, "transactions", "more than \(Limits.listCount) entries at creation; add more with AddTransaction")
        for (index, transaction) in transactions.enumerated() {
            for violation in transaction.violations(instrument: instrument, today: today) {
                list.add("transactions[\(index)].\(violation.field)", violation.description)
            }
        }
        list.append(contentsOf: provenance.violations("provenance"))
        return list.items
    }

    /// Why the ledger cannot take `transaction`, as (reason, message); nil when it can.
    /// Outflows may not exceed the commitments in their currency, nor repayments the outflows,
    /// and a REPAID or CANCELLED financing's ledger is closed.
    public func ledgerRefusal(adding transaction: Transaction) -> (reason: String, message: String)? {
        if let status, status.isFinal {
            return ("LEDGER_CLOSED", "financing \(id) is \(status.rawValue): its ledger is closed")
        }
        guard transactions.count < Limits.ledgerEntries else {
            return ("LEDGER_FULL", "financing \(id) has \(Limits.ledgerEntries) ledger entries, the most one may hold")
        }
        guard let type = transaction.type, let amount = transaction.value.decimal else { return nil }
        let before = LedgerTotal.of(transactions).first { $0.currency == transaction.value.currency }
            ?? LedgerTotal(currency: transaction.value.currency)
        switch type {
        case .disbursement, .equityPurchase:
            guard before.committed.micros > 0 else { return nil }
            if before.disbursed + amount > before.committed {
                return ("EXCEEDS_COMMITMENT",
                    "\(type.rawValue) of \(amount) \(before.currency) would take the \(before.currency) outflows to \(before.disbursed + amount), above the \(before.committed) committed")
            }
        case .repayment, .equitySale:
            guard before.disbursed.micros > 0 else { return nil }
            if type == .repayment, before.repaid + amount > before.disbursed {
                return ("EXCEEDS_DISBURSED",
                    "a repayment of \(amount) \(before.currency) would take repayments to \(before.repaid + amount), above the \(before.disbursed) disbursed")
            }
        default: break
        }
        return nil
    }
}

extension Transaction {
    /// Field names are relative to the transaction.
    public func violations(instrument: Instrument?, today: PartialDate?) -> [Violation] {
        var list = ViolationList()
        if let type {
            if let instrument {
                list.check(instrument.allowedTransactions.contains(type), "type",
                    "\(type.rawValue) is not a transaction of a \(instrument.rawValue) (allowed: \(instrument.allowedTransactions.map(\.rawValue).sorted().joined(separator: ", ")))")
            }
        } else {
            list.add("type", "required: one of \(TransactionType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        list.checkDate(date, "date", required: true)
        if let today, let date = PartialDate(date) {
            list.check(!date.isSurelyAfter(today), "date", "\(date) is in the future")
        }
        list.checkMoney(value, "value", valueDateRequired: false)
        if let amount = value.decimal { list.check(amount.micros > 0, "value.amount", "must be above 0") }
        list.checkLength(note, "note", max: Financing.Limits.titleLength)
        return list.items
    }
}
