/// `throw [message]`: in a `catch` block, fail again with the error it caught; else fail with
/// the message.
public enum ThrowCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "throw", synopsis: "throw [<message>]",
        summary: "In a catch block, re-raise the error it caught; elsewhere, fail with a message (exit 1).",
        help: """
            A catch block that handles one kind of failure hands the others on:

              try
                patch
              catch
                if $error.exit == 4; rebase; patch; else; throw; end
              end

            Bare `throw` in a catch block fails exactly as the caught error would have (its message,
            its location, its exit code), so an unexpected 500 or 403 is not swallowed. `throw
            <message>` fails with that message and exit 1, anywhere. A `throw` inside an outer `try`
            is caught by that try's catch.
            """,
        examples: ["throw", "throw \"the deal is too small\""],
        arguments: [ArgumentSpec("message", .text, optional: true, variadic: true)])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let message = try await call.texts(from: 0, &interpreter).joined(separator: " ")
        if message.isEmpty {
            guard let caught = interpreter.caught else {
                throw RefScriptError(.command, "throw without a message re-raises the error of a catch block; give a message here")
            }
            throw caught
        }
        throw RefScriptError(.command, message)
    }
}
