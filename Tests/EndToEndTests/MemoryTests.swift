import Foundation
import Testing

/// Long runs keep memory bounded: the undo history is capped and output is streamed, so memory
/// grows with the script's text, never with the number of commands executed.
@Suite(.serialized) struct MemoryTests {
    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "refsh-memory-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Refsh.fixtures + "/referral-active.json", toPath: path + "/referral.json")
        return path
    }

    /// `lines` offline commands that edit, read, assert and undo.
    func script(lines: Int) -> String {
        var text = "open referral.json\n"
        let body = [
            "set details.dealValue %d", "let v (get details.dealValue)", "assert $v == %d",
            "set details.notes \"note %d\"", "undo",
        ]
        var i = 0
        while i < lines {
            let n = i / body.count
            text += body[i % body.count].replacingOccurrences(of: "%d", with: String(n)) + "\n"
            i += 1
        }
        return text + "get details.dealValue\n"
    }

    @Test func hundredThousandLineScriptRunsInBoundedMemory() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try script(lines: 10_000).write(toFile: dir + "/small.refscript", atomically: true, encoding: .utf8)
        try script(lines: 100_000).write(toFile: dir + "/large.refscript", atomically: true, encoding: .utf8)
        let small = try Refsh.run(["small.refscript"], in: dir)
        // The lower of two runs: on a loaded machine one run's peak can be some MiB higher (malloc
        // gives a thread that finds its arena busy a new one), which says nothing about the script.
        let large = try [Refsh.run(["large.refscript"], in: dir), Refsh.run(["large.refscript"], in: dir)].min { $0.maxRSSKiB < $1.maxRSSKiB }!
        #expect(small.status == 0, "\(small.stderr)")
        #expect(large.status == 0, "\(large.stderr)")
        #expect(large.stdout == "19999\n")
        // The script text itself is ~3 MB; a script that large is checked, then run a statement at
        // a time, so its syntax tree is never held whole (it was 60 MB).
        let growthMiB = Double(large.maxRSSKiB - small.maxRSSKiB) / 1024
        #expect(growthMiB < 15, "peak RSS grew by \(growthMiB) MiB from 10k to 100k lines")
    }

    @Test func aSyntaxErrorAtTheEndOfALargeScriptRunsNothing() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "echo started\n" + script(lines: 100_000) + "set details.dealValue [1,\n"
        try text.write(toFile: dir + "/broken.refscript", atomically: true, encoding: .utf8)
        let result = try Refsh.run(["broken.refscript"], in: dir)
        #expect(result.stdout == "", "nothing ran")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("broken.refscript:100004:"), "\(result.stderr)")
    }

    @Test func hundredThousandIterationsUseNoMoreMemoryThanAThousand() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
        func loop(depth: Int) -> String {
            var text = "open referral.json\n"
            for level in 0..<depth { text += "for i\(level) in \(ten)\n" }
            text += "set details.dealValue $i0\nlet v (get details.dealValue)\nset details.notes \"n $i1\"\n"
            text += String(repeating: "end\n", count: depth)
            return text + "get details.dealValue\n"
        }
        try loop(depth: 3).write(toFile: dir + "/thousand.refscript", atomically: true, encoding: .utf8)
        try loop(depth: 5).write(toFile: dir + "/hundred-thousand.refscript", atomically: true, encoding: .utf8)
        let thousand = try Refsh.run(["thousand.refscript"], in: dir)
        let hundredThousand = try Refsh.run(["hundred-thousand.refscript"], in: dir)
        #expect(thousand.status == 0 && hundredThousand.status == 0, "\(hundredThousand.stderr)")
        #expect(hundredThousand.stdout == "9\n")
        let growthMiB = Double(hundredThousand.maxRSSKiB - thousand.maxRSSKiB) / 1024
        #expect(growthMiB < 4, "peak RSS grew by \(growthMiB) MiB from 1,000 to 100,000 iterations")
    }
}
