/// Reads paths written by people: `details.dealValue`, `customerProfile.team[0].email`,
/// `team[-1]`, `"odd key".x`, `['odd key']`, `@odata.context`, or a JSON Pointer `/details/dealValue`.
///
/// Grammar (informal): `path := "" | "." | pointer | step ("." key | "[" index "]" | "[" quoted "]")*`
/// where a bare key is letters, digits, `_`, `-`, `$`, `@`; a key starting with `@` runs to the
/// next `[` (OData annotations contain dots). Errors carry a 1-based column.
public enum JSONPathParser {
    /// The most steps a path may have: JSON nests at most 256 levels, and longer paths would
    /// make documents that deep (walked recursively).
    public static let maximumSteps = 256

    /// Parses `text` into a path.
    public static func parse(_ text: String) throws(PathSyntaxError) -> JSONPath {
        if text.isEmpty || text == "." { return .root }
        let path: JSONPath
        if let simple = simplePath(text) { path = simple } else { path = try parseGeneral(text) }
        guard path.components.count <= maximumSteps else {
            throw PathSyntaxError(message: "a path of more than \(maximumSteps) steps (\(path.components.count))", column: 1)
        }
        return path
    }

    /// The full parser alone, without the ``simplePath(_:)`` fast path (tests pin one to the other).
    static func parseGeneral(_ text: String) throws(PathSyntaxError) -> JSONPath {
        if text.isEmpty || text == "." { return .root }
        let scalars = Array(text.unicodeScalars)
        if scalars[0] == "/" { return try parsePointer(text) }
        var cursor = Cursor(scalars: scalars)
        var components: [JSONPath.Component] = []
        if cursor.peek == "." { cursor.index += 1 }
        var expectKey = true
        while let scalar = cursor.peek {
            if scalar == "[" {
                components.append(try cursor.bracket())
                expectKey = false
                continue
            }
            if !expectKey {
                guard scalar == "." else {
                    throw cursor.error("expected '.' or '[' after \(JSONPath(components)), found '\(scalar)'")
                }
                cursor.index += 1
            }
            components.append(.key(try cursor.key()))
            expectKey = false
        }
        if expectKey && components.isEmpty { throw cursor.error("empty path") }
        return JSONPath(components)
    }

