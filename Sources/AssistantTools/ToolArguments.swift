import MCP
import ReferralKit
import ReferralsWire

/// A tool's arguments, checked: each accessor gives the value or a one-line message the tool
/// returns as its error.
struct ToolArguments {
    let values: [String: Value]

    struct Problem: Error {
        var message: String
    }

    func string(_ name: String, required: Bool = false) throws(Problem) -> String? {
        guard let value = values[name], value != .null else {
            if required { throw Problem(message: "\(name) is required") }
            return nil
        }
        guard let text = value.stringValue else { throw Problem(message: "\(name) must be a string, not \(Self.kind(value))") }
        if required, text.isEmpty { throw Problem(message: "\(name) must not be empty") }
        return text
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let value = values[name], value != .null else { return nil }
        let number: Int? =
            switch value {
            case .int(let whole): whole
            case .double(let real) where real == real.rounded() && abs(real) < 1e15: Int(real)
            default: nil
            }
        guard let number, range.contains(number) else {
            throw Problem(message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(Self.shown(value))")
        }
        return number
    }

    func object(_ name: String) throws(Problem) -> [String: Value]? {
        guard let value = values[name], value != .null else { return nil }
        guard case .object(let members) = value else { throw Problem(message: "\(name) must be an object, not \(Self.kind(value))") }
        return members
    }

    /// The `set` paths, in a fixed order, each parsed and written back as refsh writes paths; a
    /// path refsh could not take as one word is refused.
    func paths() throws(Problem) -> [(path: String, value: JSONValue)] {
        guard let set = try object("set") else { return [] }
        var out: [(String, JSONValue)] = []
        for key in set.keys.sorted() {
            let path: JSONPath
            do {
                path = try JSONPathParser.parse(key)
            } catch {
                throw Problem(message: "set: '\(key)' is not a refsh path (\(error.message))")
            }
            let text = path.description
            guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || "_.[]-@".contains($0) }) else {
                throw Problem(message: "set: '\(key)' cannot be set here (use plain member names and [index])")
            }
            out.append((text, MCPValues.json(set[key] ?? .null)))
        }
        return out
    }

    static func kind(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .data: "data"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Text a message quotes: whole when short, else by its length. A cut-off text could be the
    /// start of a token the secret keeper matches only whole.
    static func quoted(_ text: String) -> String {
        text.count <= 40 ? "'\(VisibleText.of(text))'" : "a text of \(text.count) characters"
    }

    /// A value as a message names it: a string quoted, a number itself, other values by kind.
    static func shown(_ value: Value) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .int(let number): "\(number)"
        case .double(let number): "\(number)"
        default: kind(value)
        }
    }
}
