import Foundation
import Synchronization
import Testing

@testable import Shell

/// Sessions sharing the seen-id folder: one appends while others compact the file, and no id
/// appended is lost to a compaction that read the file before it.
@Suite struct SeenIdFileTests {
    @Test func idsAppendedWhileOtherSessionsCompactAreKept() throws {
        let directory = NSTemporaryDirectory() + "refsh-seen-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Ten kept: the file is compacted each time it passes twenty lines.
        let file = SeenIdFile(directory: directory, limit: 10)
        let appended = (0..<3000).map { "id-\($0)" }
        let lost = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            if worker == 0 {
                // Each id, once added, is the newest: it must be there whenever it is read back.
                for id in appended {
                    file.add([id], endpoint: "http://sandbox")
                    if !file.ids(endpoint: "http://sandbox").contains(id) { lost.withLock { $0.append(id) } }
                }
            } else {
                for _ in 0..<3000 { _ = file.ids(endpoint: "http://sandbox") }
            }
        }
        #expect(lost.withLock { $0 }.isEmpty, "lost to a compaction: \(lost.withLock { $0 })")
        #expect(file.ids(endpoint: "http://sandbox") == Array(appended.suffix(10)))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == ["http___sandbox", "http___sandbox+lock"])
    }

    /// The byte-wise reading of an ASCII line against the character-wise check of any line: the
    /// same ids kept, on random lines of ASCII, whitespace of every kind and other scripts.
    @Test func aLineIsReadAsTheCharacterWiseCheckReadsIt() {
        let pieces = ["a", "0", "-", " ", "\t", "\u{0B}", "\u{0C}", "\r", "\u{1C}", "\u{85}", "\u{A0}", "é", "\u{2028}", "💥", "\u{7F}"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let length = [0, 1, 36, 99, 100, 101, 150].randomElement(using: &rng) ?? 1
            let line = (0..<length).map { _ in Bool.random(using: &rng) ? "a" : (pieces.randomElement(using: &rng) ?? "") }.joined()
            let expected = SeenIdFile.isId(line) ? line : nil
            #expect(SeenIdFile.id(inLine: Data(line.utf8)) == expected, "\(line.debugDescription)")
        }
    }

    @Test func aLockHeldByAStoppedSessionDelaysAnAppendButDoesNotBlockIt() throws {
        let directory = NSTemporaryDirectory() + "refsh-seen-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = SeenIdFile(directory: directory, limit: 10)
        file.add(["first"], endpoint: "e")
        // Another session holds the lock and never lets go (stopped with Ctrl-Z).
        let holder = open(directory + "/e+lock", O_RDWR)
        #expect(holder >= 0 && flock(holder, LOCK_EX) == 0)
        defer { close(holder) }
        let start = ContinuousClock.now
        file.add(["second"], endpoint: "e")
        #expect(ContinuousClock.now - start >= .seconds(2), "it waited for the lock first")
        #expect(file.ids(endpoint: "e") == ["first", "second"])
    }
}
