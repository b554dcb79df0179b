import KeikyoModel
import Testing

@Suite("Case stage machine")
struct CaseStageMachineTests {
    @Test("the main path moves forward, skipping stages that did not happen, never back")
    func forward() {
        #expect(CaseStageMachine.canAdvance(from: .formation, to: .proposal))
        #expect(CaseStageMachine.canAdvance(from: .proposal, to: .contracted), "a negotiated PPP skips bidding")
        #expect(CaseStageMachine.canAdvance(from: .contracted, to: .completed), "an advisory contract has no construction")
        #expect(!CaseStageMachine.canAdvance(from: .construction, to: .bidding))
        #expect(!CaseStageMachine.canAdvance(from: .bidding, to: .bidding))
    }

    @Test("LOST and WITHDRAWN only before the order is won; CANCELLED any time before the end")
    func outcomes() {
        for stage in [CaseStage.formation, .proposal, .bidding] {
            #expect(CaseStageMachine.canAdvance(from: stage, to: .lost))
            #expect(CaseStageMachine.canAdvance(from: stage, to: .withdrawn))
        }
        for stage in [CaseStage.contracted, .construction, .operation] {
            #expect(!CaseStageMachine.canAdvance(from: stage, to: .lost))
            #expect(!CaseStageMachine.canAdvance(from: stage, to: .withdrawn))
            #expect(CaseStageMachine.canAdvance(from: stage, to: .cancelled))
        }
    }

    @Test("terminal stages have no way out", arguments: [CaseStage.completed, .lost, .withdrawn, .cancelled])
    func terminal(stage: CaseStage) {
        #expect(CaseStageMachine.allowedNext(from: stage).isEmpty)
    }

    @Test("SUSPENDED resumes at the stage it was suspended in or later, or ends")
    func suspension() {
        #expect(CaseStageMachine.canAdvance(from: .construction, to: .suspended))
        #expect(!CaseStageMachine.canAdvance(from: .suspended, to: .suspended))
        let resume = CaseStageMachine.resumeStage(history: [.formation, .bidding, .contracted, .construction, .suspended])
        #expect(resume == .construction)
        #expect(CaseStageMachine.canAdvance(from: .suspended, to: .construction, resumeStage: resume))
        #expect(CaseStageMachine.canAdvance(from: .suspended, to: .operation, resumeStage: resume))
        #expect(!CaseStageMachine.canAdvance(from: .suspended, to: .bidding, resumeStage: resume))
        #expect(!CaseStageMachine.canAdvance(from: .suspended, to: .lost, resumeStage: resume), "a won case cannot be lost")
        #expect(CaseStageMachine.canAdvance(from: .suspended, to: .cancelled, resumeStage: resume))
        #expect(CaseStageMachine.canAdvance(from: .suspended, to: .withdrawn, resumeStage: .bidding))
    }
}
