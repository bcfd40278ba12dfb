import Foundation
import Testing

@testable import SandboxCore

@Suite struct IdentifierTests {
    @Test func randomIdentifiersAreLowerCaseVersion4UUIDs() {
        #expect(RandomIdentifiers.format(high: 0, low: 0) == "00000000-0000-4000-8000-000000000000")
        #expect(RandomIdentifiers.format(high: .max, low: .max) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        #expect(RandomIdentifiers.format(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210) == "01234567-89ab-4def-bedc-ba9876543210")
        let ids = (0..<1000).map { _ in RandomIdentifiers().next() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(UUID(uuidString: id) != nil, "\(id)")
            #expect(id == id.lowercased())
            #expect(Array(id)[14] == "4")
            #expect("89ab".contains(Array(id)[19]))
        }
    }
}
