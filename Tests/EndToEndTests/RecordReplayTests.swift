import Foundation
import GoldenSupport
import Testing

/// Support's round trip with the real binary: a run is recorded (`--record`), then replayed
/// (`--replay`) with no sandbox and no network, and prints what it printed, 412s, 429 storms
/// and lost answers included. A replay that no longer matches stops with one line, a HAR from
/// another tool replays its entries for the API, and HAR tools read what refsh records.
@Suite struct RecordReplayTests {
    /// Golden cases whose run is recorded and replayed: the design card, a 412 then rebase, a
    /// throttled run, a lost answer whose write had landed.
    static let roundTrips = ["design-card-patch", "stale-etag-rebase", "throttled-retried", "lost-response-landed"]

    /// The embedded sandbox's first-start notice: a replay starts no sandbox, so it has none.
    static func withoutSandboxNotice(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("refsh: no endpoint configured") }
            .joined(separator: "\n")
    }

    @Test(arguments: Self.roundTrips)
    func aRunReplaysFromItsOwnRecordingExactly(_ name: String) throws {
        let golden = try #require(OnlineGoldenTests.cases.first { $0.name == name })
        let dir = try OnlineGoldenTests.prepare(golden)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let variables = golden.variables.flatMap { ["--var", "\($0.0)=\($0.1)"] }
        let script = [golden.name + ".refscript"] + golden.arguments
        let environment = OnlineGoldenTests.environment(golden, in: dir)
        let recorded = try Refsh.run(variables + ["--record", "run.har"] + script, in: dir, environment: environment, timeoutSeconds: 120)
        // Recording changes nothing of the run.
        try OnlineGoldenTests.compare(
            golden, stdout: recorded.stdout, stderr: recorded.stderr, status: recorded.status, directory: dir, update: false)
        var offline = environment
        offline["XDG_STATE_HOME"] = dir + "/replay-state"
        offline["XDG_DATA_HOME"] = dir + "/replay-data"
        let replayed = try Refsh.run(variables + ["--replay", "run.har"] + script, in: dir, environment: offline, timeoutSeconds: 120)
        #expect(replayed.stdout == recorded.stdout)
        #expect(replayed.stderr == Self.withoutSandboxNotice(recorded.stderr))
        #expect(replayed.status == recorded.status)
        #expect(!FileManager.default.fileExists(atPath: dir + "/replay-data/refsh"), "a replay starts no sandbox")
    }

    static let loadSetPatch = """
        load 49d90c72-3326-4f61-aacc-2cb57970448c
        set details.dealValue VALUE
        patch
        option errexit off
        echo after
        """

    func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "refsh-replay-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func environment(_ dir: String) -> [String: String] {
        ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
    }

    @Test func theFirstRequestThatDoesNotMatchStopsTheRunWithOneLine() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.loadSetPatch.replacingOccurrences(of: "VALUE", with: "50000").write(toFile: dir + "/a.refscript", atomically: true, encoding: .utf8)
        try Self.loadSetPatch.replacingOccurrences(of: "VALUE", with: "60000").write(toFile: dir + "/b.refscript", atomically: true, encoding: .utf8)
        let recorded = try Refsh.run(["--record", "a.har", "a.refscript"], in: dir, environment: environment(dir))
        #expect(recorded.status == 0)
        let replayed = try Refsh.run(["--replay", "a.har", "b.refscript"], in: dir, environment: environment(dir))
        #expect(replayed.status == 5)
        #expect(
            replayed.stderr
                == "b.refscript:3:1: error: replay: request 2 PATCH /v1.0/engagements/referrals/49d90c72-3326-4f61-aacc-2cb57970448c does not match the recording (entry 2): body /details/dealValue: sent 60000, recorded 50000\n"
        )
        #expect(!replayed.stdout.contains("after"), "the run stops there, errexit or not")
    }

    @Test func aRecordingWithPseudonymsReplaysTheScriptThatMadeIt() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = """
            load 49d90c72-3326-4f61-aacc-2cb57970448c
            set details.notes "spoke to Contoso Customer Inc today, zip 98052"
            patch
            list --filter "customerProfile/name eq 'Contoso Customer Inc'" --top 2
            """
        try script.write(toFile: dir + "/pii.refscript", atomically: true, encoding: .utf8)
        let recorded = try Refsh.run(["--record", "pii.har", "--redact-pii", "pii.refscript"], in: dir, environment: environment(dir))
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let har = try String(contentsOfFile: dir + "/pii.har", encoding: .utf8)
        #expect(!har.contains("Contoso Customer Inc") && !har.contains("98052"))
        let replayed = try Refsh.run(["--replay", "pii.har", "pii.refscript"], in: dir, environment: environment(dir))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stdout.contains("Customer 1"))
        // Around the pseudonym, the text must still be the recorded one.
        try script.replacingOccurrences(of: "today", with: "yesterday").write(toFile: dir + "/other.refscript", atomically: true, encoding: .utf8)
        let other = try Refsh.run(["--replay", "pii.har", "other.refscript"], in: dir, environment: environment(dir))
        #expect(other.status == 5)
        #expect(
            other.stderr.contains(
                "body /details/notes: sent \"spoke to Contoso Customer Inc yesterday, zip 98052\", recorded \"spoke to Customer 1 today, zip 00001\""),
            "\(other.stderr)")
    }

    @Test func aHARWrittenByAnotherToolReplaysItsEntriesForTheAPI() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.loadSetPatch.replacingOccurrences(of: "VALUE", with: "50000").write(toFile: dir + "/a.refscript", atomically: true, encoding: .utf8)
        let har = Refsh.fixtures + "/har/mitmproxy-load-patch.har"
        let replayed = try Refsh.run(["--replay", har, "a.refscript"], in: dir, environment: environment(dir))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stdout == "patched 49d90c72-3326-4f61-aacc-2cb57970448c (Active/Accepted)\nafter\n")
        #expect(
            replayed.stderr
                == "refsh: replaying 2 requests to the Referrals API from \(har) (written by mitmproxy); skipped 2 entries that are not requests to the Referrals API\n"
        )
    }

    @Test func aBrokenOrGiganticRecordingIsRefusedBeforeAnythingRuns() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{\"log\": {\"version\": \"1.2\",\n  \"entries\": [".write(toFile: dir + "/cut.har", atomically: true, encoding: .utf8)
        let cut = try Refsh.run(["--replay", "cut.har", "-c", "echo ran"], in: dir, environment: environment(dir))
        #expect(cut.status == 2)
        #expect(cut.stdout.isEmpty)
        #expect(cut.stderr == "refsh: cut.har:2:15: error: not a HAR file: unexpected end of input: expected a value\n")
        let huge = dir + "/huge.har"
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
        try handle.truncate(atOffset: 300 * 1024 * 1024)  // sparse: nothing is written
        try handle.close()
        let big = try Refsh.run(["--replay", "huge.har", "-c", "echo ran"], in: dir, environment: environment(dir))
        #expect(big.status == 2)
        #expect(big.stderr == "refsh: huge.har: the recording is 314572800 bytes, more than the 268435456 bytes refsh replays\n")
    }

    @Test func aRecordingHoldsNoTokenEvenWhenTheRunFailsHalfWay() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let token = "recorded-run-token/with+odd=chars-0123456789"
        let server = try SandboxProcessTests.Server.start(db: dir + "/sandbox.sqlite", token: token)
        defer { server.process.terminate() }
        var env = environment(dir)
        env["REFSH_ENDPOINT"] = "http://127.0.0.1:\(server.port)"
        env["REFSH_TOKEN"] = token
        let run = try Refsh.run(
            ["--record", "fail.har", "-c", "list --top 1; echo $env.REFSH_TOKEN; load no-such-referral; echo never"], in: dir, environment: env)
        #expect(run.status == 1)
        #expect(run.stdout.contains("<redacted>"))
        let text = try String(contentsOfFile: dir + "/fail.har", encoding: .utf8)
        #expect(text.contains("\"status\":404"), "the failing request is recorded")
        let forms = [token, token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token, Data(token.utf8).base64EncodedString()]
        for form in forms { #expect(!text.contains(form)) }
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/fail.har")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aHARReaderReadsTheRecording() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.loadSetPatch.replacingOccurrences(of: "VALUE", with: "50000").write(toFile: dir + "/a.refscript", atomically: true, encoding: .utf8)
        let recorded = try Refsh.run(["--record", "a.har", "--redact-pii", "a.refscript"], in: dir, environment: environment(dir))
        #expect(recorded.status == 0)
        let check = """
            import sys
            from haralyzer import HarParser
            parser = HarParser.from_file(sys.argv[1])
            assert parser.creator["name"] == "refsh", parser.creator
            page_entries = parser.har_data["entries"]
            from haralyzer import HarEntry
            entries = [HarEntry(e) for e in page_entries]
            for e in entries:
                e.startTime  # parses startedDateTime
                assert e.request.method and e.request.url and e.response.status
                assert set(e.timings) >= {"send", "wait", "receive"}
                assert "text" in e.raw_entry["response"]["content"]
                assert e.request.headers and e.response.headers is not None
                # Sizes are those of the text kept (contact data and the token replaced in it).
                content = e.raw_entry["response"]["content"]
                assert content["size"] == len(content["text"].encode()), (content["size"], len(content["text"].encode()))
                assert e.raw_entry["response"]["bodySize"] == content["size"]
                post = e.raw_entry["request"].get("postData")
                if post:
                    assert e.raw_entry["request"]["bodySize"] == len(post["text"].encode())
            print(len(entries), [e.request.method for e in entries], [e.response.status for e in entries],
                  [h["value"] for h in entries[0].request.headers if h["name"] == "Authorization"],
                  "Contoso Customer Inc" in open(sys.argv[1]).read())
            """
        let python = try TestPeers.python()
        let result = try Refsh.run(["-c", check, dir + "/a.har"], executable: python, timeoutSeconds: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2 ['GET', 'PATCH'] [200, 200] ['Bearer <redacted>'] False\n")
    }
}

