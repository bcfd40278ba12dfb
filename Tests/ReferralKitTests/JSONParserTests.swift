import Testing

@testable import ReferralKit

@Suite struct JSONRoundTripTests {
    @Test(arguments: ["put-request-body.json", "put-response-body.json"])
    func fixtureRoundTripsByteForByte(name: String) throws {
        let text = try Fixtures.text(name)
        let value = try JSONParser.parse(text)
        #expect(JSONPrinter.pretty.print(value) + "\n" == text)
    }

    @Test func integersStayIntegersAndDecimalsStayExact() throws {
        let value = try JSONParser.parse(#"{"a": 50000, "b": 0.1, "c": 1.50, "d": -2e10, "e": 12345678901234567890123}"#)
        #expect(JSONPrinter.compact.print(value) == #"{"a":50000,"b":0.1,"c":1.50,"d":-2e10,"e":12345678901234567890123}"#)
    }

    @Test func keyOrderIsKept() throws {
        let text = #"{"z":1,"a":2,"m":{"y":true,"b":null}}"#
        #expect(JSONPrinter.compact.print(try JSONParser.parse(text)) == text)
    }

    @Test func unicodeAndEscapes() throws {
        let value = try JSONParser.parse(#"["Wön 日本 🎉", "\u00e9\ud83c\udf89", "tab\tquote\"slash\/", "\u0001"]"#)
        #expect(value == ["Wön 日本 🎉", "é🎉", "tab\tquote\"slash/", "\u{01}"])
        #expect(JSONPrinter.compact.print(value) == #"["Wön 日本 🎉","é🎉","tab\tquote\"slash/","\u0001"]"#)
    }

    @Test func leadingMembersArePrintedFirstAndReplaceTheirNamesakes() throws {
        let object = try #require(try JSONParser.parse(#"{"id":"r1","@odata.context":"old","n":[1,{}]}"#).objectValue)
        let context: [(key: String, value: JSONValue)] = [("@odata.context", "ctx")]
        let merged = #"{"@odata.context":"ctx","id":"r1","n":[1,{}]}"#
        #expect(String(decoding: JSONPrinter.compact.bytes(object, leading: context), as: UTF8.self) == merged)
        #expect(
            String(decoding: JSONPrinter.pretty.bytes(object, leading: context), as: UTF8.self)
                == JSONPrinter.pretty.print(try JSONParser.parse(merged)))
        #expect(String(decoding: JSONPrinter.compact.bytes(JSONObject(), leading: context), as: UTF8.self) == #"{"@odata.context":"ctx"}"#)
        #expect(String(decoding: JSONPrinter.compact.bytes(JSONObject(), leading: []), as: UTF8.self) == "{}")
        #expect(String(decoding: JSONPrinter.compact.bytes(object, leading: []), as: UTF8.self) == JSONPrinter.compact.print(.object(object)))
    }

    @Test func prettyPrintsEmptyContainersInline() throws {
        let value = try JSONParser.parse(#"{"ids":[],"o":{},"a":[1]}"#)
        #expect(JSONPrinter.pretty.print(value) == "{\n  \"ids\": [],\n  \"o\": {},\n  \"a\": [\n    1\n  ]\n}")
    }

    @Test func equalityIgnoresOrderAndNumberSpelling() throws {
        #expect(try JSONParser.parse(#"{"a":1,"b":[1.0,2]}"#) == JSONParser.parse(#"{"b":[1,2e0],"a":10e-1}"#))
        #expect(try JSONParser.parse(#"{"a":1}"#) != JSONParser.parse(#"{"a":2}"#))
        #expect(try !JSONParser.parse(#"{"a":1,"b":2}"#).isIdentical(to: JSONParser.parse(#"{"b":2,"a":1}"#)))
    }

    @Test func numbersCompareByValue() {
        let n = { (s: String) in JSONNumber(literal: s)! }
        #expect(n("2") < n("10"))
        #expect(n("-10") < n("-2"))
        #expect(n("0.5") < n("1"))
        #expect(!(n("1.0") < n("1")))
        #expect(n("1e3") == n("1000"))
        #expect(n("1e3").intValue == 1000)
        #expect(n("1.5").intValue == nil)
    }

    /// The service's decimal holds up to 79228162514264337593543950335; the check has a fast path
    /// for short literals, which must not let a 29-digit integer through.
    @Test func decimalRangeIsCheckedAtItsEdges() {
        let n = { (s: String) in JSONNumber(literal: s)! }
        #expect(!n("9999999999999999999999999999").exceedsDecimalRange)  // 28 digits
        #expect(!n("-9999999999999999999999999999").exceedsDecimalRange)
        #expect(!n("79228162514264337593543950335").exceedsDecimalRange)  // the maximum
        #expect(n("79228162514264337593543950336").exceedsDecimalRange)
        #expect(n("99999999999999999999999999999").exceedsDecimalRange)  // 29 digits, 29 characters
        #expect(n("8e28").exceedsDecimalRange)
        #expect(!n("0.0000000000000000000000000001").exceedsDecimalRange)
    }
}

@Suite struct TrimmingTests {
    @Test func trimsScalarsSoALoneNewlineGoesEvenWhenTheSetWasWrittenWithCRLF() {
        #expect("tok\n".trimming(" \t\r\n") == "tok")
        #expect("\r\n tok \r\n".trimming(" \t\r\n") == "tok")
        #expect("x\r\n".trimming("\n") == "x\r")
        #expect("  ".trimming(" ") == "")
        #expect("".trimming(" ") == "")
        #expect(" é 🎉 ".trimming(" ") == "é 🎉")
        #expect("a, b".split(separator: ",").map { $0.trimming(" ") } == ["a", "b"])
    }

    /// The copy of the kept range against the scalar-by-scalar rebuild it replaced, on random
    /// text of spaces, line ends, combining marks, emoji and flags, whole and as substrings.
    @Test func keepsWhatTheScalarByScalarRebuildKept() {
        func reference(_ text: some StringProtocol, _ characters: String) -> String {
            let trimmed = characters.unicodeScalars
            guard let first = text.unicodeScalars.firstIndex(where: { !trimmed.contains($0) }),
                let last = text.unicodeScalars.lastIndex(where: { !trimmed.contains($0) })
            else { return "" }
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: text.unicodeScalars[first...last])
            return String(kept)
        }
        let pieces = [" ", "\r", "\n", "\r\n", "\t", "a", "é", "e\u{301}", "🎉", "🇫🇷", "\u{200B}", "\""]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
            for set in [" ", " \t\r\n", "\n", "\"", "\u{301}"] {
                #expect(text.trimming(set) == reference(text, set), "\(text.debugDescription) \(set.debugDescription)")
                let inner = text.dropFirst()
                #expect(inner.trimming(set) == reference(inner, set), "\(inner.debugDescription) \(set.debugDescription)")
            }
        }
    }
}

