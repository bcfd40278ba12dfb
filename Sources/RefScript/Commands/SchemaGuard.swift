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
        if path.isRoot {
            // The whole referral at once: an object, whose read-only fields stay as they are.
            guard let object = value.objectValue else { throw call.error("a referral is a JSON object; this value is not one", at: argument) }
            if !force, let working = interpreter.session.working?.objectValue,
                let changed = ReferralSchema.fields.first(where: { $0.isReadOnly && working[$0.name] != object[$0.name] })
            {
                throw call.error(
                    "\(changed.name) is read-only (the server sets it) and this value changes it; use --force to change it anyway", at: argument)
            }
        }
        guard let field else {
            if !force, let (through, scalar) = scalarOnTheWay(path, in: interpreter.session.working) {
                throw call.error(
                    "\(through) is \(scalar.type.summary) in the Referral schema, not an object or a list: \(path) would make it one; use --force to anyway",
                    at: 0)
            }
            try refuseUndocumented(path, force: force, call: call, interpreter)
            return
        }
        if isTyped(call, argument), let working = interpreter.session.working {
            let members = UndocumentedMembers.inside(value, at: path, of: working)
            if let first = members.first, !force { throw call.error(message(first), at: argument) }
            for member in members { interpreter.warn(warning(member)) }
        }
        let issues = ReferralValidator.check(value, as: field, at: path)
        if let error = issues.first(where: { $0.severity == .error }) {
            throw call.error(error.description, at: argument)
        }
        for warning in issues { interpreter.warn(warning.description) }
    }

    /// The first step of `path` the schema types as a plain value (`name` of `name.x`, a
    /// string) that is null or missing in `working`: setting under it would make it an object.
    /// (Where it holds a value, the path's own error says what it is.)
    static func scalarOnTheWay(_ path: JSONPath, in working: JSONValue?) -> (JSONPath, FieldSchema)? {
        for length in 1..<max(1, path.components.count) {
            let prefix = JSONPath(Array(path.components.prefix(length)))
            guard let field = ReferralSchema.field(at: prefix) else { return nil }
            switch field.type {
            case .object, .array, .anyValue: continue
            default:
                let current = working?.lookup(prefix)
                return current == nil || current == .null ? (prefix, field) : nil
            }
        }
        return nil
    }

    /// A new member where the schema documents the object's members is probably a typo: an
    /// error unless `force` (then a warning). Members already in the working copy (the
    /// server's) are never refused. (Only for paths the schema does not document.)
    static func refuseUndocumented(_ path: JSONPath, force: Bool, call: CommandCall, _ interpreter: Interpreter) throws(RefScriptError) {
        guard let working = interpreter.session.working, let member = UndocumentedMembers.added(by: path, to: working) else { return }
        if force {
            interpreter.warn(warning(member))
        } else {
            throw call.error(message(member), at: 0)
        }
    }

    /// Whether argument `index` is JSON written in the script (its member names were typed),
    /// not a variable's or a substitution's value (data, perhaps the server's).
    private static func isTyped(_ call: CommandCall, _ index: Int) -> Bool {
        guard let value = call.literal(index) else { return false }
        return value.objectValue != nil || value.arrayValue != nil
    }

    private static func warning(_ member: UndocumentedMembers.Member) -> String {
        "\(member.path) is a new member the Referral schema does not document\(member.hint)"
    }

    private static func message(_ member: UndocumentedMembers.Member) -> String {
        "\(member.path) is not in the Referral schema\(member.hint); use --force to add it anyway"
    }
}
