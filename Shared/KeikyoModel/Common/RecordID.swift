import Foundation

/// Server-assigned record ids: a prefix, then 1 to 80 characters of a-z, 0-9 and `-`.
public enum RecordID {
    public static func isValid(_ id: String, prefix: String) -> Bool {
        guard id.hasPrefix(prefix) else { return false }
        let rest = id.utf8.dropFirst(prefix.utf8.count)
        return (1...80).contains(rest.count) && rest.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// Digits before letters, as bytes sort: ids made later sort after earlier ones.
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
    /// Ids count seconds from 2020-01-01T00:00:00Z; six base-36 digits last until 2089.
    private static let epoch = Date(timeIntervalSince1970: 1_577_836_800)

    /// A prefix and 12 characters of a-z0-9: the second it was made (six base-36 digits since
    /// 2020) and six random ones. A new id sorts after those of earlier seconds, so it lands at
    /// the end of the id index rather than on a random page of it.
    public static func random(prefix: String, now: Date = Date()) -> String {
        var seconds = UInt64(max(0, now.timeIntervalSince(epoch)))
        var characters = [UInt8](repeating: 0, count: 12)
        for index in (0..<6).reversed() {
            characters[index] = alphabet[Int(seconds % 36)]
            seconds /= 36
        }
        for index in 6..<12 { characters[index] = alphabet.randomElement()! }
        return prefix + String(decoding: characters, as: UTF8.self)
    }
}
