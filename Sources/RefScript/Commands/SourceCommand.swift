/// `source <file>`: run another script in this session.
public enum SourceCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "source", synopsis: "source <file>",
        summary: "Run a script file in the current session (same working referral and variables).",
        help: """
            A relative name is looked for next to the script that sources it (so a suite finds its
            helpers from any working directory), then in the working directory; from -c,
            standard input or the prompt, in the working directory. The whole file is parsed
            first: a syntax error runs nothing. Errors inside it are reported with its own name,
            line and column. `exit` in it ends the whole run.
            """,
        examples: ["source common.refscript"],
        arguments: [ArgumentSpec("file", .file)])

    static let depthLimit = 32

    /// Where `name` is looked for, in order: next to `file` (the script that sources it) when
    /// `name` is relative and `file` is in another folder, then as given.
    static func candidates(for name: String, sourcedFrom file: String) -> [String] {
        guard !name.hasPrefix("/"), !name.hasPrefix("~"), let slash = file.lastIndex(of: "/") else { return [name] }
        return [String(file[...slash]) + name, name]
    }

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let name = try await call.text(0, &interpreter)
        guard interpreter.sourceDepth < depthLimit else {
            throw call.error("source is nested more than \(depthLimit) deep (does a file source itself?)", at: 0)
        }
        var text = ""
        let candidates = Self.candidates(for: name, sourcedFrom: call.invocation.location.file)
        var found: String?
        for candidate in candidates {
            do {
                text = try interpreter.world.files.readText(candidate)
                found = candidate
                break
            } catch  where error == .noSuchFile {
                continue
            } catch {
                throw call.error("cannot read \(candidate): \(error.message)", at: 0)  // there, but unreadable
            }
        }
        guard let found else {
            let places = candidates.count > 1 ? " (next to \(call.invocation.location.file) or in the working directory)" : ""
            throw call.error("cannot read \(name): no such file\(places)", at: 0)
        }
        let program = try interpreter.parse(text, file: found)
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
