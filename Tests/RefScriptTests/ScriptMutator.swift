/// Deterministic random edits of scripts (characters removed, inserted, replaced), for tests that
/// feed hostile variants of the golden scripts to the parser.
struct ScriptMutator {
    static let alphabet = Array(#"{}[]()"'\$#;= .-0123456789abcé🎉\n\t,:!<>"#.unicodeScalars) + ["\n", "\r", "\u{0}"]
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound` (0 when `bound` is not positive).
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }

    /// `text` with one to five random edits.
    mutating func mutate(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0...next(4) {
            switch next(3) {
            case 0 where !scalars.isEmpty: scalars.remove(at: next(scalars.count))
            case 1: scalars.insert(Self.alphabet[next(Self.alphabet.count)], at: next(scalars.count + 1))
            default:
                if !scalars.isEmpty { scalars[next(scalars.count)] = Self.alphabet[next(Self.alphabet.count)] }
            }
        }
        var mutated = ""
        mutated.unicodeScalars.append(contentsOf: scalars)
        return mutated
    }
}
