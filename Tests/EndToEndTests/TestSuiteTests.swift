import Foundation
import Testing

/// `refsh test` with the real binary: one line per file in file order, the closing line, the
/// exit code, JUnit read by junitparser and TAP read by tap.py (scripts/test-peers), fresh
/// sandboxes per file, `--jobs`, a hung file, and bad input.
@Suite struct TestSuiteTests {
    static let files: [(String, String)] = [
        (
            "deals/close-won.refscript",
            "load 49d90c72-3326-4f61-aacc-2cb57970448c\nset details.dealValue 50000\ntransition Closed Won \"won\"\npatch\nassert status == Closed\n"
        ),
        (
            "deals/fresh.refscript",
            "load 49d90c72-3326-4f61-aacc-2cb57970448c\nassert status == Active \"every file starts from the same seed\"\nassert details.dealValue == 999\n"
        ),
        ("other/skipped.refscript", "skip \"no campaigns in the sandbox\"\necho never\n"),
        ("other/offline.refscript", "echo \"token: $env.REFSH_TOKEN\"\n"),
        ("other/deals/close-won.refscript", "echo same name, another folder\n"),
    ]

    func suite(_ files: [(String, String)] = Self.files) throws -> String {
        let dir = NSTemporaryDirectory() + "refsh-suite-" + UUID().uuidString
        for (name, text) in files {
            let path = dir + "/suite/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    func environment(_ dir: String) -> [String: String] {
        ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": "suite-secret-token-0123456789"]
    }

    static func withoutTimes(_ text: String) -> String {
        text.replacingOccurrences(of: #" [0-9]+\.[0-9]{2} s\n"#, with: " <t> s\n", options: .regularExpression)
    }

    /// A `skip` inside a parallel loop skips the file, as in a plain loop; a reason is one line
    /// with no control characters, in the suite's lines and in TAP.
    @Test func aSkipInAParallelLoopSkipsTheFileAndAReasonStaysOneVisibleLine() throws {
        let dir = try suite([
            ("loop/jobs.refscript", "for --jobs 2 x in [1, 2, 3]\n  if $x == 2\n    skip \"no data for $x\"\n  end\nend\nassert 1 == 2\n"),
            ("loop/odd.refscript", #"skip "line one\nline two \u{1B}]0;TITLE\u{7}""# + "\n"),
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Refsh.run(["test", "suite"], in: dir, environment: environment(dir))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == #"""
                - suite/loop/jobs.refscript skipped: no data for 2
                - suite/loop/odd.refscript skipped: line one\nline two \x1B]0;TITLE\x07
                0 passed, 0 failed, 2 skipped

                """#, "\(run.stdout)")
        let tap = try Refsh.run(["test", "--tap", "suite"], in: dir, environment: environment(dir))
        #expect(tap.stdout.contains(#"ok 2 - suite/loop/odd.refscript # SKIP line one\nline two \x1B]0;TITLE\x07"#), "\(tap.stdout)")
        #expect(!tap.stdout.contains("\u{1B}"))
    }

    /// A file sources its helpers by names relative to itself, so a suite passes from any working
    /// directory; a name found only in the working directory still works.
    @Test func aSourcedHelperIsFoundNextToTheFileFromAnyWorkingDirectory() throws {
        let dir = try suite([
            ("deals/uses-helper.refscript", "source lib/helper.inc\nassert $h == 1\n"),
            ("deals/lib/helper.inc", "let h 1\n"),
            ("old-style.refscript.txt", "source shared.inc\nassert $s == 2\n"),
            ("../shared.inc", "let s 2\n"),
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (cwd, target) in [(dir, "suite/deals"), (dir + "/suite", "deals"), ("/", dir + "/suite/deals/uses-helper.refscript")] {
            let run = try Refsh.run(["test", target], in: cwd, environment: environment(dir))
            #expect(run.status == 0 && run.stdout.contains("1 passed, 0 failed"), "from \(cwd): \(run.stdout)\(run.stderr)")
        }
        let fallback = try Refsh.run(["suite/old-style.refscript.txt"], in: dir, environment: environment(dir))
        #expect(fallback.status == 0, "\(fallback.stderr)")
        let missing = try Refsh.run(["../old-style.refscript.txt"], in: dir + "/suite/deals", environment: environment(dir))
        #expect(missing.status == 1)
        #expect(
            missing.stderr.hasSuffix(
                "../old-style.refscript.txt:1:8: error: cannot read shared.inc: no such file (next to ../old-style.refscript.txt or in the working directory)\n"
            ), "\(missing.stderr)")
    }

    @Test func aSuiteOfPassingFailingAndSkippedFilesWithItsReports() throws {
        let dir = try suite()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Refsh.run(["test", "--jobs", "2", "--junit", "report.xml", "suite"], in: dir, environment: environment(dir))
        #expect(run.status == 3, "an assertion failed: \(run.stderr)")
        #expect(
            Self.withoutTimes(run.stdout) == """
                ✔ suite/deals/close-won.refscript <t> s
                ✘ suite/deals/fresh.refscript <t> s
                  suite/deals/fresh.refscript:3:1: error: assertion failed: details.dealValue == 999 (details.dealValue is 25000)
                ✔ suite/other/deals/close-won.refscript <t> s
                ✔ suite/other/offline.refscript <t> s
                - suite/other/skipped.refscript skipped: no campaigns in the sandbox
                3 passed, 1 failed, 1 skipped

                """)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let report = try String(contentsOfFile: dir + "/report.xml", encoding: .utf8)
        #expect(!report.contains("suite-secret-token-0123456789"), "no token in a report")
        let check = """
            import sys
            from junitparser import JUnitXml, Failure, Skipped
            xml = JUnitXml.fromfile(sys.argv[1])
            for suite in xml:
                print(suite.name, suite.tests, suite.failures, suite.errors, suite.skipped)
                for case in suite:
                    kinds = [type(r).__name__ + ":" + (r.type or "") for r in case.result]
                    print(case.classname, case.name, case._elem.get("file"), case._elem.get("line"), kinds, (case.system_out or "").strip())
                    for r in case.result:
                        if isinstance(r, Failure): print("  failure:", r.message)
                        if isinstance(r, Skipped): print("  skipped:", r.message)
            """
        let parsed = try Refsh.run(["-c", check, dir + "/report.xml"], executable: try TestPeers.python(), timeoutSeconds: 60)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(
            parsed.stdout == """
                refsh 5 1 0 1
                suite.deals suite/deals/close-won.refscript suite/deals/close-won.refscript 1 [] patched 49d90c72-3326-4f61-aacc-2cb57970448c (Closed/Won)
                suite.deals suite/deals/fresh.refscript suite/deals/fresh.refscript 3 ['Failure:assertion'] 
                  failure: suite/deals/fresh.refscript:3:1: error: assertion failed: details.dealValue == 999 (details.dealValue is 25000)
                suite.other.deals suite/other/deals/close-won.refscript suite/other/deals/close-won.refscript 1 [] same name, another folder
                suite.other suite/other/offline.refscript suite/other/offline.refscript 1 [] token: <redacted>
                suite.other suite/other/skipped.refscript suite/other/skipped.refscript 1 ['Skipped:'] 
                  skipped: no campaigns in the sandbox

                """)
    }

    @Test func tapVersion14ReadByATAPConsumer() throws {
        let dir = try suite()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Refsh.run(["test", "--tap", "--jobs", "1", "suite"], in: dir, environment: environment(dir))
        #expect(run.status == 3)
        try run.stdout.write(toFile: dir + "/out.tap", atomically: true, encoding: .utf8)
        let check = """
            import sys
            from tap.parser import Parser
            for line in Parser().parse_file(sys.argv[1]):
                kind = line.category
                if kind == "version": print("version", line.version)
                elif kind == "plan": print("plan", line.expected_tests)
                elif kind == "test": print(line.number, line.ok, line.description, line.skip, (line.yaml_block or {}).get("exitCode"), line.directive.reason or "")
                elif kind == "diagnostic": print("diagnostic", line.text)
                else: print("unknown", kind, str(line))
            """
        let parsed = try Refsh.run(["-c", check, dir + "/out.tap"], executable: try TestPeers.python(), timeoutSeconds: 60)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(
            parsed.stdout == """
                version 14
                plan 5
                1 True - suite/deals/close-won.refscript False None 
                2 False - suite/deals/fresh.refscript False 3 
                3 True - suite/other/deals/close-won.refscript False None 
                4 True - suite/other/offline.refscript False None 
                5 True - suite/other/skipped.refscript True None no campaigns in the sandbox
                diagnostic # 3 passed, 1 failed, 1 skipped

                """)
    }

    @Test func aLineBreakInAFileNameKeepsTheTestPointOnOneLine() throws {
        let dir = try suite([("new\nline.refscript", "echo hi\n")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Refsh.run(["test", "--tap", "suite"], in: dir, environment: environment(dir))
        #expect(run.status == 0)
        #expect(run.stdout.contains("ok 1 - suite/new\\nline.refscript\n"), "\(run.stdout)")
        #expect(
            run.stdout.split(separator: "\n").allSatisfy {
                $0.hasPrefix("TAP version") || $0.hasPrefix("1..") || $0.hasPrefix("ok ") || $0.hasPrefix("# ")
            })
    }

    /// A file name with an escape sequence or a line break is written out in every place that
    /// names it (the lines, TAP, JUnit's name and file alike), as error lines write it: raw, it
    /// recoloured the terminal and could fake a result line.
    @Test func controlCharactersInAFileNameAreWrittenOutEverywhere() throws {
        let dir = try suite([("esc\u{1B}[31mred.refscript", "assert 1 == 2\n"), ("a\nb.refscript", "echo fine\n")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = try Refsh.run(["test", "--junit", "j.xml", "suite"], in: dir, environment: environment(dir))
        #expect(!lines.stdout.contains("\u{1B}[31mred"), "\(lines.stdout)")
        #expect(lines.stdout.contains("✔ suite/a\\nb.refscript "), "\(lines.stdout)")
        #expect(lines.stdout.contains("✘ suite/esc\\x1B[31mred.refscript "), "\(lines.stdout)")
        let tap = try Refsh.run(["test", "--tap", "suite"], in: dir, environment: environment(dir))
        #expect(tap.stdout.contains("not ok 2 - suite/esc\\x1B[31mred.refscript\n"), "\(tap.stdout)")
        let report = try String(contentsOfFile: dir + "/j.xml", encoding: .utf8)
        #expect(report.contains(#"name="suite/esc\x1B[31mred.refscript" time="#), "\(report)")
        #expect(report.contains(#"file="suite/esc\x1B[31mred.refscript" line="1""#), "\(report)")
        #expect(report.contains(#"name="suite/a\nb.refscript""#) && report.contains(#"file="suite/a\nb.refscript""#), "\(report)")
    }

    @Test func aSyntaxErrorInAnyFileRunsNothing() throws {
        let dir = try suite(Self.files + [("zz/broken.refscript", "echo fine\nif status == New\n")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Refsh.run(["test", "suite"], in: dir, environment: environment(dir))
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "suite/zz/broken.refscript:2:1: error: 'if' at 2:1 has no matching 'end'\n")
    }

    @Test func aHungFileFailsAloneAtItsTimeout() throws {
        let hang = "load 49d90c72-3326-4f61-aacc-2cb57970448c\nwait until status == Closed --timeout 10m --every 100ms\n"
        let dir = try suite([("a-hang.refscript", hang), ("b-ok.refscript", "echo ok\n")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Refsh.run(["test", "--timeout", "2s", "--jobs", "2", "suite"], in: dir, environment: environment(dir), timeoutSeconds: 120)
        #expect(run.status == 5, "\(run.stdout)\(run.stderr)")
        #expect(
            Self.withoutTimes(run.stdout) == """
                ✘ suite/a-hang.refscript <t> s
                  suite/a-hang.refscript: did not finish within 2 s and was stopped
                ✔ suite/b-ok.refscript <t> s
                1 passed, 1 failed

                """)
    }

    @Test func badInputIsOneLineAndExitTwo() throws {
        let dir = try suite([("a.refscript", "echo a\n")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        let cases: [([String], String)] = [
            (["test", "empty"], "refsh test: empty: no .refscript files in this directory\n"),
            (["test", "nowhere"], "refsh test: nowhere: no such file or directory\n"),
            (
                ["test", "--junit", "no/such/dir/r.xml", "suite"],
                "refsh test: cannot write the JUnit report no/such/dir/r.xml: no such directory no/such/dir\n"
            ),
            (["test", "--junit", "empty", "suite"], "refsh test: cannot write the JUnit report empty: it is a directory\n"),
        ]
        for (arguments, message) in cases {
            let run = try Refsh.run(arguments, in: dir, environment: environment(dir))
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == message, "\(arguments)")
            #expect(run.stdout.isEmpty)
        }
        let usage = try Refsh.run(["test"], in: dir, environment: environment(dir))
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("refsh test: name the .refscript files or folders to run\n"))
        // A --var name no script could use: one line before anything runs (every file ran and failed).
        let badName = try Refsh.run(["test", "--var", "1a=5", "suite"], in: dir, environment: environment(dir))
        #expect(badName.status == 2)
        #expect(badName.stderr.hasPrefix("refsh test: --var: '1a' is not a variable name"), "\(badName.stderr)")
        #expect(badName.stdout.isEmpty)
        // A TAP report to standard output that cannot take it: one line and exit 2 (it was exit 1, silently).
        let full = try Refsh.run(
            ["-c", "\"$0\" test --tap suite > /dev/full", Refsh.binary], in: dir, executable: "/bin/sh", environment: environment(dir))
        #expect(full.status == 2)
        #expect(full.stderr == "refsh test: cannot write to standard output: No space left on device\n", "\(full.stderr)")
    }

    /// A file's first error is found when its standard error has CRLF line ends (an editor's
    /// message): the line before it merged into it, and JUnit's `file` named no file.
    @Test func theFirstErrorIsFoundAmongCRLFLines() throws {
        let dir = try suite([("ed.refscript", "load 49d90c72-3326-4f61-aacc-2cb57970448c\nedit details\n")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "printf 'editor: bad\\r\\n' >&2\nexit 1\n".write(toFile: dir + "/ed.sh", atomically: true, encoding: .utf8)
        let run = try Refsh.run(
            ["test", "--junit", "j.xml", "suite"], in: dir,
            environment: environment(dir).merging(["EDITOR": "sh " + dir + "/ed.sh", "VISUAL": ""]) { $1 })
        #expect(run.status == 1, "\(run.stdout) \(run.stderr)")
        let report = try String(contentsOfFile: dir + "/j.xml", encoding: .utf8)
        #expect(report.contains(#"file="suite/ed.refscript" line="2""#), "\(report)")
        #expect(run.stdout.contains("\n  suite/ed.refscript:2:1: error: "), "\(run.stdout)")
    }

    /// SIGTERM to refsh test (a CI job cancelled): the running files stop, none starts, the
    /// closing line and the JUnit report are written, and refsh test ends by the signal. The files
    /// kept running after refsh test had gone, and no report was written.
    @Test func sigtermStopsTheRunningFilesAndWritesTheReport() throws {
        let slow = "load 49d90c72-3326-4f61-aacc-2cb57970448c\nwait until status == Closed --timeout 60s\n"
        let dir = try suite([("a.refscript", "echo quick\n"), ("slow1.refscript", slow), ("slow2.refscript", slow), ("slow3.refscript", slow)])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Refsh.binary)
        process.arguments = ["test", "--jobs", "2", "--junit", "r.xml", "suite"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.environment = ProcessInfo.processInfo.environment.merging(environment(dir)) { $1 }
        let output = dir + "/out"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Both slow files are waiting once their `load` went through: the second line of each is running.
        for _ in 0..<400 where ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").isEmpty { usleep(25_000) }
        usleep(1_500_000)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        let printed = try String(contentsOfFile: output, encoding: .utf8)
        #expect(printed.contains("slow1.refscript: stopped: refsh test itself was stopped"), "\(printed)")
        #expect(printed.contains("- suite/slow3.refscript skipped: not run: refsh test was stopped"), "\(printed)")
        #expect(printed.hasSuffix("1 passed, 2 failed, 1 skipped\n"), "\(printed)")
        let report = try String(contentsOfFile: dir + "/r.xml", encoding: .utf8)
        #expect(report.contains(#"tests="4" failures="2" errors="0" skipped="1""#))
        #expect(report.components(separatedBy: #"type="exit 143""#).count == 3, "each stopped file ended by the SIGTERM it was sent: \(report)")
        let left = try Refsh.run(["-f", "refsh -- suite/slow"], executable: "/usr/bin/pgrep")
        #expect(left.stdout.isEmpty, "files still running: \(left.stdout)")
    }
}

/// `--fail-fast` and `--var`.
@Suite struct TestSuiteOptionTests {
    @Test func failFastStartsNoFileAfterTheFirstFailureAndVarsReachEveryFile() throws {
        let dir = NSTemporaryDirectory() + "refsh-suite-ff-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/s", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "assert $owner == sue\n".write(toFile: dir + "/s/a.refscript", atomically: true, encoding: .utf8)
        try "assert $owner == ann\n".write(toFile: dir + "/s/b.refscript", atomically: true, encoding: .utf8)
        try "echo c\n".write(toFile: dir + "/s/c.refscript", atomically: true, encoding: .utf8)
        let env = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": ""]
        let run = try Refsh.run(["test", "--jobs", "1", "--fail-fast", "--var", "owner=sue", "s"], in: dir, environment: env)
        #expect(run.status == 3)
        #expect(
            TestSuiteTests.withoutTimes(run.stdout) == """
                ✔ s/a.refscript <t> s
                ✘ s/b.refscript <t> s
                  s/b.refscript:1:1: error: assertion failed: $owner == ann ($owner is "sue")
                - s/c.refscript skipped: not run: an earlier file failed (--fail-fast)
                1 passed, 1 failed, 1 skipped

                """)
    }
}
