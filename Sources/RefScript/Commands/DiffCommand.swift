import ReferralKit

/// `diff [--patch]`: what changed in the working referral since its baseline.
public enum DiffCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "diff", synopsis: "diff [--patch]",
        summary: "Show the changes from the baseline to the working referral.",
        help: """
            One line per change: `~ path: old → new`, `+ path: value`, `- path: value`.
            --patch prints the RFC 6902 JSON Patch document that `patch` would send; a removal,
            which the service's PATCH cannot take, is shown with a warning (`put` sends it).
            """,
        examples: ["diff", "diff --patch"],
        flags: [FlagSpec("patch", "print the JSON Patch document instead")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        guard let baseline = interpreter.session.baseline else {
            throw RefScriptError(.command, "no baseline to compare with")
        }
        let changes = JSONDiff.changes(from: baseline, to: working)
        let output = interpreter.world.output
        if call.flag("patch") {
            let plan = ServicePatch(changes: changes, working: working)
            output.write(interpreter.printer.print(plan.patch.json) + "\n")
            // The document shows every change; `patch` refuses to send one the service cannot take.
            if !plan.unsendable.isEmpty {
                let paths = plan.unsendable.map(\.description).joined(separator: ", ")
                interpreter.warn("patch would refuse this document: the service cannot remove \(paths) (use put to send the whole referral)")
            }
            return .done
        }
        if changes.isEmpty {
            output.write("no changes\n")
            return .done
        }
        let colors = interpreter.colorsEnabled
        for change in changes {
            let line = change.description
            guard colors else { output.write(line + "\n"); continue }
            let code =
                switch change.kind {
                case .added: "32"
                case .removed: "31"
                case .changed: "33"
                }
            output.write("\u{1B}[\(code)m\(line)\u{1B}[0m\n")
        }
        return .done
    }
}
