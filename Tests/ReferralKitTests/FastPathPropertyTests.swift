import PropertyBased
import Testing

@testable import ReferralKit

/// Pins ReferralKit's fast paths to the general code they shortcut: over generated inputs, the
/// answer with the fast path (the value, or the error and its column) is the general code's, so an
/// optimisation can never change an answer unnoticed.
@Suite struct FastPathPropertyTests {
    /// `JSONPathParser.parse` (the `simplePath` fast path first) against `parseGeneral` alone.
    @Test func simplePathAgreesWithTheGeneralPathParser() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SplitMix64(seed: seed)
            for _ in 0..<25 {
                let text = PathTexts.text(rng: &rng)
                let fast = Result { () throws(PathSyntaxError) in try JSONPathParser.parse(text) }
                let general = Result { () throws(PathSyntaxError) in try JSONPathParser.parseGeneral(text) }
                #expect(fast == general, "seed \(seed), path \(String(reflecting: text)): \(spelled(fast)) vs \(spelled(general))")
                if let simple = JSONPathParser.simplePath(text) {
                    #expect(general == .success(simple), "seed \(seed), path \(String(reflecting: text)): \(simple.components)")
                }
            }
        }
    }

    /// `JSONNumber.exceedsDecimalRange` (the short-literal fast path first) against the canonical form alone.
    @Test func decimalRangeFastPathAgreesWithTheCanonicalForm() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SplitMix64(seed: seed)
            for _ in 0..<25 {
                let text = NumberTexts.literal(rng: &rng)
                guard let number = JSONNumber(literal: text) else {
                    Issue.record("seed \(seed): the generator made \(String(reflecting: text)), not a JSON number")
                    continue
                }
                #expect(number.exceedsDecimalRange == number.exceedsDecimalRangeGeneral, "seed \(seed), literal \(text)")
            }
        }
    }

    /// `JSONNumber ==` (two plain integers written differently are unequal at once) against
    /// comparing canonical forms: literals against re-spellings of the same number (`.0`, `e0`,
    /// a leading zero, `-0`), against neighbours and against other literals.
    @Test func numberEqualityAgreesWithTheCanonicalForms() async {
        let fixed = [("0", "-0"), ("1", "1.0"), ("-1", "-1"), ("10", "1e1"), ("7", "07"), ("-5", "5"), ("12", "12.000")]
        for (a, b) in fixed {
            guard let x = JSONNumber(literal: a), let y = JSONNumber(literal: b) else { continue }
            #expect((x == y) == (x.canonical == y.canonical), "\(a) vs \(b)")
        }
        var rng = SplitMix64(seed: 0x0E9A1)
        var equal = 0, unequal = 0, plain = 0
        for _ in 0..<5000 {
            let a = Int.random(in: 0..<2, using: &rng) == 0 ? NumberTexts.sign(&rng) + NumberTexts.integer(&rng) : NumberTexts.literal(rng: &rng)
            let b: String
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: b = a.contains(where: { ".eE".contains($0) }) ? a + "0" : a + pick([".0", "e0", ".000"], &rng)
            case 1: b = a.hasPrefix("-") ? String(a.dropFirst()) : "-" + a
            case 2: b = String(a.dropLast()) + pick(Array("0123456789"), &rng).description
            default: b = Int.random(in: 0..<2, using: &rng) == 0 ? NumberTexts.sign(&rng) + NumberTexts.integer(&rng) : NumberTexts.literal(rng: &rng)
            }
            guard let x = JSONNumber(literal: a), let y = JSONNumber(literal: b) else { continue }
            #expect((x == y) == (x.canonical == y.canonical), "\(a) vs \(b)")
            if x == y { equal += 1 } else { unequal += 1 }
            if x.isPlainInteger, y.isPlainInteger, a != b { plain += 1 }
        }
        #expect(equal > 1000 && unequal > 1000 && plain > 500, "\(equal) equal, \(unequal) not, \(plain) decided at once")
    }

    /// `JSONPath.pointerEscaped` and `pointerUnescaped` (a name without `~` or `/`, a token
    /// without `~`, as it is) against RFC 6901's two replacements applied to every name; about
    /// half the names generated have one of the two characters.
    @Test func pointerEscapingAgreesWithTheReplacements() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let alphabet = Array("ab~/01é ")
            for _ in 0..<25 {
                let name = String((0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
                let general = name.replacing("~", with: "~0").replacing("/", with: "~1")
                #expect(JSONPath.pointerEscaped(name) == general, "seed \(seed), name \(String(reflecting: name))")
                let unescaped = name.replacing("~1", with: "/").replacing("~0", with: "~")
                #expect(JSONPath.pointerUnescaped(name) == unescaped, "seed \(seed), token \(String(reflecting: name))")
                #expect(JSONPath.pointerUnescaped(name[...]) == unescaped, "seed \(seed), token \(String(reflecting: name))")
            }
        }
    }

    /// `FieldSet`'s lookups (an index by name) against a scan of the schema's lists: for every
    /// documented object, each member name as it is, in other cases and misspelt, and names of
    /// other objects, found exactly as `first(where:)` finds them.
    @Test func fieldSetLookupsAgreeWithAScan() {
        var lists: [FieldSet] = [ReferralSchema.fields]
        var index = 0
        while index < lists.count {
            for field in lists[index] {
                var type = field.type
                while case .array(let element) = type { type = element }
                if case .object(let inner) = type { lists.append(inner) }
            }
            index += 1
        }
        #expect(lists.count > 10)
        let names = lists.flatMap { $0.map(\.name) }
        let probes = names + names.map { $0.uppercased() } + names.map { $0.lowercased() } + names.map { $0 + "x" } + ["", "ÉTAT", "id"]
        for fields in lists {
            for name in probes {
                let exact = fields.first { $0.name == name }
                let folded = exact ?? fields.first { $0.name.lowercased() == name.lowercased() }
                #expect(fields.named(name)?.name == exact?.name, "\(name)")
                #expect(fields.named(ignoringCase: name)?.name == folded?.name, "\(name)")
            }
        }
    }

    /// `ReferralValidator.issuesOfChanges` (members equal to the baseline's skipped) against
    /// validating everything and filtering: the same issues in the same order, for edits of the
    /// documented example at documented paths with values good and bad, against baselines that
    /// carry odd values of their own (as production sends them).
    @Test func issuesOfChangesAgreesWithValidatingEverything() async throws {
        let example = try JSONParser.parse(try Fixtures.text("referral-active.json"))
        var paths: [JSONPath] = []
        func walk(_ fields: FieldSet, _ prefix: [JSONPath.Component]) {
            for field in fields {
                let path = prefix + [.key(field.name)]
                paths.append(JSONPath(path, exactKeys: true))
                switch field.type {
                case .object(let inner): walk(inner, path)
                case .array(.object(let inner)): walk(inner, path + [.index(0)])
                default: break
                }
            }
        }
        walk(ReferralSchema.fields, [])
        let documented = paths
        let values: [JSONValue] = [
            "Closed", "Won", "Bogus", "USD", "usd", "2020-01-01T00:00:00Z", "yesterday", 5, 50000, -1, true, .null, [], ["a"], ["x": 1],
            .array([.null]),
        ]
        @Sendable func edited(_ value: JSONValue, edits: Int, _ rng: inout SplitMix64) -> JSONValue {
            var result = value
            for _ in 0..<edits {
                let path = documented[Int(rng.next() % UInt64(documented.count))]
                try? result.set(values[Int(rng.next() % UInt64(values.count))], at: path)
            }
            return result
        }
        @Sendable func pair(_ seed: UInt64) -> (working: JSONValue, baseline: JSONValue) {
            var rng = SplitMix64(seed: seed)
            let baseline = edited(example, edits: Int(rng.next() % 3), &rng)
            return (edited(baseline, edits: 1 + Int(rng.next() % 4), &rng), baseline)
        }
        await propertyCheck(count: 100, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let (working, baseline) = pair(seed)
            let fast = ReferralValidator.issuesOfChanges(working, baseline: baseline)
            let general = ReferralValidator.issuesOfChangesGeneral(working, baseline: baseline)
            #expect(fast == general, "seed \(seed): \(fast) vs \(general)")
        }
        let withIssues = (0..<100 as Range<UInt64>).filter { seed in
            let (working, baseline) = pair(seed)
            return !ReferralValidator.issuesOfChangesGeneral(working, baseline: baseline).isEmpty
        }
        #expect(withIssues.count >= 20, "only \(withIssues.count) of 100 edits had an issue: the generator is too tame")
    }

    /// `ReferralValidator.passesAtOnce` (members a validation skips without a path) against the
    /// full check: whatever it lets pass, the full check finds nothing wrong with. Every type of
    /// the schema, against values of every kind, good and bad, and values on and off each enum's
    /// list.
    @Test func membersPassedAtOnceHaveNoIssues() {
        var types: [FieldType] = [.anyValue]
        func walk(_ fields: FieldSet) {
            for field in fields {
                types.append(field.type)
                if case .object(let inner) = field.type { walk(inner) }
                if case .array(let element) = field.type {
                    types.append(element)
                    if case .object(let inner) = element { walk(inner) }
                }
            }
        }
        walk(ReferralSchema.fields)
        var values: [JSONValue] = [
            .null, "", "text", "USD", "usd", "US", "2020-01-01T00:00:00Z", "yesterday", 5, 50000, -1, .number(JSONNumber(literal: "1.5")!), true,
            false, [], ["a"], [.null],
            ["x": 1], .number(JSONNumber(literal: "1e30")!), .number(JSONNumber(literal: "79228162514264337593543950335")!),
            .number(JSONNumber(literal: "79228162514264337593543950336")!),
        ]
        for type in types {
            if case .enumeration(let definition) = type { values += definition.values.map(JSONValue.string) + ["Bogus", "closed"] }
        }
        var passed = 0, checked = 0
        for type in types {
            for value in values {
                var issues: [ValidationIssue] = []
                ReferralValidator.check(value, as: type, at: .root, into: &issues)
                if ReferralValidator.passesAtOnce(value, as: type) {
                    passed += 1
                    #expect(issues.isEmpty, "\(value) as \(type.summary): let pass, but \(issues)")
                } else {
                    checked += 1
                }
            }
        }
        #expect(passed > 500 && checked > 500, "\(passed) passed at once, \(checked) checked in full: both must be common")
    }

    /// `JSONObject ==` (members in the same order compared by position) against equality
    /// without regard to order written out in full, for objects and copies of them with members
    /// reordered, changed, renamed or dropped at any depth.
    @Test func objectEqualityAgreesWithEqualityInAnyOrder() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SplitMix64(seed: seed)
            for _ in 0..<10 {
                let value = JSONValues.object(depth: 3, rng: &rng)
                let other = JSONValues.variant(of: value, rng: &rng)
                #expect((value == other) == JSONValues.sameInAnyOrder(value, other), "seed \(seed): \(value) vs \(other)")
                #expect(value == value)
            }
        }
        var rng = SplitMix64(seed: 7)
        let pairs = (0..<500).map { _ in
            let value = JSONValues.object(depth: 3, rng: &rng)
            return (value, JSONValues.variant(of: value, rng: &rng))
        }
        let equal = pairs.filter { $0.0 == $0.1 }.count
        #expect(equal > 100 && equal < 400, "\(equal) of 500 variants equal: both answers must be common")
    }

    /// A JSON string's text (ASCII taken as it is, other text validated) against the standard
    /// library's UTF-8 validation of the same bytes: the same text, or the invalid-UTF-8 error,
    /// for byte runs mixing ASCII, valid multi-byte sequences and broken ones.
    @Test func stringTextAgreesWithUTF8Validation() async {
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("Z9 ".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0xFF], [0xC3], [0xE2, 0x82], [0x80],
        ]
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SplitMix64(seed: seed)
            for _ in 0..<25 {
                let bytes = (0..<Int(rng.next() % 6)).flatMap { _ in pieces[Int(rng.next() % UInt64(rng.next() % 3 == 0 ? 9 : 3))] }
                let parsed = Result { () throws(JSONParseError) in try JSONParser.parse(bytes: [0x22] + bytes + [0x22]) }
                if let text = String(validating: bytes, as: UTF8.self) {
                    #expect(parsed == .success(.string(text)), "seed \(seed), bytes \(bytes)")
                } else {
                    guard case .failure(let error) = parsed else {
                        Issue.record("seed \(seed), bytes \(bytes): parsed as \(parsed)")
                        continue
                    }
                    #expect(error.message.contains("invalid UTF-8"), "seed \(seed), bytes \(bytes): \(error)")
                }
            }
        }
    }

    /// The generators are only worth something if they reach both sides of each fast path often.
    @Test func generatorsReachBothSidesOfEachFastPath() {
        var rng = SplitMix64(seed: 0x5EED)
        var simple = 0, general = 0, errors = 0
        for _ in 0..<2000 {
            let text = PathTexts.text(rng: &rng)
            if JSONPathParser.simplePath(text) != nil { simple += 1 } else { general += 1 }
            if (try? JSONPathParser.parseGeneral(text)) == nil { errors += 1 }
        }
        #expect(simple >= 600 && general >= 600 && errors >= 300, "\(simple) fast, \(general) general, \(errors) errors")

        var short = 0, long = 0, outside = 0, justInside = 0
        for _ in 0..<2000 {
            guard let number = JSONNumber(literal: NumberTexts.literal(rng: &rng)) else { continue }
            let literal = number.literal.utf8  // classified as the fast path decides
            if literal.count <= 28, !literal.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
                short += 1
            } else {
                long += 1
                if number.exceedsDecimalRangeGeneral { outside += 1 } else { justInside += 1 }
            }
        }
        #expect(
            short >= 400 && long >= 400 && outside >= 200 && justInside >= 200,
            "\(short) short, \(long) long: \(outside) outside, \(justInside) inside")
    }
}

