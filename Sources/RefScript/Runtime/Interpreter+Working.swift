import ReferralKit

/// One way back for `undo`.
enum UndoStep {
    /// The whole working copy as it was (before `revert`, `transition`, `rebase`, ...).
    case snapshot(JSONValue?)
    /// The value a `set` replaced at `path` (spelled as in the working copy), or `nil` when the
    /// set created the member there: undo puts it back or removes it.
    case restore(path: JSONPath, previous: JSONValue?)
}

extension Interpreter {
    /// The working referral, or the error every editing command gives without one.
    public func requireWorking() throws(RefScriptError) -> JSONValue {
        guard let working = session.working else {
            throw RefScriptError(.command, "no working referral: open a file or load a referral first")
        }
        return working
    }

    /// Applies `change` to a copy of the working referral and keeps it only if `change`
    /// succeeds, so a failed edit never leaves the working copy half-changed. Undoable.
    public mutating func edit(_ change: (inout JSONValue) throws(RefScriptError) -> Void) throws(RefScriptError) {
        var copy = try requireWorking()
        try change(&copy)
        remember()
        session.working = copy
    }

    /// Sets `value` at `path` of the working referral in place: nothing is copied but the objects
    /// that are shared (with the baseline, say), and undo records only what the set replaced.
    /// A path that does not fit leaves the working copy as it was. `resolution` saves a walk
    /// when the caller already resolved `path` against the current working copy.
    public mutating func set(_ value: JSONValue, at path: JSONPath, resolution: PathResolution? = nil) throws(PathError) {
        let target = try changeWorkingInPlace { (working) throws(PathError) -> PathResolution in
            let target = resolution ?? working.bestEffortResolution(of: path)
            try working.set(value, at: path)  // leaves `working` unchanged when it throws
            return target
        }
        if let target { record(.restore(path: target.replacedBySet, previous: target.replacedValue)) }
    }

    /// Runs `change` on the working referral while the session lets go of it, so it is uniquely
    /// owned and changes in place; `nil`, and `change` not run, without a working referral.
    @discardableResult
    private mutating func changeWorkingInPlace<R, E: Error>(_ change: (inout JSONValue) throws(E) -> R) throws(E) -> R? {
        guard var working = session.working else { return nil }
        session.working = nil
        defer { session.working = working }
        return try change(&working)
    }

    /// Records the current working copy for `undo`.
    public mutating func remember() {
        record(.snapshot(session.working))
    }

    private mutating func record(_ step: UndoStep) {
        undoStack.append(step)
        if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
    }

    /// Restores the working copy before the last edit; `false` when there is nothing to undo.
    public mutating func undo() -> Bool {
        guard let step = undoStack.popLast() else { return false }
        switch step {
        case .snapshot(let previous):
            session.working = previous
        case .restore(let path, let previous):
            // The path was spelled as it is in the working copy, so both calls find it exactly.
            changeWorkingInPlace { (working) in
                if let previous { try? working.set(previous, at: path) } else { _ = try? working.unset(path) }
            }
        }
        return true
    }

    /// Forgets undo history (a new document was opened).
    public mutating func clearUndo() { undoStack.removeAll() }

    /// Whether `undo` has something to restore.
    public var canUndo: Bool { !undoStack.isEmpty }
}
