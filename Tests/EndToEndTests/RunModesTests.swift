import Foundation
import Synchronization
import Testing

/// The ways of running refsh a user has: a file, a shebang script, -c, stdin, flags.
@Suite struct RunModesTests {
    func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "refsh-modes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Refsh.fixtures + "/referral-active.json", toPath: path + "/referral.json")
        return path
    }

    @Test func commandStringRunsAndReportsWithDashC() throws {
        let dir = try scratch()
        let ok = try Refsh.run(["-c", "open referral.json; set details.dealValue 50000; get details.dealValue"], in: dir)
        #expect(ok.stdout == "50000\n")
        #expect(ok.status == 0)
        let bad = try Refsh.run(["-c", "open referral.json\nget details.nope"], in: dir)
        #expect(bad.stderr == "-c:2:5: error: details.nope: no such member\n")
        #expect(bad.status == 1)
    }

    @Test func scriptFileWithArgumentsAndVars() throws {
        let dir = try scratch()
        try "open $1\nassert details.dealValue == $expected\necho $0 ok $2\n".write(
            toFile: dir + "/check.refscript", atomically: true, encoding: .utf8)
        let ok = try Refsh.run(["--var", "expected=25000", "check.refscript", "referral.json", "extra"], in: dir)
        #expect(ok.stdout == "check.refscript ok extra\n")
        #expect(ok.status == 0)
        let failed = try Refsh.run(["--var", "expected=1", "check.refscript", "referral.json"], in: dir)
        #expect(
            failed.stderr
                == "check.refscript:2:1: error: assertion failed: details.dealValue == $expected (details.dealValue is 25000, $expected is 1)\n")
        #expect(failed.status == 3)
    }

    @Test func shebangScriptRunsDirectly() throws {
        let dir = try scratch()
        let bin = URL(fileURLWithPath: Refsh.binary).deletingLastPathComponent().path
        let script = dir + "/deal.refscript"
        try "#!/usr/bin/env refsh\nopen referral.json\ntransition Closed Won 'done'\nget substatus\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        var result = try Refsh.run([], in: dir, executable: script, environment: ["PATH": bin + ":/usr/bin:/bin"])
        // Another test's child may briefly inherit the script's write descriptor: exec then fails
        // with ETXTBSY ("Text file busy", status 126). That is the test's race, not refsh's.
        for _ in 0..<5 where result.status == 126 && result.stderr.contains("busy") {
            usleep(100_000)
            result = try Refsh.run([], in: dir, executable: script, environment: ["PATH": bin + ":/usr/bin:/bin"])
        }
        #expect(result.stdout == "Won\n", "\(result.stderr)")
        #expect(result.status == 0)
    }

    @Test func standardInputIsAScriptParsedWhole() throws {
        let dir = try scratch()
        let result = try Refsh.run([], stdin: "echo first\nopen referral.json\nget status\n", in: dir)
        #expect(result.stdout == "first\nActive\n")
        let syntax = try Refsh.run([], stdin: "echo never\nif status == New\n", in: dir)
        #expect(syntax.stdout == "")
        #expect(syntax.stderr == "<stdin>:2:1: error: 'if' at 2:1 has no matching 'end'\n")
        #expect(syntax.status == 2)
    }

    @Test func usageErrorsExitWithTwo() throws {
        let unknown = try Refsh.run(["--bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "refsh: unknown option '--bogus'\nusage: refsh [<options>] [<script> ...]\n")
        let badVar = try Refsh.run(["--var", "novalue", "-c", "exit"])
        #expect(badVar.status == 2)
    }

    /// An option that takes one value, given twice, is refused: ArgumentParser kept the last
    /// silently (`-c A -c B` ran B alone). `--var` repeats; words after a script's name are its own.
    @Test func anOptionOfOneValueGivenTwiceIsAUsageError() throws {
        let dir = NSTemporaryDirectory() + "refsh-twice-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "echo $1 $4\n".write(toFile: dir + "/s.refscript", atomically: true, encoding: .utf8)
        let refused: [([String], String)] = [
            (["-c", "echo a", "-c", "echo b"], "refsh: -c is given twice: write all the commands in one -c, separated by ';'\n"),
            (
                ["--endpoint=http://127.0.0.1:9", "--endpoint", "http://127.0.0.1:8", "-c", "echo a"],
                "refsh: --endpoint is given twice; give it once\n"
            ),
            (["--rate", "5", "--rate=6", "s.refscript"], "refsh: --rate is given twice; give it once\n"),
            (["test", "--junit", "a.xml", "s.refscript", "--junit=b.xml"], "refsh test: --junit is given twice; give it once\n"),
            (["mcp", "--rate", "5", "--rate", "6"], "refsh mcp: --rate is given twice; give it once\n"),
        ]
        for (arguments, line) in refused {
            let result = try Refsh.run(arguments, in: dir, environment: ["REFSH_ENDPOINT": "", "XDG_DATA_HOME": dir + "/data"])
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments) ran: \(result.stdout)")
            #expect(result.stderr.hasPrefix(line), "\(arguments): \(result.stderr)")
        }
        // A negative number is a value its option refuses, not a missing value.
        let negative: [([String], String)] = [
            (["--rate", "-1", "-c", "echo a"], "refsh: --rate: "),
            (["test", "--jobs", "-1", "s.refscript"], "refsh test: --jobs takes 1 to 256"),
            (["mcp", "--rate", "-2"], "refsh mcp: --rate: "),
        ]
        for (arguments, start) in negative {
            let result = try Refsh.run(arguments, in: dir, environment: ["REFSH_ENDPOINT": "", "XDG_DATA_HOME": dir + "/data"])
            #expect(result.status == 2 && result.stderr.hasPrefix(start), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Missing value"), "\(arguments): \(result.stderr)")
        }
        let vars = try Refsh.run(["--var", "a=1", "--var", "b=2", "-c", "echo $a$b"], in: dir)
        #expect(vars.stdout == "12\n", "\(vars.stderr)")
        let scriptWords = try Refsh.run(["s.refscript", "-c", "x", "-c", "y"], in: dir)
        #expect(scriptWords.stdout == "-c y\n", "\(scriptWords.stderr)")
    }

    /// A script file that cannot be read fails like `open` of a missing file: exit 1, not a usage error.
    @Test func aMissingScriptFileIsACommandFailure() throws {
        let missing = try Refsh.run(["nope.refscript"])
        #expect(missing.stderr == "refsh: cannot read nope.refscript: no such file\n")
        #expect(missing.status == 1)
    }

    /// Nothing listening, or a name that does not resolve: one line at once, no retries (exit 5).
    @Test func anUnreachableEndpointFailsAtOnceInOneLine() throws {
        let token = ["REFSH_TOKEN": "an-unreachable-token-0123456789"]
        let refused = try Refsh.run(["--endpoint", "http://127.0.0.1:9", "-c", "load x"], environment: token)
        #expect(refused.status == 5)
        let line = refused.stderr.replacingOccurrences(of: #"request [0-9a-f-]{36}"#, with: "request <id>", options: .regularExpression)
        #expect(line == "-c:1:1: error: GET /v1.0/engagements/referrals/x: cannot connect to 127.0.0.1:9: connection refused [request <id>]\n")
        let unknown = try Refsh.run(["--endpoint", "https://no-such-host.invalid", "-c", "load x"], environment: token)
        #expect(unknown.status == 5)
        #expect(unknown.stderr.contains("cannot connect to no-such-host.invalid:443: unknown host"), "\(unknown.stderr)")
        #expect(!unknown.stderr.contains("attempts"))
    }

    @Test func exitCodesReachTheShell() throws {
        for code in [0, 3, 4, 5, 42] {
            #expect(try Refsh.run(["-c", "exit \(code)"]).status == Int32(code))
        }
    }

    @Test func helpFlagDescribesExitCodes() throws {
        let help = try Refsh.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("4 conflict (412)"))
    }

    /// A `REFSH_SANDBOX_SEED` refsh cannot use is a usage error before anything runs, in every
    /// mode: it was ignored (`abc`, `-1`) or clamped (a huge count seeded 100,000 for minutes).
    @Test func anUnusableSandboxSeedIsAUsageError() throws {
        let dir = NSTemporaryDirectory() + "refsh-seed-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "echo hi\n".write(toFile: dir + "/a.refscript", atomically: true, encoding: .utf8)
        for (value, shown) in [("abc", "abc"), ("-1", "-1"), ("99999999999", "99999999999"), ("1e3", "1e3"), ("2\u{1B}[31m", "2\\x1B[31m")] {
            let environment = ["XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_SANDBOX_SEED": value]
            let line = "REFSH_SANDBOX_SEED: '\(shown)' is not a number of referrals from 0 to 100000\n"
            for (arguments, prefix) in [(["-c", "echo ran"], "refsh: "), (["test", "a.refscript"], "refsh test: "), (["mcp"], "refsh mcp: ")] {
                let result = try Refsh.run(arguments, in: dir, environment: environment)
                #expect(result.status == 2, "\(arguments) with \(value): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(arguments) with \(value) ran: \(result.stdout)")
                #expect(result.stderr.hasPrefix(prefix + line), "\(arguments) with \(value): \(result.stderr)")
            }
        }
        let fine = try Refsh.run(
            ["-c", "list --all --count"], in: dir, environment: ["XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_SANDBOX_SEED": " 7 "])
        #expect(fine.stdout == "8\n", "\(fine.stderr)")
    }
}

/// The embedded sandbox's store is shared by every refsh of a user.
@Suite struct EmbeddedStoreTests {
    @Test func twoFirstRunsAtOnceShareOneSeededStore() throws {
        let dir = NSTemporaryDirectory() + "refsh-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let environment = ["XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_SANDBOX_SEED": "200"]
        let results = Mutex<[Refsh.Result]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            if let result = try? Refsh.run(["-c", "list --all --count"], in: dir, environment: environment) {
                results.withLock { $0.append(result) }
            }
        }
        let both = results.withLock { $0 }
        #expect(both.count == 2)
        for result in both {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "201\n")
        }
    }
}
