import ReferralKit

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

    /// Records the current working copy for `undo`.
    public mutating func remember() {
        undoStack.append(session.working)
        if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
    }

    /// Restores the working copy before the last edit; `false` when there is nothing to undo.
    public mutating func undo() -> Bool {
        guard let previous = undoStack.popLast() else { return false }
        session.working = previous
        return true
    }

    /// Forgets undo history (a new document was opened).
    public mutating func clearUndo() { undoStack.removeAll() }

    /// Whether `undo` has something to restore.
    public var canUndo: Bool { !undoStack.isEmpty }
}
