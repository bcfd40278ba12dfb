import PropertyBased
import Testing

@testable import ReferralKit

@Suite struct DiffTests {
    @Test func reportsAddedRemovedAndChangedByPath() throws {
        let base: JSONValue = ["status": "Active", "details": ["dealValue": 25000, "notes": "n"], "team": [["e": "a"], ["e": "b"]]]
        let target: JSONValue = ["status": "Closed", "details": ["dealValue": 50000], "team": [["e": "a"]], "statusReason": "won"]
        #expect(
            JSONDiff.changes(from: base, to: target).map(\.description) == [
                #"~ status: "Active" → "Closed""#,
                "~ details.dealValue: 25000 → 50000",
                #"- details.notes: "n""#,
                #"- team[1]: {"e":"b"}"#,
                #"+ statusReason: "won""#,
            ])
    }

    @Test func equalValuesInAnotherOrderOrSpellingHaveNoChanges() throws {
        let a = try JSONParser.parse(#"{"a":1,"b":{"c":[1,2]}}"#)
        let b = try JSONParser.parse(#"{"b":{"c":[1.0,2]},"a":1e0}"#)
        #expect(JSONDiff.changes(from: a, to: b).isEmpty)
    }

    @Test func patchUsesReplaceAddAppendAndRemove() throws {
        let base: JSONValue = ["details": ["dealValue": 1], "team": [1], "x": [1, 2, 3]]
        let target: JSONValue = ["details": ["dealValue": 2, "currency": "USD"], "team": [1, 2], "x": [1]]
        let patch = JSONPatch(changes: JSONDiff.changes(from: base, to: target))
        #expect(
            JSONPrinter.compact.print(patch.json)
                == #"[{"op":"replace","path":"/details/dealValue","value":2},{"op":"add","path":"/details/currency","value":"USD"},{"op":"add","path":"/team/-","value":2},{"op":"remove","path":"/x/2"},{"op":"remove","path":"/x/1"}]"#
        )
        #expect(try patch.apply(to: base) == target)
    }

    @Test func anElementInsertedOrRemovedBeforeOthersIsReportedAsItself() throws {
        let base: JSONValue = ["team": [["e": "a"], ["e": "b"], ["e": "c"]]]
        #expect(
            JSONDiff.changes(from: base, to: ["team": [["e": "n"], ["e": "a"], ["e": "b"], ["e": "c"]]]).map(\.description) == [
                #"+ team[0]: {"e":"n"}"#
            ])
        #expect(JSONDiff.changes(from: base, to: ["team": [["e": "a"], ["e": "c"]]]).map(\.description) == [#"- team[1]: {"e":"b"}"#])
    }

    @Test func theServiceGetsAnArrayWithAnElementInsertedOrRemovedWhole() throws {
        let base: JSONValue = ["status": "Active", "team": [["e": "a", "p": ["l": "en"]]], "notes": "n"]
        let inserted: JSONValue = ["status": "Closed", "team": [["e": "n"], ["e": "a", "p": ["l": "en"]]], "notes": "n"]
        let plan = ServicePatch(changes: JSONDiff.changes(from: base, to: inserted), working: inserted)
        #expect(plan.unsendable.isEmpty)
        #expect(
            JSONPrinter.compact.print(plan.patch.json)
                == #"[{"op":"replace","path":"/status","value":"Closed"},{"op":"replace","path":"/team","value":[{"e":"n"},{"e":"a","p":{"l":"en"}}]}]"#
        )
        let appended: JSONValue = ["status": "Active", "team": [["e": "a", "p": ["l": "en"]], ["e": "n"]], "notes": "n"]
        #expect(
            JSONPrinter.compact.print(ServicePatch(changes: JSONDiff.changes(from: base, to: appended), working: appended).patch.json)
                == #"[{"op":"add","path":"/team/-","value":{"e":"n"}}]"#)
        let unset: JSONValue = ["status": "Active", "team": [["e": "a"]]]
        let refused = ServicePatch(changes: JSONDiff.changes(from: base, to: unset), working: unset)
        #expect(refused.unsendable.map(\.description) == ["notes"])
        #expect(
            JSONPrinter.compact.print(refused.patch.json) == #"[{"op":"replace","path":"/team","value":[{"e":"a"}]},{"op":"remove","path":"/notes"}]"#
        )
    }

    @Test func patchDocumentsRoundTripThroughJSON() throws {
        let text =
            #"[{"op":"add","path":"/a/-","value":1},{"op":"remove","path":"/b"},{"op":"replace","path":"/c","value":null},{"op":"move","from":"/d","path":"/e"},{"op":"copy","from":"/e","path":"/f"},{"op":"test","path":"/f","value":[1]}]"#
        let patch = try JSONPatch(json: try JSONParser.parse(text))
        #expect(JSONPrinter.compact.print(patch.json) == text)
        let result = try patch.apply(to: ["a": [], "b": 1, "c": 2, "d": [1]])
        #expect(result == ["a": [1], "c": nil, "e": [1], "f": [1]])
    }

    @Test func rfc6902Semantics() throws {
        // add into an array inserts; add on an existing member replaces; '/-' appends.
        #expect(try JSONPatch([.add(path: "/a/1", value: 9)]).apply(to: ["a": [1, 2]]) == ["a": [1, 9, 2]])
        #expect(try JSONPatch([.add(path: "/a", value: 9)]).apply(to: ["a": 1]) == ["a": 9])
        #expect(try JSONPatch([.add(path: "", value: 9)]).apply(to: ["a": 1]) == 9)
        // Pointers are exact: "/A" does not touch "a".
        #expect(try JSONPatch([.add(path: "/A", value: 2)]).apply(to: ["a": 1]) == ["a": 1, "A": 2])
    }

    @Test(arguments: [
        (JSONPatch.Operation.replace(path: "/nope", value: 1), "operation 0: replace /nope: nope: no such member"),
        (.remove(path: "/a/5"), "operation 0: remove /a/5: a[5]: index out of range (a has 1 member)"),
        (.add(path: "/x/y", value: 1), "operation 0: add /x/y: x: no such member"),
        (.test(path: "/a/0", value: 2), "operation 0: test /a/0 failed: value is 1"),
        (.move(from: "/a", path: "/a/0"), "operation 0: cannot move /a into its own child /a/0"),
        (.replace(path: "a", value: 1), "operation 0: replace 'a': a JSON Pointer must start with '/'"),
    ])
    func failedOperationsAreNamedAndNothingChanges(op: JSONPatch.Operation, message: String) {
        let error = #expect(throws: JSONPatchError.self) { try JSONPatch([op]).apply(to: ["a": [1]]) }
        #expect(error?.description == message)
    }

    @Test func malformedPatchDocumentsAreRefused() throws {
        #expect(throws: JSONPatchError(operation: nil, message: "a JSON Patch document must be an array of operations")) {
            try JSONPatch(json: ["op": "add"])
        }
        #expect(throws: JSONPatchError(operation: 0, message: "unknown op 'merge'")) {
            try JSONPatch(json: [["op": "merge", "path": "/a"]])
        }
        #expect(throws: JSONPatchError(operation: 1, message: "'value' is missing")) {
            try JSONPatch(json: [["op": "remove", "path": "/a"], ["op": "add", "path": "/a"]])
        }
    }
}

