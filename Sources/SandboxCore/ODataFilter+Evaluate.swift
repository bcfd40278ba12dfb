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
    public func unknownProperty(lambdaBases: [String: [String]] = [:]) -> String? {
        switch self {
        case .and(let a, let b), .or(let a, let b):
            return a.unknownProperty(lambdaBases: lambdaBases) ?? b.unknownProperty(lambdaBases: lambdaBases)
        case .not(let inner): return inner.unknownProperty(lambdaBases: lambdaBases)
        case .operand(let operand): return Self.unknown(operand, lambdaBases)
        case .compare(let left, _, let right): return Self.unknown(left, lambdaBases) ?? Self.unknown(right, lambdaBases)
        case .lambda(_, let collection, let variable, let body):
            if let bad = Self.unknown(.path(collection), lambdaBases) { return bad }
            var bases = lambdaBases
            bases[variable] = Self.absolute(collection, lambdaBases) + ["0"]
            return body?.unknownProperty(lambdaBases: bases)
        }
    }

    /// The first operand standing alone where a condition belongs (`status`, `null`,
    /// `details/dealValue`): OData refuses a filter that is not Boolean, where a sandbox that
    /// took it would match nothing and hide the mistake.
    public func nonCondition(lambdaBases: [String: [String]] = [:]) -> String? {
        switch self {
        case .and(let a, let b), .or(let a, let b):
            return a.nonCondition(lambdaBases: lambdaBases) ?? b.nonCondition(lambdaBases: lambdaBases)
        case .not(let inner): return inner.nonCondition(lambdaBases: lambdaBases)
        case .compare: return nil
        case .lambda(_, let collection, let variable, let body):
            var bases = lambdaBases
            bases[variable] = Self.absolute(collection, lambdaBases) + ["0"]
            return body?.nonCondition(lambdaBases: bases)
        case .operand(.literal(let value)):
            if case .bool = value { return nil }
            return JSONPrinter.compact.print(value)
        case .operand(.path(let segments)):
            let components: [JSONPath.Component] = Self.absolute(segments, lambdaBases).map { Int($0).map { .index($0) } ?? .key($0) }
            guard let field = ReferralSchema.field(at: JSONPath(components)) else { return nil }
            switch field.type {
            case .boolean, .anyValue: return nil  // a field of no declared type may be a Boolean (isSpam)
            default: break
            }
            return segments.joined(separator: "/")
        }
    }

    /// `segments` with a lambda variable at their start replaced by the path it stands for.
    static func absolute(_ segments: [String], _ bases: [String: [String]]) -> [String] {
        if let first = segments.first, let base = bases[first] { return base + segments.dropFirst() }
        return segments
    }

    private static func unknown(_ operand: ODataOperand, _ bases: [String: [String]]) -> String? {
        guard case .path(let segments) = operand else { return nil }
        let absolute = absolute(segments, bases)
        let components: [JSONPath.Component] = absolute.map { Int($0).map { .index($0) } ?? .key($0) }
        return ReferralSchema.field(at: JSONPath(components)) == nil ? segments.joined(separator: "/") : nil
    }
}
