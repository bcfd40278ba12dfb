import ReferralKit

/// `new [--force]`: a working referral to fill in and `create`.
public enum NewCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "new", synopsis: "new [--force]",
        summary: "Start a new referral from a skeleton with the fields create needs.",
        help: """
            The skeleton has every field a create requires (type, customerProfile, consent,
            details), and status New/Pending; fill it in with `set` and send it with `create`.
            Three fields hold placeholders that `validate` and `create` refuse until they are set:
            customerProfile.name and customerProfile.team[0].email (empty) and details.dealValue
            (0); unset the contact's email to leave it out. The other empty strings are optional.
            There is no baseline on the service yet, so `put` and `patch` do not apply until it is
            created.
            """,
        examples: [
            "new", "set name 'Contoso upgrade'", "set customerProfile.name Contoso", "set customerProfile.team[0].email sue@contoso.com",
            "set details.dealValue 50000", "create",
        ],
        flags: [FlagSpec("force", "discard unsaved edits of the current working copy")])

    /// The skeleton, in the order the documentation lists the fields (its placeholders: ``Placeholders``).
    public static let skeleton: JSONValue = [
        "name": "",
        "externalReferenceId": .null,
        "status": "New",
        "substatus": "Pending",
        "type": "Independent",
        "qualification": "SalesQualified",
        "customerProfile": [
            "name": "",
            "address": ["addressLine1": "", "city": "", "state": "", "postalCode": "", "country": "US"],
            "size": "1to50employees",
            "team": [["firstName": "", "lastName": "", "email": "", "phoneNumber": ""]],
        ],
        "consent": ["consentToShareReferralWithMicrosoftSellers": false, "consentToContact": true],
        "details": [
            "notes": "", "dealValue": 0, "currency": "USD", "requirements": ["industries": [], "products": [], "services": [], "solutions": []],
        ],
        "team": [],
    ]

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        try interpreter.workingCopy.refuseUnsavedEdits(force: call.flag("force"), verb: "new")
        interpreter.workingCopy.reset(working: skeleton, baseline: nil, eTag: nil, origin: nil)
        return .done
    }
}
