import NIOCore

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

extension SocketAddress {
    /// True for 127.0.0.0/8, ::1, IPv4-mapped loopback and Unix domain sockets: peers on this
    /// machine, to which compression saves no bandwidth, only time.
    var isOnThisMachine: Bool {
        switch self {
        case .v4(let address):
            return UInt32(bigEndian: address.address.sin_addr.s_addr) >> 24 == 127
        case .v6(let address):
            let bytes = withUnsafeBytes(of: address.address.sin6_addr) { Array($0) }
            let loopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
            let mappedLoopback = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
            return loopback || mappedLoopback
        case .unixDomainSocket:
            return true
        }
    }
}
