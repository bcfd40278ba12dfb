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
            fields (id, eTag, createdDateTime, ...) are refused unless --force. Use `transition`
            to change the status: it checks the transition table.
            """,
        examples: ["set details.dealValue 50000", "set details.currency USD", #"set customerProfile.address {"city": "Oslo", "country": "NO"}"#],
        arguments: [ArgumentSpec("path", .path), ArgumentSpec("value", .value)],
        flags: [FlagSpec("force", "change a read-only field anyway")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let path = try await call.path(0, &interpreter)
        let value = try await call.value(1, &interpreter)
        // No copy of the working referral is held here: `set` changes it in place.
        let resolution = try interpreter.requireWorking().bestEffortResolution(of: path)
        try SchemaGuard.check(value, at: resolution.path, force: call.flag("force"), call: call, argument: 1, interpreter)
        try call.attempt(at: 0) { () throws(PathError) in try interpreter.set(value, at: path, resolution: resolution) }
        return .done
    }
}

/// The checks `set`, `append` and `insert` run before changing anything.
enum SchemaGuard {
    static func check(
        _ value: JSONValue, at path: JSONPath, force: Bool, call: CommandCall, argument: Int, _ interpreter: Interpreter
    ) throws(RefScriptError) {
        let field = ReferralSchema.field(at: path)  // looked up once for all the checks below
        if !force, case .key(let top)? = path.components.first,
            let topField = path.components.count == 1 ? field : ReferralSchema.field(named: top), topField.isReadOnly
        {
            throw call.error("\(topField.name) is read-only (the server sets it); use --force to change it anyway", at: 0)
        }
        guard let field else {
            warnIfUndocumented(path, interpreter)
            return
        }
        let issues = ReferralValidator.check(value, as: field, at: path)
        if let error = issues.first(where: { $0.severity == .error }) {
            throw call.error(error.description, at: argument)
        }
        for warning in issues { interpreter.warn(warning.description) }
    }

    /// A new member where the schema documents the object's members is probably a typo.
    /// (Only for paths the schema does not document.)
    static func warnIfUndocumented(_ path: JSONPath, _ interpreter: Interpreter) {
        guard case .key(let name)? = path.components.last, interpreter.session.working?.lookup(path) == nil else { return }
        let documented = ReferralSchema.memberNames(at: path.parent)
        guard !documented.isEmpty, !documented.contains(name) else { return }
        let hint = EditDistance.closest(to: name, in: documented).map { " (did you mean \($0)?)" } ?? ""
        interpreter.warn("\(path) is a new member the Referral schema does not document\(hint)")
    }
}
