import ReferralKit

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
