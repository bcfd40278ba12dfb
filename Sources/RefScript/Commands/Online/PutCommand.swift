import ReferralKit
import ReferralsWire

/// `put [--dry-run] [--curl]`: replace the referral on the service with the working copy.
public enum PutCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "put", synopsis: "put [--dry-run] [--curl]",
        summary: "Send the whole working referral (PUT, If-Match); prefer patch.",
        help: """
            Validates first (types, enums, read-only fields, the transition) and sends nothing when
            that fails. Sends the referral without `links` and `@odata.*` annotations, with
            `If-Match: <eTag>`; refuses without an eTag. On success the answer becomes the baseline
            and working copy. On 412 (someone else changed it) your edits are kept: `rebase`, then
            `put` again. PUT is obsolete in the API; `patch` sends only what changed. --dry-run
            prints the exact request instead of sending it.
            """,
        examples: ["put", "put --dry-run", "put --curl"],
        flags: [
            FlagSpec("dry-run", "print the request instead of sending it"),
            FlagSpec("curl", "print the request as a curl command instead of sending it (the token as $REFSH_TOKEN)"),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let (id, eTag) = try interpreter.workingCopy.writeTarget(for: "put")
        try interpreter.workingCopy.validateBeforeSending("put")
        let body = ServerSetFields.replaceBody(try interpreter.workingCopy.requireWorking())
        try await interpreter.send(
            .replace(id: id, body: body, ifMatch: eTag), command: "put", verb: "updated", dryRun: call.flag("dry-run"),
            curl: call.flag("curl"))
        return .done
    }
}
