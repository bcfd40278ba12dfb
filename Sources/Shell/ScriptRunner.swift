import RefScript
import ReferralKit

/// Runs a whole script: parse first (a syntax error runs nothing), then execute.
public enum ScriptRunner {
    /// Scripts longer than this (in bytes) are checked, then run a statement at a time instead
    /// of holding their whole syntax tree (about 600 bytes a line) in memory.
    public static let streamingThreshold = 256 * 1024

    /// Runs `text` named `name` (for messages) with script arguments and `--var` variables;
    /// `resuming` is a journal kept by a session that ended unfinished, taken up first.
    public static func run(
        text: String, name: String, arguments: [String] = [], variables: [(String, String)] = [], world: ScriptWorld,
        connection: ConnectionSettings? = nil, resuming: JSONValue? = nil, skipped: ((String) -> Void)? = nil
    ) async -> ExitCode {
        var interpreter = makeInterpreter(name: name, arguments: arguments, variables: variables, world: world, connection: connection)
        if let resuming, !resume(&interpreter, from: resuming) { return .usage }
        interpreter.rememberScriptTokens(in: text, file: name)
        if text.utf8.count > streamingThreshold {
            let code = await interpreter.runStreaming(text, file: name)
            await finish(&interpreter, code: code, skipped: skipped)
            return code
        }
        let program: Program
        do {
            program = try interpreter.parse(text, file: name)
        } catch {
            interpreter.report(error)
            return error.exitCode
        }
        let code = await interpreter.run(program)
        await finish(&interpreter, code: code, skipped: skipped)
        return code
    }

    /// Takes up the session `snapshot` keeps and says so; `false` (reported) when it cannot.
    public static func resume(_ interpreter: inout Interpreter, from snapshot: JSONValue) -> Bool {
        do {
            try interpreter.resume(from: snapshot)
        } catch {
            interpreter.report(error)
            return false
        }
        let id = snapshot.objectValue?["id"]?.stringValue ?? "?"
        let changes = interpreter.workingCopy.unsentChangeCount
        let referral = UnfinishedSessions.subject(of: snapshot.objectValue ?? JSONObject(), named: { "referral " + $0 })
        interpreter.world.output.writeError(
            "refsh: resumed session \(id): \(referral), \(changes) unsent change\(changes == 1 ? "" : "s") (diff shows them), at \(interpreter.connection.endpoint)\n"
        )
        return true
    }

    /// The end of a run: a journal with nothing left to lose, or of a script that succeeded, goes
    /// (unless the run was interrupted), the connection closes, and `skipped` hears of a `skip`.
    static func finish(_ interpreter: inout Interpreter, code: ExitCode, skipped: ((String) -> Void)?) async {
        if code == .interrupted { interpreter.journalNow() } else { interpreter.finishJournal(succeeded: code == .success) }
        await interpreter.online.disconnect()
        if let reason = interpreter.skipReason { skipped?(reason) }
    }

    /// An interpreter with `--var` variables set (values read like bare words: 5 is a number).
    public static func makeInterpreter(
        name: String, arguments: [String], variables: [(String, String)], world: ScriptWorld,
        connection: ConnectionSettings? = nil
    ) -> Interpreter {
        var interpreter = Interpreter(world: world, arguments: arguments, scriptName: name)
        if let connection { interpreter.connection = connection }
        for (key, value) in variables {
            interpreter.variables[key] = ScriptValues.literal(value)
        }
        return interpreter
    }
}
