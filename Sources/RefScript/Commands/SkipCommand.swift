import ReferralsWire

/// `skip [reason]`: end the script here as skipped.
public enum SkipCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "skip", synopsis: "skip [<reason>]",
        summary: "End the script here as skipped (refsh test counts it as skipped; exit 0).",
        help: """
            For a test that cannot run here: `if not exists details.campaign; skip "no campaign"; end`.
            The rest of the script does not run; the run exits 0 and says `skipped: <reason>` on
            standard error; `refsh test` counts the file as skipped in its closing line and its
            JUnit and TAP reports. At the interactive prompt it only ends the line.
            """,
        examples: ["skip", "skip \"the sandbox has no campaigns\""],
        arguments: [ArgumentSpec("reason", .text, optional: true, variadic: true)])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        // One line wherever it is shown (standard error, the suite's lines, TAP, JUnit), and no
        // control characters to drive a terminal.
        let reason = VisibleText.of(try await call.texts(from: 0, &interpreter).joined(separator: " "))
        interpreter.skipReason = reason
        if !interpreter.isInteractive { interpreter.world.output.writeError("skipped" + (reason.isEmpty ? "" : ": " + reason) + "\n") }
        return .exit(.success)
    }
}
