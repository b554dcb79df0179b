import Foundation
import KeikyoModel
import KeikyoStorage

/// SQL for case filters, and the values derived for it.
enum CaseQuery {
    /// A WHERE condition (always valid SQL) and its arguments.
    static func whereClause(_ filter: CaseFilter, dialect: SQLDialect) -> (String, SQLArguments) {
        var conditions: [String] = ["1 = 1"]
        var arguments = SQLArguments()
        func inList(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            conditions.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
            arguments += SQLArguments(values)
        }
        inList("field", filter.fields.map(\.rawValue))
        inList("subsector", filter.subsectors)
        inList("stage", filter.stages.map(\.rawValue))
        if !filter.countries.isEmpty {
            conditions.append("seq IN (SELECT case_seq FROM case_countries WHERE country IN (\(filter.countries.map { _ in "?" }.joined(separator: ","))))")
            arguments += SQLArguments(filter.countries)
        }
        if !filter.regions.isEmpty {
            conditions.append("seq IN (SELECT case_seq FROM case_countries WHERE region IN (\(filter.regions.map { _ in "?" }.joined(separator: ","))))")
            arguments += SQLArguments(filter.regions.map(\.rawValue))
        }
        if filter.contractYearFrom > 0 {
            conditions.append("contract_year >= ?")
            arguments += [Int(filter.contractYearFrom)]
        }
        if filter.contractYearTo > 0 {
            conditions.append("contract_year <= ?")
            arguments += [Int(filter.contractYearTo)]
        }
        if !filter.partyName.isEmpty {
            conditions.append("party_names \(dialect.like) ? ESCAPE '\\'")
            arguments += [likePattern(filter.partyName)]
        }
        if !filter.text.isEmpty {
            conditions.append("(title_ja \(dialect.like) ? ESCAPE '\\' OR title_en \(dialect.like) ? ESCAPE '\\')")
            arguments += [likePattern(filter.text), likePattern(filter.text)]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// `%text%` with LIKE's wildcards escaped.
    static func likePattern(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }

    /// The year an order counts in: the contract signature, else the award, else the first
    /// change to a won stage.
    static func orderYear(_ record: ExportCase) -> Int? {
        if let date = PartialDate(record.keyDates.contractSignature) { return date.year }
        if let date = PartialDate(record.keyDates.award) { return date.year }
        return record.stageHistory.first { $0.stage.isWon }.flatMap { PartialDate($0.date)?.year }
    }
}

/// Which editable fields differ between two versions of a case, by wire name.
enum CaseDiff {
    static func changedFields(from old: ExportCase, to new: ExportCase) -> [String] {
        var changed: [String] = []
        func compare<T: Equatable>(_ name: String, _ path: KeyPath<ExportCase, T>) {
            if old[keyPath: path] != new[keyPath: path] { changed.append(name) }
        }
        compare("external_ids", \.externalIDs)
        compare("title", \.title)
        compare("description", \.description)
        compare("field", \.field)
        compare("subsector", \.subsector)
        compare("dac_purposes", \.dacPurposes)
        compare("countries", \.countries)
        compare("business_models", \.businessModels)
        compare("ppi_type", \.ppiType)
        compare("parties", \.parties)
        compare("contract_value", \.contractValue)
        compare("japanese_share", \.japaneseShare)
        compare("counts_toward_kpi", \.countsTowardKPI)
        compare("key_dates", \.keyDates)
        compare("policy_tags", \.policyTags)
        compare("sdg_goals", \.sdgGoals)
        compare("provenance", \.provenance)
        compare("notes", \.notes)
        return changed
    }
}
