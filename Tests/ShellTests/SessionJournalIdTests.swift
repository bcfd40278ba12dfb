import Testing

@testable import Shell

/// Journal ids are all one length, so the list of unfinished sessions (`refsh --resume`) lines up.
@Suite struct SessionJournalIdTests {
    @Test func idsAreTimeProcessAndRandomOfFixedWidths() {
        let ids = (0..<200).map { _ in SessionJournalFile.newId() }
        for id in ids {
            let parts = id.split(separator: "-")
            #expect(parts.map(\.count) == [8, 6, 7, 8], "\(id)")
            let digits = parts[0...2].allSatisfy { $0.allSatisfy(\.isNumber) }
            let hex = parts[3].allSatisfy(\.isHexDigit)
            #expect(digits && hex, "\(id)")
        }
        #expect(Set(ids).count == ids.count)
    }
}
