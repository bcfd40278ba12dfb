import LineEditor
import RefScript
import ReferralKit

/// The read–eval–print loop: reads lines (asking for more while a JSON value, a string or a
/// block is open), runs them, and never ends the session on an error.
public struct InteractiveShell {
    public var interpreter: Interpreter
    /// Whether to show prompts (a terminal) or not (piped input).
    public var showsPrompt: Bool
    /// How many secrets the session held when the history was last checked against them.
    var secretsInHistoryCheck = 0

    public init(interpreter: Interpreter, showsPrompt: Bool) {
        self.interpreter = interpreter
        self.interpreter.isInteractive = true
        self.showsPrompt = showsPrompt
    }

    /// Runs the startup commands of a config file (named `name` in messages) in this session,
    /// one statement at a time as if typed at the prompt: an error, in the syntax of a line or
    /// when it runs, is reported with its file, line and column, and the lines after it still run.
    public mutating func runStartup(_ text: String, name: String) async {
        var pending = ""
        var firstLine = 0
        for (index, line) in text.lines(omittingEmpty: false).enumerated() {
            if pending.isEmpty { firstLine = index }
            pending += pending.isEmpty ? String(line) : "\n" + line
            // Blank lines before the statement keep its line numbers those of the file.
            let statement = String(repeating: "\n", count: firstLine) + pending
            let program: Program
            do {
                program = try interpreter.parse(statement, file: name)
            } catch {
                if error.isIncomplete { continue }
                interpreter.report(error)
                pending = ""
                continue
            }
            pending = ""
            _ = await interpreter.run(program)
            if interpreter.exitRequested {  // `exit` ends the file, not the shell
                interpreter.cancelExit()
                return
            }
        }
        guard !pending.isEmpty else { return }
        let open: RefScriptError
        do {  // a statement left open at the end of the file
            _ = try interpreter.parse(String(repeating: "\n", count: firstLine) + pending, file: name)
            return
        } catch {
            interpreter.report(error)
            open = error
        }
        // An unclosed bracket or quote took in the lines after its own: they run as the lines
        // they are. The body of a block left open (no `end`) does not: it was meant to run only
        // under its if, for or try.
        let lines = text.lines(omittingEmpty: false)
        guard !open.opensBlock, let line = open.location?.line, line < lines.count else { return }
        await runStartup(String(repeating: "\n", count: line) + lines[line...].joined(separator: "\n"), name: name)
    }

    /// Runs until `exit` or end of input; returns the exit code. `completer` (when given) sees
    /// the session as of each prompt.
    public mutating func run(reader: inout some LineReader, completer: ShellCompleter? = nil) async -> ExitCode {
        var pending = ""
        var warnedAboutEdits = false
        while true {
            interpreter.online.recallSeenIds()  // for completion, once per endpoint
            completer?.interpreter = interpreter
            let prompt = showsPrompt ? (pending.isEmpty ? Prompt.text(for: interpreter) : Prompt.continuation) : ""
            switch reader.readLine(prompt: prompt) {
            case .interrupted:
                pending = ""
                continue
            case .endOfInput:
                // Ctrl-D inside a block or value drops it, as Ctrl-C does, and says so; the next
                // one, on an empty line, leaves. It left at once, and the block said nothing.
                if !pending.isEmpty {
                    pending = ""
                    interpreter.warn("Ctrl-D dropped the unfinished input (a block or value still open); Ctrl-D again leaves")
                    continue
                }
                // Ctrl-D leaves like `exit`: with unsaved edits, only the second time.
                if interpreter.session.hasUnsavedEdits && !warnedAboutEdits {
                    warnedAboutEdits = true
                    pending = ""
                    interpreter.warn(Self.unsavedEditsWarning)
                    continue
                }
                return .success
            case .line(let line):
                pending += pending.isEmpty ? line : "\n" + line
            }
            let program: Program
            do {
                program = try interpreter.parse(pending, file: Interpreter.typedFile)
            } catch {
                if error.isIncomplete { continue }
                record(pending, in: &reader)
                pending = ""
                interpreter.report(error)
                forgetLinesHoldingNewSecrets(in: &reader)
                continue
            }
            record(pending, in: &reader)
            pending = ""
            let code = await runCancellable(program, interrupts: reader.interrupts)
            forgetLinesHoldingNewSecrets(in: &reader)
            if interpreter.skipReason != nil {  // `skip` at the prompt ends the line, not the shell
                interpreter.cancelExit()
                continue
            }
            guard interpreter.exitRequested else {
                warnedAboutEdits = false  // new work since the warning: warn again before leaving
                continue
            }
            if interpreter.session.hasUnsavedEdits && !warnedAboutEdits {
                warnedAboutEdits = true
                interpreter.cancelExit()
                interpreter.warn(Self.unsavedEditsWarning)
                continue
            }
            return code
        }
    }
}

