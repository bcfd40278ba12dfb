/// `assert <condition> [message]`: fail the script unless a condition holds.
public enum AssertCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "assert", synopsis: "assert <condition> [\"<message>\"]",
        summary: "Fail (exit code 3) unless the condition holds; the message says what was expected.",
        help: """
            Conditions: `path == value` (also != < <= > >=), `path in [A, B]`, `exists path`,
            `not …`, joined with `and` and `or` (and binds tighter). A bare word on the left is a
            path into the working referral. The failure names the actual values. The message is
            one quoted word (or a variable): a bare word after the condition is refused, as it is
            most likely a mistyped operator (`status ==Closed`).
            """,
        examples: [
            "assert status == Closed", "assert details.dealValue >= 10000 'deal too small'", "assert status in [New, Active] and exists details",
        ],
        arguments: [ArgumentSpec("message", .text, optional: true)],
        takesCondition: true)

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard let condition = call.invocation.condition else { return .done }
        let (holds, facts) = try await interpreter.check(condition)
        if holds { return .done }
        let message = try await call.texts(from: 0, &interpreter).joined(separator: " ")
        let stated = message.isEmpty ? call.invocation.conditionText ?? "" : message
        throw RefScriptError(.assertion, "assertion failed: \(stated)\(facts.map { " (\($0))" } ?? "")")
    }
}
