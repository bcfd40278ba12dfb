import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Parallel loops for real, with the binary and its embedded sandbox (docs/bulk.md): `--jobs 1`
/// prints what a plain loop prints, a 429 storm is weathered by every worker together with no
/// update lost, a journal survives `kill -9`, and no progress line reaches a file.
@Suite(.serialized) struct BulkTests {
    func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "refsh-bulk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func environment(_ dir: String) -> [String: String] {
        ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
    }

    /// Runs `script` as a file in a fresh directory of its own (so a fresh sandbox).
    func run(_ script: String, in given: String? = nil) throws -> Refsh.Result {
        let dir = try given ?? directory()
        defer { if given == nil { try? FileManager.default.removeItem(atPath: dir) } }
        try script.write(toFile: dir + "/bulk.refscript", atomically: true, encoding: .utf8)
        return try Refsh.run(["bulk.refscript"], in: dir, environment: environment(dir), timeoutSeconds: 120)
    }

    @Test func jobsOneIsExactlyAPlainLoop() throws {
        let body = """
              load --force ${r.id}
              echo ${r.id} (get status) (get details.dealValue)
              set details.dealValue 1234
              transition Active
              patch
              diff
            end
            echo done
            """
        let plain = try run("for r in (list --top 25 --json)\n" + body)
        let one = try run("for --jobs 1 r in (list --top 25 --json)\n" + body)
        #expect(plain.status == 1, "some referrals cannot go to Active: the run stops there both ways")
        #expect(one.stdout == plain.stdout)
        #expect(one.status == plain.status)
        // Each ran in a directory of its own; the sandbox's notice names it.
        let directory = /\/[^ ]*\/data\/refsh\/sandbox.sqlite/
        #expect(one.stderr.replacing(directory, with: "$DIR") == plain.stderr.replacing(directory, with: "$DIR"))
        #expect(one.stderr.contains("cannot move from Closed to Active"))
    }

    @Test func a429StormIsWeatheredByEveryWorkerTogetherAndNoUpdateIsLost() throws {
        let result = try run(
            """
            let ids (list --top 60 --json)
            sandbox rate 25
            for --jobs 8 r in $ids
              load --force ${r.id}
              set details.dealValue 31337
              patch
            end
            sandbox rate --clear
            let s (session)
            echo throttled ${s.throttled}
            for r in $ids
              load ${r.id}
              assert details.dealValue == 31337
            end
            echo all 60 checked
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("all 60 checked"))
        let throttled = try #require(result.stdout.firstMatch(of: /throttled (\d+)/).flatMap { Int($0.1) })
        let retries = result.stderr.split(separator: "\n").filter { $0.hasPrefix("429 Too Many Requests: retrying") }.count
        #expect(throttled >= 1, "the sandbox did throttle")
        #expect(retries == throttled, "each 429 was retried, once")
        // 121 requests at 25 a second: one shared pause and the learnt pace keep the 429s to about
        // the workers in flight when the bucket ran dry; workers backing off on their own draw
        // several times as many.
        #expect(retries <= 12, "\(retries) 429s")
    }

    @Test func aJournalSurvivesKillDashNineAndTheRerunSkipsWhatWasDone() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = """
            let ids (list --top 60 --json)
            sandbox rate 20
            for --jobs 4 --journal done.log r in $ids
              load --force ${r.id}
              set details.dealValue 4711
              patch
            end
            sandbox rate --clear
            for r in $ids
              load ${r.id}
              assert details.dealValue == 4711
            end
            echo all 60 checked
            """
        try script.write(toFile: dir + "/bulk.refscript", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Refsh.binary)
        process.arguments = ["bulk.refscript"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.environment = ProcessInfo.processInfo.environment.merging(environment(dir)) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        func lines() -> [Substring] {
            ((try? String(contentsOfFile: dir + "/done.log", encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        }
        for _ in 0..<600 where lines().count < 12 { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let kept = lines().dropFirst().filter { $0.hasPrefix("\"") && $0.hasSuffix("\"") }.count
        #expect(kept >= 10 && kept < 60, "killed in the middle: \(kept) kept")

        let rerun = try Refsh.run(["bulk.refscript"], in: dir, environment: environment(dir), timeoutSeconds: 120)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("for: \(kept) of 60 items already done (journal done.log), skipped\n"))
        #expect(rerun.stdout.hasSuffix("all 60 checked\n"))
        let journal = lines()
        #expect(journal.first == "# refsh loop journal: one finished item a line")
        #expect(journal.last == "", "ends with a whole line")
        let keys = journal.dropFirst().dropLast()
        #expect(keys.count == 60 && Set(keys).count == 60, "every item once")
    }

    @Test func noProgressLineReachesAFileOrAPipe() throws {
        let result = try run(
            """
            for --jobs 4 r in (list --top 30 --json)
              load ${r.id}
            end
            """)
        #expect(result.status == 0)
        #expect(!result.stderr.contains("\r") && !result.stderr.contains("\u{1B}") && !result.stderr.contains("ETA"))
    }

    @Test func badLoopsAreRefusedBeforeAnyRequest() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "not a journal\n".write(toFile: dir + "/ids.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/folder", withIntermediateDirectories: true)
        let cases: [(script: String, message: String, status: Int32)] = [
            ("for --jobs 0 x in [a]\n  load $x\nend\n", "bulk.refscript:3:12: error: for --jobs takes a whole number from 1 to 64, not 0", 2),
            ("for --jobs many x in [a]\n  load $x\nend\n", "bulk.refscript:3:12: error: for --jobs takes a whole number from 1 to 64, not many", 2),
            ("for --parallel 2 x in [a]\nend\n", "bulk.refscript:3:5: error: for takes --jobs N and --journal FILE, not --parallel", 2),
            (
                "let n 0\nfor --jobs $n x in [a]\n  load $x\nend\n",
                "bulk.refscript:4:12: error: for --jobs takes a whole number from 1 to 64, not 0", 1
            ),
            (
                "let o {\"id\": 1}\nfor --jobs 2 x in $o\n  load $x\nend\n",
                "bulk.refscript:4:1: error: for --jobs: $o is an object, not a list (write [$o] for one item)", 1
            ),
            (
                "for --journal ids.txt x in [a]\n  load $x\nend\n",
                "bulk.refscript:3:15: error: for --journal: ids.txt:1:1: not a refsh loop journal (it has no \"# refsh loop journal: one finished item a line\" line); give a new file or one a loop wrote",
                1
            ),
            ("for --journal folder x in [a]\n  load $x\nend\n", "bulk.refscript:3:15: error: for --journal: folder: is a directory", 1),
            (
                // The journal is refused before the list's own request.
                "for --journal ids.txt x in (list --top 1 --json)\n  load ${x.id}\nend\n",
                "bulk.refscript:3:15: error: for --journal: ids.txt:1:1: not a refsh loop journal (it has no \"# refsh loop journal: one finished item a line\" line); give a new file or one a loop wrote",
                1
            ),
            (
                "for --journal done.log x in [{\"name\": \"no id\"}]\n  load $x\nend\n",
                "bulk.refscript:3:1: error: for --journal: item 1 is an object without a string id to journal it by", 1
            ),
        ]
        for (script, message, status) in cases {
            let result = try run("option errexit off\nsandbox requests --clear\n" + script + "sandbox requests\n", in: dir)
            #expect(result.stderr.contains(message + "\n"), "\(script): \(result.stderr)")
            #expect(result.status == status, "\(script)")
            #expect(!result.stdout.contains("GET /v1.0"), "no request was sent: \(result.stdout)")
            if status == 1 { #expect(result.stdout.contains("no requests yet"), "the log was shown, empty: \(result.stdout)") }
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/done.log"), "a refused loop leaves no journal it made behind")
        #expect(FileManager.default.fileExists(atPath: dir + "/ids.txt"), "nor removes a file it did not make")
    }
}
