import ReferralKit

/// `insert <path[index]> <value>`: insert into an array before an index.
public enum InsertCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "insert", synopsis: "insert [--force] <path[index]> <value>",
        summary: "Insert a value into an array before the index that ends the path.",
        help: """
            `insert team[0] …` puts a member first; an index equal to the length appends; a
            negative index counts from the end (`team[-1]`: before the last member). The value is
            checked as for `append`.
            """,
        examples: [#"insert team[0] {"firstName": "Ann"}"#],
        arguments: [ArgumentSpec("path", .path), ArgumentSpec("value", .value)],
        flags: [FlagSpec("force", "insert into a read-only field, or members the schema does not document")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let path = try await call.path(0, &interpreter)
        let value = try await call.value(1, &interpreter)
        let working = try interpreter.workingCopy.requireWorking()
        let parent = try call.attempt(at: 0) { () throws(PathError) in try working.resolve(path.parent) }
        // Checked (and warned about) at the index it will have; an index out of range is the
        // insert's own error, with no warnings before it.
        let count = working.lookup(parent)?.arrayValue?.count ?? 0
        var index = 0
        if case .index(let requested)? = path.components.last { index = JSONValue.insertionIndex(requested, count: count) }
        if (0...count).contains(index) {
            try SchemaGuard.check(value, at: parent.appending(.index(index)), force: call.flag("force"), call: call, argument: 1, interpreter)
        }
        try interpreter.workingCopy.edit { (referral) throws(RefScriptError) in
            try call.attempt(at: 0) { () throws(PathError) in try referral.insert(value, at: path) }
        }
        return .done
    }
}
