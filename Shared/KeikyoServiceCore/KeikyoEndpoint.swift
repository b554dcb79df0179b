/// The suite's services: their default ports and the environment keys that locate them.
public struct KeikyoEndpoint: Sendable, Hashable, CaseIterable {
    /// Short name, e.g. `cases`.
    public let name: String
    public let defaultPort: Int
    /// e.g. `KEIKYO_CASES_ADDR`.
    public var environmentKey: String { "KEIKYO_\(name.uppercased())_ADDR" }
    /// e.g. `127.0.0.1:7101`.
    public var defaultAddress: String { "127.0.0.1:\(defaultPort)" }

    public static let cases = KeikyoEndpoint(name: "cases", defaultPort: 7101)
    public static let financing = KeikyoEndpoint(name: "financing", defaultPort: 7102)
    public static let diplomacy = KeikyoEndpoint(name: "diplomacy", defaultPort: 7103)
    public static let kpi = KeikyoEndpoint(name: "kpi", defaultPort: 7104)

    public static let allCases: [KeikyoEndpoint] = [.cases, .financing, .diplomacy, .kpi]

    /// The address from `environment`, else the default.
    public func address(in environment: [String: String]) -> String {
        environment[environmentKey].flatMap { $0.isEmpty ? nil : $0 } ?? defaultAddress
    }
}
