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
}
