/// What kind of source a record or a figure has.
public enum SourceKind: String, Sendable, Hashable, CaseIterable {
    /// The material of the council's 47th meeting (2020-07-09); `lines` says where.
    case seedDocument = "SEED_DOCUMENT"
    /// Another published document, named by its title and date.
    case publicDocument = "PUBLIC_DOCUMENT"
    /// Computed by Keikyo from the inputs named.
    case derived = "DERIVED"
    /// The project's reading, stated by no source; the note says what it rests on.
    case inferred = "INFERRED"
    /// Entered through the API by the caller the record names.
    case recorded = "RECORDED"
}

/// Where a record or a figure comes from: a document (with its date, and for the seed its
/// lines), a computation (with its inputs), or an inference (with its grounds).
public struct Source: Sendable, Hashable {
    public var kind: SourceKind?
    public var title = ""
    public var date = ""
    public var lines = ""
    public var url = ""
    public var inputs: [String] = []
    public var note = ""

    public init(kind: SourceKind? = nil, title: String = "", date: String = "", lines: String = "", url: String = "", inputs: [String] = [], note: String = "") {
        self.kind = kind
        self.title = title
        self.date = date
        self.lines = lines
        self.url = url
        self.inputs = inputs
        self.note = note
    }

    public var isEmpty: Bool { self == Source() }

    /// The seed document's title.
    public static let seedTitle = "経協インフラ戦略会議 第47回 (2020-07-09) インフラシステム輸出戦略 フォローアップ第8弾＋新戦略骨子"
    public static let seedDate = "2020-07-09"

    /// The seed document, at `lines` (e.g. "113-118").
    public static func seed(_ lines: String, note: String = "") -> Source {
        Source(kind: .seedDocument, title: seedTitle, date: seedDate, lines: lines, note: note)
    }

    /// Another published document.
    public static func document(_ title: String, date: String, url: String = "", note: String = "") -> Source {
        Source(kind: .publicDocument, title: title, date: date, url: url, note: note)
    }

    /// Computed by Keikyo from `inputs`.
    public static func derived(_ inputs: [String], note: String = "") -> Source {
        Source(kind: .derived, inputs: inputs, note: note)
    }

    /// The project's reading; `note` says what it rests on.
    public static func inferred(_ note: String) -> Source {
        Source(kind: .inferred, note: note)
    }

    /// One line for people: "seed l.113-118", "<title> (<date>)", "derived from ...".
    public var citation: String {
        switch kind {
        case .seedDocument: "seed document (\(Self.seedDate)) l.\(lines)"
        case .publicDocument: date.isEmpty ? title : "\(title) (\(date))"
        case .derived: "derived by Keikyo from " + inputs.joined(separator: ", ")
        case .inferred: "inferred: \(note)"
        case .recorded: "recorded through the API"
        case nil: title
        }
    }

    public func violations(_ field: String) -> [Violation] {
        var list = ViolationList()
        list.checkLength(title, "\(field).title", max: 500)
        list.checkLength(lines, "\(field).lines", max: 100)
        list.checkLength(url, "\(field).url", max: 2_000)
        list.checkLength(note, "\(field).note", max: 2_000)
        list.check(inputs.count <= 100, "\(field).inputs", "at most 100")
        if !date.isEmpty { list.checkDate(date, "\(field).date", required: false) }
        if kind == .seedDocument { list.check(!lines.isEmpty, "\(field).lines", "required for the seed document") }
        return list.items
    }
}

/// The source of one number of a reply, named by its field.
public struct FigureSource: Sendable, Hashable {
    public var figure: String
    public var source: Source

    public init(_ figure: String, _ source: Source) {
        self.figure = figure
        self.source = source
    }
}
