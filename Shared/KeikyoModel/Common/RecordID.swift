/// Server-assigned record ids: a prefix, then 1 to 80 characters of a-z, 0-9 and `-`.
public enum RecordID {
    public static func isValid(_ id: String, prefix: String) -> Bool {
        guard id.hasPrefix(prefix) else { return false }
        let rest = id.utf8.dropFirst(prefix.utf8.count)
        return (1...80).contains(rest.count) && rest.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// A prefix and 12 random characters of a-z0-9.
    public static func random(prefix: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return prefix + String((0..<12).map { _ in alphabet.randomElement()! })
    }
}
