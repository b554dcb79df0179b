import Foundation

extension ExportCase {
    /// Limits that keep one record bounded.
    public enum Limits {
        public static let titleLength = 500
        public static let textLength = 20_000
        public static let listCount = 100
    }

    /// What stops this case being stored; empty when it is valid. Output-only fields (id,
    /// version, timestamps, regions, history) are not checked: the server sets them.
    public func violations() -> [Violation] {
        var list = ViolationList()
        list.check(!title.isEmpty, "title", "required in Japanese or English (or both)")
        list.checkLength(title.ja, "title.ja", max: Limits.titleLength)
        list.checkLength(title.en, "title.en", max: Limits.titleLength)
        list.checkLength(description.ja, "description.ja", max: Limits.textLength)
        list.checkLength(description.en, "description.en", max: Limits.textLength)
        list.checkLength(notes, "notes", max: Limits.textLength)
        list.check(field != nil, "field", "required: one of \(KPIField.allCases.map(\.rawValue).joined(separator: ", "))")
        if subsector.isEmpty {
            list.add("subsector", "required: a subsector code, e.g. port")
        } else {
            list.check(Subsector.isValid(subsector), "subsector", "\(subsector.debugDescription) is not a known subsector")
        }

        for (name, count) in [
            ("external_ids", externalIDs.count), ("dac_purposes", dacPurposes.count), ("countries", countries.count),
            ("parties", parties.count), ("business_models", businessModels.count),
        ] {
            list.check(count <= Limits.listCount, name, "more than \(Limits.listCount) entries")
        }

        if countries.isEmpty { list.add("countries", "at least one country is required") }
        var seenCountries = Set<String>()
        for (index, share) in countries.enumerated() {
            list.check(CountryCode.isValid(share.country), "countries[\(index)].country", "\(share.country.debugDescription) is not an ISO 3166-1 alpha-2 code")
            list.check(seenCountries.insert(share.country).inserted, "countries[\(index)].country", "\(share.country) is listed twice")
        }
        list.checkShares(countries.map(\.percent)) { "countries[\($0)].percent" }

        for (index, purpose) in dacPurposes.enumerated() {
            list.check((11110...99820).contains(purpose.dacCode), "dac_purposes[\(index)].dac_code", "\(purpose.dacCode) is not a five-digit DAC purpose code")
        }
        list.checkShares(dacPurposes.map(\.percent)) { "dac_purposes[\($0)].percent" }

        for (index, id) in externalIDs.enumerated() {
            list.check(!id.value.isEmpty, "external_ids[\(index)].value", "required")
            if id.scheme == .worldBankProject {
                list.check(id.value.range(of: #"^P[0-9]{6}$"#, options: .regularExpression) != nil,
                    "external_ids[\(index)].value", "a World Bank project id is P and six digits")
            }
        }

        list.check(Set(businessModels).count == businessModels.count, "business_models", "a business model is listed twice")
        if !ppiType.isEmpty {
            list.check(PPIType.known.contains(ppiType), "ppi_type", "\(ppiType.debugDescription) is not a PPI contract type")
            list.check(businessModels.contains(.pppConcession), "ppi_type", "only for cases with the PPP_CONCESSION business model")
        }

        for (index, party) in parties.enumerated() {
            list.check(!party.name.isEmpty, "parties[\(index)].name", "required")
            if party.country.isEmpty {
                list.check(party.kind != .hostCountry && party.kind != .thirdCountry, "parties[\(index)].country", "required for a host- or third-country party")
            } else {
                list.check(CountryCode.isValid(party.country), "parties[\(index)].country", "\(party.country.debugDescription) is not an ISO 3166-1 alpha-2 code")
            }
        }

        if let contractValue { list.checkMoney(contractValue, "contract_value") }
        if let japaneseShare { list.checkMoney(japaneseShare, "japanese_share") }
        if let contractValue, let japaneseShare, contractValue.currency == japaneseShare.currency,
            let total = contractValue.decimal, let share = japaneseShare.decimal
        {
            list.check(share <= total, "japanese_share.amount", "larger than the contract value")
        }

        let dates = keyDates.ordered
        for (field, value) in dates { list.checkDate(value, "key_dates.\(field)") }
        let known = dates.compactMap { entry in PartialDate(entry.value).map { (entry.field, $0) } }
        for (earlierIndex, earlier) in known.enumerated() {
            for later in known[(earlierIndex + 1)...] where earlier.1.isSurelyAfter(later.1) {
                list.add("key_dates.\(later.0)", "\(later.1) is before \(earlier.0) (\(earlier.1))")
            }
        }
        list.checkDate(stageDate, "stage_date")

        list.check(Set(policyTags).count == policyTags.count, "policy_tags", "a tag is listed twice")
        for (index, goal) in sdgGoals.enumerated() {
            list.check((1...17).contains(goal), "sdg_goals[\(index)]", "SDG goals are 1 to 17")
        }
        list.check(Set(sdgGoals).count == sdgGoals.count, "sdg_goals", "a goal is listed twice")

        if provenance.agency.isEmpty {
            list.add("provenance.agency", "required: the reporting ministry or agency, e.g. METI")
        } else {
            list.check(Agency.isValid(provenance.agency), "provenance.agency", "\(provenance.agency.debugDescription) is not a known ministry or agency")
        }
        if !provenance.url.isEmpty {
            list.check(provenance.url.hasPrefix("https://") || provenance.url.hasPrefix("http://"), "provenance.url", "must be an http(s) URL")
        }
        list.checkLength(provenance.document, "provenance.document", max: Limits.titleLength)
        list.checkLength(provenance.url, "provenance.url", max: 2048)
        list.append(contentsOf: provenance.source.violations("provenance.source"))
        return list.items
    }
}
