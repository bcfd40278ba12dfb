import ReferralKit

/// `unset <path>`: remove a member or an array element.
public enum UnsetCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "unset", synopsis: "unset <path>",
        summary: "Remove the member or array element at a path.",
        help: """
            Fails when nothing is there. Note: the service's PATCH cannot remove a field;
            a removal is sent with `put`.
            """,
        examples: ["unset details.closingDateTime", "unset team[-1]"],
        arguments: [ArgumentSpec("path", .path)])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let path = try await call.path(0, &interpreter)
        if case .key(let top)? = path.components.first, ReferralSchema.field(at: JSONPath([.key(top)]))?.isReadOnly == true,
            path.components.count == 1
        {
            throw call.error("\(top) is read-only (the server sets it)", at: 0)
        }
        try interpreter.workingCopy.edit { (referral) throws(RefScriptError) in
            _ = try call.attempt(at: 0) { () throws(PathError) in try referral.unset(path) }
        }
        return .done
    }
}
