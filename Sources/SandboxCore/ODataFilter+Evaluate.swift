import ReferralKit

extension ODataFilter {
    /// Whether `referral` matches. Missing properties read as null; ordering compares numbers by
    /// value, date-times as instants and other strings by text; mismatched kinds never match.
    public func matches(_ referral: JSONValue, bindings: [String: JSONValue] = [:]) -> Bool {
        switch self {
        case .and(let a, let b): return a.matches(referral, bindings: bindings) && b.matches(referral, bindings: bindings)
        case .or(let a, let b): return a.matches(referral, bindings: bindings) || b.matches(referral, bindings: bindings)
        case .not(let inner): return !inner.matches(referral, bindings: bindings)
        case .operand(let operand): return Self.value(operand, referral, bindings) == .bool(true)
        case .compare(let left, let op, let right):
            return Self.compare(Self.value(left, referral, bindings), op, Self.value(right, referral, bindings))
        case .lambda(let kind, let collection, let variable, let body):
            let elements = Self.value(.path(collection), referral, bindings).arrayValue ?? []
            guard let body else { return !elements.isEmpty }
            let test = { (element: JSONValue) -> Bool in
                var inner = bindings
                inner[variable] = element
                return body.matches(referral, bindings: inner)
            }
            return kind == .any ? elements.contains(where: test) : elements.allSatisfy(test)
        }
    }

    static func value(_ operand: ODataOperand, _ referral: JSONValue, _ bindings: [String: JSONValue]) -> JSONValue {
        switch operand {
        case .literal(let value): return value
        case .path(let segments):
            var start = referral
            var rest = segments[...]
            if let first = segments.first, let bound = bindings[first] {
                start = bound
                rest = rest.dropFirst()
            }
            return start.lookup(JSONPath(rest.map { .key($0) })) ?? .null
        }
    }

    static func compare(_ left: JSONValue, _ op: ODataComparison, _ right: JSONValue) -> Bool {
        // Two date-times compare as the instants they name (docs/sandbox.md).
        if case .string(let a) = left, case .string(let b) = right, let x = DateTimeFormat.ticks(a), let y = DateTimeFormat.ticks(b) {
            switch op {
            case .eq: return x == y
            case .ne: return x != y
            case .lt: return x < y
            case .le: return x <= y
            case .gt: return x > y
            case .ge: return x >= y
            }
        }
        switch op {
        case .eq: return left == right
        case .ne: return left != right
        default: break
        }
        switch (left, right) {
        case (.number(let a), .number(let b)):
            switch op {
            case .lt: return a < b
            case .le: return !(b < a)
            case .gt: return b < a
            default: return !(a < b)
            }
        case (.string(let a), .string(let b)):
            switch op {
            case .lt: return a < b
            case .le: return a <= b
            case .gt: return a > b
            default: return a >= b
            }
        default:
            return false
        }
    }

    /// The first property path that the Referral resource does not have, as written.
    public func unknownProperty() -> String? {
        firstFinding { node, bases in
            switch node {
            case .operand(let operand): Self.unknown(operand, bases)
            case .compare(let left, _, let right): Self.unknown(left, bases) ?? Self.unknown(right, bases)
            case .lambda(_, let collection, _, _): Self.unknown(.path(collection), bases)
            case .and, .or, .not: nil
            }
        }
    }

    /// The first operand standing alone where a condition belongs (`status`, `null`,
    /// `details/dealValue`): OData refuses a filter that is not Boolean, where a sandbox that
    /// took it would match nothing and hide the mistake.
    public func nonCondition() -> String? {
        firstFinding { (node, bases) -> String? in
            switch node {
            case .operand(.literal(let value)):
                if case .bool = value { return nil }
                return JSONPrinter.compact.print(value)
            case .operand(.path(let segments)):
                guard let field = ReferralSchema.field(at: Self.schemaPath(segments, bases)) else { return nil }
                switch field.type {
                case .boolean, .anyValue: return nil  // a field of no declared type may be a Boolean (isSpam)
                default: return segments.joined(separator: "/")
                }
            default: return nil
            }
        }
    }

    /// The first thing `visit` finds, node by node in reading order: `and`, `or` and `not` are
    /// walked into, and a lambda's body with its variable standing for an element of its
    /// collection (`t` in `team/any(t: t/email eq 'x')` for `team/0`), which `visit` is given.
    func firstFinding(_ visit: (ODataFilter, [String: [String]]) -> String?) -> String? {
        firstFinding(bases: [:], visit)
    }

    private func firstFinding(bases: [String: [String]], _ visit: (ODataFilter, [String: [String]]) -> String?) -> String? {
        if let found = visit(self, bases) { return found }
        switch self {
        case .and(let a, let b), .or(let a, let b): return a.firstFinding(bases: bases, visit) ?? b.firstFinding(bases: bases, visit)
        case .not(let inner): return inner.firstFinding(bases: bases, visit)
        case .lambda(_, let collection, let variable, let body):
            var inner = bases
            inner[variable] = Self.absolute(collection, bases) + ["0"]
            return body?.firstFinding(bases: inner, visit)
        case .compare, .operand: return nil
        }
    }

    /// `segments` with a lambda variable at their start replaced by the path it stands for.
    static func absolute(_ segments: [String], _ bases: [String: [String]]) -> [String] {
        if let first = segments.first, let base = bases[first] { return base + segments.dropFirst() }
        return segments
    }

    /// The schema path a property path (`team/0/email`, a lambda variable's resolved) stands for.
    static func schemaPath(_ segments: [String], _ bases: [String: [String]]) -> JSONPath {
        JSONPath(absolute(segments, bases).map { Int($0).map { .index($0) } ?? .key($0) })
    }

    private static func unknown(_ operand: ODataOperand, _ bases: [String: [String]]) -> String? {
        guard case .path(let segments) = operand else { return nil }
        return ReferralSchema.field(at: schemaPath(segments, bases)) == nil ? segments.joined(separator: "/") : nil
    }
}
