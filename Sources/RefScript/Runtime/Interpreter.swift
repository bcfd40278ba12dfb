import ReferralKit
import ReferralsWire

/// Runs checked programs against a session. One interpreter serves the interactive shell,
/// script files, `-c` and stdin alike; it touches the world only through ``ScriptWorld``.
///
/// The session is in two halves: ``workingCopy`` (the referral, baseline, eTag and undo) and
/// ``online`` (the connection, the service, the ids seen); the interpreter runs statements
/// against both and composes them where a command needs both (a write adopts its answer).
public struct Interpreter {
    /// The referral being worked on, its baseline, eTag and undo history.
    public var workingCopy = WorkingCopy()
    /// Where requests go, the connected service, the referral ids seen.
    public var online: OnlineSession
    /// `option` settings.
    public var options = Options() {
        didSet {
            // In a parallel loop's iteration, `option quiet` is the iteration's own.
            if let capture = OutputCapture.current { capture.quiet = options.quiet } else { retryReporter.quiet = options.quiet }
        }
    }
    /// `let`, `--var` and `for` variables.
    public var variables: [String: JSONValue] = [:]
    /// Script arguments: `$1`, `$2`, ...
    public var arguments: [String]
    /// `$0`: the script's name.
    public var scriptName: String
    /// Set for the interactive shell: errors in typed lines print without a location.
    public var isInteractive = false
    /// Cancels a pending `exit` (the shell asked to confirm leaving with unsaved edits) or `skip`
    /// (at the prompt it ends the line only).
    public mutating func cancelExit() {
        exitRequested = false
        skipReason = nil
    }
    /// The world, its output wrapped so that the session's token never shows in it.
    public let world: ScriptWorld
    let redactingOutput: RedactingOutput
    private let retryReporter: RetryReporter
    public let registry: CommandRegistry
    /// Where online commands go and with which token (``online``'s); setting it keeps the
    /// output's redaction in step with the token.
    public var connection: ConnectionSettings {
        get { online.connection }
        set {
            online.connection = newValue
            if let token = newValue.token { world.secretKeeper.remember(token) }
        }
    }
    /// The working copy's state (read-only; ``workingCopy`` changes it).
    public var session: SessionState { workingCopy.state }
    var sourceDepth = 0
    /// Set by `skip`: the run ended as skipped, for this reason (maybe empty).
    public internal(set) var skipReason: String?
    /// While a condition is checked for `assert` or `wait`, the values its variables and
    /// substitutions had, so a failure can name them without running a substitution twice.
    var operandValues: [(raw: String, value: JSONValue?)]?
    /// The failure the running `catch` block handles (`throw` re-raises it).
    var caught: RefScriptError?
    /// How many `try` blocks the running statement is inside.
    var catching = 0
    /// What the journal last kept (``journalIfChanged(at:)``).
    var journaled = JournalMark()
    /// Whether the session was taken up from a journal (`--resume`): its edits are not this run's.
    var resumedSession = false
    /// The exit code of the last failure when errexit is off.
    var lastFailure: ExitCode?
    /// The first failure reported (a parallel loop's iteration lists it in the loop's summary).
    var firstFailure: RefScriptError?
    /// Set in a parallel loop's iterations: their working copies are not the session's journal's.
    var journalSuspended = false
    /// Set in a parallel loop's iterations: an interruption stops them silently; the loop says it once.
    var quietInterruptions = false
    /// Set when the last run ended with `exit` (the shell leaves; a script ends).
    public internal(set) var exitRequested = false

    /// The file name of lines typed at the interactive prompt; their errors print without a location.
    public static let typedFile = "<typed>"

    public init(world: ScriptWorld, arguments: [String] = [], scriptName: String = "refsh", registry: CommandRegistry = .standard) {
        let redactingOutput = RedactingOutput(world.output, keeper: world.secretKeeper)
        var world = world
        world.output = redactingOutput
        self.world = world
        self.redactingOutput = redactingOutput
        retryReporter = RetryReporter(redactingOutput)
        online = OnlineSession(connector: world.connector, observer: retryReporter, seenIdStore: world.seenIds)
        self.arguments = arguments
        self.scriptName = scriptName
        self.registry = registry
    }

