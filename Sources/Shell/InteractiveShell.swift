import LineEditor
import ReferralKit
import RefScript

/// The read–eval–print loop: reads lines (asking for more while a JSON value, a string or a
/// block is open), runs them, and never ends the session on an error.
public struct InteractiveShell {
    public var interpreter: Interpreter
    /// Whether to show prompts (a terminal) or not (piped input).
    public var showsPrompt: Bool

    public init(interpreter: Interpreter, showsPrompt: Bool) {
        self.interpreter = interpreter
        self.interpreter.isInteractive = true
        self.showsPrompt = showsPrompt
    }

    /// Runs until `exit` or end of input; returns the exit code. `completer` (when given) sees
    /// the session as of each prompt.
    public mutating func run(reader: inout some LineReader, completer: ShellCompleter? = nil) async -> ExitCode {
        var pending = ""
        var warnedAboutEdits = false
        while true {
            completer?.interpreter = interpreter
            let prompt = showsPrompt ? (pending.isEmpty ? Prompt.text(for: interpreter) : Prompt.continuation) : ""
            switch reader.readLine(prompt: prompt) {
            case .interrupted:
                pending = ""
                continue
            case .endOfInput:
                return .success
            case .line(let line):
                pending += pending.isEmpty ? line : "\n" + line
            }
            let program: Program
            do {
                program = try interpreter.parse(pending, file: Interpreter.typedFile)
            } catch {
                if error.isIncomplete { continue }
                reader.addToHistory(pending)
                pending = ""
                interpreter.report(error)
                continue
            }
            reader.addToHistory(pending)
            pending = ""
            let code = await interpreter.run(program)
            guard interpreter.exitRequested else { continue }
            if interpreter.session.hasUnsavedEdits && !warnedAboutEdits {
                warnedAboutEdits = true
                interpreter.cancelExit()
                interpreter.warn("the working copy has unsaved edits (see diff); exit again to leave anyway")
                continue
            }
            return code
        }
    }
}

/// The prompt: the endpoint kind, then the working referral's short id and status (`*`: edited):
/// `refsh sandbox> `, `refsh sandbox 49d90c72 Closed* > `, `refsh api.example.com 49d90c72 Active > `.
public enum Prompt {
    public static let continuation = "...> "

    public static func text(for interpreter: Interpreter) -> String {
        let endpoint: String
        switch interpreter.connection.endpoint {
        case .sandbox: endpoint = "sandbox"
        case .url(let url): endpoint = EndpointPolicy.host(of: url) ?? "api"
        }
        guard let working = interpreter.session.working else { return "refsh \(endpoint)> " }
        let id = ReferralDocument.id(of: working).map { String($0.prefix(8)) } ?? "new"
        let status = working.objectValue?["status"]?.stringValue ?? "?"
        return "refsh \(endpoint) \(id) \(status)\(interpreter.session.isDirty ? "*" : "") > "
    }
}
