/// Checks a referral against ``ReferralSchema``: types, enum values, read-only fields left as the
/// server sent them, and the status transition from the baseline. Unknown fields pass untouched.
public enum ReferralValidator {
    /// Every issue of `referral`; `baseline` (the last server copy) enables the read-only and
    /// transition checks.
    public static func validate(_ referral: JSONValue, baseline: JSONValue? = nil) -> [ValidationIssue] {
        guard case .object(let object) = referral else {
            return [ValidationIssue(.error, .root, "a referral must be an object, got \(referral.kindName)")]
        }
        var issues: [ValidationIssue] = []
        check(object, fields: ReferralSchema.fields, at: .root, into: &issues)
        if let baseline { checkReadOnly(referral, baseline: baseline, into: &issues) }
        checkTransition(referral, baseline: baseline, into: &issues)
        return issues
    }

    /// The issues the edits since `baseline` caused: a value the baseline holds just so came from
    /// the server and is not one of them (production sends values outside the documented lists,
    /// and a write must never fail for those); read-only and transition issues always are. With
    /// no baseline (a create) every issue counts.
    ///
    /// Members equal to the baseline's are not checked at all: every issue inside one would name a
    /// value as sent (before a write, validating the whole referral was 4% of a bulk loop's time).
    /// ``issuesOfChangesGeneral(_:baseline:)`` checks everything; a property test holds the two
    /// equal.
    public static func issuesOfChanges(_ referral: JSONValue, baseline: JSONValue?) -> [ValidationIssue] {
        guard let baseline, case .object(let object) = referral else { return issuesOfChangesGeneral(referral, baseline: baseline) }
        var issues: [ValidationIssue] = []
        checkChanges(object, baseline: baseline.objectValue, fields: ReferralSchema.fields, at: .root, into: &issues)
        checkReadOnly(referral, baseline: baseline, into: &issues)
        checkTransition(referral, baseline: baseline, into: &issues)
        return issues.filter { !isAsSent($0, in: referral, baseline: baseline) }
    }

    /// ``issuesOfChanges(_:baseline:)`` by validating everything and keeping the issues of values
    /// not as sent.
    static func issuesOfChangesGeneral(_ referral: JSONValue, baseline: JSONValue?) -> [ValidationIssue] {
        let issues = validate(referral, baseline: baseline)
        guard let baseline else { return issues }
        return issues.filter { !isAsSent($0, in: referral, baseline: baseline) }
    }

    /// The members of `object` the schema documents, as ``check(_:fields:at:into:)`` checks them,
    /// but those equal to `baseline`'s; an object member of an object member of the baseline is
    /// compared member by member in turn.
    private static func checkChanges(
        _ object: JSONObject, baseline: JSONObject?, fields: FieldSet, at path: JSONPath, into issues: inout [ValidationIssue]
    ) {
        let (names, values) = (object.keys, object.values)
        // Names in the baseline's order (the usual case) pair members by position, with no lookups.
        let paired = baseline.flatMap { object.hasNamesInOrder(of: $0) ? $0.values : nil }
        for index in names.indices {
            let (key, value) = (names[index], values[index])
            guard let field = fields.named(key), !passesAtOnce(value, as: field.type) else { continue }
            let before = paired.map { $0[index] } ?? baseline?[key]
            if let before, before == value { continue }
            if case .object(let inner) = field.type, case .object(let members) = value, case .object(let old)? = before {
                checkChanges(members, baseline: old, fields: inner, at: path.appending(.key(key)), into: &issues)
            } else {
                check(value, as: field.type, at: path.appending(.key(key)), into: &issues)
            }
        }
    }

    /// Whether `issue` names a value that `referral` holds exactly as `baseline` (the server's
    /// copy) does.
    public static func isAsSent(_ issue: ValidationIssue, in referral: JSONValue, baseline: JSONValue) -> Bool {
        guard !issue.concernsChange else { return false }
        let path = JSONPath(issue.path.components, exactKeys: true)
        guard let now = referral.lookup(path) else { return false }
        return baseline.lookup(path) == now
    }

    /// Issues of `value` as the new content of `path` (used by `set` before it changes anything).
    public static func check(_ value: JSONValue, at path: JSONPath) -> [ValidationIssue] {
        guard let field = ReferralSchema.field(at: path) else { return [] }
        return check(value, as: field, at: path)
    }

