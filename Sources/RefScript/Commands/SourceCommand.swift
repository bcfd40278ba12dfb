/// `source <file>`: run another script in this session.
public enum SourceCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "source", synopsis: "source <file>",
        summary: "Run a script file in the current session (same working referral and variables).",
        help: """
            The whole file is parsed first: a syntax error runs nothing. Errors inside it are
            reported with its own name, line and column. `exit` in it ends the whole run.
            """,
        examples: ["source common.refscript"],
        arguments: [ArgumentSpec("file", .file)])

    static let depthLimit = 32

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let name = try await call.text(0, &interpreter)
        guard interpreter.sourceDepth < depthLimit else {
            throw call.error("source is nested more than \(depthLimit) deep (does a file source itself?)", at: 0)
        }
        let text: String
        do {
            text = try interpreter.world.files.readText(name)
        } catch {
            throw call.error("cannot read \(name): \(error.message)", at: 0)
        }
        let program = try interpreter.parse(text, file: name)
        interpreter.sourceDepth += 1
        defer { interpreter.sourceDepth -= 1 }
        switch await interpreter.execute(program.statements) {
        case .stop(let code):
            // An `exit`, or errexit after a failure that is already reported: end the caller too.
            return .exit(code)
        case .next:
            return .done
        case .failed(let error):
            throw error  // inside a `try`: the caller's `catch` takes it
        }
    }
}
