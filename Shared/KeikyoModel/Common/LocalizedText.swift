import Foundation

/// Text in Japanese and English; either may be empty.
public struct LocalizedText: Sendable, Hashable {
    public var ja: String
    public var en: String

    public init(ja: String = "", en: String = "") {
        self.ja = ja
        self.en = en
    }

    public var isEmpty: Bool { ja.isEmpty && en.isEmpty }

    /// English when present, else Japanese.
    public var preferred: String { en.isEmpty ? ja : en }

    /// Case-insensitive substring match in either language.
    public func contains(_ needle: String) -> Bool {
        ja.localizedCaseInsensitiveContains(needle) || en.localizedCaseInsensitiveContains(needle)
    }
}
