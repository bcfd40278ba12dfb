import ReferralKit

/// `patch [--dry-run] [--curl]`: send what changed since the baseline as a JSON Patch.
public enum PatchCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "patch", synopsis: "patch [--dry-run] [--curl]",
        summary: "Send the changes since the baseline (PATCH, If-Match) — the recommended write.",
        help: """
            Validates first and sends nothing when that fails. Sends the JSON Patch of the working
            copy against its baseline (see `diff --patch`) with `If-Match` and
            `Prefer: return=representation`; the answer becomes the baseline and working copy.
            The service accepts only `replace` and `add`: an array with an element removed or
            inserted before others is sent whole (`replace /team`), and a removed field cannot be
            patched: use `put` for that. On 412 your edits are kept: `rebase`, then `patch` again. --dry-run prints the exact request instead of sending it.

            A referral opened from a file saved earlier (with its id and eTag) is compared with
            the service's copy at that eTag, fetched first, so edits made in the file are sent;
            if the referral changed since, that is a conflict (exit 4): `rebase`, then `patch`.
            """,
        examples: ["patch", "patch --dry-run", "patch --curl"],
        flags: [
            FlagSpec("dry-run", "print the request instead of sending it"),
            FlagSpec("curl", "print the request as a curl command instead of sending it (the token as $REFSH_TOKEN)"),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        // A dry run leaves the session as it was: an opened file is anchored on a copy of it.
        guard call.flag("dry-run") || call.flag("curl") else {
            try await patch(&interpreter, dryRun: false)
            return .done
        }
        _ = try await interpreter.online.requireService()  // the copy shares this connection
        var preview = interpreter
        try await patch(&preview, dryRun: true, curl: call.flag("curl"))
        return .done
    }

    /// Sends (or with `dryRun` prints) the patch of the working copy against its baseline.
    static func patch(_ interpreter: inout Interpreter, dryRun: Bool, curl: Bool = false) async throws(RefScriptError) {
        try await interpreter.anchorOpenedFile(for: "patch")
        let (id, eTag) = try interpreter.workingCopy.writeTarget(for: "patch")
        let working = try interpreter.workingCopy.requireWorking()
        guard let baseline = interpreter.session.baseline else { throw RefScriptError(.command, "patch: no baseline") }
        let changes = JSONDiff.changes(from: baseline, to: working)
        guard !changes.isEmpty else {
            // With --curl, standard output is a command a shell runs: the note goes to standard error.
            if curl {
                interpreter.world.output.writeError("no changes to send: no curl command to print\n")
            } else {
                interpreter.world.output.write("no changes to send\n")
            }
            return
        }
        let plan = ServicePatch(changes: changes, working: working)
        if !plan.unsendable.isEmpty {
            let paths = plan.unsendable.map(\.description).joined(separator: ", ")
            throw RefScriptError(
                .command, "patch cannot remove \(paths): the service accepts only replace and add; use put to send the whole referral")
        }
        try interpreter.workingCopy.validateBeforeSending("patch")
        try await interpreter.send(.update(id: id, patch: plan.patch, ifMatch: eTag), command: "patch", verb: "patched", dryRun: dryRun, curl: curl)
    }
}
