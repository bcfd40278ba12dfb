import Testing

@testable import ReferralKit

/// `rebase`'s merge: local edits re-applied on the server's newer copy.
@Suite struct ThreeWayMergeTests {
    let base: JSONValue = ["status": "Active", "details": ["dealValue": 1], "team": [["e": "a"]]]

    @Test func editsOfDifferentFieldsAreAllKept() {
        let result = ThreeWayMerge.merge(
            base: base, mine: ["status": "Closed", "details": ["dealValue": 1], "team": [["e": "a"]]],
            theirs: ["status": "Active", "details": ["dealValue": 2], "team": [["e": "a"]]])
        #expect(result.merged == ["status": "Closed", "details": ["dealValue": 2], "team": [["e": "a"]]])
        #expect(result.clashes.isEmpty)
        #expect(result.applied == 1)
    }

    @Test func elementsBothSidesAppendedAreAllKeptTheServersFirst() {
        let result = ThreeWayMerge.merge(
            base: base, mine: ["status": "Active", "details": ["dealValue": 1], "team": [["e": "a"], ["e": "mine"], ["e": "mine2"]]],
            theirs: ["status": "Active", "details": ["dealValue": 1], "team": [["e": "a"], ["e": "theirs"]]])
        #expect(result.clashes.isEmpty)
        #expect(result.applied == 2)
        #expect(result.merged.objectValue?["team"] == [["e": "a"], ["e": "theirs"], ["e": "mine"], ["e": "mine2"]])
    }

    @Test func theSameElementAppendedOnBothSidesIsKeptOnce() {
        let both: JSONValue = ["status": "Active", "details": ["dealValue": 1], "team": [["e": "a"], ["e": "same"]]]
        let result = ThreeWayMerge.merge(base: base, mine: both, theirs: both)
        #expect(result.merged == both)
        #expect(result.clashes.isEmpty)
    }

    @Test func theSameFieldChangedDifferentlyIsAClashThatKeepsMine() {
        let result = ThreeWayMerge.merge(
            base: base, mine: ["status": "Active", "details": ["dealValue": 3], "team": [["e": "a"]]],
            theirs: ["status": "Active", "details": ["dealValue": 2], "team": [["e": "a"]]])
        #expect(result.clashes.map(\.description) == ["details.dealValue: yours 3, server 2"])
        #expect(result.merged.objectValue?["details"] == ["dealValue": 3])
    }

    /// The server removed or inserted a member before the one edited here: by its index the
    /// edit would land on another member, so it is a clash, and no member gets it silently.
    @Test func anEditOfAnElementTheServerMovedIsAClash() {
        let team: JSONValue = ["status": "Active", "team": [["e": "a"], ["e": "b"], ["e": "c"]]]
        let mine: JSONValue = ["status": "Active", "team": [["e": "a"], ["e": "B"], ["e": "c"]]]
        let removed = ThreeWayMerge.merge(base: team, mine: mine, theirs: ["status": "Active", "team": [["e": "b"], ["e": "c"]]])
        #expect(removed.clashes.count == 1)
        #expect(removed.merged.objectValue?["team"] == [["e": "b"], ["e": "c"]], "the edit lands on no other member")
        let inserted = ThreeWayMerge.merge(
            base: team, mine: mine, theirs: ["status": "Active", "team": [["e": "x"], ["e": "a"], ["e": "b"], ["e": "c"]]])
        #expect(inserted.clashes.count == 1)
        #expect(inserted.merged.objectValue?["team"]?.arrayValue?.first == ["e": "x"])
        // Before the edited member, or an append: no clash.
        let later = ThreeWayMerge.merge(base: team, mine: mine, theirs: ["status": "Active", "team": [["e": "a"], ["e": "b"]]])
        #expect(later.clashes.isEmpty && later.merged.objectValue?["team"] == [["e": "a"], ["e": "B"]])
        let appended = ThreeWayMerge.merge(
            base: team, mine: mine, theirs: ["status": "Active", "team": [["e": "a"], ["e": "b"], ["e": "c"], ["e": "d"]]])
        #expect(appended.clashes.isEmpty && appended.merged.objectValue?["team"]?.arrayValue?.count == 4)
    }

    @Test func anElementInsertedWhereTheServerChangedOneIsAClash() {
        let result = ThreeWayMerge.merge(
            base: base, mine: ["status": "Active", "details": ["dealValue": 1], "team": [["e": "new"], ["e": "a"]]],
            theirs: ["status": "Active", "details": ["dealValue": 1], "team": [["e": "b"]]])
        #expect(result.clashes.count == 1)
    }
}
