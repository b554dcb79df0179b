import Foundation
import KeikyoAPI
import KeikyoModel
import KeikyoTestSupport
import KeikyoWire
import Testing

/// One row of docs/SEED-COVERAGE.md: a fact of the seed and the call that returns it.
struct CoverageRow: Sendable, CustomStringConvertible {
    var lines: String
    var fact: String
    var method: String
    var request: String
    var path: String
    var expected: String

    var description: String { "l.\(lines) \(fact) (\(method) \(path))" }

    /// The rows between the coverage markers of the document.
    static func load() throws -> [CoverageRow] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/SEED-COVERAGE.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let begin = text.range(of: "<!-- coverage:begin -->"), let end = text.range(of: "<!-- coverage:end -->") else {
            throw CoverageError(message: "docs/SEED-COVERAGE.md has no coverage markers")
        }
        return try text[begin.upperBound..<end.lowerBound].split(separator: "\n").dropFirst(2).map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count == 6 else { throw CoverageError(message: "not six cells: \(line)") }
            return CoverageRow(lines: cells[0], fact: cells[1], method: cells[2], request: cells[3], path: cells[4], expected: cells[5])
        }
    }
}

struct CoverageError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A path into a JSON reply: `a.b`, `list[field=value]`, `list[N]`, `list[]` (any element).
enum JSONPath {
    /// Every value the path reaches; none when it reaches nothing.
    static func values(_ path: String, in root: Any) -> [Any] {
        var current: [Any] = [root]
        for segment in path.split(separator: ".") {
            var name = Substring(segment)
            var selector: Substring? = nil
            if let open = segment.firstIndex(of: "["), segment.hasSuffix("]") {
                name = segment[..<open]
                selector = segment[segment.index(after: open)..<segment.index(before: segment.endIndex)]
            }
            current = current.compactMap { ($0 as? [String: Any])?[String(name)] }
            guard let selector else { continue }
            current = current.flatMap { value -> [Any] in
                guard let list = value as? [Any] else { return [] }
                if selector.isEmpty { return list }
                if let index = Int(selector) { return list.indices.contains(index) ? [list[index]] : [] }
                let parts = selector.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { return [] }
                return list.filter { element in ((element as? [String: Any])?[parts[0]]).map(text) == parts[1] }
            }
        }
        return current
    }

    static func text(_ value: Any) -> String {
        switch value {
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: "\(value)"
        }
    }
}

@Suite("Seed coverage: every fact of docs/SEED-COVERAGE.md from the live services")
struct SeedCoverageTests {
    @Test("each listed fact is returned by its call, equal to the seed")
    func everyFact() async throws {
        let rows = try CoverageRow.load()
        let checked = rows.filter { $0.method != "—" }
        #expect(checked.count >= 90, "the list covers the seed's facts: \(checked.count) rows with a call")
        #expect(rows.filter { $0.method == "—" }.allSatisfy { !$0.expected.isEmpty }, "a fact without a call says why")
        try await withSeededStack { stack in
            let clients = [
                "keikyo.cases.v1": stack.cases, "keikyo.financing.v1": stack.peers.financing,
                "keikyo.diplomacy.v1": stack.peers.diplomacy, "keikyo.kpi.v1": stack.kpi,
            ]
            var types: [String: (input: String, output: String)] = [:]
            for client in [stack.cases, stack.peers.financing, stack.peers.diplomacy, stack.kpi] {
                let listing = try await client.unary(ReflectionMethods.listServices, ListServicesRequest())
                for service in listing.services {
                    for method in service.methods { types["/\(service.name)/\(method.name)"] = (method.inputType, method.outputType) }
                }
            }
            for row in checked {
                let package = row.method.dropFirst().split(separator: "/").first.map { $0.split(separator: ".").dropLast().joined(separator: ".") } ?? ""
                let client = try #require(clients[package], "no service for \(row)")
                let type = try #require(types[row.method], "no method \(row.method) for \(row)")
                let input = try #require(ProtobufJSON.descriptor(named: type.input))
                let output = try #require(ProtobufJSON.descriptor(named: type.output))
                let reply = try await client.unaryEncoded(method: row.method, request: try ProtobufJSON.encode(json: row.request, as: input))
                let json = try JSONSerialization.jsonObject(with: Data(try ProtobufJSON.decode(reply, as: output).utf8))
                let found = JSONPath.values(row.path, in: json).map(JSONPath.text)
                if row.expected.hasPrefix("~") {
                    let part = String(row.expected.dropFirst())
                    #expect(found.contains { $0.contains(part) }, "\(row): found \(found)")
                } else if row.expected.isEmpty {
                    #expect(found.allSatisfy { $0.isEmpty }, "\(row): the seed gives none, found \(found)")
                } else {
                    #expect(found.contains(row.expected), "\(row): found \(found)")
                }
            }
        }
    }

    @Test("the path walker picks by field, by index and any element, and reaches nothing on a miss")
    func paths() {
        let json: [String: Any] = ["items": [["value": "A", "n": 1], ["value": "B", "n": 2]], "tags": ["x", "y"], "a": ["b": "c"]]
        #expect(JSONPath.values("items[value=B].n", in: json).map(JSONPath.text) == ["2"])
        #expect(JSONPath.values("items[0].value", in: json).map(JSONPath.text) == ["A"])
        #expect(JSONPath.values("tags[]", in: json).map(JSONPath.text) == ["x", "y"])
        #expect(JSONPath.values("a.b", in: json).map(JSONPath.text) == ["c"])
        #expect(JSONPath.values("items[value=C].n", in: json).isEmpty && JSONPath.values("nope.b", in: json).isEmpty)
    }
}
