/// `revert`: throw away every change since the baseline.
public enum RevertCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "revert", synopsis: "revert",
        summary: "Make the working referral equal to its baseline again (undoable).",
        help: "Discards all local edits; `undo` brings them back.",
        examples: ["revert"])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        _ = try interpreter.workingCopy.requireWorking()
        guard let baseline = interpreter.session.baseline else { throw RefScriptError(.command, "no baseline to revert to") }
        try interpreter.workingCopy.edit { (referral) throws(RefScriptError) in referral = baseline }
        return .done
    }
}
