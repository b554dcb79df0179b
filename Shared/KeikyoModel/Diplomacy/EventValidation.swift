extension Event {
    public enum Limits {
        public static let titleLength = 500
        public static let textLength = 20_000
        public static let listCount = 100
        public static let caseLinks = 1_000
    }

    /// What stops this event being stored; empty when it is valid. Output-only fields are not
    /// checked. `today` bounds the start date: events are recorded once they have happened.
    public func violations(today: PartialDate?) -> [Violation] {
        var list = ViolationList()
        list.check(kind != nil, "kind", "required: one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
        list.checkDate(startDate, "start_date")
        list.checkDate(endDate, "end_date")
        if let start = PartialDate(startDate) {
            if let today { list.check(!start.isSurelyAfter(today), "start_date", "\(start) is in the future") }
            if let end = PartialDate(endDate) { list.check(!start.isSurelyAfter(end), "end_date", "before start_date") }
        } else if !endDate.isEmpty {
            list.add("end_date", "only with a start_date")
        }
        list.check(countries.count <= 300, "countries", "more than 300 entries")
        for (index, code) in countries.enumerated() {
            list.check(CountryCode.isValid(code), "countries[\(index)]", "\(code.debugDescription) is not an ISO 3166-1 alpha-2 code")
            list.check(code != "JP", "countries[\(index)]", "the foreign countries involved; Japan is implied")
        }
        list.check(Set(countries).count == countries.count, "countries", "a country is listed twice")
        list.checkLength(city, "city", max: 200)
        list.check(!title.isEmpty, "title", "required in Japanese or English (or both)")
        list.checkLength(title.ja, "title.ja", max: Limits.titleLength)
        list.checkLength(title.en, "title.en", max: Limits.titleLength)
        for (name, count) in [("participants", participants.count), ("counterparts", counterparts.count),
            ("outcomes.statements", outcomes.statements.count), ("outcomes.memoranda", outcomes.memoranda.count),
            ("outcomes.pledge_ids", outcomes.pledgeIDs.count)]
        {
            list.check(count <= Limits.listCount, name, "more than \(Limits.listCount) entries")
        }
        for (index, participant) in participants.enumerated() {
            list.check(!participant.post.isEmpty, "participants[\(index)].post", "required, e.g. Prime Minister")
            list.check(participant.level != nil, "participants[\(index)].level", "required: one of \(Level.allCases.map(\.rawValue).joined(separator: ", "))")
            list.checkLength(participant.name, "participants[\(index)].name", max: 200)
            list.checkLength(participant.post, "participants[\(index)].post", max: 200)
            list.check(
                participant.agency.isEmpty || Agency.isValid(participant.agency), "participants[\(index)].agency",
                "\(participant.agency.debugDescription) is not an agency code")
        }
        for (index, counterpart) in counterparts.enumerated() {
            list.check(!counterpart.post.isEmpty || !counterpart.name.isEmpty, "counterparts[\(index)]", "a name or a post is required")
            list.check(CountryCode.isValid(counterpart.country), "counterparts[\(index)].country", "\(counterpart.country.debugDescription) is not an ISO 3166-1 alpha-2 code")
            list.checkLength(counterpart.name, "counterparts[\(index)].name", max: 200)
            list.checkLength(counterpart.post, "counterparts[\(index)].post", max: 200)
        }
        for (index, statement) in outcomes.statements.enumerated() {
            list.check(!statement.isEmpty, "outcomes.statements[\(index)]", "empty")
            list.checkLength(statement.ja, "outcomes.statements[\(index)].ja", max: Limits.textLength)
            list.checkLength(statement.en, "outcomes.statements[\(index)].en", max: Limits.textLength)
        }
        for (index, memorandum) in outcomes.memoranda.enumerated() {
            list.check(!memorandum.title.isEmpty, "outcomes.memoranda[\(index)].title", "required")
            list.checkDate(memorandum.signedOn, "outcomes.memoranda[\(index)].signed_on")
            if !memorandum.url.isEmpty {
                list.check(memorandum.url.hasPrefix("https://") || memorandum.url.hasPrefix("http://"), "outcomes.memoranda[\(index)].url", "must be an http(s) URL")
            }
        }
        for (index, id) in outcomes.pledgeIDs.enumerated() {
            list.check(PledgeID.isValid(id), "outcomes.pledge_ids[\(index)]", "\(id.debugDescription) is not a pledge id (pledge-...)")
        }
        list.checkLength(source, "source", max: Limits.titleLength)
        list.append(contentsOf: provenance.violations("provenance"))
        list.checkLength(notes, "notes", max: Limits.textLength)
        return list.items
    }
}

extension CaseLink {
    public func violations() -> [Violation] {
        var list = ViolationList()
        list.check(CaseID.isValid(caseID), "case_id", "\(caseID.debugDescription) is not a case id (case-...)")
        list.check(relation != nil, "relation", "required: one of \(CaseRelation.allCases.map(\.rawValue).joined(separator: ", "))")
        list.checkLength(note, "note", max: 2_000)
        list.append(contentsOf: provenance.violations("provenance"))
        return list.items
    }
}