    /// Parses `text` as a script named `file` with this interpreter's commands.
    public func parse(_ text: String, file: String) throws(RefScriptError) -> Program {
        do {
            return try Parser.parse(text, file: file, registry: registry)
        } catch {
            if !error.isIncomplete { rememberTypedTokens(in: text, file: file) }  // no error is shown for more to come
            throw error
        }
    }

    /// Makes the tokens `text` sets with `token <literal>` secrets, before an error found while
    /// checking it is shown (it may quote one).
    public func rememberTypedTokens(in text: String, file: String) {
        for token in Parser.typedTokens(in: text, file: file) { world.secretKeeper.remember(Secret(token)) }
    }

    /// Makes secrets, before anything runs, the tokens `text`'s `token` lines will set as far as
    /// they can be known now: typed, a `--var` or environment variable's value, a file's text. A
    /// value used before its `token` line (a filter, an echo) must not reach a trace or recording
    /// written before refsh knew it for a token.
    public func rememberScriptTokens(in text: String, file: String) {
        let tokens = Self.scriptTokens(
            in: text, file: file, variable: { variables[$0]?.stringValue }, environment: world.environment.value, files: world.files)
        for token in tokens { world.secretKeeper.remember(Secret(token)) }
    }

    /// The tokens `text`'s `token` lines will set, as far as they can be known before it runs:
    /// typed, a variable's or environment variable's value (by `variable` and `environment`), a
    /// regular file's text, each cleaned as `token` cleans it (what is not a token is refused
    /// when the line runs, and is not sent).
    public static func scriptTokens(
        in text: String, file: String, variable: (String) -> String?, environment: (String) -> String?, files: any FileSystem
    ) -> [String] {
        Parser.tokenSources(in: text, file: file).compactMap { source in
            let raw: String? =
                switch source {
                case .typed(let token): token
                case .variable(let name): variable(name)
                case .environment(let name): environment(name)
                // A regular file only: a pipe or a FIFO read now would be drained for the line itself.
                case .file(let path): files.isRegularFile(path) ? try? files.readText(path) : nil
                }
            return raw.flatMap { try? TokenCommand.cleaned($0) }
        }
    }

    /// Runs a program to its end, an `exit`, or (with errexit) its first failure; errors are
    /// reported on standard error as they happen. Returns the exit code.
    public mutating func run(_ program: Program) async -> ExitCode {
        lastFailure = nil
        exitRequested = false
        switch await execute(program.statements) {
        case .next: return lastFailure ?? .success
        case .stop(let code): return code
        case .failed(let error):  // not inside a `try` here: as an ordinary failure
            report(error)
            return error.exitCode
        }
    }

    /// How execution continues after a statement.
    enum Flow: Sendable {
        case next
        case stop(ExitCode)
        /// A command failed inside a `try` block: the nearest `catch` takes it (not reported).
        case failed(RefScriptError)
    }

    mutating func execute(_ statements: [Statement]) async -> Flow {
        for statement in statements {
            // Ctrl-C in the interactive shell cancels the run: a loop stops at its next statement.
            if Task.isCancelled {
                // Where the run stopped: the statement that did not start.
                if !quietInterruptions { report(RefScriptError(.interrupted, "interrupted", at: statement.location)) }
                return .stop(.interrupted)
            }
            let flow = await perform(statement)
            if case .next = flow { continue }
            return flow
        }
        return .next
    }

    /// Runs one statement; an error is reported, and stops the run when errexit is on (an
    /// interruption stops it always).
    mutating func perform(_ statement: Statement) async -> Flow {
        if case .command(let invocation) = statement { journalBeforeRequest(invocation) }
        defer { if case .command(let invocation) = statement { journalIfChanged(at: invocation.location) } }
        do {
            return try await execute(statement)
        } catch {
            var error = journalSuspended ? error.inIteration : error
            let endsRun = error.kind == .interrupted || error.serviceError?.endsRun == true
            if catching > 0, !endsRun { return .failed(error) }
            if quietInterruptions, error.kind == .interrupted { return .stop(.interrupted) }
            let stops = options.errexit || endsRun
            if stops, !isInteractive, !journalSuspended { error = error.inStoppedScript(kept: stoppedEditsPlace()) }
            report(error)
            lastFailure = error.exitCode
            if firstFailure == nil { firstFailure = error }
            return stops ? .stop(error.exitCode) : .next
        }
    }

