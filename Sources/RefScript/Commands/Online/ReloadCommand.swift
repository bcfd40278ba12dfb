import ReferralKit

/// `reload [--force]`: fetch the working referral again from the service.
public enum ReloadCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "reload", synopsis: "reload [--force]",
        summary: "Fetch the working referral again; the server copy replaces baseline and working copy.",
        help: """
            Refuses when there are unsaved edits unless --force (to keep your edits and take the
            server's newer copy, use `rebase`).
            """,
        examples: ["reload", "reload --force"],
        flags: [FlagSpec("force", "discard unsaved edits")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let id = try interpreter.workingCopy.serviceId(for: "reload")
        if interpreter.session.isDirty, !call.flag("force") {
            throw RefScriptError(.command, "the working copy has edits (see diff); use rebase to keep them, or reload --force to discard them")
        }
        let copy = try await interpreter.online.fetch(id: id)
        interpreter.adopt(copy, id: id)
        return .done
    }
}