/// Path texts: mostly the shape `simplePath` takes (`a.b[0].c`), and shapes just past its edges:
/// neighbouring characters, long names and indices, quotes, `@` names, pointers, unicode, edits.
private enum PathTexts {
    static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)
    static let starts = letters + ["_", "$"]
    static let rest = starts + Array("0123456789-".unicodeScalars)
    /// Characters just outside the fast path's set (`@` `[` `` ` `` `{` `/` `:` `,` `.` `#` `%` `^`…)
    /// or special to the general parser, and non-ASCII ones (letters the general parser accepts too).
    static let edge: [Unicode.Scalar] =
        Array("@[]`{}/:.,#%^~'\"\\ \t*+()=!?é߀ßΩ日🎉１".unicodeScalars)
        + ["\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{301}", "\u{FEFF}"]
    static let fixed = [
        "", ".", "..", "...", "[", "]", "[]", "[-]", "/", "//", "@", "$", "-", "_", "0", "a", ".a", "a.", ".[0]",
        "a..b", "a[0]b", "a[0].", "[0][1]", "a[01]", "a[-0]", "a[+1]", "a[ 1]", "a[1 ]", "a[0x1]", "a['b']",
        "a[\"b\"]", "\"a\"", "'a'.b", "@odata.context", "a.@b.c", "/a/0", "/a/~1/~0", "/~2", "a/b", "é", "aé.b",
    ]

    static func text(rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0: return pick(fixed, &rng)
        case 1...9: return simple(&rng)
        case 10...13: return withEdgyStep(&rng)
        case 14: return "/" + (0..<Int.random(in: 0...4, using: &rng)).map { _ in pointerStep(&rng) }.joined(separator: "/")
        default: return edited(simple(&rng), &rng)
        }
    }

    /// `a.b[0].c`-shaped, sometimes with a leading `.`, many steps, long names or 17–20 digit indices.
    static func simple(_ rng: inout SplitMix64) -> String {
        var out = Int.random(in: 0..<8, using: &rng) == 0 ? "." : ""
        let steps = Int.random(in: 0..<10, using: &rng) == 0 ? Int.random(in: 7...40, using: &rng) : Int.random(in: 1...6, using: &rng)
        for step in 0..<steps {
            if Int.random(in: 0..<4, using: &rng) == 0 {
                out += index(&rng)
            } else {
                if step > 0 { out += "." }
                out += key(&rng)
            }
        }
        return out
    }

    static func key(_ rng: inout SplitMix64) -> String {
        let length = Int.random(in: 0..<20, using: &rng) == 0 ? Int.random(in: 30...300, using: &rng) : Int.random(in: 1...8, using: &rng)
        var name = String(pick(starts, &rng))
        for _ in 1..<length { name.unicodeScalars.append(pick(rest, &rng)) }
        return name
    }

    /// `[digits]`, `[-digits]`: leading zeros and lengths around the fast path's 18-digit limit included.
    static func index(_ rng: inout SplitMix64) -> String {
        let length = pick([1, 1, 1, 2, 3, 17, 18, 19, 20, 25], &rng)
        let sign = Int.random(in: 0..<4, using: &rng) == 0 ? "-" : ""
        return "[" + sign + String((0..<length).map { _ in pick(Array("0123456789"), &rng) }) + "]"
    }

    /// A simple path with one step replaced by one the fast path must leave to the general parser.
    static func withEdgyStep(_ rng: inout SplitMix64) -> String {
        let edgy: String
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: edgy = "." + key(&rng) + String(pick(edge, &rng)) + key(&rng)
        case 1: edgy = "." + pick(["0", "9", "-", "1a", "-a", "@a.b", "@", "$", "_"], &rng) + key(&rng)
        case 2: edgy = "." + pick(["\"", "'"], &rng) + key(&rng) + pick([" x", ".y", "\\\"z", "[0]", ""], &rng) + pick(["\"", "'", ""], &rng)
        case 3: edgy = "[" + pick(["'", "\""], &rng) + key(&rng) + pick(["'", "\""], &rng) + pick(["]", ""], &rng)
        case 4: edgy = pick(["[]", "[-]", "[+1]", "[ 1]", "[1", "[0x1]", "[１]", "[1.5]", "[--1]", "[1]]", "[[1]]"], &rng)
        case 5: edgy = pick(["..", ".", ". ", "[0]x", "[0]" + String(pick(edge, &rng))], &rng)
        case 6: edgy = "." + String(pick(letters, &rng)) + String(pick(edge, &rng))
        default: edgy = "[" + String(repeating: "9", count: Int.random(in: 18...21, using: &rng)) + "]"
        }
        let a = simple(&rng), b = Bool.random(using: &rng) ? simple(&rng) : ""
        return a + edgy + (b.isEmpty || b.hasPrefix(".") ? b : "." + b)
    }

    static func pointerStep(_ rng: inout SplitMix64) -> String {
        pick(["0", "01", "a", "~0", "~1", "~2", "~", "", "a b", "12345678901234567890", "é"], &rng)
    }

    /// `text` with one to three scalars inserted, replaced or removed.
    static func edited(_ text: String, _ rng: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let replacement = Bool.random(using: &rng) ? pick(edge, &rng) : pick(rest, &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where !scalars.isEmpty: scalars.remove(at: Int.random(in: 0..<scalars.count, using: &rng))
            case 1 where !scalars.isEmpty: scalars[Int.random(in: 0..<scalars.count, using: &rng)] = replacement
            default: scalars.insert(replacement, at: Int.random(in: 0...scalars.count, using: &rng))
            }
        }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }
}

