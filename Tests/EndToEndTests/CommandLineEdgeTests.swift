import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

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
        let dash = try Refsh.run(["-", "a", "-c", "echo injected"], in: dir)  // a script file named -
        #expect(dash.stdout == "")
        #expect(dash.stderr == "refsh: cannot read -: no such file\n")
    }

    @Test func aBareTraceOrResumeNeverTakesAWordAsItsValue() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let traced = try shell(#""$REFSH" --trace=t.log -c 'list --top 1' >/dev/null && grep -c '^→ GET' t.log"#, in: dir)
        #expect(traced.stdout == "1\n", "\(traced.stderr)")
        // A word after a bare --trace is the script; with -c there is none, so it is refused.
        let bare = try Refsh.run(["--trace", "args.refscript", "a", "b", "c", "d"], in: dir)
        #expect(bare.stdout == "a|b|c|d\n")
        let refused = try Refsh.run(["--trace", "t.log", "-c", "echo never"], in: dir)
        #expect(refused.stdout == "")
        #expect(refused.stderr.hasPrefix("refsh: write --trace=t.log (with a space, 't.log' would be an argument of -c)\n"))
        #expect(refused.status == 2)
        // A word after --resume that is no session id is a mistyped one: not run as a script
        // that is not there (exit 1), nor sent to -c with advice that a real id does not need.
        for words in [["--resume", "nosuch", "-c", "echo never"], ["--resume", "nosuch"]] {
            let mistyped = try Refsh.run(words, in: dir, environment: ["XDG_STATE_HOME": dir + "/state"])
            #expect(mistyped.stdout == "")
            #expect(
                mistyped.stderr.hasPrefix("refsh: --resume nosuch: that is not a session id (refsh --resume list lists them)"), "\(mistyped.stderr)")
            #expect(mistyped.status == 2)
        }
        let resume = try Refsh.run(["--resume=nosuchid", "-c", "echo never"], in: dir, environment: ["XDG_STATE_HOME": dir + "/state"])
        #expect(resume.stderr.contains("no unfinished session nosuchid"), "\(resume.stderr)")
        #expect(resume.status == 2)
    }

    @Test func aScriptMayComeFromAPipe() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let piped = try shell(#"mkfifo pipe && { timeout 30 sh -c "echo 'echo from a pipe' > pipe" & } && "$REFSH" pipe"#, in: dir)
        #expect(piped.stdout == "from a pipe\n", "\(piped.stderr)")
        #expect(piped.status == 0)
    }

    /// A directory as standard input is one line and exit 2 (a Foundation read trapped on it),
    /// and a file past 256 MiB (`open /dev/zero`) is refused once read that far, instead of
    /// reading on until the machine runs out of memory.
    @Test func aDirectoryAsInputAndAnEndlessFileAreRefusedInWords() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let directory = try shell(#""$REFSH" < /tmp"#, in: dir)
        #expect(directory.stderr == "refsh: cannot read standard input: is a directory\n")
        #expect(directory.status == 2)
        let endless = try Refsh.run(["-c", "open /dev/zero; echo never"], in: dir)
        #expect(endless.stderr == "-c:1:6: error: cannot read /dev/zero: larger than 256 MiB, more than refsh reads of one file\n")
        #expect(endless.status == 1)
        let folder = try Refsh.run(["-c", "source /tmp"], in: dir)
        #expect(folder.stderr.hasSuffix("cannot read /tmp: is a directory\n"), "\(folder.stderr)")
        // A token file or a test file that cannot be read says why.
        let tokenFile = try Refsh.run(["--token-file", "/dev/zero", "-c", "echo never"], in: dir)
        #expect(tokenFile.stderr.hasPrefix("refsh: cannot read the token file /dev/zero: larger than 1 MiB, more than refsh reads of one file\n"))
        #expect(tokenFile.status == 2)
        let suite = try Refsh.run(["test", "/dev/zero"], in: dir)
        #expect(suite.stderr == "refsh test: cannot read /dev/zero: larger than 256 MiB, more than refsh reads of one file\n", "\(suite.stderr)")
        #expect(suite.status == 2)
        // A recording or a journal that is a directory is not "permission denied".
        let replay = try Refsh.run(["--replay", "/tmp", "-c", "echo never"], in: dir)
        #expect(replay.stderr == "refsh: cannot read the recording /tmp: is a directory\n")
        try FileManager.default.createDirectory(atPath: dir + "/state/refsh/sessions/odd.json", withIntermediateDirectories: true)
        let listed = try Refsh.run(["--resume", "list"], in: dir, environment: ["XDG_STATE_HOME": dir + "/state"])
        #expect(listed.stdout.contains("cannot be read: is a directory"), "\(listed.stdout)")
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

    /// Starts refsh in `dir` with `arguments`, its output in files there; `ignoringInterrupts`
    /// starts it as a shell starts a background job (SIGINT ignored).
    func start(_ arguments: [String], in dir: String, ignoringInterrupts: Bool = false) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ignoringInterrupts ? "/bin/sh" : Refsh.binary)
        process.arguments = ignoringInterrupts ? ["-c", #"trap '' INT; exec "$0" "$@""#, Refsh.binary] + arguments : arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = dir + "/data"
        environment["XDG_STATE_HOME"] = dir + "/state"
        process.environment = environment
        _ = FileManager.default.createFile(atPath: dir + "/out", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/out"))
        _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
        try process.run()
        return process
    }

    /// Waits (up to 60 s) until `file` in `dir` holds `text`.
    func wait(for text: String, in file: String, _ dir: String) {
        for _ in 0..<600 {
            if let content = try? String(contentsOfFile: dir + "/" + file, encoding: .utf8), content.contains(text) { return }
            usleep(100_000)
        }
    }

    /// Waits (up to 30 s) for `process` to end; a process still running then is killed, and the
    /// test fails rather than hangs.
    func waitForExit(_ process: Process) {
        for _ in 0..<300 where process.isRunning { usleep(100_000) }
        if process.isRunning {
            Issue.record("refsh did not end")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// Waits for `process` to end, and expects it ended by `number` (not by an exit code).
    func expectEnded(_ process: Process, by number: Int32, _ comment: Comment? = nil) {
        waitForExit(process)
        #expect(process.terminationReason == .uncaughtSignal, comment)
        #expect(process.terminationStatus == number)
    }

    /// A request that takes 20 s, after a line of output.
    static let slowRun = ["-c", "echo step one; sandbox faults latency:20000@next1; echo waiting; list --top 1"]

    /// Waits until the embedded sandbox is up (its notice on standard error), and a second more:
    /// the slow request is on its way then.
    func waitForTheSlowRequest(_ dir: String) {
        wait(for: "embedded sandbox", in: "err", dir)
        usleep(1_000_000)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheScriptWritesOutWhatItPrintedAndEndsRefshByIt(_ number: Int32) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let started = ContinuousClock.now
        let process = try start(Self.slowRun, in: dir)
        waitForTheSlowRequest(dir)
        kill(process.processIdentifier, number)
        expectEnded(process, by: number, "a shell loop around refsh stops only if refsh ends by the signal")
        #expect(ContinuousClock.now - started < .seconds(15), "the request was cancelled, not waited for")
        let output = try String(contentsOfFile: dir + "/out", encoding: .utf8)
        #expect(output.hasPrefix("step one\n"), "what the script printed is written out")
    }

    /// A parallel loop stopped by a signal says so with the loop's place, as every error line does.
    @Test func anInterruptedLoopNamesWhereItStopped() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = try start(
            ["-c", "echo step one; sandbox faults latency:20000@next2; for --jobs 2 x in [1, 2]; list --top 1; end"], in: dir)
        waitForTheSlowRequest(dir)
        kill(process.processIdentifier, SIGINT)
        expectEnded(process, by: SIGINT)
        let errors = try String(contentsOfFile: dir + "/err", encoding: .utf8)
        #expect(errors.contains("-c:1:52: error: interrupted\n"), "\(errors)")
    }

    @Test func whatARunPrintedIsInItsFileWhileItWaits() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = try start(Self.slowRun, in: dir)
        wait(for: "waiting", in: "out", dir)
        #expect(process.isRunning, "printed before the 20 s request ended, not when refsh did")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try String(contentsOfFile: dir + "/out", encoding: .utf8) == "step one\nfaults: latency:20000@next1\nwaiting\n")
    }

    @Test func aSignalBeforeTheScriptRunsEndsRefshAtOnce() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/never-written", 0o600) == 0)
        let process = try start(["never-written"], in: dir)  // blocks opening the pipe
        usleep(500_000)
        kill(process.processIdentifier, SIGINT)
        expectEnded(process, by: SIGINT)
    }

    @Test func anInterruptRefshWasToldToIgnoreStaysIgnored() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = try start(Self.slowRun, in: dir, ignoringInterrupts: true)
        waitForTheSlowRequest(dir)
        kill(process.processIdentifier, SIGINT)
        usleep(500_000)
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGTERM)
        expectEnded(process, by: SIGTERM)
    }

    @Test func theSubcommandsHelpNamesThemAsRefshs() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = try Refsh.run(["--help"], in: dir)
        #expect(root.stdout.contains("SUBCOMMANDS:\n  test ") && root.stdout.contains("\n  mcp "), "\(root.stdout)")
        // The options whose value is optional are spelled as they are read, in the help's column.
        for words in [["--help"], ["-h"], ["help"]] {
            let help = try Refsh.run(words, in: dir).stdout
            #expect(help.contains("\n  --trace[=<file>]        Trace every HTTP exchange"), "\(words): \(help)")
            #expect(help.contains("\n  --resume[=<id>|list]    Take up the newest session"), "\(words)")
            #expect(!help.contains("--trace <file>") && !help.contains("--resume <id>"), "\(words)")
        }
        for words in [["test", "--help"], ["help", "test"]] {
            let help = try Refsh.run(words, in: dir)
            #expect(help.status == 0)
            #expect(help.stdout.contains("\nUSAGE: refsh test [--jobs <jobs>]"), "\(words): \(help.stdout)")
        }
        #expect(try Refsh.run(["help", "mcp"], in: dir).stdout.contains("\nUSAGE: refsh mcp [--allow-writes]"))
        for name in ["test", "mcp"] {
            #expect(try Refsh.run([name, "--version"], in: dir).stdout.hasPrefix("refsh 0.9.0 (commit "), "\(name) --version")
        }
        let wrong = try Refsh.run(["mcp", "--bogus"], in: dir)
        #expect(wrong.stderr.hasPrefix("refsh mcp: Unknown option '--bogus'\nusage: refsh mcp [--allow-writes]"), "\(wrong.stderr)")
        #expect(wrong.status == 2)
    }

    @Test func anEndpointWithAPasswordIsRefusedWithoutQuotingIt() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let flag = try Refsh.run(["--endpoint", "http://bob:hunter2@127.0.0.1:1", "--trace=t.txt", "-c", "session"], in: dir)
        #expect(flag.status == 2)
        #expect(flag.stderr.hasPrefix("refsh: the endpoint URL carries a user name or password (before '@')"), "\(flag.stderr)")
        let other = try Refsh.run(["--endpoint", "ftp://bob:hunter2@example.com", "-c", "session"], in: dir)
        #expect(other.status == 2 && !other.stderr.contains("hunter2"), "\(other.stderr)")
        let command = try Refsh.run(["-c", "connect https://bob:hunter2@example.com/x"], in: dir)
        #expect(command.status == 1)
        #expect(command.stderr.contains("carries a user name or password"))
        #expect(!(flag.stdout + flag.stderr + command.stdout + command.stderr).contains("hunter2"))
        #expect(try Refsh.run(["--endpoint", "https://example.com/a@b", "-c", "echo fine"], in: dir).stdout == "fine\n", "an @ in the path is fine")
    }

    /// An endpoint with a query or a fragment is refused: paths went after it, so every GET
    /// reached the collection and `load` took a list page for the referral.
    @Test func anEndpointWithAQueryOrAFragmentIsRefused() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fragment = try Refsh.run(["--endpoint", "http://127.0.0.1:1/v1.0/engagements/referrals#x", "-c", "session"], in: dir)
        #expect(fragment.status == 2)
        #expect(fragment.stderr.hasPrefix("refsh: the endpoint URL has a fragment (#…): give the service's address alone"), "\(fragment.stderr)")
        let query = try Refsh.run(["-c", "connect https://example.com/?top=1"], in: dir)
        #expect(query.status == 1)
        #expect(query.stderr.contains("error: the endpoint URL has a query (?…)"), "\(query.stderr)")
    }

    @Test func aScriptThatIsNotTextFailsAsASyntaxErrorFromAFileStandardInputOrDashC() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/bad.refscript", contents: Data([0x65, 0x63, 0x68, 0x6F, 0x20, 0xFF, 0xFE, 0x0A]))
        let file = try shell(#""$REFSH" bad.refscript"#, in: dir)
        #expect(file.stderr == "bad.refscript:1:6: error: not UTF-8 text (byte 0xFF); refsh reads scripts as UTF-8\n")
        #expect(file.status == 2)
        let piped = try shell(#""$REFSH" < bad.refscript"#, in: dir)
        #expect(piped.stderr == "<stdin>:1:6: error: not UTF-8 text (byte 0xFF); refsh reads scripts as UTF-8\n")
        #expect(piped.status == 2)
        // Commands given with -c are refused the same way, not run with the bytes replaced.
        let commands = try shell(#""$REFSH" --endpoint http://127.0.0.1:9 -c "$(cat bad.refscript)""#, in: dir)
        #expect(commands.stderr == "-c:1:6: error: not UTF-8 text (byte 0xFF); refsh reads scripts as UTF-8\n")
        #expect(commands.stdout.isEmpty && commands.status == 2)
        // After the script's name, -c and what follows are the script's arguments.
        let argument = try shell(#""$REFSH" args.refscript -c "$(cat bad.refscript)""#, in: dir)
        #expect(argument.stderr.contains("script argument $3 was not given (the script got 2 arguments)"), "it ran: \(argument.stderr)")
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

    /// A list given with `--var` reads as the same list written in a script: `\,` keeps a comma.
    @Test func aVarListTakesTheLanguagesEscapesAsAScriptListDoes() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let given = try Refsh.run(["--var", #"l=[a\,b, c]"#, "-c", #"for w in $l; echo "<$w>"; end"#], in: dir)
        let written = try Refsh.run(["-c", #"for w in [a\,b, c]; echo "<$w>"; end"#], in: dir)
        #expect(given.stdout == "<a,b>\n<c>\n")
        #expect(written.stdout == given.stdout)
    }

    /// `--record` onto the recording `--replay` reads (by another path or a hard link too) is
    /// refused before anything runs, and the customer's recording stays as it was.
    @Test func recordingOverTheReplayedRecordingIsRefused() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recorded = try Refsh.run(["--record", "case.har", "-c", "list --top 1"], in: dir)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/case.har"))
        try FileManager.default.linkItem(atPath: dir + "/case.har", toPath: dir + "/linked.har")
        for target in ["./case.har", dir + "/case.har", "linked.har"] {
            let result = try Refsh.run(["--replay", "case.har", "--record", target, "-c", "list --top 1"], in: dir)
            #expect(result.status == 2, "\(target): \(result.stderr)")
            #expect(result.stderr.hasPrefix("refsh: --record \(target) would overwrite the recording --replay reads"), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/case.har")) == before)
        #expect(try Refsh.run(["--replay", "case.har", "--record", "other.har", "-c", "list --top 1"], in: dir).status == 0)
    }

    /// `~/` is $HOME, as in a shell: the config example's `token --file ~/.config/refsh/token`
    /// read the account's home directory instead.
    @Test func aTildeIsTheHomeDirectoryTheEnvironmentNames() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/home/sub", withIntermediateDirectories: true)
        try #"{"id": "r1", "status": "New"}"#.write(toFile: dir + "/home/sub/r1.json", atomically: true, encoding: .utf8)
        let result = try Refsh.run(["-c", "open ~/sub/r1.json; get id; save ~/sub/copy.json"], in: dir, environment: ["HOME": dir + "/home"])
        #expect(result.stdout == "r1\n", "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/home/sub/copy.json"))
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
        // A cap from --rate is named as either place sets it; a session no request went out on
        // yet, or whose connection a new token dropped, connects with its next request.
        let capped = try shell(#""$REFSH" --rate 0.5 -c 'echo x; token t; session'"#, in: dir)
        #expect(capped.stdout.contains("at most 0.5 requests a second (option rate or --rate)\n"), "\(capped.stdout)")
        #expect(capped.stdout.contains(" (not connected: the next request connects)\n"), "\(capped.stdout)")
    }
}
