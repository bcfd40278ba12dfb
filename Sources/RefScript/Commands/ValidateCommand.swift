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
            validate first.
            """,
        examples: ["validate"])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let working = try interpreter.workingCopy.requireWorking()
        let baseline = interpreter.session.baseline
        var issues = ReferralValidator.validate(working, baseline: baseline) + Placeholders.issues(in: working)
        for member in UndocumentedMembers.added(to: working, since: baseline) {
            issues.append(ValidationIssue(.warning, member.path, "undocumented: the Referral schema has no such member\(member.hint)"))
        }
        let errors = issues.filter { $0.severity == .error }.count
        let output = interpreter.world.output
        if interpreter.options.output == .json {
            let list: [JSONValue] = issues.map {
                ["severity": .string($0.severity.rawValue), "path": .string($0.path.description), "message": .string($0.message)]
            }
            output.write(JSONPrinter.compact.print(.array(list)) + "\n")
        } else {
            for issue in issues { output.write("\(issue.severity.rawValue): \(issue)\n") }
            if errors == 0 {
                let warnings = issues.count
                output.write(warnings == 0 ? "valid\n" : "valid (\(warnings) warning\(warnings == 1 ? "" : "s"))\n")
            }
        }
        if errors > 0 {
            throw RefScriptError(.command, "validation failed: \(errors) error\(errors == 1 ? "" : "s")")
        }
        return .done
    }
}