    private mutating func execute(_ statement: Statement) async throws(RefScriptError) -> Flow {
        switch statement {
        case .command(let invocation):
            if options.echoCommands {
                // A token typed on the line must not be echoed, nor a word that looks like one
                // (`let t eyJ…` before `token $t` makes it known).
                let text = invocation.command == TokenCommand.self ? "token <redacted>" : SecretShape.masked(invocation.sourceText)
                world.output.write("+ \(text)\n")
            }
            switch try await call(invocation, capturing: false) {
            case .done: return .next
            case .value(let value):
                world.output.write(Self.rawText(value) + "\n")
                return .next
            case .exit(let code):
                exitRequested = true
                return .stop(code)
            }
        case .conditional(let branches, let otherwise, _):
            for branch in branches where try await holds(branch.condition) {
                return await execute(branch.body)
            }
            if let otherwise { return await execute(otherwise) }
            return .next
        case .loop(let name, let items, let body, let parallel, let location):
            if let parallel { return try await runParallel(name, items: items, body: body, flags: parallel, location: location) }
            var values: [JSONValue] = []
            for item in items {
                let value = try await self.value(of: item)
                if items.count == 1, case .array(let elements) = value { values = elements } else { values.append(value) }
            }
            let saved = variables[name]
            defer { variables[name] = saved }
            for value in values {
                variables[name] = value
                let flow = await execute(body)
                if case .next = flow { continue }
                return flow
            }
            return .next
        case .attempt(let body, let handler, _):
            catching += 1
            let flow = await execute(body)
            catching -= 1
            guard case .failed(let error) = flow else { return flow }
            // `$error` and the error `throw` re-raises are the catch block's only.
            let (savedVariable, savedError) = (variables["error"], caught)
            defer { (variables["error"], caught) = (savedVariable, savedError) }
            variables["error"] = Self.errorValue(error)
            caught = error
            return await execute(handler)
        }
    }

    /// Runs one command; errors are located at the command when they carry no location.
    mutating func call(_ invocation: Invocation, capturing: Bool) async throws(RefScriptError) -> CommandOutcome {
        do {
            return try await invocation.command.run(CommandCall(invocation: invocation, capturing: capturing), &self)
        } catch {
            throw error.located(at: invocation.location)
        }
    }

    /// Prints an error the one way errors are printed: a line for people, or with
    /// `option output json` one JSON object.
    public func report(_ error: RefScriptError) {
        let typed = isInteractive && (error.location?.file == Self.typedFile || error.location == nil)
        if options.output == .json {
            world.output.writeError(JSONPrinter.compact.print(ErrorRenderer.json(error, showLocation: !typed)) + "\n")
        } else {
            world.output.writeError(ErrorRenderer.render(error, showLocation: !typed) + "\n")
        }
    }

    /// Prints a warning.
    public func warn(_ message: String) {
        world.output.writeError(ErrorRenderer.renderWarning(message) + "\n")
    }

    /// A value as `get` and interpolation show it: strings raw, everything else compact JSON.
    public static func rawText(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return JSONPrinter.compact.print(value)
    }

    /// Writes `text` to standard output, through the pager when the interactive shell shows it
    /// on a terminal shorter than the text (never in a script or a pipe).
    public func writePaged(_ text: String) {
        if isInteractive, OutputCapture.current == nil, let pager = world.pager, pager.isLongerThanScreen(text.utf8.count { $0 == 0x0A }),
            pager.page(redactingOutput.redact(text))
        {
            return
        }
        world.output.write(text)
    }

    /// The JSON printer for the current `output` and `color` options.
    public var printer: JSONPrinter {
        JSONPrinter(
            layout: options.output == .json ? .compact : .pretty(indent: 2),
            colors: colorsEnabled ? .standard : nil)
    }

    /// Whether colours are on for standard output.
    public var colorsEnabled: Bool {
        switch options.color {
        case .on: true
        case .off: false
        case .auto: world.output.isTerminal && world.environment.value("NO_COLOR").map(\.isEmpty) ?? true
        }
    }
}
