import Testing

@testable import Shell

/// A loop journal saved with CRLF line ends (an editor on Windows, a checkout with autocrlf) is
/// read as the lines it has: `"\r\n"` is one Character in Swift, which a split at `"\n"` missed,
/// so a done item was not skipped and the next run refused the file.
@Suite struct LoopJournalFileTests {
    @Test func crlfLinesAreReadAsLines() throws {
        let text = LoopJournalFile.header + "\r\n\"a\"\r\n\"b\"\n"
        let (keys, end) = try LoopJournalFile.parse(Array(text.utf8), name: "j.log")
        #expect(keys == ["a", "b"])
        #expect(end == text.utf8.count)
    }

    @Test func aLineThatIsNoKeyIsNamedByItsNumber() {
        let text = LoopJournalFile.header + "\r\n\"a\"\r\nnot a key\r\n"
        #expect(throws: (any Error).self) { try LoopJournalFile.parse(Array(text.utf8), name: "j.log") }
        do {
            _ = try LoopJournalFile.parse(Array(text.utf8), name: "j.log")
        } catch {
            #expect(error.message == "j.log:3:1: not a line of a refsh loop journal: not a key")
        }
    }
}
