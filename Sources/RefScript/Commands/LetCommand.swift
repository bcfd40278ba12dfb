/// `let <name> <value>`: set a variable.
public enum LetCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "let", synopsis: "let <name> <value>",
        summary: "Set a variable, read as $name, or ${name.path} for a part of it.",
        help: """
            The value follows the rules of `set` and keeps its JSON type; `(get <path>)` takes a
            value from the working referral. Variables live for the session (or the script run).
            The name is written bare (`let owner …`): `let $x …` sets the variable whose name $x
            holds, and a part of a variable is not set on its own (set the whole value again).
            """,
        examples: ["let amount 50000", "let owner (get customerProfile.team[0])", #"echo "${owner.email}""#],
        arguments: [ArgumentSpec("name", .variableName, check: problem(withName:)), ArgumentSpec("value", .value)])

    /// Why `name` cannot be set, checked before the script runs when it is written out.
    @Sendable static func problem(withName name: String) -> String? {
        Parser.isVariableName(name) && name != "env"
            ? nil : "'\(name)' is not a variable name (letters, digits and _, not starting with a digit; not env)"
    }

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let name = try await call.text(0, &interpreter)
        if let problem = problem(withName: name) { throw call.error(problem, at: 0) }
        interpreter.variables[name] = try await call.value(1, &interpreter)
        return .done
    }
}
