/// Parses the conditions of `if`, `assert`: `details.dealValue == 50000`, `status in [New, Active]`,
/// `exists details.closingDateTime`, `not …`, joined by `and` (binds tighter) and `or`.
///
/// A bare word on the left that is not a JSON literal is a path into the working referral; every
/// other operand is a value.
struct ConditionParser {
    let words: [Word]
    var index = 0

    init(words: [Word]) {
        self.words = words
    }

    private var peek: String? { index < words.count ? words[index].bareLiteral : nil }

    /// The whole word list is one condition.
    mutating func parseWhole() throws(RefScriptError) -> Condition {
        let condition = try parseOr()
        if index < words.count {
            throw RefScriptError(
                .syntax, "unexpected '\(words[index].raw)' in condition (join conditions with 'and' or 'or')", at: words[index].location)
        }
        return condition
    }

    /// A condition, then whatever words are left (an `assert` message).
    mutating func parsePrefix() throws(RefScriptError) -> (Condition, [Word]) {
        let condition = try parseOr()
        return (condition, Array(words[index...]))
    }

    /// How many `not` may be stacked (a stack of them is parsed and run recursively).
    static let maximumNotDepth = 256

    private mutating func parseOr() throws(RefScriptError) -> Condition {
        var terms = [try parseAnd()]
        while peek == "or" {
            index += 1
            terms.append(try parseAnd())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseAnd() throws(RefScriptError) -> Condition {
        var terms = [try parseUnary()]
        while peek == "and" {
            index += 1
            terms.append(try parseUnary())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func next(_ what: @autoclosure () -> String) throws(RefScriptError) -> Word {
        guard index < words.count else {
            let at = words.last?.location
            throw RefScriptError(.syntax, "condition ends early: expected \(what())", at: at)
        }
        index += 1
        return words[index - 1]
    }

    private mutating func parseUnary() throws(RefScriptError) -> Condition {
        var nots = 0
        while peek == "not" {
            nots += 1
            if nots > Self.maximumNotDepth {
                throw RefScriptError(.syntax, "more than \(Self.maximumNotDepth) 'not' in a row", at: words[index].location)
            }
            index += 1
        }
        var condition = try parseSimple()
        for _ in 0..<nots { condition = .not(condition) }
        return condition
    }

    private mutating func parseSimple() throws(RefScriptError) -> Condition {
        if peek == "exists" {
            index += 1
            return .exists(try ArgumentPreparer.prepare(try next("a path after 'exists'"), as: .path))
        }
        let left = try operand(try next("a path or value"), left: true)
        if let literal = peek, let op = ComparisonOperator(rawValue: literal) {
            index += 1
            let right = try operand(try next("a value after '\(literal)'"), left: false)
            return .compare(left, op, right)
        }
        if peek == "=" {
            throw RefScriptError(.syntax, "use '==' to compare", at: words[index].location)
        }
        if peek == "in" {
            index += 1
            let list = try ArgumentPreparer.prepare(try next("a list after 'in', such as [New, Active]"), as: .value, listAllowed: true)
            return .member(left, list)
        }
        return .truthy(left)
    }

    private func operand(_ word: Word, left: Bool) throws(RefScriptError) -> Operand {
        if left, let text = word.bareLiteral, case .string = ArgumentPreparer.literalValue(text), !text.hasPrefix("{") {
            return Operand(argument: try ArgumentPreparer.prepare(word, as: .path), isPath: true)
        }
        return Operand(argument: try ArgumentPreparer.prepare(word, as: .value, listAllowed: true), isPath: false)
    }
}
