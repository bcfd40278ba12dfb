import ReferralKit
import ReferralsWire

/// `rebase`: take the server's newer copy and re-apply the local edits on top of it.
public enum RebaseCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "rebase", synopsis: "rebase",
        summary: "Fetch the server's copy and re-apply your edits on it (after a 412).",
        help: """
            A three-way merge: your changes (baseline → working copy) are applied to the server's
            current copy, which becomes the new baseline with its eTag. Where the server changed
            the same field to something else, the field is listed as a clash; your value is kept
            in the working copy and rebase fails (exit 4) so that you decide: keep it and send, or
            `set` the server's value. Nothing is sent. The changes counted there are the other
            writer's: fields only the server sets (eTag, dates, ...) are left out.
            """,
        examples: ["rebase"])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        let id = try interpreter.workingCopy.serviceId(for: "rebase")
        guard let baseline = interpreter.session.baseline else { throw RefScriptError(.command, "rebase: no baseline") }
        let server = try await interpreter.online.fetch(id: id)
        let result = ThreeWayMerge.merge(base: baseline, mine: working, theirs: server.referral)
        interpreter.workingCopy.rebase(
            onto: server.referral, eTag: server.eTag ?? ReferralDocument.eTag(of: server.referral), merged: result.merged)
        let output = interpreter.world.output
        // The other writer's changes: the eTag and dates the server moved are not theirs.
        let serverChanges = JSONDiff.changes(from: baseline, to: server.referral).filter { change in
            guard case .key(let top)? = change.path.components.first else { return true }
            return !ServerSetFields.contains(top)
        }.count
        output.write(
            "rebased on the server's copy (\(serverChanges) change\(serverChanges == 1 ? "" : "s") there); re-applied \(result.applied) of yours\n")
        guard !result.clashes.isEmpty else { return .done }
        for clash in result.clashes { output.write("! \(clash)\n") }
        let n = result.clashes.count
        throw RefScriptError(
            .conflict,
            "\(n) field\(n == 1 ? "" : "s") changed on both sides; your values are kept: send them, or set the server's")
    }
}
