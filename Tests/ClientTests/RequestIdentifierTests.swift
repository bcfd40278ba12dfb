import Foundation
import Testing

@testable import Client

/// `MS-RequestId` values: version-4 UUIDs in lower case, new for each request.
@Suite struct RequestIdentifierTests {
    @Test func isALowerCaseVersion4UUIDThatFoundationReads() throws {
        for _ in 0..<200 {
            let id = RequestIdentifier.random()
            let parsed = try #require(UUID(uuidString: id), "\(id)")
            #expect(parsed.uuidString.lowercased() == id)
            let digits = Array(id)
            #expect(digits[14] == "4", "\(id): the version digit")
            #expect("89ab".contains(digits[19]), "\(id): the variant digit")
        }
    }

    @Test func setsOnlyTheVersionAndVariantBits() {
        #expect(RequestIdentifier.format(high: 0, low: 0) == "00000000-0000-4000-8000-000000000000")
        #expect(RequestIdentifier.format(high: .max, low: .max) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        #expect(RequestIdentifier.format(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210) == "01234567-89ab-4def-bedc-ba9876543210")
    }

    @Test func neverRepeats() {
        let ids = (0..<10_000).map { _ in RequestIdentifier.random() }
        #expect(Set(ids).count == ids.count)
    }
}
