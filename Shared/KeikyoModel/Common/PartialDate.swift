import Foundation

/// A calendar date known to the year, the month or the day: `2019`, `2019-11`, `2019-11-05`.
/// The seed knows most dates only to the month, so dates keep their precision.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date, years 1900-2200).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), (1900...2200).contains(year) else {
            return nil
        }
        var month: Int? = nil
        var day: Int? = nil
        if parts.count >= 2 {
            guard parts[1].count == 2, let value = Int(parts[1]), (1...12).contains(value) else { return nil }
            month = value
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let value = Int(parts[2]), (1...Self.daysIn(year: year, month: month!)).contains(value) else {
                return nil
            }
            day = value
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        var text = String(format: "%04d", year)
        if let month { text += String(format: "-%02d", month) }
        if let day { text += String(format: "-%02d", day) }
        return text
    }

    /// Orders by the earliest day each date can mean.
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 1, lhs.day ?? 1) < (rhs.year, rhs.month ?? 1, rhs.day ?? 1)
    }

    /// True when `self` is surely after `other`: later at the precision both share.
    public func isSurelyAfter(_ other: PartialDate) -> Bool {
        if year != other.year { return year > other.year }
        guard let month, let otherMonth = other.month else { return false }
        if month != otherMonth { return month > otherMonth }
        guard let day, let otherDay = other.day else { return false }
        return day > otherDay
    }

    /// Today in UTC, to the day.
    public static func today(_ now: Date = Date()) -> PartialDate {
        PartialDate(now.formatted(Date.ISO8601FormatStyle().year().month().day()))!
    }

    /// The last day this date can mean, e.g. 2019-12-31 for `2019`.
    public var lastDay: PartialDate {
        let lastMonth = month ?? 12
        return PartialDate(String(format: "%04d-%02d-%02d", year, lastMonth, day ?? Self.daysIn(year: year, month: lastMonth)))!
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
