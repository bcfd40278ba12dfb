import Testing

@testable import ReferralKit

/// Where bytes stop being UTF-8, counted as a syntax error's place is: lines from 1, columns in
/// characters from 1 (a two-byte é is one column), the byte named.
@Suite struct UTF8PositionTests {
    @Test func theFirstBadByteIsPlacedByLineAndColumn() {
        #expect(UTF8Position.firstInvalid(in: Array("echo a\n".utf8)) == nil)
        let bytes = Array("echo é\nset x ".utf8) + [0xFF, 0x41]
        let found = UTF8Position.firstInvalid(in: bytes)
        #expect(found?.line == 2 && found?.column == 7 && found?.byte == 0xFF)
        let truncated = UTF8Position.firstInvalid(in: Array("ab".utf8) + [0xC3])
        #expect(truncated?.line == 1 && truncated?.column == 3 && truncated?.byte == 0xC3)
        #expect(
            UTF8Position.error(in: [0x0A, 0x80], name: "x.refscript")
                == "x.refscript:2:1: error: not UTF-8 text (byte 0x80); refsh reads scripts as UTF-8")
    }
}
