/// `history [<n>] [--clear]`: the lines entered at the prompt.
public enum HistoryCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "history", synopsis: "history [<n>] [--clear]",
        summary: "List the last lines entered at the prompt (all of them, or the last n).",
        help: """
            The history is kept in $XDG_STATE_HOME/refsh/history (~/.local/state/refsh/history),
            at most 1,000 lines, and never holds a `token` line or anything that looks like a
            bearer token. Up and Down walk through it; --clear forgets it. Scripts have none.
            """,
        examples: ["history", "history 20", "history --clear"],
        arguments: [ArgumentSpec("n", .text, optional: true)],
        flags: [FlagSpec("clear", "forget the history")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard let history = interpreter.world.history else {
            throw RefScriptError(.command, "history is kept only at the interactive prompt")
        }
        if call.flag("clear") {
            history.clear()
            return .done
        }
        var count = Int.max
        if let text = try await call.optionalText(0, &interpreter) {
            guard let n = Int(text), n > 0 else { throw call.error("history takes a positive count, got '\(text)'", at: 0) }
            count = n
        }
        let entries = history.entries
        let first = max(0, entries.count - count)
        let width = String(entries.count).count
        var text = ""
        for (index, line) in entries.enumerated().dropFirst(first) {
            let number = String(index + 1)
            text += String(repeating: " ", count: width - number.count) + number + "  " + line + "\n"
        }
        interpreter.world.output.write(text)
        return .done
    }
}
