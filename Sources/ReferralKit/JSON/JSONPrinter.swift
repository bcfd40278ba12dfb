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
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The JSON text of `value` as UTF-8 bytes (what a server sends).
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, level: 0, into: &out)
        return out
    }

    /// The JSON text of `object` with `leading` members written before its own (which replace
    /// any member of the same name): what a server sends when it adds `@odata.context` to a
    /// stored resource, without building a copy of the resource first.
    public func bytes(_ object: JSONObject, leading: [(key: String, value: JSONValue)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        var index = 0
        var own = object.makeIterator()
        writeObject(
            next: {
                if index < leading.count {
                    index += 1
                    return (leading[index - 1].key, leading[index - 1].value)
                }
                while let member = own.next() {
                    if !leading.contains(where: { $0.key == member.key }) { return (member.key, member.value) }
                }
                return nil
            }, level: 0, into: &out)
        return out
    }

    private func write(_ value: JSONValue, level: Int, into out: inout [UInt8]) {
        switch value {
        case .null: colored(into: &out, colors?.literal) { $0.append(contentsOf: "null".utf8) }
        case .bool(let b): colored(into: &out, colors?.literal) { $0.append(contentsOf: (b ? "true" : "false").utf8) }
        case .number(let n): colored(into: &out, colors?.number) { $0.append(contentsOf: n.literal.utf8) }
        case .string(let s): colored(into: &out, colors?.string) { Self.appendQuoted(s, to: &$0) }
        case .array(let elements):
            if elements.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1, into: &out)
                write(element, level: level + 1, into: &out)
            }
            newline(level, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            var members = object.makeIterator()
            writeObject(next: { members.next().map { ($0.key, $0.value) } }, level: level, into: &out)
        }
    }

    /// An object whose members `next` hands out in order.
    private func writeObject(next: () -> (String, JSONValue)?, level: Int, into out: inout [UInt8]) {
        guard var member = next() else { out.append(contentsOf: "{}".utf8); return }
        out.append(UInt8(ascii: "{"))
        var first = true
        while true {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            newline(level + 1, into: &out)
            colored(into: &out, colors?.key) { Self.appendQuoted(member.0, to: &$0) }
            out.append(UInt8(ascii: ":"))
            if layout != .compact { out.append(UInt8(ascii: " ")) }
            write(member.1, level: level + 1, into: &out)
            guard let following = next() else { break }
            member = following
        }
        newline(level, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    private func newline(_ level: Int, into out: inout [UInt8]) {
        guard case .pretty(let indent) = layout else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private func colored(into out: inout [UInt8], _ code: String?, _ body: (inout [UInt8]) -> Void) {
        guard let code else { body(&out); return }
        out.append(contentsOf: ("\u{1B}[" + code + "m").utf8)
        body(&out)
        out.append(contentsOf: "\u{1B}[0m".utf8)
    }

    /// `text` as a JSON string literal, escaping only what JSON requires (and DEL).
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Most strings need no escape: copy them in one go.
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0..<0x20, 0x7F:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
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
