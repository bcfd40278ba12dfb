import ReferralKit

/// `load [--force] [--curl] <id>`: fetch a referral; it becomes the working copy and the baseline.
public enum LoadCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "load", synopsis: "load [--force] [--curl] <id>",
        summary: "Fetch a referral from the service; it becomes the working copy and the baseline.",
        help: """
            Keeps the server's eTag for the If-Match of later writes. An id seen in `list` may be
            shortened to its first 8 or more characters. Refuses to replace a working copy with
            unsaved edits unless --force.
            """,
        examples: ["load 49d90c72-3326-4f61-aacc-2cb57970448c", "load 49d90c72", "load --force $id", "load --curl 49d90c72"],
        arguments: [ArgumentSpec("id", .referralId)],
        flags: [
            FlagSpec("force", "discard unsaved edits of the current working copy"),
            FlagSpec("curl", "print the GET as a curl command instead of sending it (the token as $REFSH_TOKEN)"),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let id = try interpreter.online.resolveId(try await call.text(0, &interpreter))
        if call.flag("curl") {
            try await interpreter.printCurl(.fetch(id: id))
            return .done
        }
        try interpreter.workingCopy.refuseUnsavedEdits(force: call.flag("force"), verb: "load")
        let copy = try await interpreter.online.fetch(id: id)
        interpreter.adopt(copy, id: ReferralDocument.id(of: copy.referral) ?? id)
        // Production sends values outside the documented schema; say so once, never refuse them.
        if let working = interpreter.session.working {
            let odd = ReferralValidator.validate(working)
            if !odd.isEmpty {
                let paths = odd.prefix(3).map(\.path.description).joined(separator: ", ") + (odd.count > 3 ? ", ..." : "")
                interpreter.warn(
                    "the server's copy has \(odd.count) value\(odd.count == 1 ? "" : "s") outside the documented schema (\(paths)); "
                        + "kept as sent, they never block a write (validate lists them)")
            }
        }
        return .done
    }
}
