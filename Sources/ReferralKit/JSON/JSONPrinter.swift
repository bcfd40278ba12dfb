/// Prints ``JSONValue``s as JSON text: pretty (indented, one member per line, like the Partner
/// Center documentation's examples) or compact (no whitespace at all).
///
/// Keys keep their order, numbers their literal, and non-ASCII text is written as is.
public struct JSONPrinter: Sendable {
    /// Layout of the printed text.
    public enum Layout: Sendable, Equatable {
        /// Indented by `indent` spaces a level, `"key": value`.
        case pretty(indent: Int)
        /// No whitespace: `{"key":value}`.
        case compact
    }

    /// The layout.
    public var layout: Layout
    /// ANSI colours for terminals; `nil` prints plain text.
    public var colors: JSONColors?

    /// A printer with the given layout, plain by default.
    public init(layout: Layout = .pretty(indent: 2), colors: JSONColors? = nil) {
        self.layout = layout
        self.colors = colors
    }

    /// Pretty, 2-space indent, plain.
    public static let pretty = JSONPrinter()
    /// Compact, plain.
    public static let compact = JSONPrinter(layout: .compact)

    /// The JSON text of `value` (no trailing newline).
    public func print(_ value: JSONValue) -> String {
        var out = ""
        write(value, level: 0, into: &out)
        return out
    }

    private func write(_ value: JSONValue, level: Int, into out: inout String) {
        switch value {
        case .null: colored("null", colors?.literal, into: &out)
        case .bool(let b): colored(b ? "true" : "false", colors?.literal, into: &out)
        case .number(let n): colored(n.literal, colors?.number, into: &out)
        case .string(let s): colored(Self.quoted(s), colors?.string, into: &out)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1, into: &out)
                write(element, level: level + 1, into: &out)
            }
            newline(level, into: &out)
            out += "]"
        case .object(let object):
            if object.isEmpty { out += "{}"; return }
            out += "{"
            var first = true
            for (key, member) in object {
                if !first { out += "," }
                first = false
                newline(level + 1, into: &out)
                colored(Self.quoted(key), colors?.key, into: &out)
                out += layout == .compact ? ":" : ": "
                write(member, level: level + 1, into: &out)
            }
            newline(level, into: &out)
            out += "}"
        }
    }

    private func newline(_ level: Int, into out: inout String) {
        guard case .pretty(let indent) = layout else { return }
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    private func colored(_ text: String, _ code: String?, into out: inout String) {
        guard let code else { out += text; return }
        out += "\u{1B}[" + code + "m" + text + "\u{1B}[0m"
    }

    /// `text` as a JSON string literal, escaping only what JSON requires.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }
}

/// ANSI SGR codes for each kind of JSON token.
public struct JSONColors: Sendable, Equatable {
    public var key: String
    public var string: String
    public var number: String
    public var literal: String

    public init(key: String, string: String, number: String, literal: String) {
        self.key = key
        self.string = string
        self.number = number
        self.literal = literal
    }

    /// Blue keys, green strings, cyan numbers, magenta literals: the jq palette.
    public static let standard = JSONColors(key: "34;1", string: "32", number: "36", literal: "35")
}
