import DequeModule
import ReferralKit
import ReferralsWire

/// The session's document half: the working referral, its baseline, eTag and origin (a
/// serialisable ``SessionState``), the undo history, and every verb that changes them. A value
/// of its own, so it is tested without an interpreter; ``reset(working:baseline:eTag:origin:)``
/// is the one way to start over.
public struct WorkingCopy: Sendable {
    /// What is being worked on, as one serialisable value.
    public private(set) var state = SessionState() {
        didSet { revision &+= 1 }
    }
    /// How to take back recent edits, newest last (bounded by ``undoLimit``).
    var undoStack = Deque<UndoStep>() {
        didSet { revision &+= 1 }
    }
    /// Changes whenever the state or the undo history does (the journal writes when it moves).
    public private(set) var revision = 0
    static let undoLimit = 100

    public init() {}

    /// The referral being edited.
    public var working: JSONValue? { state.working }

    /// The working referral, or the error every editing command gives without one.
    public func requireWorking() throws(RefScriptError) -> JSONValue {
        guard let working = state.working else {
            throw RefScriptError(.command, "no working referral: open a file or load a referral first")
        }
        return working
    }

    /// Starts over: `working` with `baseline`, `eTag` and `origin`; nothing saved, nothing to undo.
    public mutating func reset(working: JSONValue?, baseline: JSONValue?, eTag: String?, origin: SessionState.Origin?) {
        state = SessionState()
        state.working = working
        state.baseline = baseline
        state.eTag = eTag
        state.origin = origin
        undoStack.removeAll()
    }

    /// Starts over from `referral` as both baseline and working copy.
    public mutating func start(from referral: JSONValue, eTag: String?, origin: SessionState.Origin) {
        reset(working: referral, baseline: referral, eTag: eTag, origin: origin)
    }

    /// Takes the server's newer copy as the baseline, with `merged` (the local edits re-applied
    /// on it) as the working copy, both without the answer's `@odata.*` annotations. Undoable:
    /// undo brings back the old baseline and eTag with the old working copy, so that a `patch`
    /// after it meets the conflict again rather than taking back the other writer's changes.
    public mutating func rebase(onto server: JSONValue, eTag: String?, merged: JSONValue, id: String) {
        rememberAnchoring()
        state.origin = .service(id: id)  // the baseline is the service's copy now
        state.baseline = ServerSetFields.withoutAnnotations(server)
        state.eTag = eTag
        state.working = ServerSetFields.withoutAnnotations(merged)
    }

    /// Makes `server` (the service's copy of referral `id`) the baseline of a working copy opened
    /// from a file, with its `eTag`: the file's content, whatever was edited in it, is then the
    /// edit of that copy, as if loaded and edited; the fields only the server sets are the
    /// server's. Annotations are dropped from both. Undoable, baseline and eTag included.
    public mutating func anchor(on server: JSONValue, id: String, eTag: String?) {
        rememberAnchoring()
        let baseline = ServerSetFields.withoutAnnotations(server)
        state.baseline = baseline
        state.working = state.working.map { ServerSetFields.withServerFields(of: baseline, in: $0) }
        state.eTag = eTag
        state.origin = .service(id: id)
    }

    /// Records that the working copy, as it is, was written to a file.
    public mutating func markSaved() { state.saved = state.working }

    /// Records `saved` as what was last written to a file (a journal read back).
    mutating func restoreSaved(_ saved: JSONValue) { state.saved = saved }

    /// Refuses to drop a working copy with unsaved edits unless `force`.
    public func refuseUnsavedEdits(force: Bool, verb: String) throws(RefScriptError) {
        guard state.hasUnsavedEdits, !force else { return }
        throw RefScriptError(.command, "the working copy has unsaved edits (see diff); send or save them, or use \(verb) --force to discard them")
    }

    /// Applies `change` to a copy of the working referral and keeps it only if `change`
    /// succeeds, so a failed edit never leaves the working copy half-changed. Undoable.
    public mutating func edit(_ change: (inout JSONValue) throws(RefScriptError) -> Void) throws(RefScriptError) {
        var copy = try requireWorking()
        try change(&copy)
        remember()
        state.working = copy
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

    /// Restores the working copy before the last edit; `false` when there is nothing to undo.
    public mutating func undo() -> Bool {
        guard let step = undoStack.popLast() else { return false }
        switch step {
        case .snapshot(let previous):
            state.working = previous
        case .anchoring(let previous):
            state.working = previous.working
            state.baseline = previous.baseline
            state.eTag = previous.eTag
            state.origin = previous.origin
        case .restore(let path, let previous):
            // The path was spelled as it is in the working copy, so both calls find it exactly.
            changeWorkingInPlace { (working) in
                if let previous { try? working.set(previous, at: path) } else { _ = try? working.unset(path) }
            }
        }
        return true
    }

    /// Records the current working copy for `undo`.
    mutating func remember() {
        record(.snapshot(state.working))
    }

    /// Records the working copy with its baseline, eTag and origin, before they all move.
    private mutating func rememberAnchoring() {
        record(.anchoring(state))
    }

    private mutating func record(_ step: UndoStep) {
        undoStack.append(step)
        if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
    }

    /// Runs `change` on the working referral while the state lets go of it, so it is uniquely
    /// owned and changes in place; `nil`, and `change` not run, without a working referral.
    @discardableResult
    private mutating func changeWorkingInPlace<R, E: Error>(_ change: (inout JSONValue) throws(E) -> R) throws(E) -> R? {
        guard var working = state.working else { return nil }
        state.working = nil
        defer { state.working = working }
        return try change(&working)
    }
}

/// One way back for `undo`.
enum UndoStep: Sendable {
    /// The whole working copy as it was (before `revert`, `transition`, ...).
    case snapshot(JSONValue?)
    /// The working copy with the baseline, eTag and origin it was an edit of (before `rebase`,
    /// or a file's copy anchored on the service's); what was saved to a file stays as it is.
    case anchoring(SessionState)
    /// The value a `set` replaced at `path` (spelled as in the working copy), or `nil` when the
    /// set created the member there: undo puts it back or removes it.
    case restore(path: JSONPath, previous: JSONValue?)
}