extension InteractiveShell {
    /// Runs `program`; a Ctrl-C meanwhile cancels the run, so a request in flight fails with
    /// "cancelled" and a loop stops, and the session (working copy included) stays as it was.
    mutating func runCancellable(_ program: Program, interrupts: (any InterruptSource)?) async -> ExitCode {
        guard let interrupts else { return await interpreter.run(program) }
        let running = RunningInterpreter(interpreter)
        let before = interrupts.count()
        let run = Task { await running.run(program) }
        let watch = Task {
            while !Task.isCancelled {
                if interrupts.count() != before {
                    run.cancel()
                    return
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        let code = await run.value
        watch.cancel()
        interpreter = running.interpreter
        return code
    }

    static let unsavedEditsWarning = "the working copy has unsaved edits (see diff); exit again to leave anyway"

    /// Takes out of the history the lines recorded before their text became a secret of the
    /// session (`let t "…"`, then `token $t`), once the session holds secrets it did not.
    mutating func forgetLinesHoldingNewSecrets(in reader: inout some LineReader) {
        let secrets = interpreter.world.secretKeeper.secrets
        guard secrets.count != secretsInHistoryCheck else { return }
        secretsInHistoryCheck = secrets.count
        let registry = interpreter.registry
        reader.forgetHistory { HistoryPolicy.mayRecord($0, registry: registry, secrets: secrets) }
    }

    /// Adds an entry to the history unless ``HistoryPolicy`` keeps it out (a `token` command, the
    /// session's token as it is now).
    func record(_ entry: String, in reader: inout some LineReader) {
        guard HistoryPolicy.mayRecord(entry, registry: interpreter.registry, secrets: interpreter.world.secretKeeper.secrets) else { return }
        reader.addToHistory(entry)
    }
}

/// The prompt: the endpoint kind, then the working referral's short id and status (`*`: edited):
/// `refsh sandbox> `, `refsh sandbox 49d90c72 Closed* > `, `refsh api.example.com 49d90c72 Active > `.
public enum Prompt {
    public static let continuation = "...> "

    public static func text(for interpreter: Interpreter) -> String {
        let colors = interpreter.colorsEnabled
        // Colour escapes sit between \u{1} marks, which libedit does not count as width.
        func paint(_ text: String, _ code: String) -> String {
            colors ? "\u{1}\u{1B}[\(code)m\u{1}\(text)\u{1}\u{1B}[0m\u{1}" : text
        }
        let endpoint: String
        switch interpreter.connection.endpoint {
        case .sandbox: endpoint = paint("sandbox", "36")
        case .url(let url): endpoint = paint(name(of: url), "33;1")
        }
        guard let working = interpreter.session.working else { return "refsh \(endpoint)> " }
        let id = ReferralDocument.id(of: working).map { String($0.prefix(8)) } ?? "new"
        let status = working.objectValue?["status"]?.stringValue ?? "?"
        let dirty = interpreter.session.isDirty ? paint("*", "33") : ""
        // Two escapes side by side would put two markers next to each other, which libedit reads
        // as text: join them into one invisible stretch.
        return "refsh \(endpoint) \(id) \(paint(status, "1"))\(dirty) > ".replacing("\u{1}\u{1}", with: "")
    }

    /// The endpoint as the prompt names it: its host, with the port when it is not the scheme's
    /// own (two local servers on two ports look different).
    public static func name(of url: String) -> String {
        guard let parsed = AbsoluteURL(url) else { return EndpointPolicy.host(of: url) ?? "api" }
        let host = parsed.host.contains(":") ? "[" + parsed.host + "]" : parsed.host
        guard let port = parsed.port, port != AbsoluteURL.defaultPort(of: parsed.scheme) else { return host }
        return host + ":" + String(port)
    }
}