/// The independent programs tests check refsh against (scripts/test-peers installs them).
enum TestPeers {
    struct Missing: Error, CustomStringConvertible {
        var description: String { "the test peers are not installed: run scripts/test-peers (scripts/test does)" }
    }

    /// The virtual environment's Python, with haralyzer.
    static func python() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent(".build/test-peers/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing() }
        return path
    }
}

/// `trace to FILE` and `--trace=FILE`: plain blocks appended to a 0600 file, nothing on standard
/// error; on a terminal the trace is coloured unless NO_COLOR.
@Suite(.serialized) struct TraceDestinationTests {
    @Test func aTraceFileGetsPlainBlocksAndStandardErrorNone() throws {
        let dir = NSTemporaryDirectory() + "refsh-trace-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
        let run = try Refsh.run(
            ["-c", "trace to t.txt; load 49d90c72-3326-4f61-aacc-2cb57970448c; trace off; list --top 1"], in: dir, environment: env)
        #expect(run.status == 0)
        #expect(!run.stderr.contains("→"), "\(run.stderr)")
        let text = try String(contentsOfFile: dir + "/t.txt", encoding: .utf8)
        #expect(text.hasPrefix("→ GET http://127.0.0.1:"))
        #expect(text.contains("  Authorization: Bearer <redacted>\n"))
        #expect(!text.contains("\u{1B}["))
        #expect(text.components(separatedBy: "→ ").count == 2, "one exchange while the trace was on")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/t.txt")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let flag = try Refsh.run(["--trace=t2.txt", "-c", "load 49d90c72-3326-4f61-aacc-2cb57970448c"], in: dir, environment: env)
        #expect(flag.status == 0)
        #expect(try String(contentsOfFile: dir + "/t2.txt", encoding: .utf8).contains("← 200 OK"))
    }

