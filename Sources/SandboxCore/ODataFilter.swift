import ReferralKit

/// A parsed OData `$filter` expression (the subset the Referrals API documents).
public indirect enum ODataFilter: Sendable, Equatable {
    case compare(ODataOperand, ODataComparison, ODataOperand)
    case and(ODataFilter, ODataFilter)
    case or(ODataFilter, ODataFilter)
    case not(ODataFilter)
    /// `collection/any(v: body)` (body `nil`: the collection is not empty) and `all`.
    case lambda(kind: LambdaKind, collection: [String], variable: String, body: ODataFilter?)
    /// A Boolean property or literal on its own.
    case operand(ODataOperand)

    public enum LambdaKind: String, Sendable { case any, all }
}

/// A property path (`customerProfile/address/country`, `t/email` inside a lambda) or a literal.
public enum ODataOperand: Sendable, Equatable {
    case path([String])
    case literal(JSONValue)
}

/// `eq ne gt ge lt le`.
public enum ODataComparison: String, Sendable, CaseIterable {
    case eq, ne, gt, ge, lt, le
}

/// A `$filter` the sandbox cannot read, with the 1-based character position.
public struct ODataSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: Int
    public var description: String { "position \(position): \(message)" }
}

/// Parses `$filter` text.
public struct ODataFilterParser {
    enum Token: Equatable {
        case identifier(String), string(String), number(String), dateTime(String)
        case slash, open, close, colon, comma, end
    }

    private var tokens: [(token: Token, position: Int)] = []
    private var index = 0
    private var depth = 0
    /// How deep parentheses, lambdas and `not` may nest, and how many tokens a filter may have:
    /// the filter is parsed and evaluated recursively, and an `and` chain is a tree.
    static let maximumDepth = 100
    static let maximumTokens = 4000

    /// Parses a whole `$filter` value.
    public static func parse(_ text: String) throws(ODataSyntaxError) -> ODataFilter {
        var parser = ODataFilterParser()
        parser.tokens = try ODataLexer.tokens(text)
        if parser.tokens.count > maximumTokens {
            throw ODataSyntaxError(message: "the filter has more than \(maximumTokens) terms and operators", position: 1)
        }
        let filter = try parser.parseOr()
        guard case .end = parser.peek else {
            throw ODataSyntaxError(message: "unexpected \(parser.describe(parser.peek))", position: parser.position)
        }
        return filter
    }

    private var peek: Token { tokens[index].token }
    private var position: Int { tokens[index].position }

    private mutating func advance() -> Token {
        let token = tokens[index].token
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// One level deeper, or the error of nesting too deep.
    private mutating func deeper() throws(ODataSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw ODataSyntaxError(message: "nested deeper than \(Self.maximumDepth) levels", position: position)
        }
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .identifier(let s): "'\(s)'"
        case .string(let s): "string '\(s)'"
        case .number(let s), .dateTime(let s): "'\(s)'"
        case .slash: "'/'"
        case .open: "'('"
        case .close: "')'"
        case .colon: "':'"
        case .comma: "','"
        case .end: "end of filter"
        }
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .identifier(let s) = peek { return s == word }
        return false
    }

    private mutating func parseOr() throws(ODataSyntaxError) -> ODataFilter {
        try deeper()
        defer { depth -= 1 }
        var left = try parseAnd()
        while isKeyword("or") {
            _ = advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ODataSyntaxError) -> ODataFilter {
        var left = try parseNot()
        while isKeyword("and") {
            _ = advance()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(ODataSyntaxError) -> ODataFilter {
        if isKeyword("not") {
            _ = advance()
            try deeper()
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ODataSyntaxError) -> ODataFilter {
        if peek == .open {
            _ = advance()
            let inner = try parseOr()
            try expect(.close, "')'")
            return inner
        }
        let left = try parseOperand()
        if case .lambda = left.filter { return left.filter }
        if case .identifier(let word) = peek, let op = ODataComparison(rawValue: word) {
            _ = advance()
            let right = try parseOperand()
            guard case .operand(let rightOperand) = right.filter else {
                throw ODataSyntaxError(message: "a lambda cannot be compared", position: right.position)
            }
            guard case .operand(let leftOperand) = left.filter else { return left.filter }
            return .compare(leftOperand, op, rightOperand)
        }
        if case .identifier(let word) = peek, ["has", "in", "add", "sub", "mul", "div", "mod"].contains(word) {
            throw ODataSyntaxError(message: "operator '\(word)' is not supported here", position: position)
        }
        return left.filter
    }

    private mutating func expect(_ token: Token, _ what: String) throws(ODataSyntaxError) {
        guard peek == token else {
            throw ODataSyntaxError(message: "expected \(what), found \(describe(peek))", position: position)
        }
        _ = advance()
    }

    /// A literal, a path, or a path ending in a lambda.
    private mutating func parseOperand() throws(ODataSyntaxError) -> (filter: ODataFilter, position: Int) {
        let start = position
        switch advance() {
        case .string(let s): return (.operand(.literal(.string(s))), start)
        case .dateTime(let s):
            // A date-time literal names a moment that exists, or it is not one.
            guard DateTimeFormat.ticks(s) != nil || DateTimeFormat.isDate(s) else {
                throw ODataSyntaxError(message: "'\(s)' is not a date-time (as 2024-01-31T00:00:00Z) or a date (as 2024-01-31)", position: start)
            }
            return (.operand(.literal(.string(s))), start)
        case .number(let s):
            guard let number = JSONNumber(literal: s) else {
                throw ODataSyntaxError(message: "malformed number '\(s)'", position: start)
            }
            return (.operand(.literal(.number(number))), start)
        case .identifier(let first):
            switch first {
            case "true": return (.operand(.literal(true)), start)
            case "false": return (.operand(.literal(false)), start)
            case "null": return (.operand(.literal(nil)), start)
            default: break
            }
            var segments = [first]
            while peek == .slash {
                _ = advance()
                let segmentPosition = position
                guard case .identifier(let name) = advance() else {
                    throw ODataSyntaxError(message: "expected a property name after '/'", position: segmentPosition)
                }
                if name == "any" || name == "all", peek == .open {
                    return (try parseLambda(lambdaKind(for: name), collection: segments), start)
                }
                segments.append(name)
            }
            if peek == .open {
                throw ODataSyntaxError(message: "function '\(first)' is not supported", position: position)
            }
            return (.operand(.path(segments)), start)
        case let other:
            throw ODataSyntaxError(message: "expected a property or a value, found \(describe(other))", position: start)
        }
    }

    private func lambdaKind(for name: String) -> ODataFilter.LambdaKind { name == "all" ? .all : .any }

    private mutating func parseLambda(_ kind: ODataFilter.LambdaKind, collection: [String]) throws(ODataSyntaxError) -> ODataFilter {
        try expect(.open, "'('")
        if peek == .close, kind == .any {
            _ = advance()
            return .lambda(kind: kind, collection: collection, variable: "", body: nil)
        }
        guard case .identifier(let variable) = advance() else {
            throw ODataSyntaxError(message: "expected a lambda variable such as t:", position: position)
        }
        try expect(.colon, "':' after the lambda variable")
        let body = try parseOr()
        try expect(.close, "')' to close \(kind.rawValue)(")
        return .lambda(kind: kind, collection: collection, variable: variable, body: body)
    }
}
