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

    @Test func anElementInsertedWhereTheServerChangedOneIsAClash() {
        let result = ThreeWayMerge.merge(
            base: base, mine: ["status": "Active", "details": ["dealValue": 1], "team": [["e": "new"], ["e": "a"]]],
            theirs: ["status": "Active", "details": ["dealValue": 1], "team": [["e": "b"]]])
        #expect(result.clashes.count == 1)
    }
}
