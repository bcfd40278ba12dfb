import DequeModule
import ReferralKit

extension WorkingCopy {
    /// The working copy as a journal keeps it: the state (with what was last saved) and the
    /// undo history, as JSON.
    public var journalValue: JSONValue {
        var object = JSONObject()
        object["state"] = state.json
        object["saved"] = state.saved ?? .null
        object["undo"] = .array(undoStack.map(\.json))
        return .object(object)
    }

    /// The working copy a journal kept (``journalValue``); `nil` when it is not one.
    public init?(journalValue: JSONValue) {
        guard let object = journalValue.objectValue, let stateValue = object["state"], stateValue.objectValue != nil else { return nil }
        self.init()
        let restored = SessionState(json: stateValue)
        reset(working: restored.working, baseline: restored.baseline, eTag: restored.eTag, origin: restored.origin)
        if let saved = object["saved"], !saved.isNull { restoreSaved(saved) }
        var steps = Deque<UndoStep>()
        for step in object["undo"]?.arrayValue ?? [] {
            guard let decoded = UndoStep(json: step) else { return nil }
            steps.append(decoded)
        }
        undoStack = steps
    }

    /// How many changes the working copy has that its baseline has not.
    public var unsentChangeCount: Int {
        guard let working = state.working, state.isDirty else { return 0 }
        return state.baseline.map { JSONDiff.changes(from: $0, to: working).count } ?? 1
    }
}

extension UndoStep {
    var json: JSONValue {
        switch self {
        case .snapshot(let previous): ["snapshot": previous ?? .null]
        case .anchoring(let previous): ["anchoring": previous.json]
        case .restore(let path, let previous):
            [
                "path": .array(
                    path.components.map { component in
                        switch component {
                        case .key(let key): .string(key)
                        case .index(let index): .int(index)
                        }
                    }), "exactKeys": .bool(path.exactKeys), "previous": previous ?? .null, "created": .bool(previous == nil),
            ]
        }
    }

    init?(json: JSONValue) {
        guard let object = json.objectValue else { return nil }
        if let snapshot = object["snapshot"] {
            self = .snapshot(snapshot.unlessNull)
            return
        }
        if let anchoring = object["anchoring"] {
            guard anchoring.objectValue != nil else { return nil }
            self = .anchoring(SessionState(json: anchoring))
            return
        }
        guard let steps = object["path"]?.arrayValue else { return nil }
        var components: [JSONPath.Component] = []
        for step in steps {
            if let key = step.stringValue {
                components.append(.key(key))
            } else if let index = step.numberValue?.intValue {
                components.append(.index(index))
            } else {
                return nil
            }
        }
        let created = object["created"] == .bool(true)
        let exact = object["exactKeys"] == .bool(true)
        self = .restore(path: JSONPath(components, exactKeys: exact), previous: created ? nil : object["previous"])
    }
}
