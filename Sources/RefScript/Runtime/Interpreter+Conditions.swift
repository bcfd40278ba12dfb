import ReferralKit

extension Interpreter {
    /// Whether a condition holds. Paths read the working referral; a missing value is never
    /// equal, less or greater than anything, and makes `!=` true.
    mutating func holds(_ condition: Condition) async throws(RefScriptError) -> Bool {
        switch condition {
        case .not(let inner): return !(try await holds(inner))
        case .and(let all):
            for condition in all where !(try await holds(condition)) { return false }
            return true
        case .or(let any):
            for condition in any where try await holds(condition) { return true }
            return false
        case .exists(let argument):
            return try workingCopy.requireWorking().lookup(try await path(of: argument)) != nil
        case .truthy(let operand):
            switch try await value(of: operand) {
            case nil, .null?, .bool(false)?: return false
            default: return true
            }
        case .member(let operand, let listArgument):
            let list = try await value(of: listArgument)
            guard case .array(let elements) = list else {
                throw RefScriptError(.command, "'in' needs a list, got \(list.kindName)", at: listArgument.location)
            }
            guard let value = try await value(of: operand) else { return false }
            return elements.contains(value)
        case .compare(let leftOperand, let op, let rightOperand):
            let left = try await value(of: leftOperand)
            let right = try await value(of: rightOperand)
            return try Self.compare(left, op, right, at: rightOperand.argument.location)
        }
    }

    /// An operand's value; `nil` when it is a path that does not exist.
    mutating func value(of operand: Operand) async throws(RefScriptError) -> JSONValue? {
        if operand.isPath {
            return try workingCopy.requireWorking().lookup(try await path(of: operand.argument))
        }
        let value = try await value(of: operand.argument)
        if operandValues != nil, operand.argument.word.parts.contains(where: Self.isWorkedOut) {
            operandValues?.append((operand.argument.word.raw, value))
        }
        return value
    }

    /// Whether a word part is worked out as the script runs (a variable or a substitution).
    private static func isWorkedOut(_ part: Word.Part) -> Bool {
        switch part {
        case .variable, .substitution: true
        default: false
        }
    }

    /// Whether `condition` holds and, when it does not, the account ``explain(_:)`` gives of it,
    /// with the values its variables and substitutions had as it was checked (a substitution is
    /// not run again). The values are kept for this check alone, nested checks included.
    mutating func check(_ condition: Condition) async throws(RefScriptError) -> (holds: Bool, facts: String?) {
        let enclosing = operandValues
        operandValues = []
        defer { operandValues = enclosing }
        if try await holds(condition) { return (true, nil) }
        return (false, await explain(condition))
    }

    static func compare(_ left: JSONValue?, _ op: ComparisonOperator, _ right: JSONValue?, at location: SourceLocation)
        throws(RefScriptError) -> Bool
    {
        switch op {
        case .equal: return left != nil && left == right
        case .notEqual: return left == nil || left != right
        default: break
        }
        guard let left, let right else { return false }
        let order: Bool?
        switch (left, right) {
        case (.number(let a), .number(let b)):
            order = op == .less ? a < b : op == .lessOrEqual ? !(b < a) : op == .greater ? b < a : !(a < b)
        case (.string(let a), .string(let b)):
            order = op == .less ? a < b : op == .lessOrEqual ? a <= b : op == .greater ? a > b : a >= b
        default:
            order = nil
        }
        guard let order else {
            throw RefScriptError(.command, "cannot order \(left.kindName) against \(right.kindName) with '\(op.rawValue)'", at: location)
        }
        return order
    }

    /// A short account of the actual values in a failed condition: `details.dealValue is 25000`.
    mutating func explain(_ condition: Condition) async -> String? {
        var facts: [String] = []
        func operands(_ c: Condition) -> [Operand] {
            switch c {
            case .compare(let l, _, let r): [l, r]
            case .member(let l, _), .truthy(let l): [l]
            case .not(let inner): operands(inner)
            case .and(let list), .or(let list): list.flatMap(operands)
            case .exists: []
            }
        }
        let recorded = operandValues ?? []
        for operand in operands(condition) {
            let name = operand.argument.word.raw
            if operand.isPath {
                let actual = try? await value(of: operand)
                facts.append(actual.map { "\(name) is \(JSONPrinter.compact.print($0))" } ?? "\(name) is missing")
            } else if let seen = recorded.first(where: { $0.raw == name }), !facts.contains(where: { $0.hasPrefix(name + " is ") }) {
                facts.append(seen.value.map { "\(name) is \(JSONPrinter.compact.print($0))" } ?? "\(name) is missing")
            }
        }
        return facts.isEmpty ? nil : facts.joined(separator: ", ")
    }
}
