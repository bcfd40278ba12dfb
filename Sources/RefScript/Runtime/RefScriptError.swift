import ReferralsWire

/// Everything that can go wrong in refsh, as data: a kind (which decides the exit code), what
/// went wrong (refsh's words, or a service error with all its fields), and where in which script,
/// when known. ``ErrorRenderer`` is the one place that turns it into text or JSON.
public struct RefScriptError: Error, Sendable, Equatable {
    /// The class of failure; each maps to a documented exit code.
    public enum Kind: String, Sendable, Equatable {
        /// A command could not do what was asked (exit 1).
        case command
        /// Bad syntax or usage; reported before anything runs (exit 2).
        case syntax
        /// An `assert` that did not hold (exit 3).
        case assertion
        /// The server copy changed under us (412 and friends) (exit 4).
        case conflict
        /// Network or service failure (exit 5).
        case service
        /// The user pressed Ctrl-C while it ran (exit 130, as a shell reports SIGINT).
        case interrupted
    }

    /// What went wrong.
    public enum Detail: Sendable, Equatable {
        /// refsh's own one-line message.
        case message(String)
        /// A failed service call, and what the user can do about it.
        case service(ServiceError, advice: Advice?)
    }

    /// What to do next, rendered after a service error's line.
    public enum Advice: Sendable, Equatable {
        /// The working copy is kept: rebase, then send with `command` again.
        case rebaseThenRetry(command: String)
        /// The same, in a parallel loop's iteration: its working copy is kept until it ends.
        case rebaseWithinIteration(command: String)
        /// The same, in a script the failure stops: where the edits outlive the run.
        case resumeThenRebase(command: String, kept: StoppedEdits)
    }

    /// Where a stopped script's edits are once it ends.
    public enum StoppedEdits: Sendable, Equatable {
        /// In the session journal, which `refsh --resume` takes up.
        case journal
        /// In the file the working copy was saved to or opened from, as saved.
        case savedFile
        /// Nowhere: the session journal cannot be written (a full disk, no state folder).
        case lost
        /// There are none: the working copy is as the service last sent it.
        case nothing
    }

    public var kind: Kind
    public var detail: Detail
    public var location: SourceLocation?
    /// Set for syntax errors caused only by input ending too early (an open `{`, `if` without
    /// `end`, a trailing `\`): an interactive reader asks for more lines instead of failing.
    public var isIncomplete: Bool
    /// Set when what is left open is a block (`if`, `for`, `try` without its `end`), not a
    /// bracket, a string or a line continuation.
    public var opensBlock = false

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil, incomplete: Bool = false) {
        self.kind = kind
        self.detail = .message(message)
        self.location = location
        self.isIncomplete = incomplete
    }

    /// A failed service call, classified by its kind: a conflict exits 4, an unavailable service
    /// 5, a refusal 1.
    public init(service error: ServiceError, advice: Advice? = nil) {
        switch error.kind {
        case .conflict: kind = .conflict
        case .unavailable: kind = .service
        case .rejected: kind = .command
        case .cancelled: kind = .interrupted
        }
        detail = .service(error, advice: advice)
        location = nil
        isIncomplete = false
    }

    /// The one-line message, as ``ErrorRenderer`` writes it for people.
    public var message: String { ErrorRenderer.message(of: self) }

    /// The service error inside, if this is one.
    public var serviceError: ServiceError? {
        if case .service(let error, _) = detail { return error }
        return nil
    }

    /// The error, located at `location` unless it already has a location.
    public func located(at location: SourceLocation) -> RefScriptError {
        var copy = self
        if copy.location == nil { copy.location = location }
        return copy
    }

    /// The error as a parallel loop's iteration reports it: a working copy kept after a 412
    /// lasts only as long as the iteration.
    var inIteration: RefScriptError { replacingRebaseAdvice { .rebaseWithinIteration(command: $0) } }

    /// The error as a script it stops reports it: the working copy outlives the run only in the
    /// session journal (`refsh --resume`), or in the file it was saved to, or not at all.
    func inStoppedScript(kept: StoppedEdits) -> RefScriptError { replacingRebaseAdvice { .resumeThenRebase(command: $0, kept: kept) } }

    /// The error with its advice to rebase and send `command` again replaced by `advice(command)`.
    private func replacingRebaseAdvice(_ advice: (String) -> Advice) -> RefScriptError {
        guard case .service(let error, .rebaseThenRetry(let command)?) = detail else { return self }
        var copy = self
        copy.detail = .service(error, advice: advice(command))
        return copy
    }

    /// The documented exit code of this kind of failure.
    public var exitCode: ExitCode {
        switch kind {
        case .command: .commandFailed
        case .syntax: .usage
        case .assertion: .assertionFailed
        case .conflict: .conflict
        case .service: .service
        case .interrupted: .interrupted
        }
    }
}