/// Property: for any base and any edit of it, applying the generated patch to the base gives the target.
@Suite struct DiffPatchPropertyTests {
    @Test func patchOfDiffReproducesTheTarget() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let base = RandomJSON.value(depth: 4, rng: &rng)
            let target = RandomJSON.mutate(base, rng: &rng)
            let changes = JSONDiff.changes(from: base, to: target)
            // propertyCheck swallows thrown errors (it runs the body under `try?`), so record them.
            let patched: JSONValue
            do {
                patched = try JSONPatch(changes: changes).apply(to: base)
            } catch {
                Issue.record("seed \(seed): \(error)")
                return
            }
            #expect(patched == target, "seed \(seed)")
            #expect(JSONDiff.changes(from: patched, to: target).isEmpty)
            #expect(changes.isEmpty == (base == target))
        }
    }

    /// The patch the service takes: only replace and add, and it still gives the target, unless
    /// an object member was removed (then it names each such member, and nothing else).
    @Test func servicePatchOfDiffReproducesTheTargetWithReplaceAndAddOnly() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let base: JSONValue = ["r": RandomJSON.value(depth: 4, rng: &rng)]
            let target: JSONValue = ["r": RandomJSON.mutate(base.objectValue?["r"] ?? .null, rng: &rng)]
            let changes = JSONDiff.changes(from: base, to: target)
            let plan = ServicePatch(changes: changes, working: target)
            let removedMembers = changes.filter { change in
                guard case .removed = change.kind else { return false }
                return !change.path.components.contains { if case .index = $0 { true } else { false } }
            }
            #expect(plan.unsendable == removedMembers.map(\.path), "seed \(seed)")
            guard plan.unsendable.isEmpty else { return }
            #expect(plan.patch.operations.allSatisfy { $0.name == "add" || $0.name == "replace" }, "seed \(seed)")
            do {
                #expect(try plan.patch.apply(to: base) == target, "seed \(seed)")
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
    }
}

