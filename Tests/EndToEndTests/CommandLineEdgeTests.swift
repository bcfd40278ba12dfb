import Foundation
import Testing

/// The command line's edges a user meets: words after a script, options whose value may be left
/// out, scripts from a pipe, output that cannot be written, and signals while a script runs.
@Suite struct CommandLineEdgeTests {
    func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "refsh-edges-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try #"echo "$1|$2|$3|$4""#.write(toFile: path + "/args.refscript", atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `command` in `sh`, with `$REFSH` the binary and refsh's files kept in `dir`.
    func shell(_ command: String, in dir: String) throws -> Refsh.Result {
        try Refsh.run(
            ["-c", command], in: dir, executable: "/bin/sh",
            environment: ["REFSH": Refsh.binary, "XDG_DATA_HOME": dir + "/data", "XDG_STATE_HOME": dir + "/state"])
    }

    @Test func everyWordAfterTheScriptIsTheScripts() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let options = try Refsh.run(["args.refscript", "-c", "echo injected", "--endpoint", "x"], in: dir)
        #expect(options.stdout == "-c|echo injected|--endpoint|x\n", "\(options.stderr)")
        #expect(options.status == 0)
        let separator = try Refsh.run(["args.refscript", "--", "-c", "x", "y"], in: dir)
        #expect(separator.stdout == "--|-c|x|y\n")
    }

    @Test func traceAndResumeTakeTheWordBeforeDashCOrAScript() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let traced = try shell(#""$REFSH" --trace t.log -c 'list --top 1' >/dev/null && grep -c '^→ GET' t.log"#, in: dir)
        #expect(traced.stdout == "1\n", "\(traced.stderr)")
        let beforeScript = try shell(#""$REFSH" --trace t2.log args.refscript a b c d && test -f t2.log"#, in: dir)
        #expect(beforeScript.stdout == "a|b|c|d\n", "\(beforeScript.stderr)")
        #expect(beforeScript.status == 0)
        let bareBeforeScript = try Refsh.run(["--trace", "args.refscript", "a", "b", "c", "d"], in: dir)
        #expect(bareBeforeScript.stdout == "a|b|c|d\n")
        let resume = try Refsh.run(["--resume", "nosuchid", "-c", "echo never"], in: dir, environment: ["XDG_STATE_HOME": dir + "/state"])
        #expect(resume.stdout == "")
        #expect(resume.stderr.contains("no unfinished session nosuchid"), "\(resume.stderr)")
        #expect(resume.status == 2)
    }

    @Test func aScriptMayComeFromAPipe() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let piped = try shell(#"mkfifo pipe && { echo 'echo from a pipe' > pipe & } && "$REFSH" pipe"#, in: dir)
        #expect(piped.stdout == "from a pipe\n", "\(piped.stderr)")
        #expect(piped.status == 0)
    }

    @Test func outputThatCannotBeWrittenFailsTheRun() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let full = try shell(#""$REFSH" -c 'echo hi' >/dev/full"#, in: dir)
        #expect(full.stderr == "refsh: cannot write to standard output: No space left on device\n")
        #expect(full.status == 1)
        let closed = try shell(#""$REFSH" -c 'echo hi' >&-"#, in: dir)
        #expect(closed.stderr == "refsh: cannot write to standard output: Bad file descriptor\n")
        #expect(closed.status == 1)
        let quiet = try shell(#""$REFSH" -c 'let x 1' >&-"#, in: dir)
        #expect(quiet.status == 0, "nothing written, nothing lost: \(quiet.stderr)")
    }

    @Test(arguments: [("INT", "130"), ("TERM", "143")])
    func aSignalStopsTheScriptAndKeepsWhatItPrinted(_ signal: String, _ code: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try shell(
            #""$REFSH" -c 'echo step one; sandbox faults latency:20000@next1; list --top 1' >out 2>err & pid=$!; "#
                + #"i=0; until grep -q 'embedded sandbox' err 2>/dev/null || [ $i -ge 300 ]; do sleep 0.1; i=$((i+1)); done; "#
                + "sleep 1; kill -\(signal) $pid; wait $pid; echo \"status $?\"; cat out; grep -c 'cancelled' err",
            in: dir)
        #expect(result.stdout == "status \(code)\nstep one\nfaults: latency:20000@next1\n1\n", "\(result.stderr)")
    }

    @Test func aVarMustNameAVariable() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for bad in ["1bad=3", "x y=3", "env=3"] {
            let result = try Refsh.run(["--var", bad, "-c", "echo ran"], in: dir)
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("refsh: --var: '\(bad.prefix { $0 != "=" })' is not a variable name"), "\(result.stderr)")
            #expect(result.status == 2)
        }
        #expect(try Refsh.run(["--var", "ok_1=3", "-c", "echo $ok_1"], in: dir).stdout == "3\n")
    }

    @Test func anEmptyIdIsRefusedBeforeAnyRequest() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try shell(#""$REFSH" -c 'load ""'"#, in: dir)
        #expect(result.stderr == "-c:1:1: error: the referral id is empty\n")
        #expect(result.status == 1)
    }

    @Test func aFreshSessionShowsNoPause() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try shell(#""$REFSH" -c session"#, in: dir)
        #expect(result.stdout.contains("429s seen       0\n"), "\(result.stdout)")
        #expect(!result.stdout.contains("paused"))
    }
}
