import ReferralKit
import Testing

@testable import SandboxCore

/// `ReferralsAPI.applied` (each operation applied as its `replace`-or-`add` is decided) against
/// the two passes it replaced: decide every operation on a scratch copy, then apply the whole
/// patch. The same document, or the same error at the same operation, for patches of replaces,
/// adds and removes at present, absent, documented and undocumented paths of a seed referral.
@Suite struct PatchApplicationTests {
    static let pointers = [
        "/details/dealValue", "/details/notes", "/details/closingDateTime", "/status", "/statusReason", "/customerProfile/name",
        "/customerProfile/address/city", "/nosuch", "/nosuch/deeper", "/team/0/email", "/team/9", "/team/-", "/customerProfile/team/-",
    ]

    /// The two passes: each `replace` of a documented field absent on a scratch copy becomes `add`.
    static func twoPasses(_ operations: [JSONPatch.Operation], to current: JSONValue) throws(JSONPatchError) -> JSONValue {
        var scratch = current
        let decided = operations.map { operation in
            var result = operation
            if case .replace(let pointer, let value) = operation, let path = try? JSONPathParser.parsePointer(pointer),
                scratch.lookup(path) == nil, ReferralSchema.field(at: path) != nil, scratch.lookup(path.parent) != nil
            {
                result = .add(path: pointer, value: value)
            }
            if let applied = try? JSONPatch([result]).apply(to: scratch) { scratch = applied }
            return result
        }
        return try JSONPatch(decided).apply(to: current)
    }

    @Test func applyingAsDecidedAgreesWithDecidingThenApplying() throws {
        let referrals = SandboxSeed.referrals(count: 20)
        var rng = SplitMix64(seed: 0xA991_1ED)
        var succeeded = 0, failed = 0
        for _ in 0..<2000 {
            let current = referrals[Int(rng.next() % UInt64(referrals.count))]
            let operations: [JSONPatch.Operation] = (0..<Int(1 + rng.next() % 4)).map { _ in
                let pointer = Self.pointers[Int(rng.next() % UInt64(Self.pointers.count))]
                let value: JSONValue = rng.next() % 2 == 0 ? "text" : ["email": "a@b.c"]
                switch rng.next() % 3 {
                case 0: return .replace(path: pointer, value: value)
                case 1: return .add(path: pointer, value: value)
                default: return .remove(path: pointer)
                }
            }
            let fast = Result { () throws(JSONPatchError) in try ReferralsAPI.applied(operations, to: current) }
            let general = Result { () throws(JSONPatchError) in try Self.twoPasses(operations, to: current) }
            #expect(fast == general, "\(operations)")
            if case .success = general { succeeded += 1 } else { failed += 1 }
        }
        #expect(succeeded > 300 && failed > 300, "\(succeeded) applied, \(failed) failed: both must be common")
    }
}
