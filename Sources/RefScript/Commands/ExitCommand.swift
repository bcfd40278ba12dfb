import ReferralKit

/// `exit [code]`: end the script or the shell.
public enum ExitCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "exit", aliases: ["quit"], synopsis: "exit [<code>]",
        summary: "End the script (or the shell) with an exit code, 0 by default.",
        help: "Codes: 0 success, 1 command failed, 2 usage, 3 assertion, 4 conflict, 5 service (`help exit-codes`).",
        examples: ["exit", "exit 3"],
        arguments: [ArgumentSpec("code", .value, optional: true, check: { problem(ArgumentPreparer.literalValue($0)) })])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard call.count > 0 else { return .exit(.success) }
        let value = try await call.value(0, &interpreter)
        if let problem = problem(value) { throw call.error(problem, at: 0) }
        return .exit(ExitCode(rawValue: Int32(value.numberValue?.intValue ?? 0)))
    }

    /// Why `value` is not an exit code, if it is not one.
    static func problem(_ value: JSONValue) -> String? {
        if let code = value.numberValue?.intValue, (0...255).contains(code) { return nil }
        return "exit code must be a whole number from 0 to 255, not \(Interpreter.rawText(value))"
    }
}
