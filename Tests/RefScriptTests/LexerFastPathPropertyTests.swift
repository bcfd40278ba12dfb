import Testing

@testable import RefScript

/// Pins the lexer's `plainWord` fast path to the full word reader: over generated text, reading a
/// word from any offset, inside a substitution or not, gives the same word (parts, raw text,
/// location) or the same error, and leaves the cursor at the same place, as `generalWord` alone.
///
/// This target does not depend on PropertyBased, so the inputs come from seeded generators: each
/// run starts from a random `base` seed and every failure names its case's seed (set `base` to it
/// to replay that case first).
@Suite struct LexerFastPathPropertyTests {
    @Test func plainWordAgreesWithTheGeneralLexer() {
        let base = UInt64.random(in: 0...UInt64.max)
        var failures = 0
        for round in UInt64(0)..<600 where failures < 5 {
            let seed = base &+ round
            var rng = SeededGenerator(seed: seed)
            let text = WordTexts.text(&rng)
            let bytes = Array(text.utf8)
            // Every offset of a short text; some offsets (always the first) of a long one.
            let offsets =
                bytes.count <= 48
                ? Array(0...bytes.count)
                : [0] + (0..<8).map { _ in Int.random(in: 0...bytes.count, using: &rng) }
            for offset in offsets {
                for inSubstitution in [false, true] {
                    var lexer = Lexer(bytes: bytes, file: "gen.refsh", startingAt: offset, line: 3, column: 5)
                    if lexer.plainWord(inSubstitution: inSubstitution) == nil,
                        lexer.index != offset || lexer.line != 3 || lexer.column != 5
                    {
                        failures += 1
                        Issue.record("seed \(seed), text \(String(reflecting: text)), offset \(offset): plainWord gave up but moved the cursor")
                    }
                    let fast = WordOutcome(bytes, offset: offset, inSubstitution: inSubstitution, general: false)
                    let general = WordOutcome(bytes, offset: offset, inSubstitution: inSubstitution, general: true)
                    if fast != general {  // compared by hand, not by #expect: a run makes some 12,000 pairs of reads
                        failures += 1
                        Issue.record(
                            """
                            seed \(seed), text \(String(reflecting: text)), offset \(offset), inSubstitution \(inSubstitution):
                            with the fast path \(fast)
                            the full reader    \(general)
                            """)
                    }
                }
            }
        }
    }

    /// The generator is only worth something if it reaches both sides of the fast path often.
    @Test func generatorReachesBothSidesOfTheFastPath() {
        var rng = SeededGenerator(seed: 0x5EED)
        var plain = 0, general = 0, errors = 0
        for _ in 0..<2000 {
            var lexer = Lexer(WordTexts.text(&rng), file: "t")
            var fullReader = lexer
            if lexer.plainWord(inSubstitution: false) != nil { plain += 1 } else { general += 1 }
            if (try? fullReader.generalWord(inSubstitution: false)) == nil { errors += 1 }
        }
        #expect(plain >= 600 && general >= 600 && errors >= 100, "\(plain) plain, \(general) general, \(errors) errors")
    }
}

/// What reading one word did: the word (its full structure) or the error, and where the cursor ended.
private struct WordOutcome: Equatable {
    var word: String?
    var error: RefScriptError?
    var index: Int, line: Int, column: Int

    init(_ bytes: [UInt8], offset: Int, inSubstitution: Bool, general: Bool) {
        var lexer = Lexer(bytes: bytes, file: "gen.refsh", startingAt: offset, line: 3, column: 5)
        do {
            let word = general ? try lexer.generalWord(inSubstitution: inSubstitution) : try lexer.word(inSubstitution: inSubstitution)
            self.word = String(reflecting: word)
        } catch {
            self.error = error
        }
        (index, line, column) = (lexer.index, lexer.line, lexer.column)
    }
}

/// Word texts: mostly plain ASCII words (what `plainWord` takes) ended in every way a word ends,
/// and words with one of the bytes just outside its set: quotes, `$`, `\`, `;`, `(`, `)`, `#`,
/// `{` or `[` first, control bytes, DEL, space, non-ASCII, line continuations, very long words.
private enum WordTexts {
    static let plain = Array("abcxyzABCXYZ0123456789-_.,:/=@!%&*+<>?^`~|{}[]".unicodeScalars) + ["\u{21}", "\u{7E}"]
    static let edge: [Unicode.Scalar] = Array("\"'$\\;()# \t\r\n{[éß日🎉".unicodeScalars) + ["\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{301}"]
    static let pieces = [
        "$x", "${a.b}", "${a[0]}", "${", "$1", "$env.HOME", "$", "$$", "\\\n", "\\\r\n", "\\", "\\x", "\\é", "\"a b\"", "\"$x\"",
        "\"\\u{1F389}\"", "\"", "'x y'", "'", "(echo a)", "(", ")", "{\"a\":1}", "[1, 2]", "{", "[", "}", "]", "#c", ";", "\n",
    ]
    static let ends = ["", "", " ", "\t", "\n", ";", ")", "\r\n", " next", ";x", ")x", "\r"]

    static func text(_ rng: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0...4: return word(&rng) + pick(ends, &rng)
        case 5...7: return edited(word(&rng), &rng) + pick(ends, &rng)
        case 8: return pick(pieces, &rng) + word(&rng) + pick(ends, &rng)
        default: return word(&rng) + pick(pieces, &rng) + (Bool.random(using: &rng) ? word(&rng) : "") + pick(ends, &rng)
        }
    }

    /// Plain bytes: 1–12 of them, sometimes 100–400.
    static func word(_ rng: inout SeededGenerator) -> String {
        let length = Int.random(in: 0..<20, using: &rng) == 0 ? Int.random(in: 100...400, using: &rng) : Int.random(in: 1...12, using: &rng)
        var out = ""
        for _ in 0..<length { out.unicodeScalars.append(pick(plain, &rng)) }
        return out
    }

    /// `text` with one to three scalars inserted or replaced by bytes at the edge of the plain set.
    static func edited(_ text: String, _ rng: inout SeededGenerator) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let scalar = pick(edge, &rng)
            if !scalars.isEmpty, Bool.random(using: &rng) {
                scalars[Int.random(in: 0..<scalars.count, using: &rng)] = scalar
            } else {
                scalars.insert(scalar, at: Int.random(in: 0...scalars.count, using: &rng))
            }
        }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }

    static func pick<Element>(_ elements: [Element], _ rng: inout SeededGenerator) -> Element {
        elements[Int.random(in: 0..<elements.count, using: &rng)]
    }
}

/// SplitMix64: a deterministic generator, so a seed names a case.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