/// JSON number literals around the decimal range's fast path: integers of 26–31 digits (the
/// maximum, 79228162514264337593543950335, and its neighbours), zeros, signs, fractions,
/// exponents in either case, and the literals `Double` and `Int` values print as.
private enum NumberTexts {
    static let maximum = "79228162514264337593543950335"
    static let nearMaximum = [
        maximum, "79228162514264337593543950336", "79228162514264337593543950334", "7922816251426433759354395033",
        "79228162514264337593543950335", "79228162514264337593543950340", "80000000000000000000000000000",
        "99999999999999999999999999999", "9999999999999999999999999999", "10000000000000000000000000000",
        "100000000000000000000000000000", "7922816251426433759354395034",
    ]

    static func literal(rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0:
            let magnitude = Double(sign: .plus, exponent: Int.random(in: 60...110, using: &rng), significand: Double.random(in: 1..<2, using: &rng))
            return String(Bool.random(using: &rng) ? magnitude : -magnitude)
        case 1:
            return JSONNumber(Int.random(in: Int.min...Int.max, using: &rng)).literal
        default:
            return sign(&rng) + integer(&rng) + fraction(&rng) + exponent(&rng)
        }
    }

    static func sign(_ rng: inout SplitMix64) -> String { Int.random(in: 0..<3, using: &rng) == 0 ? "-" : "" }

    static func integer(_ rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return "0"
        case 1, 2: return pick(nearMaximum, &rng)
        default:
            let length = pick([1, 2, 5, 15, 26, 27, 27, 28, 28, 28, 29, 29, 29, 29, 30, 30, 31, 40], &rng)
            let first = pick(Array("123456789"), &rng)
            return String(first) + String((1..<length).map { _ in pick(Array("0123456789"), &rng) })
        }
    }

    /// Nothing, or `.` and 1–30 digits: all zeros, trailing zeros and long fractions included.
    static func fraction(_ rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return "." + String(repeating: "0", count: Int.random(in: 1...30, using: &rng))
        case 1: return "." + String((0..<Int.random(in: 1...30, using: &rng)).map { _ in pick(Array("0123456789"), &rng) })
        case 2: return "." + pick(["5", "50", "1", "000000000000000000000000001"], &rng)
        default: return ""
        }
    }

    /// Nothing, or `e`/`E`, an optional sign and digits (leading zeros and huge values included).
    static func exponent(_ rng: inout SplitMix64) -> String {
        guard Int.random(in: 0..<4, using: &rng) == 0 else { return "" }
        let digits = pick(["0", "1", "2", "9", "27", "28", "29", "30", "0028", "100", "99999999999999999999"], &rng)
        return pick(["e", "E"], &rng) + pick(["", "+", "-"], &rng) + digits
    }
}

