/// Parses `HOST:PORT` addresses (`[::1]:7101` for IPv6).
public enum HostPort {
    public static func parse(_ address: String) throws -> (host: String, port: Int) {
        let invalid = KWPError(.invalidArgument, "\(address.debugDescription) is not HOST:PORT", reason: "BAD_ADDRESS")
        guard let colon = address.lastIndex(of: ":") else { throw invalid }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port) else {
            throw invalid
        }
        return (host, port)
    }
}
