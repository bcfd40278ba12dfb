import ReferralKit
import Testing

@testable import RefScript

/// `undo` of a step that moved the baseline (`rebase`, anchoring a file's copy): the old
/// baseline and eTag come back with the old working copy, also from a journal read back after a
/// crash, so that a write after the undo meets the conflict again.
@Suite struct WorkingCopyUndoTests {
    let old: JSONValue = ["id": "r1", "status": "Active", "details": ["dealValue": 25000]]
    let server: JSONValue = ["id": "r1", "status": "Active", "details": ["dealValue": 30000]]

    func rebased() throws -> WorkingCopy {
        var copy = WorkingCopy()
        copy.start(from: old, eTag: "\"e1\"", origin: .service(id: "r1"))
        try copy.set("Closed", at: JSONPathParser.parse("status"))
        var merged = server
        try merged.set("Closed", at: JSONPathParser.parse("status"))
        copy.rebase(onto: server, eTag: "\"e2\"", merged: merged, id: "r1")
        return copy
    }

    @Test func undoAfterRebaseBringsBackTheOldBaselineAndETag() throws {
        var copy = try rebased()
        #expect(copy.state.eTag == "\"e2\"")
        let undone0 = copy.undo()
        #expect(undone0)
        #expect(copy.state.eTag == "\"e1\"")
        #expect(copy.state.baseline == old)
        #expect(copy.working?.objectValue?["status"] == "Closed")
        #expect(copy.working?.objectValue?["details"]?.objectValue?["dealValue"] == 25000)
    }

    @Test func theStepSurvivesAJournal() throws {
        let journaled = try #require(WorkingCopy(journalValue: try rebased().journalValue))
        var copy = journaled
        let undone1 = copy.undo()
        #expect(undone1)
        #expect(copy.state.eTag == "\"e1\"")
        #expect(copy.state.baseline == old)
        let undone2 = copy.undo()
        #expect(undone2)
        #expect(copy.working == old)
    }

    /// "No working referral" survives a journal as no working referral, not as a JSON null
    /// (a JSON value takes the `nil` literal as null, which the reading once did).
    @Test func noWorkingReferralSurvivesAJournal() throws {
        let empty = SessionState(json: SessionState().json)
        #expect(empty.working == nil)
        #expect(empty.baseline == nil)
        let step = try #require(UndoStep(json: UndoStep.snapshot(nil).json))
        guard case .snapshot(let snapshot) = step else {
            Issue.record("not a snapshot: \(step)")
            return
        }
        #expect(snapshot == nil)
    }

    @Test func anchoringAFileIsUndoneWithItsBaseline() throws {
        var copy = WorkingCopy()
        copy.reset(working: old, baseline: old, eTag: nil, origin: .file("mine.json"))
        copy.anchor(on: server, id: "r1", eTag: "\"e2\"")
        let undone3 = copy.undo()
        #expect(undone3)
        #expect(copy.state.origin == .file("mine.json"))
        #expect(copy.state.eTag == nil)
        #expect(copy.state.baseline == old)
    }
}
