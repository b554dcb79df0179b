/// Where a case stands. The main path runs FORMATION → PROPOSAL → BIDDING → CONTRACTED →
/// CONSTRUCTION → OPERATION → COMPLETED; LOST, WITHDRAWN and CANCELLED end a case; SUSPENDED
/// (e.g. halted by COVID-19) can be lifted.
public enum CaseStage: String, Sendable, Hashable, CaseIterable {
    case formation = "FORMATION"
    case proposal = "PROPOSAL"
    case bidding = "BIDDING"
    case contracted = "CONTRACTED"
    case construction = "CONSTRUCTION"
    case operation = "OPERATION"
    case completed = "COMPLETED"
    case lost = "LOST"
    case withdrawn = "WITHDRAWN"
    case cancelled = "CANCELLED"
    case suspended = "SUSPENDED"
    /// Won the tender (落札); the contract is not yet signed. Last here because a case's place
    /// in this list is its number on the wire.
    case awarded = "AWARDED"

    /// The main path, in order.
    public static let mainPath: [CaseStage] = [.formation, .proposal, .bidding, .awarded, .contracted, .construction, .operation, .completed]

    var pathIndex: Int? { Self.mainPath.firstIndex(of: self) }

    public var isTerminal: Bool { [.completed, .lost, .withdrawn, .cancelled].contains(self) }

    /// True once the order is won (AWARDED or later on the main path).
    public var isWon: Bool { (pathIndex ?? -1) >= CaseStage.awarded.pathIndex! }
}

/// The transitions a case may make. A case moves forward along the main path, skipping
/// stages when they did not happen (an advisory contract has no construction; a negotiated PPP
/// has no bidding), never back. It can be LOST or WITHDRAWN before it is won, CANCELLED at any
/// time before it ends, and SUSPENDED from any stage before it ends; a suspended case resumes
/// at the stage it was suspended in or a later one, or ends.
public enum CaseStageMachine {
    /// Whether `current` may change to `next`; `resumeStage` is the stage a suspended case was
    /// suspended in.
    public static func canAdvance(from current: CaseStage, to next: CaseStage, resumeStage: CaseStage? = nil) -> Bool {
        guard !current.isTerminal, current != next else { return false }
        let from = current == .suspended ? (resumeStage ?? .formation) : current
        switch next {
        case .suspended:
            return current != .suspended
        case .cancelled:
            return true
        case .lost, .withdrawn:
            return !from.isWon
        default:
            guard let target = next.pathIndex, let origin = from.pathIndex else { return false }
            return current == .suspended ? target >= origin : target > origin
        }
    }

    /// The stage a suspended case was suspended in, from its history (oldest first).
    public static func resumeStage(history: [CaseStage]) -> CaseStage? {
        history.last { $0 != .suspended }
    }

    /// Every stage `current` may change to.
    public static func allowedNext(from current: CaseStage, resumeStage: CaseStage? = nil) -> [CaseStage] {
        CaseStage.allCases.filter { canAdvance(from: current, to: $0, resumeStage: resumeStage) }
    }
}
