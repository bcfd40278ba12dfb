/// `undo`: take back the last change to the working referral.
public enum UndoCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "undo", synopsis: "undo",
        summary: "Take back the last change to the working referral (up to 100 steps).",
        help:
            "Every command that changes the working referral can be undone, including `revert`. Undoing `rebase` brings back the old baseline and eTag with the old edits, so the next write meets the conflict again.",
        examples: ["set details.dealValue 1", "undo"])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard interpreter.workingCopy.undo() else { throw RefScriptError(.command, "nothing to undo") }
        return .done
    }
}
