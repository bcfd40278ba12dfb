import ReferralKit

/// `validate`: check the working referral against the schema and the transition table.
public enum ValidateCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "validate", synopsis: "validate",
        summary: "Check the working referral: field types, enum values, read-only fields, the transition.",
        help: """
            Prints each problem as `error: path: message` or `warning: path: message` and fails when
            there is an error. Read-only fields and the status transition are checked against the
            baseline (the copy the working referral came from). Members added since the baseline
            that the schema does not document (set with --force) are warnings. A referral not yet
            on the service (no id) fails while it holds a placeholder of `new`. `put` and `patch`
            validate first, but only what you changed: a value the server sent (production has
            values outside the documented lists, such as an empty customer size) is listed here
            marked `(as the server sent it)` and never fails a write or `validate`.
            """,
        examples: ["validate"])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        let baseline = interpreter.session.baseline
        var issues = ReferralValidator.validate(working, baseline: baseline) + Placeholders.issues(in: working)
        for member in UndocumentedMembers.added(to: working, since: baseline) {
            issues.append(ValidationIssue(.warning, member.path, "undocumented: the Referral schema has no such member\(member.hint)"))
        }
        // What the server sent is reported but is not the user's to fix: it never fails.
        let server = interpreter.workingCopy.serverBaseline
        let asSent = issues.map { issue in server.map { ReferralValidator.isAsSent(issue, in: working, baseline: $0) } ?? false }
        for index in issues.indices where asSent[index] { issues[index].message += " (as the server sent it)" }
        let errors = issues.indices.filter { issues[$0].severity == .error && !asSent[$0] }.count
        let output = interpreter.world.output
        if interpreter.options.output == .json {
            let list: [JSONValue] = issues.indices.map { index in
                let issue = issues[index]
                return [
                    "severity": .string(issue.severity.rawValue), "path": .string(issue.path.description), "message": .string(issue.message),
                    "fromServer": .bool(asSent[index]),
                ]
            }
            output.write(JSONPrinter.compact.print(.array(list)) + "\n")
        } else {
            for issue in issues { output.write("\(issue.severity.rawValue): \(issue)\n") }
            if errors == 0 {
                let sent = asSent.filter { $0 }.count
                let warnings = issues.count - sent
                var notes: [String] = []
                if warnings > 0 { notes.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
                if sent > 0 { notes.append("\(sent) as the server sent \(sent == 1 ? "it" : "them")") }
                output.write(notes.isEmpty ? "valid\n" : "valid (\(notes.joined(separator: ", ")))\n")
            }
        }
        if errors > 0 {
            throw RefScriptError(.command, "validation failed: \(errors) error\(errors == 1 ? "" : "s")")
        }
        return .done
    }
}