    /// The common shape, `a.b[0].c` with ASCII names and decimal indices, read straight from
    /// the UTF-8 bytes; `nil` for anything else (the full parser then decides).
    static func simplePath(_ text: String) -> JSONPath? {
        var text = text
        return text.withUTF8 { bytes -> JSONPath? in
            var steps = 1
            for byte in bytes where byte == UInt8(ascii: ".") || byte == UInt8(ascii: "[") { steps += 1 }
            var components: [JSONPath.Component] = []
            components.reserveCapacity(steps)
            var i = bytes.first == UInt8(ascii: ".") ? 1 : 0
            var expectKey = true
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "[") {
                    guard let (index, end) = simpleIndex(bytes, from: i + 1) else { return nil }
                    components.append(.index(index))
                    i = end
                    expectKey = false
                    continue
                }
                if !expectKey {
                    guard bytes[i] == UInt8(ascii: ".") else { return nil }
                    i += 1
                }
                let start = i
                guard i < bytes.count, isSimpleStart(bytes[i]) else { return nil }
                while i < bytes.count, isSimpleByte(bytes[i]) { i += 1 }
                if i < bytes.count, bytes[i] != UInt8(ascii: "."), bytes[i] != UInt8(ascii: "[") { return nil }
                components.append(.key(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)))
                expectKey = false
            }
            return components.isEmpty ? nil : JSONPath(components)
        }
    }

    /// `-?digits]` from `start`: the index and the offset after `]`; `nil` for anything else.
    private static func simpleIndex(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Int)? {
        var i = start
        let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digitsStart = i
        var value = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            guard i - digitsStart < 18 else { return nil }  // no overflow: longer ones go to the full parser
            value = value * 10 + Int(bytes[i] - 0x30)
            i += 1
        }
        guard i > digitsStart, i < bytes.count, bytes[i] == UInt8(ascii: "]") else { return nil }
        return (negative ? -value : value, i + 1)
    }

    private static func isSimpleStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
    }

    private static func isSimpleByte(_ b: UInt8) -> Bool {
        isSimpleStart(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-")
    }

    /// Parses an RFC 6901 JSON Pointer (`/a/0/b`); all-digit steps become indices.
    public static func parsePointer(_ text: String) throws(PathSyntaxError) -> JSONPath {
        if text.isEmpty { return JSONPath(exactKeys: true) }
        guard text.hasPrefix("/") else {
            throw PathSyntaxError(message: "a JSON Pointer must start with '/'", column: 1)
        }
        var components: [JSONPath.Component] = []
        var column = 2
        for token in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            if token.contains("~") {
                var rest = Substring(token)
                while let tilde = rest.firstIndex(of: "~") {
                    let next = rest.index(after: tilde)
                    guard next < rest.endIndex, rest[next] == "0" || rest[next] == "1" else {
                        throw PathSyntaxError(message: "'~' must be followed by 0 or 1 in a JSON Pointer", column: column)
                    }
                    rest = rest[rest.index(after: next)...]
                }
            }
            let name = JSONPath.pointerUnescaped(token)
            if !name.isEmpty, name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                name == "0" || !name.hasPrefix("0"), let index = Int(name)
            {
                components.append(.index(index))
            } else {
                components.append(.key(String(name)))
            }
            column += token.count + 1
            if components.count > maximumSteps {
                throw PathSyntaxError(message: "a path of more than \(maximumSteps) steps", column: column)
            }
        }
        return JSONPath(components, exactKeys: true)
    }

    private struct Cursor {
        let scalars: [Unicode.Scalar]
        var index = 0

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        func error(_ message: String) -> PathSyntaxError {
            PathSyntaxError(message: message, column: index + 1)
        }

        mutating func key() throws(PathSyntaxError) -> String {
            guard let first = peek else { throw error("expected a member name after '.'") }
            if first == "\"" || first == "'" { return try quoted() }
            let start = index
            if first == "@" {
                while let s = peek, s != "[" { index += 1 }
            } else {
                while let s = peek, JSONPath.isBareKeyScalar(s) { index += 1 }
            }
            guard index > start else { throw error("unexpected '\(first)' in path: expected a member name") }
            var name = ""
            name.unicodeScalars.append(contentsOf: scalars[start..<index])
            return name
        }

        mutating func quoted() throws(PathSyntaxError) -> String {
            let quote = scalars[index]
            let open = index
            index += 1
            var name = ""
            while let s = peek {
                index += 1
                if s == quote { return name }
                if s == "\\" && quote == "\"" {
                    guard let escaped = peek else { break }
                    index += 1
                    switch escaped {
                    case "n": name += "\n"
                    case "t": name += "\t"
                    default: name.unicodeScalars.append(escaped)
                    }
                } else {
                    name.unicodeScalars.append(s)
                }
            }
            throw PathSyntaxError(message: "unterminated quoted member name", column: open + 1)
        }

        mutating func bracket() throws(PathSyntaxError) -> JSONPath.Component {
            let open = index
            index += 1
            if let s = peek, s == "\"" || s == "'" {
                let name = try quoted()
                guard peek == "]" else { throw error("expected ']' after quoted member name") }
                index += 1
                return .key(name)
            }
            let start = index
            if peek == "-" { index += 1 }
            while let s = peek, ("0"..."9").contains(s) { index += 1 }
            var digits = ""
            digits.unicodeScalars.append(contentsOf: scalars[start..<index])
            guard let value = Int(digits) else {
                if peek == "]" || peek == nil {
                    throw PathSyntaxError(message: "expected an index between '[' and ']'", column: open + 1)
                }
                throw error("unexpected '\(peek.map(String.init) ?? "")' in index: expected digits")
            }
            guard peek == "]" else { throw error("expected ']' to close the index opened at column \(open + 1)") }
            index += 1
            return .index(value)
        }
    }
}

/// A path that could not be read: what is wrong and at which 1-based column.
public struct PathSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public init(message: String, column: Int) {
        self.message = message
        self.column = column
    }

    public var description: String { "column \(column): \(message)" }
}
