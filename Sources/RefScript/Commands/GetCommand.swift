import ReferralKit

/// `get <path>`: the raw value at a path, for scripts and `( … )`.
public enum GetCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "get", synopsis: "get <path>",
        summary: "Print the value at a path raw: strings without quotes, other values as compact JSON.",
        help: """
            Made for scripts: `let v (get details.dealValue)` takes the value with its JSON type.
            Fails when the path does not exist (use `exists <path>` in a condition to test first).
            """,
        examples: ["get status", "let amount (get details.dealValue)", "get customerProfile.team[-1].email"],
        arguments: [ArgumentSpec("path", .path)], givesValue: true)

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        let path = try await call.path(0, &interpreter)
        return .value(try call.attempt(at: 0) { () throws(PathError) in try working.value(at: path) })
    }
}
