import Testing

@testable import ReferralKit

/// Header names compared in place, against lowercasing both (the way it was done): the same
/// answer for every pair of ASCII names, and exact bytes beyond ASCII.
@Suite struct HeaderLookupTests {
    @Test func namesCompareAsLowercasingBothDoesForASCII() {
        let letters = Array("aAzZ-_09[@`{~ ").map(String.init)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let a = (0..<Int.random(in: 0...4, using: &rng)).map { _ in letters.randomElement(using: &rng) ?? "" }.joined()
            let b = Bool.random(using: &rng) ? String(a.map { Bool.random(using: &rng) ? Character($0.uppercased()) : $0 }) : "a" + a
            #expect(sameHeaderName(a, b) == (a.lowercased() == b.lowercased()), "\(a) \(b)")
        }
    }

    @Test func lookupFindsTheFirstWhateverItsCase() {
        let headers = [(name: "ETag", value: "\"1\""), (name: "etag", value: "\"2\"")]
        #expect(firstHeader("etag", in: headers) == "\"1\"")
        #expect(firstHeader("E-Tag", in: headers) == nil)
        #expect(!sameHeaderName("É", "é"))
        #expect(sameHeaderName("é", "é"))
    }
}