    @Test func aParallelLoopReplaysFromItsRecordingWhateverOrderItsIterationsGoIn() throws {
        let dir = NSTemporaryDirectory() + "refsh-parallel-replay-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        sandbox faults 429:1@0.05
        for --jobs 8 r in (list --top 40)
          load ${r.id}
          set details.dealValue 5
          patch
          echo ${r.id} (get details.dealValue)
        end
        let s (session)
        echo throttled ${s.throttled}
        """.write(toFile: dir + "/bulk.refscript", atomically: true, encoding: .utf8)
        let env = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
        let recorded = try Refsh.run(["--record", "bulk.har", "bulk.refscript"], in: dir, environment: env, timeoutSeconds: 120)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.split(separator: "\n").count == 82, "the faults line, each item's patched and echo lines, the 429s")
        #expect(!recorded.stdout.hasSuffix("throttled 0\n"), "the run drew 429s, and its replay shows as many")
        var offline = env
        offline["XDG_DATA_HOME"] = dir + "/replay-data"
        for _ in 0..<3 {
            let replayed = try Refsh.run(["--replay", "bulk.har", "bulk.refscript"], in: dir, environment: offline, timeoutSeconds: 120)
            #expect(replayed.status == 0, "\(replayed.stderr)")
            #expect(replayed.stdout == recorded.stdout)
        }
    }

    /// session in a replay names the recording and where it was made, not the sandbox.
    /// A `--curl` sends nothing, so it takes no request id from the replay's recorded ones: the
    /// write after it replays with its recorded id, and the error line matches. A replay talks to
    /// no sandbox, so it prints no note about the embedded sandbox's curl commands.
    @Test func aCurlCommandTakesNoRecordedRequestId() throws {
        let dir = NSTemporaryDirectory() + "refsh-replay-curl-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
        let script = """
            load 910a2dec-8902-4cc1-beeb-8da1658eec67
            set details.dealValue 322
            patch --curl
            sandbox faults 409@next1
            patch
            """
        try script.write(toFile: dir + "/s.refscript", atomically: true, encoding: .utf8)
        let recorded = try Refsh.run(["--record", "s.har", "s.refscript"], in: dir, environment: env)
        let replayed = try Refsh.run(["--replay", "s.har", "s.refscript"], in: dir, environment: env)
        let errors = { (text: String) -> [Substring] in text.split(separator: "\n").filter { $0.contains("error:") } }
        #expect(recorded.stderr.contains("[request "), "\(recorded.stderr)")
        #expect(errors(replayed.stderr) == errors(recorded.stderr), "\(replayed.stderr)")
        #expect(replayed.status == recorded.status)
        #expect(!replayed.stderr.contains("the embedded sandbox lives only"), "\(replayed.stderr)")
    }

    @Test func sessionInAReplayNamesTheRecording() throws {
        let dir = NSTemporaryDirectory() + "refsh-replay-session-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
        let id = "49d90c72-3326-4f61-aacc-2cb57970448c"
        let recorded = try Refsh.run(["--record", "r.har", "-c", "load \(id)"], in: dir, environment: env)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let replayed = try Refsh.run(["--replay", "r.har", "-c", "session; load \(id); session"], in: dir, environment: env)
        let rows = replayed.stdout.split(separator: "\n").filter { $0.hasPrefix("endpoint ") }
        #expect(rows.count == 2, "\(replayed.stdout)")
        for row in rows {
            #expect(row.contains("replay of r.har, recorded at http://127.0.0.1:") && row.hasSuffix("(no request reaches the network)"), "\(row)")
        }
    }

    @Test func aTraceThatCannotBeWrittenIsReportedOnceOnItsOwnLine() throws {
        let dir = NSTemporaryDirectory() + "refsh-trace-full-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
        let id = "49d90c72-3326-4f61-aacc-2cb57970448c"
        let run = try Refsh.run(["--trace=/dev/full", "-c", "load \(id); load \(id); echo done"], in: dir, environment: env)
        #expect(run.status == 0)
        #expect(run.stdout == "done\n")
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.contains("the trace") }
        #expect(
            lines == ["refsh: cannot write the trace to /dev/full: No space left on device; exchanges are not traced until it can"], "\(run.stderr)")
    }

    @Test func aParallelLoopsFailuresReplayWithTheirRecordedRequestIds() throws {
        let dir = NSTemporaryDirectory() + "refsh-parallel-ids-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        option errexit off
        sandbox faults 409@0.25
        for --jobs 4 r in (list --top 16)
          load ${r.id}
          set details.dealValue 6
          patch
        end
        """.write(toFile: dir + "/bulk.refscript", atomically: true, encoding: .utf8)
        let env = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
        let recorded = try Refsh.run(["--record", "bulk.har", "bulk.refscript"], in: dir, environment: env, timeoutSeconds: 120)
        #expect(recorded.stderr.contains("[request "), "some requests drew the 409: \(recorded.stderr)")
        var offline = env
        offline["XDG_DATA_HOME"] = dir + "/replay-data"
        let replayed = try Refsh.run(["--replay", "bulk.har", "bulk.refscript"], in: dir, environment: offline, timeoutSeconds: 120)
        #expect(replayed.status == recorded.status)
        #expect(replayed.stdout == recorded.stdout)
        #expect(replayed.stderr == RecordReplayTests.withoutSandboxNotice(recorded.stderr), "the same error lines, request ids included")
    }

