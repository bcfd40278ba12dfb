import Foundation
import Testing

/// Which file a suite runs and where CI is told a failure is: a file named several ways runs
/// once, and a failure in a file it sources is reported at that file's line (JUnit read by
/// junitparser).
@Suite struct TestSuiteFileTests {
    let base = TestSuiteTests()

    @Test func aFileNamedSeveralWaysRunsOnce() throws {
        let dir = try base.suite([("a.refscript", "echo once\n")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.refscript", withDestinationPath: "suite/a.refscript")
        try FileManager.default.linkItem(atPath: dir + "/suite/a.refscript", toPath: dir + "/hard.refscript")
        let names = [
            "suite/a.refscript", "./suite/a.refscript", dir + "/suite/a.refscript", "suite/../suite/a.refscript", "link.refscript", "hard.refscript",
            "suite",
        ]
        let run = try Refsh.run(["test"] + names, in: dir, environment: base.environment(dir))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(TestSuiteTests.withoutTimes(run.stdout) == "✔ suite/a.refscript <t> s\n1 passed, 0 failed\n")
    }

    @Test func aFailureInASourcedFileIsReportedWhereItIs() throws {
        let dir = try base.suite([
            ("lib/checks.refscript", "echo checking\nassert 1 == 2 \"from the helper\"\n"),
            ("my:deal.refscript", "echo start\nsource suite/lib/checks.refscript\n"),
            ("top.refscript", "echo start\n\nassert 1 == 3\n"),
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Refsh.run(
            ["test", "--junit", "report.xml", "suite/my:deal.refscript", "suite/top.refscript"], in: dir, environment: base.environment(dir))
        #expect(run.status == 3, "\(run.stderr)")
        let check = """
            import sys
            from junitparser import JUnitXml
            for suite in JUnitXml.fromfile(sys.argv[1]):
                for case in suite:
                    print(case.name, case._elem.get("file"), case._elem.get("line"))
            """
        let parsed = try Refsh.run(["-c", check, dir + "/report.xml"], executable: try TestPeers.python(), timeoutSeconds: 60)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(
            parsed.stdout == """
                suite/my:deal.refscript suite/lib/checks.refscript 2
                suite/top.refscript suite/top.refscript 3

                """)
    }

    /// A token one file sets (typed, from a file, from the environment) is redacted from what
    /// every other file prints, in the lines, TAP and JUnit: each file's refsh knows only its own.
    @Test func aTokenOneFileSetsIsRedactedFromEveryFilesReport() throws {
        let typed = "typed-token-Zq81xKp20Lm7Yv3Rt9Wd"
        let fromFile = "file-token-Hn4Jq9Xc2Vb8Mz1Pw6Ls"
        let fromEnv = "env-token-Tg5Rk3Fd7Sa1Qe9Wy2Ui"
        let fromVar = "var-token-Bn8Mq2Lp6Zx4Wc1Rv7Ty"
        let dir = try base.suite([
            ("a-sets.refscript", "token \(typed)\ntoken --file suite/token.txt\ntoken --env PARTNER_TOKEN\ntoken $tok\n"),
            ("b-prints.refscript", "echo \"\(typed) \(fromFile) \(fromEnv) $tok\"\nassert 1 == 2 \"\(typed)\"\n"),
            ("token.txt", "Bearer \(fromFile)\n"),
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var environment = base.environment(dir)
        environment["PARTNER_TOKEN"] = fromEnv
        for format in [["--junit", "report.xml"], ["--tap"]] {
            let run = try Refsh.run(["test", "--var", "tok=" + fromVar] + format + ["suite"], in: dir, environment: environment)
            #expect(run.status == 3, "\(run.stderr)")
            let report = (try? String(contentsOfFile: dir + "/report.xml", encoding: .utf8)) ?? ""
            for token in [typed, fromFile, fromEnv, fromVar] {
                for text in [run.stdout, run.stderr, report] {
                    #expect(!text.contains(token) && !text.contains(token.prefix(16)), "\(token) in \(text)")
                }
            }
            #expect(run.stdout.contains("<redacted>"), "\(run.stdout)")
            if format.first == "--junit" {
                #expect(report.contains("&lt;redacted&gt; &lt;redacted&gt; &lt;redacted&gt; &lt;redacted&gt;"), "\(report)")
            }
            try? FileManager.default.removeItem(atPath: dir + "/report.xml")
        }
    }
}
