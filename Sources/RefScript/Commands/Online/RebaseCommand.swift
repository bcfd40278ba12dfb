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

            A referral opened from a file saved earlier: when the service's copy is still the one
            the file was saved from (same eTag), it becomes the baseline and everything the file
            changed is your edit. When it moved on, your edits since `open` are re-applied as
            above, and the fields where the server's copy now differs from the file take the
            server's value and are listed: if one of them was your edit in the file, set it again.
            """,
        examples: ["rebase"])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        let id = try interpreter.workingCopy.serviceId(for: "rebase")
        guard let baseline = interpreter.session.baseline else { throw RefScriptError(.command, "rebase: no baseline") }
        let server = try await interpreter.online.fetch(id: id)
        let current = server.currentETag
        if case .file(let name)? = interpreter.session.origin, current == interpreter.session.eTag {
            interpreter.workingCopy.anchor(on: server.referral, id: id, eTag: current)
            let n = JSONDiff.changes(from: interpreter.session.baseline ?? server.referral, to: try interpreter.workingCopy.requireWorking()).count
            interpreter.world.output.write(
                "rebased on the server's copy, the one \(name) was saved from; \(n) change\(n == 1 ? "" : "s") of yours to send\n")
            return .done
        }
        let result = ThreeWayMerge.merge(base: baseline, mine: working, theirs: server.referral)
        let origin = interpreter.session.origin
        interpreter.workingCopy.rebase(onto: server.referral, eTag: current, merged: result.merged, id: id)
        let output = interpreter.world.output
        // The other writer's changes: the eTag and dates the server moved are not theirs.
        let serverChanges = JSONDiff.changes(from: baseline, to: server.referral).filter { change in
            guard case .key(let top)? = change.path.components.first else { return true }
            return !ServerSetFields.contains(top)
        }
        output.write(
            "rebased on the server's copy (\(serverChanges.count) change\(serverChanges.count == 1 ? "" : "s") there); re-applied \(result.applied) of yours\n"
        )
        // The server's changes the merge took; a field you edited since `open` is a clash
        // instead (yours kept, listed below), not one of these.
        let clashes = result.clashes.map(\.path.components)
        let taken = serverChanges.filter { change in
            !clashes.contains { change.path.components.starts(with: $0) || $0.starts(with: change.path.components) }
        }
        if case .file(let name)? = origin, !taken.isEmpty {
            let fields = taken.map { change in
                let had = baseline.lookup(change.path).map { JSONPrinter.compact.print($0) } ?? "none"
                return "\(change.path) (the file had \(had.count > 60 ? had.prefix(60) + "…" : had))"
            }
            interpreter.warn(
                "\(name) was saved from an older copy, so edits made in the file cannot be told from the server's: took the server's "
                    + fields.joined(separator: ", ") + "; set any that was yours again")
        }
        guard !result.clashes.isEmpty else { return .done }
        for clash in result.clashes { output.write("! \(clash)\n") }
        let n = result.clashes.count
        throw RefScriptError(
            .conflict,
            "\(n) field\(n == 1 ? "" : "s") changed on both sides; your values are kept: send them, or set the server's")
    }
}
