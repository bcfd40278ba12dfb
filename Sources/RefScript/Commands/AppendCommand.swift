import ReferralKit

/// `append <path> <value>`: add to the end of an array.
public enum AppendCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "append", synopsis: "append [--force] <path> <value>",
        summary: "Add a value to the end of the array at a path, creating the array if missing.",
        help: """
            The value follows the same rules as for `set` and is checked against the schema; members
            it adds that the schema does not document are refused unless --force.
            """,
        examples: [#"append team {"firstName": "Sue", "email": "sue@contoso.com"}"#, #"append details.requirements.products {"id": "Azure"}"#],
        arguments: [ArgumentSpec("path", .path), ArgumentSpec("value", .value)],
        flags: [FlagSpec("force", "add to a read-only field, or members the schema does not document")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let path = try await call.path(0, &interpreter)
        let value = try await call.value(1, &interpreter)
        let working = try interpreter.workingCopy.requireWorking()
        let resolved = working.bestEffortResolved(path)
        let count = working.lookup(resolved)?.arrayValue?.count ?? 0
        try SchemaGuard.check(value, at: resolved.appending(.index(count)), force: call.flag("force"), call: call, argument: 1, interpreter)
        try interpreter.workingCopy.edit { (referral) throws(RefScriptError) in
            try call.attempt(at: 0) { () throws(PathError) in try referral.append(value, to: path) }
        }
        return .done
    }
}
