/// A JSON number kept as the literal it was written as, so `50000` never becomes `50000.0`
/// and `0.1` stays exactly `0.1`.
///
/// Two numbers are equal when they denote the same value (`1`, `1.0` and `10e-1` are equal).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written (a valid JSON number literal).
    public let literal: String

    /// A number from an integer.
    public init(_ value: Int) { literal = String(value) }

    /// A number from a JSON number literal; `nil` when `literal` is not one.
    public init?(literal: String) {
        var text = literal
        let valid = text.withUTF8 { bytes in
            var scanner = NumberScanner(bytes: bytes, index: 0)
            return scanner.scan() && scanner.index == bytes.count
        }
        guard valid else { return nil }
        self.literal = text
    }

    /// A number from a literal already checked by the JSON parser.
    init(checkedLiteral: String) { literal = checkedLiteral }

    public var description: String { literal }

    /// The value as an `Int` when it is integral and fits.
    public var intValue: Int? {
        if let exact = Int(literal) { return exact }
        let c = canonical
        guard c.exponent >= 0, c.digits.count + c.exponent <= 18 else { return c.digits == "0" ? 0 : nil }
        guard let magnitude = Int(c.digits + String(repeating: "0", count: c.exponent)) else { return nil }
        return c.negative ? -magnitude : magnitude
    }

    /// The value as a `Double` (may round).
    public var doubleValue: Double { Double(literal) ?? .nan }

    /// Whether the value lies outside .NET's `decimal` (about ±7.9e28), the service's decimal type.
    public var exceedsDecimalRange: Bool {
        // At most 28 characters and no exponent means at most 28 integer digits, below 1e28: the
        // common case, decided without building the canonical form.
        if literal.utf8.count <= 28, !literal.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            return false
        }
        return exceedsDecimalRangeGeneral
    }

    /// ``exceedsDecimalRange`` decided from the canonical form alone, without the short-literal fast path.
    var exceedsDecimalRangeGeneral: Bool {
        let c = canonical
        return c.digits != "0"
            && (c.digits.count + c.exponent > 29
                || (c.digits.count + c.exponent == 29 && c.digits > "79228162514264337593543950335"))
    }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.literal == rhs.literal { return true }
        // Two integers written plainly are different numbers when written differently: decided
        // without building canonical forms (which was most of what a diff of an edit cost).
        if lhs.isPlainInteger, rhs.isPlainInteger { return false }
        return lhs.canonical == rhs.canonical
    }

    /// Whether the literal is an integer with no fraction, exponent or leading zero, and not zero
    /// (`-0` equals `0`): then no other such literal denotes the same number. A property test
    /// holds `==` to the canonical forms.
    var isPlainInteger: Bool {
        var digits = literal.utf8[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard let first = digits.first, first != UInt8(ascii: "0") else { return false }
        return digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }

    /// Orders by value.
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        let (a, b) = (lhs.canonical, rhs.canonical)
        if a == b { return false }
        if a.negative != b.negative { return a.negative }
        let magnitudeLess = Self.magnitudeLess(a, b)
        return a.negative ? !magnitudeLess : magnitudeLess
    }

    private static func magnitudeLess(_ a: Canonical, _ b: Canonical) -> Bool {
        if a.digits == "0" { return b.digits != "0" }
        if b.digits == "0" { return false }
        // Compare by position of the most significant digit first, then digit by digit.
        let aTop = a.digits.count + a.exponent, bTop = b.digits.count + b.exponent
        if aTop != bTop { return aTop < bTop }
        let width = max(a.digits.count, b.digits.count)
        let ap = a.digits + String(repeating: "0", count: width - a.digits.count)
        let bp = b.digits + String(repeating: "0", count: width - b.digits.count)
        return ap < bp
    }

    /// Sign, significant digits without leading or trailing zeros, and the power of ten they are scaled by.
    struct Canonical: Hashable {
        var negative: Bool
        var digits: String
        var exponent: Int
    }

    var canonical: Canonical {
        var negative = false
        var intPart = Substring(), fracPart = Substring(), exp = 0
        var rest = Substring(literal)
        if rest.first == "-" { negative = true; rest = rest.dropFirst() }
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let text = rest[rest.index(after: e)...].filter { $0 != "+" }
            // Absurd exponents saturate rather than trap; such numbers still compare sensibly.
            exp = Int(text) ?? (text.hasPrefix("-") ? Int.min / 4 : Int.max / 4)
            rest = rest[..<e]
        }
        if let dot = rest.firstIndex(of: ".") {
            intPart = rest[..<dot]
            fracPart = rest[rest.index(after: dot)...]
        } else {
            intPart = rest
        }
        var digits = String(intPart) + fracPart
        var exponent = exp - fracPart.count
        while digits.count > 1, digits.first == "0" { digits.removeFirst() }
        while digits.count > 1, digits.last == "0" { digits.removeLast(); exponent += 1 }
        if digits == "0" { return Canonical(negative: false, digits: "0", exponent: 0) }
        return Canonical(negative: negative, digits: digits, exponent: exponent)
    }
}

/// Scans the JSON number grammar; shared by the parser and `JSONNumber(literal:)`.
struct NumberScanner<Bytes: RandomAccessCollection<UInt8>> where Bytes.Index == Int {
    let bytes: Bytes
    var index: Int

    private func byte(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }
    private static func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

    /// Advances over one number; returns false (index at the offending byte) when malformed.
    mutating func scan() -> Bool {
        if byte() == UInt8(ascii: "-") { index += 1 }
        guard Self.isDigit(byte()) else { return false }
        if byte() == UInt8(ascii: "0") {
            index += 1
            if Self.isDigit(byte()) { return false }
        } else {
            while Self.isDigit(byte()) { index += 1 }
        }
        if byte() == UInt8(ascii: ".") {
            index += 1
            guard Self.isDigit(byte()) else { return false }
            while Self.isDigit(byte()) { index += 1 }
        }
        if byte() == UInt8(ascii: "e") || byte() == UInt8(ascii: "E") {
            index += 1
            if byte() == UInt8(ascii: "+") || byte() == UInt8(ascii: "-") { index += 1 }
            guard Self.isDigit(byte()) else { return false }
            while Self.isDigit(byte()) { index += 1 }
        }
        return true
    }
}
