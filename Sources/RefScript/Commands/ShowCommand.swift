import ReferralKit

/// `show [path]`: the working referral, or part of it, as JSON.
public enum ShowCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "show", synopsis: "show [<path>]",
        summary: "Print the working referral, or the value at a path, as JSON.",
        help: """
            Prints pretty JSON (compact with 'option output json'), coloured on a terminal.
            Keys keep the order the server sent them in. In the interactive shell, output longer
            than the terminal goes through $PAGER (default `less -R`).
            """,
        examples: ["show", "show details", "show customerProfile.team[0]"],
        arguments: [ArgumentSpec("path", .path, optional: true)])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        var value = working
        if call.count > 0 {
            let path = try await call.path(0, &interpreter)
            value = try call.attempt(at: 0) { () throws(PathError) in try working.value(at: path) }
        }
        interpreter.writePaged(interpreter.printer.print(value) + "\n")
        return .done
    }
}