@Suite struct JSONParseErrorTests {
    @Test func documentedPutExampleReportsTrailingCommaAtFileLine() throws {
        let text = try Fixtures.text("put-request-as-documented.txt")
        let message = try #require(HTTPMessageText(text))
        #expect(message.startLine.hasPrefix("PUT https://api.partner.microsoft.com/"))
        #expect(message.headers.first?.name == "Authorization")
        #expect(message.bodyLine == 6)
        let error = try #require(throws: JSONParseError.self) { try message.parseBody() }
        #expect(error.line == 110)
        #expect(error.column == 55)
        #expect(error.message == "trailing comma before '}'")
    }

    @Test func wholeDocumentedTextIsNotJSON() {
        let error = #expect(throws: JSONParseError.self) {
            try JSONParser.parse(try Fixtures.text("put-request-as-documented.txt"))
        }
        #expect(error?.description == "line 1, column 1: unexpected 'P': expected a value")
    }

    @Test(arguments: [
        ("", "line 1, column 1: empty input: expected a JSON value"),
        ("[1,]", "line 1, column 3: trailing comma before ']'"),
        ("{\"a\":1,\n}", "line 1, column 7: trailing comma before '}'"),
        ("{\"a\" 1}", "line 1, column 6: unexpected '1': expected ':' after member name \"a\""),
        ("{a:1}", "line 1, column 2: unexpected 'a': expected a member name in double quotes"),
        ("['x']", "line 1, column 2: strings must use double quotes, not single quotes"),
        ("[01]", "line 1, column 2: malformed number"),
        ("[-]", "line 1, column 2: malformed number"),
        ("[1.]", "line 1, column 2: malformed number"),
        ("\"abc", "line 1, column 1: unterminated string"),
        ("\"a\nb\"", "line 1, column 3: control character in string (use an escape such as \\n)"),
        ("\"\\x\"", "line 1, column 2: invalid escape '\\x' in string"),
        ("\"\\ud800\"", "line 1, column 2: unpaired surrogate in \\u escape"),
        ("[1] [2]", "line 1, column 5: unexpected '[' after the JSON value"),
        ("[tru]", "line 1, column 2: unexpected 't': expected a value"),
        ("{\"a\":\n  [1,\n   2\n  ", "line 4, column 3: unexpected end of input: expected ',' or ']' after an array element"),
        ("[\"é\" x]", "line 1, column 6: unexpected 'x': expected ',' or ']' after an array element"),
    ])
    func errorsNameLineColumnAndCause(input: String, expected: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
        #expect(error?.description == expected)
    }

    @Test func invalidUTF8IsAnErrorNotACrash() {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes: bytes) }
        #expect(error?.message == "invalid UTF-8 in string")
        #expect(error?.offset == 2)
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        #expect(error?.message == "nesting deeper than 256 levels")
        #expect(throws: Never.self) { try JSONParser.parse(String(repeating: "[", count: 256) + String(repeating: "]", count: 256)) }
    }
}