/// A parse result in full: the steps (so `@odata.context` and `@odata` then `context`, which print
/// alike, differ) or the error.
private func spelled(_ result: Result<JSONPath, PathSyntaxError>) -> String {
    switch result {
    case .success(let path): "\(path.components), exactKeys: \(path.exactKeys)"
    case .failure(let error): "error \(error)"
    }
}

/// A random element of a non-empty array.
private func pick<Element>(_ elements: [Element], _ rng: inout SplitMix64) -> Element {
    elements[Int.random(in: 0..<elements.count, using: &rng)]
}

/// Random JSON objects, and variants of them, for ``FastPathPropertyTests``.
enum JSONValues {
    static let names = ["a", "b", "c", "d", "e"]
    /// `1` and `1.0` are the same number.
    static let numbers = ["1", "1.0", "2", "-0"].compactMap(JSONNumber.init(literal:))

    static func object(depth: Int, rng: inout SplitMix64) -> JSONValue {
        var members: [(String, JSONValue)] = []
        for name in names.shuffled(using: &rng).prefix(Int(rng.next() % 5)) {
            members.append((name, member(depth: depth - 1, rng: &rng)))
        }
        return .object(JSONObject(members))
    }

    static func member(depth: Int, rng: inout SplitMix64) -> JSONValue {
        switch rng.next() % (depth > 0 ? 6 : 4) {
        case 0: return .string(names[Int(rng.next() % 5)])
        case 1: return .number(numbers[Int(rng.next() % UInt64(numbers.count))])
        case 2: return .bool(rng.next() % 2 == 0)
        case 3: return .null
        case 4: return object(depth: depth, rng: &rng)
        default: return .array((0..<Int(rng.next() % 3)).map { _ in member(depth: depth - 1, rng: &rng) })
        }
    }

    /// `value` with its objects' members reordered (always), and now and then one changed,
    /// renamed or dropped.
    static func variant(of value: JSONValue, rng: inout SplitMix64) -> JSONValue {
        switch value {
        case .object(let object):
            var members = object.map { ($0.key, variant(of: $0.value, rng: &rng)) }.shuffled(using: &rng)
            if !members.isEmpty {
                let index = Int(rng.next() % UInt64(members.count))
                switch rng.next() % 12 {
                case 0: members[index].1 = .string("changed")
                case 1: members[index].0 = members[index].0 + "x"
                case 2: members.remove(at: index)
                default: break
                }
            }
            return .object(JSONObject(members))
        case .array(let items):
            return .array(items.map { variant(of: $0, rng: &rng) })
        default:
            return value
        }
    }

    /// Equality with objects compared member by member through lookups, at every depth.
    static func sameInAnyOrder(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { member in y[member.key].map { sameInAnyOrder(member.value, $0) } ?? false }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { sameInAnyOrder($0, $1) }
        default:
            return a == b
        }
    }
}
