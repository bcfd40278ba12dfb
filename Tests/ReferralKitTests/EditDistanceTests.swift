import ReferralKit
import Testing

/// "Did you mean" counts two swapped neighbours as one slip.
@Suite struct EditDistanceTests {
    @Test func swapsInsertionsDeletionsAndReplacementsAreOneEditEach() {
        #expect(EditDistance.between("shwo", "show") == 1)
        #expect(EditDistance.between("Clsoed", "Closed") == 1)
        #expect(EditDistance.between("Wonn", "Won") == 1)
        #expect(EditDistance.between("sett", "set") == 1)
        #expect(EditDistance.between("dealValu", "dealValue") == 1)
        #expect(EditDistance.between("abc", "abc") == 0)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("ca", "abc") == 3, "optimal string alignment: a swapped pair is not edited again")
    }

    @Test func closestRespectsTheLimitAndIgnoresCase() {
        #expect(EditDistance.closest(to: "shwo", in: ["set", "show", "save"]) == "show")
        #expect(EditDistance.closest(to: "clsoed", in: ["None", "New", "Active", "Closed"]) == "Closed")
        #expect(EditDistance.closest(to: "Done", in: ["Won", "Lost", "Declined", "Expired"]) == nil)
        #expect(EditDistance.closest(to: "x", in: ["y"]) == nil)
    }

    /// `closest` skips names whose length alone puts them beyond the limit; it must pick what
    /// measuring every name picks.
    @Test func skippingByLengthPicksWhatMeasuringEveryNamePicks() {
        var rng = SplitMix64(seed: 0xED17)
        let letters = Array("abAB\u{130}c")
        func word() -> String { String((0..<Int(rng.next() % 9)).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }) }
        for _ in 0..<3000 {
            let target = word()
            let names = (0..<Int(1 + rng.next() % 6)).map { _ in word() }
            let limit = EditDistance.defaultLimit(for: target)
            let measured = names.map { ($0, EditDistance.between(target.lowercased(), $0.lowercased())) }.filter { $0.1 <= limit }
            let expected = measured.min { $0.1 < $1.1 }?.0
            #expect(EditDistance.closest(to: target, in: names) == expected, "\(target) in \(names)")
        }
    }
}
