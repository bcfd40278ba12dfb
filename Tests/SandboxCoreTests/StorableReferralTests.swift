import ReferralKit
import Testing

@testable import SandboxCore

/// The write check's measure is a shortcut: it prints nothing unless its bound is over the
/// limit. Pinned to the general answer over generated values: its depth is the depth, and its
/// bound is never under what the value prints in (or a referral over the limit would be stored).
@Suite struct StorableReferralTests {
    static func value(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
        let pick = depth > 5 ? rng.next() % 4 : rng.next() % 6
        switch pick {
        case 0: return .string(text(&rng))
        case 1:
            let literal = ["0", "-12.5", "1E2", "79228162514264337593543950335", "3.14e-10"][Int(rng.next() % 5)]
            return JSONNumber(literal: literal).map(JSONValue.number) ?? .null
        case 2: return [.null, .bool(true), .bool(false)][Int(rng.next() % 3)]
        case 3: return .string("")
        case 4: return .array((0..<Int(rng.next() % 4)).map { _ in value(&rng, depth: depth + 1) })
        default: return .object(JSONObject((0..<Int(rng.next() % 4)).map { _ in (text(&rng), value(&rng, depth: depth + 1)) }))
        }
    }

    static func text(_ rng: inout SplitMix64) -> String {
        let pieces = ["a", "é", "\"", "\\", "\u{1}", "\n", "😀", "/", "\u{7F}", "\u{2028}"]
        return (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
    }

    static func depth(_ value: JSONValue) -> Int {
        switch value {
        case .object(let object): 1 + (object.map { depth($0.value) }.max() ?? 0)
        case .array(let array): 1 + (array.map(depth).max() ?? 0)
        default: 0
        }
    }

    @Test func theMeasureIsTheDepthAndNeverUnderThePrintedSize() {
        for seed in 0..<400 {
            var rng = SplitMix64(seed: UInt64(seed))
            let value = Self.value(&rng, depth: 0)
            let (depth, bound) = StorableReferral.measure(value, limit: 1000)
            #expect(depth == Self.depth(value), "seed \(seed)")
            #expect(bound >= JSONPrinter.compact.bytes(value).count, "seed \(seed): \(JSONPrinter.compact.print(value))")
        }
    }
}
