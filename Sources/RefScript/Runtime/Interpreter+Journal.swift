import ReferralKit
import ReferralsWire

/// What the session journal last kept, so it is written only when something changed.
struct JournalMark {
    var revision = -1
    var endpoint: Endpoint?
    /// Whether a journal file exists for this session.
    var exists = false
    /// Whether the last write failed (reported once until a write succeeds again).
    var failing = false
    /// Where the command that made the newest change is (a script's position in the journal).
    var lastChange: SourceLocation?
}

extension Interpreter {
    /// The journal format's version.
    public static let journalVersion = 1

    /// Keeps the session in the journal after a command (or, `urgent`, before a request and at
    /// the end), if it changed and has unsent edits; removes the journal once nothing is unsent.
    /// A failed write is reported once and the working copy stays as it is in memory.
    mutating func journalIfChanged(at location: SourceLocation?, urgent: Bool = false) {
        guard let journal = world.journal, !journalSuspended else { return }
        guard workingCopy.revision != journaled.revision || connection.endpoint != journaled.endpoint else { return }
        if let location { journaled.lastChange = location }
        guard workingCopy.state.isDirty else {
            if journaled.exists { journal.discard() }
            journaled = JournalMark(revision: workingCopy.revision, endpoint: connection.endpoint)
            return
        }
        guard isInteractive || urgent || journal.isDue() else { return }
        do {
            try journal.keep(journalSnapshot(at: journaled.lastChange))
            if journaled.failing { warn("the session journal is written again") }
            journaled = JournalMark(revision: workingCopy.revision, endpoint: connection.endpoint, exists: true)
        } catch {
            if !journaled.failing {
                warn("cannot keep the session journal: \(error.message); the working copy is kept in memory (save it to a file to be safe)")
            }
            journaled.failing = true
            journaled.exists = true  // a partial attempt may have left one: discard it later
        }
    }

    /// Commands that send requests: the journal is brought up to date before they run.
    static let requestingCommands: Set<ObjectIdentifier> = [
        ObjectIdentifier(LoadCommand.self), ObjectIdentifier(ListCommand.self), ObjectIdentifier(ReloadCommand.self),
        ObjectIdentifier(PatchCommand.self), ObjectIdentifier(PutCommand.self), ObjectIdentifier(RebaseCommand.self),
        ObjectIdentifier(CreateCommand.self), ObjectIdentifier(SandboxCommand.self), ObjectIdentifier(ConnectCommand.self),
        ObjectIdentifier(LoginCommand.self),
    ]

    /// Commands that wait on someone else (the user's editor, the service's state, a typed token):
    /// a kill while they wait must not take a script's last edits either.
    static let waitingCommands: Set<ObjectIdentifier> = [
        ObjectIdentifier(EditCommand.self), ObjectIdentifier(WaitCommand.self), ObjectIdentifier(TokenCommand.self),
    ]

    /// Before a command that sends a request or waits: what a script changed since the last write is written.
    mutating func journalBeforeRequest(_ invocation: Invocation) {
        let command = ObjectIdentifier(invocation.command)
        guard Self.requestingCommands.contains(command) || Self.waitingCommands.contains(command) else { return }
        // What the run printed so far goes out first: a run that waits on the network shows it.
        world.output.flush()
        guard world.journal != nil, !isInteractive else { return }
        journalIfChanged(at: nil, urgent: true)
    }

    /// The session as the journal keeps it: never a token (the connection's endpoint and
    /// correlation id only).
    func journalSnapshot(at location: SourceLocation?) -> JSONValue {
        var object = JSONObject()
        object["version"] = .int(Self.journalVersion)
        object["workingCopy"] = workingCopy.journalValue
        switch connection.endpoint {
        case .sandbox: object["endpoint"] = "sandbox"
        case .url(let url): object["endpoint"] = .string(world.secretKeeper.redact(url))
        }
        object["correlationId"] = .string(connection.correlationId)
        switch session.origin {
        case .service(let id)?: object["referral"] = .string(id)
        case .file(let name)?:
            // A saved referral opened again names its referral as a loaded one does.
            object["file"] = .string(name)
            if let id = session.working.flatMap(ReferralDocument.id(of:)) { object["referral"] = .string(id) }
        case nil: break
        }
        if !isInteractive, let location, location.file != Self.typedFile {
            object["script"] = ["file": .string(location.file), "line": .int(location.line)]
        }
        return .object(object)
    }

    /// Where the edits are once a script stopped by an error has ended: in the file they were
    /// saved to, else in the session journal, written now to be sure, else nowhere (a journal
    /// that cannot be written).
    mutating func stoppedEditsPlace() -> RefScriptError.StoppedEdits {
        let state = workingCopy.state
        if !state.hasUnsavedEdits {
            // The edits are the file's (opened from it, or saved to it); or there are none.
            if state.saved != nil || state.origin.map({ if case .file = $0 { true } else { false } }) == true { return .savedFile }
            return .nothing
        }
        // A run that keeps no journal at all (a replay) says what the recorded run said.
        guard world.journal != nil, !journalSuspended else { return .journal }
        journalNow()
        return journaled.exists && !journaled.failing ? .journal : .lost
    }

    /// Writes what is not journaled yet, now (an interrupted run: its newest edits must be in
    /// the journal it leaves behind).
    public mutating func journalNow() { journalIfChanged(at: nil, urgent: true) }

    /// At a clean end of the session: the journal goes unless edits are neither sent nor saved
    /// (then it is brought up to date, to be resumed). A script that ran to its end without a
    /// failure (`succeeded`) leaves none either: its unsent edits are what it meant (a dry run, a
    /// `--curl`), and a rerun makes them again; a resumed session's edits are kept all the same.
    public mutating func finishJournal(succeeded: Bool = false) {
        guard let journal = world.journal, journaled.exists || workingCopy.state.isDirty else { return }
        if !workingCopy.state.hasUnsavedEdits || succeeded && !isInteractive && !resumedSession {
            journal.discard()
            journaled.exists = false
        } else {
            journalNow()
        }
    }

    /// Takes up a session a journal kept (``journalSnapshot(at:)``); the error says why not.
    public mutating func resume(from snapshot: JSONValue) throws(RefScriptError) {
        guard let object = snapshot.objectValue, object["version"] == .int(Self.journalVersion),
            let copyValue = object["workingCopy"], let copy = WorkingCopy(journalValue: copyValue)
        else {
            throw RefScriptError(.syntax, "the journal is not one this refsh reads (version \(Self.journalVersion))")
        }
        workingCopy = copy
        if let endpoint = object["endpoint"]?.stringValue {
            connection.endpoint = endpoint == "sandbox" ? .sandbox : .url(endpoint)
        }
        if let correlationId = object["correlationId"]?.stringValue, !correlationId.isEmpty {
            connection.correlationId = correlationId
        }
        journaled = JournalMark(revision: -1, endpoint: nil, exists: true)
        resumedSession = true
    }
}
