import ReferralKit

/// `set [--force] <path> <value>`: change a value of the working referral.
public enum SetCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "set", synopsis: "set [--force] <path> <value>",
        summary: "Set the value at a path, creating missing objects on the way.",
        help: """
            The value is JSON when it is a bare JSON literal (50000, true, null) or an object or
            array ({"a": 1}, [1, 2]); a quoted word is always a string; any other word is a string.
            The value is checked against the Referral schema first (type, enum values); read-only
            fields (id, eTag, createdDateTime, ...) are refused unless --force, and so is a new member
            the schema does not document where it lists an object's members (details.dealValu:
            did you mean dealValue?). Members the referral already has are never refused. A number
            that comes as text from a variable, $env or ( … ) goes into a number field as a number
            (set details.dealValue $env.AMOUNT). Use `transition` to change the status: it checks
            the transition table.
            """,
        examples: ["set details.dealValue 50000", "set details.currency USD", #"set customerProfile.address {"city": "Oslo", "country": "NO"}"#],
        arguments: [ArgumentSpec("path", .path), ArgumentSpec("value", .value)],
        flags: [FlagSpec("force", "change a read-only field, or add a member the schema does not document")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let path = try await call.path(0, &interpreter)
        var value = try await call.value(1, &interpreter)
        // No copy of the working referral is held here: `set` changes it in place.
        let resolution = try interpreter.workingCopy.requireWorking().bestEffortResolution(of: path)
        // Text that came from outside the script's own words ($env.N, a variable, a substitution)
        // and is a number goes into a number field as one: the environment holds only text. A
        // quoted number written in the script stays an error with its hint.
        if case .string(let text) = value, call.literal(1) == nil, case .decimal? = ReferralSchema.field(at: resolution.path)?.type,
            let number = JSONNumber(literal: text.trimming(" "))
        {
            value = .number(number)
        }
        try SchemaGuard.check(value, at: resolution.path, force: call.flag("force"), call: call, argument: 1, interpreter)
        try call.attempt(at: 0) { () throws(PathError) in try interpreter.workingCopy.set(value, at: path, resolution: resolution) }
        return .done
    }
}