    @Test func aRecordingOrTraceOverAnOpenFileIsMadePrivate() throws {
        let dir = NSTemporaryDirectory() + "refsh-private-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, mode) in [("r.har", 0o666), ("t.txt", 0o644), ("f.har", 0o644)] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("old\n".utf8), attributes: [.posixPermissions: mode])
        }
        let env = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
        let run = try Refsh.run(
            ["--trace=t.txt", "--record", "f.har", "-c", "record r.har; load 49d90c72-3326-4f61-aacc-2cb57970448c; record stop"], in: dir,
            environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["r.har", "t.txt", "f.har"] {
            let mode = try FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
    }

    @Test(arguments: [false, true])
    func onATerminalTheTraceIsColouredUnlessNoColor(noColor: Bool) throws {
        let dir = NSTemporaryDirectory() + "refsh-trace-tty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Empty NO_COLOR is no NO_COLOR: the test runner's own environment may set it.
        let terminal = try TerminalTests.Terminal(directory: dir, environment: ["NO_COLOR": noColor ? "1" : ""])
        defer { terminal.close() }
        try terminal.keys("-l", "trace on; load 49d90c72-3326-4f61-aacc-2cb57970448c")
        try terminal.keys("Enter")
        try terminal.waitFor("← 200 OK")
        let escaped = try terminal.tmux(["capture-pane", "-e", "-p", "-t", terminal.session])
        // tmux writes the attributes back its own way (`ESC[1m ESC[32m`): any escape on the status line counts.
        let statusLine = escaped.split(separator: "\n").first { $0.contains("← 200 OK") } ?? ""
        #expect(statusLine.contains("\u{1B}[") != noColor, "\(statusLine)")
    }
}
