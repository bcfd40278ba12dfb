import ReferralKit
import ReferralsWire

/// `create [--dry-run] [--curl]`: POST the working referral as a new one.
public enum CreateCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "create", synopsis: "create [--copy] [--dry-run] [--curl]",
        summary: "Create the working referral on the service (POST); the answer becomes the working copy.",
        help: """
            Validates first and sends nothing when that fails, or while a placeholder of `new` is
            not filled in (customer name, contact email, deal value). Fields the server sets (id, eTag,
            dates, direction, links) are left out. The service answers with the stored referral
            (status Active/Accepted for your own referrals) and its id, which the session then
            works on. A referral that already exists (loaded, or a saved file with an id) is not
            created again by mistake: patch sends edits to it; create --copy makes a new referral
            from a copy of it. --dry-run prints the exact request instead of sending it.
            """,
        examples: [
            "new", "set customerProfile.name Contoso", "set customerProfile.team[0].email sue@contoso.com", "set details.dealValue 50000",
            "create", "create --dry-run", "create --curl",
        ],
        flags: [
            FlagSpec("copy", "create a new referral from a copy of one that exists (loaded, or saved with its id)"),
            FlagSpec("dry-run", "print the request instead of sending it"),
            FlagSpec("curl", "print the request as a curl command instead of sending it (the token as $REFSH_TOKEN)"),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        guard case .object(let object) = working else { throw RefScriptError(.command, "create: the working copy is not a JSON object") }
        // A referral that exists is changed with patch; a create would leave it as it was and
        // make a second one with the edits.
        if !call.flag("copy"), let id = object["id"]?.stringValue ?? Self.serviceId(interpreter.session.origin) {
            throw RefScriptError(
                .command,
                "create not sent: the working referral is \(String(id.prefix(8))), which exists; patch sends your edits to it, create --copy makes a new referral from a copy of it"
            )
        }
        let body = ServerSetFields.createBody(working)
        if let missing = ReferralValidator.missingForCreate(body) {
            throw RefScriptError(.command, "create not sent: \(missing) is required (see new for a skeleton)")
        }
        if let refusal = Placeholders.refusal(for: body) { throw RefScriptError(.command, refusal) }
        let errors = ReferralValidator.validate(body).filter { $0.severity == .error }
        if let first = errors.first {
            throw RefScriptError(.command, "create not sent: \(first)\(errors.count > 1 ? " (and \(errors.count - 1) more; see validate)" : "")")
        }
        try await interpreter.send(.create(body), command: "create", verb: "created", dryRun: call.flag("dry-run"), curl: call.flag("curl"))
        return .done
    }

    private static func serviceId(_ origin: SessionState.Origin?) -> String? {
        if case .service(let id)? = origin { return id }
        return nil
    }
}
