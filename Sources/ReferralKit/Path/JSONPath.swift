/// A location inside a JSON value: a list of member names and array indices, as in jq.
///
/// Written as `details.dealValue`, `customerProfile.team[0].email`, `team[-1]` (from the end),
/// `"odd key".x`; see ``JSONPathParser`` for the grammar. The empty path is the whole value.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        /// A member name (matched exactly, else ignoring case).
        case key(String)
        /// An array index; negative counts from the end (`-1` is the last element).
        case index(Int)
    }

    /// The steps, outermost first.
    public var components: [Component]

    /// Whether member names must match exactly (JSON Pointers) rather than ignoring case when
    /// no exact match exists (refsh paths).
    public var exactKeys: Bool

    /// A path of the given steps.
    public init(_ components: [Component] = [], exactKeys: Bool = false) {
        self.components = components
        self.exactKeys = exactKeys
    }

    /// The path of the whole value.
    public static let root = JSONPath()

    /// Whether this is the whole value.
    public var isRoot: Bool { components.isEmpty }

    /// This path extended by one step.
    public func appending(_ component: Component) -> JSONPath {
        JSONPath(components + [component], exactKeys: exactKeys)
    }

    /// This path without its last step (the root stays the root).
    public var parent: JSONPath { JSONPath(Array(components.dropLast()), exactKeys: exactKeys) }

    /// The path in refsh notation: `customerProfile.team[0].email`; the root prints as `.`.
    public var description: String {
        if components.isEmpty { return "." }
        var out = ""
        for component in components {
            switch component {
            case .key(let name):
                if !out.isEmpty { out += "." }
                out += Self.isBareKey(name) ? name : JSONPrinter.quoted(name)
            case .index(let i):
                out += "[\(i)]"
            }
        }
        return out
    }

    /// The path as an RFC 6901 JSON Pointer, e.g. `/customerProfile/team/0/email`.
    /// Negative indices must have been resolved first (see ``JSONValue/resolve(_:)``).
    public var pointer: String {
        var out = ""
        for component in components {
            out += "/"
            switch component {
            case .key(let name):
                out += Self.pointerEscaped(name)
            case .index(let i):
                out += String(i)
            }
        }
        return out
    }

    /// `name` as a JSON Pointer token: `~` as `~0`, `/` as `~1` (RFC 6901). Most names have
    /// neither and are returned as they are without a search-and-replace (which showed in a bulk
    /// loop's profile: a patch's pointers are made for every referral).
    public static func pointerEscaped(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return name }
        return name.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// A JSON Pointer token as the name it spells: `~1` as `/`, then `~0` as `~` (RFC 6901). A
    /// token without `~` is the name as it is (the sandbox reads every PATCH's pointers: the two
    /// replacements were an eighth of its time).
    static func pointerUnescaped(_ token: Substring) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return String(token) }
        return String(token.replacing("~1", with: "/").replacing("~0", with: "~"))
    }

    /// ``pointerUnescaped(_:)`` of a whole string.
    static func pointerUnescaped(_ token: String) -> String { pointerUnescaped(token[...]) }

    /// Whether a member name can be written without quotes in a path.
    public static func isBareKey(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        if first == "@" { return !name.contains("[") && !name.contains(" ") }
        if ("0"..."9").contains(first) || first == "-" { return false }
        return name.unicodeScalars.allSatisfy(isBareKeyScalar)
    }

    static func isBareKeyScalar(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s == "-" || s == "$" || s == "@" || s.properties.isAlphabetic || ("0"..."9").contains(s)
    }
}