enum RandomJSON {
    static let keys = ["a", "b", "A", "dealValue", "team", "x/y", "t~1", "é", ""]

    static func value(depth: Int, rng: inout SplitMix64) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 0 ? 7 : 5), using: &rng)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(Int.random(in: -3...3, using: &rng))
        case 3: return .string(keys[Int.random(in: 0..<keys.count, using: &rng)])
        case 4: return .number(JSONNumber(literal: ["1.0", "1", "0.5", "2e1", "20"][Int.random(in: 0..<5, using: &rng)])!)
        case 5:
            return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(depth: depth - 1, rng: &rng) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                object[keys[Int.random(in: 0..<keys.count, using: &rng)]] = value(depth: depth - 1, rng: &rng)
            }
            return .object(object)
        }
    }

    /// A copy of `value` with random edits anywhere in the tree.
    static func mutate(_ value: JSONValue, rng: inout SplitMix64) -> JSONValue {
        switch (value, Int.random(in: 0..<10, using: &rng)) {
        case (_, 0): return self.value(depth: 2, rng: &rng)
        case (.object(var object), _):
            for key in object.keys where Bool.random(using: &rng) {
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    object.removeValue(forKey: key)
                } else if let child = object[key] {
                    object[key] = mutate(child, rng: &rng)
                }
            }
            if Int.random(in: 0..<3, using: &rng) == 0 {
                object[keys[Int.random(in: 0..<keys.count, using: &rng)]] = self.value(depth: 2, rng: &rng)
            }
            return .object(object)
        case (.array(var elements), _):
            elements = elements.map { Bool.random(using: &rng) ? mutate($0, rng: &rng) : $0 }
            if !elements.isEmpty, Bool.random(using: &rng) { elements.removeLast(Int.random(in: 1...elements.count, using: &rng)) }
            if !elements.isEmpty, Int.random(in: 0..<3, using: &rng) == 0 { elements.remove(at: Int.random(in: 0..<elements.count, using: &rng)) }
            if Int.random(in: 0..<3, using: &rng) == 0 {
                elements.insert(self.value(depth: 2, rng: &rng), at: Int.random(in: 0...elements.count, using: &rng))
            }
            if Bool.random(using: &rng) { elements.append(self.value(depth: 2, rng: &rng)) }
            return .array(elements)
        default:
            return value
        }
    }
}