    /// Issues of `value` as the new content of `path`, whose schema `field` the caller looked up.
    public static func check(_ value: JSONValue, as field: FieldSchema, at path: JSONPath) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        check(value, as: field.type, at: path, into: &issues)
        return issues
    }

    /// The first required field missing from a create request, if any.
    public static func missingForCreate(_ referral: JSONValue) -> String? { missingRequired(referral).first }

    /// Every required field missing from `referral` (absent or `null`), in schema order: a
    /// create needs them, and so does a PUT, which replaces the whole referral.
    public static func missingRequired(_ referral: JSONValue) -> [String] {
        let object = referral.objectValue ?? JSONObject()
        return ReferralSchema.requiredForCreate.filter { object[$0] == nil || object[$0] == .null }
    }

    private static func check(_ object: JSONObject, fields: FieldSet, at path: JSONPath, into issues: inout [ValidationIssue]) {
        for (key, value) in object {
            guard let field = fields.named(key), !passesAtOnce(value, as: field.type) else { continue }
            check(value, as: field.type, at: path.appending(.key(key)), into: &issues)
        }
    }

    /// Whether ``check(_:as:at:into:)`` would find nothing wrong with `value`, told without a
    /// path or a look inside: null, or a scalar of the type's kind whose content needs no check
    /// (or an enum value on the list). Most members of a referral are; making a path for each
    /// was a third of validating one. A property test holds it to the full check.
    static func passesAtOnce(_ value: JSONValue, as type: FieldType) -> Bool {
        switch (type, value) {
        case (_, .null), (.anyValue, _), (.string, .string), (.boolean, .bool): true
        case (.decimal, .number(let n)): !n.exceedsDecimalRange
        case (.enumeration(let definition), .string(let s)): definition.values.contains(s)
        default: false
        }
    }

    static func check(_ value: JSONValue, as type: FieldType, at path: JSONPath, into issues: inout [ValidationIssue]) {
        if value.isNull { return }  // the service returns null for fields that are not set
        func wrongType() {
            let shown: String
            switch value {
            case .string(let s): shown = "string \(JSONPrinter.quoted(s))"
            case .number(let n): shown = "number \(n.literal)"
            case .bool(let b): shown = "boolean \(b)"
            default: shown = value.kindName
            }
            var message = "expected \(type.summary), got \(shown)"
            if case .decimal = type, case .string(let s) = value, JSONNumber(literal: s) != nil {
                message += " (write it without quotes: \(s))"
            }
            if case .string = type, case .number(let n) = value {
                message += " (quote it for a string: \"\(n.literal)\")"
            }
            issues.append(ValidationIssue(.error, path, message))
        }
        switch (type, value) {
        case (.decimal, .number(let n)) where n.exceedsDecimalRange:
            issues.append(ValidationIssue(.error, path, "\(n.literal) is out of range for a decimal (at most about ±7.9e28)"))
        case (.anyValue, _), (.string, .string), (.decimal, .number), (.boolean, .bool):
            return
        case (.dateTime, .string(let s)):
            if !DateTimeFormat.isValid(s) {
                issues.append(ValidationIssue(.error, path, "expected \(type.summary) such as 2018-11-14T00:00:00Z, got \(JSONPrinter.quoted(s))"))
            }
        case (.code(let length, let standard), .string(let s)):
            let ok = s.count == length && s.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
            if !ok { issues.append(ValidationIssue(.error, path, "expected a \(length)-letter \(standard) code, got \(JSONPrinter.quoted(s))")) }
        case (.enumeration(let definition), .string(let s)):
            if !definition.values.contains(s) {
                let allowed = definition.values.joined(separator: ", ")
                if definition.isOpen {
                    issues.append(
                        ValidationIssue(
                            .warning, path, "\(JSONPrinter.quoted(s)) is not a documented \(definition.name) value (documented: \(allowed))"))
                } else {
                    let hint = definition.values.first { $0.lowercased() == s.lowercased() }.map { "; did you mean \($0)?" } ?? ""
                    issues.append(
                        ValidationIssue(.error, path, "unknown \(definition.name) value \(JSONPrinter.quoted(s)) (allowed: \(allowed))\(hint)"))
                }
            }
        case (.object(let fields), .object(let object)):
            check(object, fields: fields, at: path, into: &issues)
        case (.array(let element), .array(let elements)):
            for (i, item) in elements.enumerated() {
                if item.isNull, case .anyValue = element {
                } else if item.isNull {
                    issues.append(
                        ValidationIssue(.error, path.appending(.index(i)), "null is not allowed in this list (expected \(element.summary))"))
                    continue
                }
                check(item, as: element, at: path.appending(.index(i)), into: &issues)
            }
        default:
            wrongType()
        }
    }

    private static func checkReadOnly(_ referral: JSONValue, baseline: JSONValue, into issues: inout [ValidationIssue]) {
        let (object, server) = (referral.objectValue, baseline.objectValue)
        for field in ReferralSchema.fields where field.isReadOnly {
            if object?[field.name] != server?[field.name] {
                issues.append(
                    ValidationIssue(.error, JSONPath([.key(field.name)]), "is read-only and differs from the server copy", concernsChange: true))
            }
        }
    }

    private static func checkTransition(_ referral: JSONValue, baseline: JSONValue?, into issues: inout [ValidationIssue]) {
        let statusPath = JSONPath([.key("status")]), substatusPath = JSONPath([.key("substatus")])
        guard let to = referral.lookup(statusPath)?.stringValue.flatMap(ReferralStatus.init(rawValue:)) else {
            // A status taken away (null or left out) would escape the table: a Closed referral
            // could then be moved anywhere, reopened included.
            let now = referral.lookup(statusPath)
            if baseline?.lookup(statusPath)?.stringValue != nil, now == nil || now == .null {
                issues.append(ValidationIssue(.error, statusPath, "cannot be removed or null: every referral keeps a status", concernsChange: true))
            }
            return
        }
        let substatusText = referral.lookup(substatusPath)?.stringValue
        let substatus = substatusText.flatMap(ReferralSubstatus.init(rawValue:))
        if substatusText != nil && substatus == nil { return }  // already reported as an unknown enum value
        let from = baseline?.lookup(statusPath)?.stringValue.flatMap(ReferralStatus.init(rawValue:))
        let fromSub = baseline?.lookup(substatusPath)?.stringValue
        if let baseline, from == to, fromSub == substatusText, baseline.lookup(statusPath) != nil { return }  // unchanged
        // None/None is the enums' default: a new referral may say it (the service sets Active/Accepted);
        // an existing one cannot move there (it would then be stuck: None moves nowhere).
        if baseline == nil && to == .none && substatus == ReferralSubstatus.none { return }
        do {
            try ReferralTransitions.check(from: from, to: to, substatus: substatus)
        } catch {
            issues.append(ValidationIssue(.error, statusPath, error.message, concernsChange: true))
        }
    }
}
