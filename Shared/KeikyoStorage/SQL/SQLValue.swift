import Foundation

/// A value bound to a statement or read from a row: the types both databases share. Booleans
/// are integers 0 and 1; money is exact decimal text.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLValue {
    /// A total order on rows of values (by kind, then value), for taking locks in the same
    /// order in every transaction.
    static func precedes(_ left: [SQLValue], _ right: [SQLValue]) -> Bool {
        for (a, b) in zip(left, right) where a != b {
            switch (a, b) {
            case (.integer(let x), .integer(let y)): return x < y
            case (.real(let x), .real(let y)): return x < y
            case (.text(let x), .text(let y)): return x < y
            case (.blob(let x), .blob(let y)): return x.lexicographicallyPrecedes(y)
            default: return a.rank < b.rank
            }
        }
        return left.count < right.count
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .integer: 1
        case .real: 2
        case .text: 3
        case .blob: 4
        }
    }
}

/// A Swift type that can be bound to a statement and read back from a column.
public protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    /// The value of a column, or nil when the column holds something else.
    static func fromSQL(_ value: SQLValue) -> Self?
}

extension SQLValue: SQLValueConvertible {
    public var sqlValue: SQLValue { self }
    public static func fromSQL(_ value: SQLValue) -> SQLValue? { value }
}

extension Int64: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self) }
    public static func fromSQL(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let integer): integer
        // PostgreSQL sums integers as NUMERIC, read as text.
        case .text(let text): Int64(text)
        case .real(let real): Int64(exactly: real)
        default: nil
        }
    }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func fromSQL(_ value: SQLValue) -> Int? { Int64.fromSQL(value).flatMap { Int(exactly: $0) } }
}

extension UInt64: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(clamping: self)) }
    public static func fromSQL(_ value: SQLValue) -> UInt64? { Int64.fromSQL(value).flatMap { UInt64(exactly: $0) } }
}

extension UInt32: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func fromSQL(_ value: SQLValue) -> UInt32? { Int64.fromSQL(value).flatMap { UInt32(exactly: $0) } }
}

extension Int32: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func fromSQL(_ value: SQLValue) -> Int32? { Int64.fromSQL(value).flatMap { Int32(exactly: $0) } }
}

extension Bool: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public static func fromSQL(_ value: SQLValue) -> Bool? { Int64.fromSQL(value).map { $0 != 0 } }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(self) }
    public static func fromSQL(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let real): real
        case .integer(let integer): Double(integer)
        case .text(let text): Double(text)
        default: nil
        }
    }
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(self) }
    public static func fromSQL(_ value: SQLValue) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }
}

extension Data: SQLValueConvertible {
    public var sqlValue: SQLValue { .blob(Array(self)) }
    public static func fromSQL(_ value: SQLValue) -> Data? {
        if case .blob(let bytes) = value { return Data(bytes) }
        return nil
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    public static func fromSQL(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.fromSQL(value).map { .some($0) }
    }
}

/// The values bound to a statement's `?` placeholders, in order.
public struct SQLArguments: Sendable, ExpressibleByArrayLiteral {
    public var values: [SQLValue]

    public init(arrayLiteral elements: (any SQLValueConvertible)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    public init(_ elements: [(any SQLValueConvertible)?]) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    public init(values: [SQLValue] = []) {
        self.values = values
    }

    public static func + (lhs: SQLArguments, rhs: SQLArguments) -> SQLArguments {
        SQLArguments(values: lhs.values + rhs.values)
    }

    public static func += (lhs: inout SQLArguments, rhs: SQLArguments) {
        lhs.values += rhs.values
    }
}

/// One row of a result: its columns by name or position.
public struct SQLRow: Sendable {
    /// The names of the result's columns, shared by its rows.
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The column `name` as `T`; a column that is missing or holds another type throws.
    public subscript<T: SQLValueConvertible>(_ name: String) -> T {
        get throws {
            guard let index = columns.firstIndex(of: name) ?? columns.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame })
            else { throw StoreError.schema("no column \(name) in \(columns)") }
            return try self[index]
        }
    }

    /// The column at `index` as `T`.
    public subscript<T: SQLValueConvertible>(_ index: Int) -> T {
        get throws {
            guard values.indices.contains(index) else { throw StoreError.schema("no column \(index) in \(columns)") }
            guard let value = T.fromSQL(values[index]) else {
                throw StoreError.schema("column \(columns[index]) holds \(values[index]), not \(T.self)")
            }
            return value
        }
    }
}
