import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The working copy survives a crash: `kill -9` in the middle of a script or of an interactive
/// edit, then `refsh --resume` brings the edits back. The journal is the session's alone (two
/// shells keep two), goes when nothing is left unsent, and one that cannot be read is kept.
@Suite(.serialized) struct SessionJournalTests {
    func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "refsh-journal-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func environment(_ dir: String) -> [String: String] {
        ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
    }

    func journals(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/state/refsh/sessions")) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// Starts `refsh script` in the background; it is killed by the caller.
    func start(_ script: String, in dir: String, extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Refsh.binary)
        process.arguments = [script]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment(dir).merging(extra, uniquingKeysWith: { $1 }) { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until `count` journals exist (at most 30 s).
    func waitForJournals(_ count: Int, in dir: String) {
        for _ in 0..<600 where journals(dir).count < count { usleep(50_000) }
    }

    @Test func killDashNineInTheMiddleOfAScriptThenResume() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The second script's edits are on a referral of its own; both then wait on a slow answer.
        try """
        load 49d90c72-3326-4f61-aacc-2cb57970448c
        set details.dealValue 77777
        sandbox faults latency:25000@1
        list --top 1
        """.write(toFile: dir + "/slow.refscript", atomically: true, encoding: .utf8)
        let first = try start("slow.refscript", in: dir)
        waitForJournals(1, in: dir)
        let second = try start("slow.refscript", in: dir)
        waitForJournals(2, in: dir)
        kill(first.processIdentifier, SIGKILL)
        kill(second.processIdentifier, SIGKILL)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(journals(dir).count == 2, "two sessions keep two journals")
        for name in journals(dir) {
            let mode = try FileManager.default.attributesOfItem(atPath: dir + "/state/refsh/sessions/" + name)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let list = try Refsh.run(["--resume", "list"], in: dir, environment: environment(dir))
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 2)
        #expect(list.stdout.contains("49d90c72-3326-4f61-aacc-2cb57970448c  1 unsent change  (script slow.refscript, line 2)"))
        let resumed = try Refsh.run(
            ["--resume", "-c", "sandbox faults --clear; diff; patch; get details.dealValue"], in: dir, environment: environment(dir))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout == "~ details.dealValue: 25000 → 77777\npatched 49d90c72-3326-4f61-aacc-2cb57970448c (Active/Accepted)\n77777\n")
        #expect(resumed.stderr.hasPrefix("refsh: resumed session "))
        #expect(resumed.stderr.contains(": referral 49d90c72-3326-4f61-aacc-2cb57970448c, 1 unsent change (diff shows them), at sandbox\n"))
        #expect(journals(dir).count == 1, "the write removed the resumed session's journal; the other stays")
    }

    static let documentedNotes =
        "Customer is looking to leverage Dynamics 365 to manage their supply chain. There is also a need to leverage a set of custom apps to enable their business processes."

    @Test func killDashNineWhileAScriptsEditorIsOpenKeepsEveryEdit() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The editor says it is open, then waits; refsh is killed while it waits.
        try "#!/bin/sh\necho $$ > \(dir)/editor.pid\nexec sleep 60\n".write(toFile: dir + "/editor.sh", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/editor.sh")
        try """
        load 49d90c72-3326-4f61-aacc-2cb57970448c
        set details.dealValue 11111
        set customerProfile.name "Kill Test Co"
        set details.notes "third edit"
        edit details
        """.write(toFile: dir + "/edit.refscript", atomically: true, encoding: .utf8)
        let process = try start("edit.refscript", in: dir, extra: ["EDITOR": dir + "/editor.sh", "VISUAL": ""])
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: dir + "/editor.pid") { usleep(50_000) }
        usleep(100_000)
        kill(process.processIdentifier, SIGKILL)
        // The editor goes before the wait: Foundation's wait also waits for the descriptor it
        // watches, which the editor inherited (it held the test up for its whole minute).
        if let pid = try? String(contentsOfFile: dir + "/editor.pid", encoding: .utf8),
            let number = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            kill(number, SIGKILL)
        }
        process.waitUntilExit()
        let resumed = try Refsh.run(["--resume", "-c", "diff"], in: dir, environment: environment(dir))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(
            resumed.stdout == """
                ~ customerProfile.name: "Contoso Customer Inc" → "Kill Test Co"
                ~ details.notes: "\(Self.documentedNotes)" → "third edit"
                ~ details.dealValue: 25000 → 11111

                """)
        #expect(journals(dir).count == 1, "a resumed session's edits stay resumable after a script that only looked at them")
    }

    @Test func aSuccessfulWriteOrACleanExitWithNothingUnsentLeavesNoJournal() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sent = try Refsh.run(
            ["-c", "load 49d90c72-3326-4f61-aacc-2cb57970448c; set details.dealValue 5; patch"], in: dir, environment: environment(dir))
        #expect(sent.status == 0)
        #expect(journals(dir).isEmpty)
        let undone = try Refsh.run(
            ["-c", "load 49d90c72-3326-4f61-aacc-2cb57970448c; set details.dealValue 6; undo"], in: dir, environment: environment(dir))
        #expect(undone.status == 0)
        #expect(journals(dir).isEmpty)
        // A script that ran to its end meant its unsent edits (a dry run, --curl): no journal;
        // one that failed keeps its edits resumable.
        let meant = try Refsh.run(
            ["-c", "load 49d90c72-3326-4f61-aacc-2cb57970448c; set details.dealValue 7; patch --dry-run"], in: dir, environment: environment(dir))
        #expect(meant.status == 0)
        #expect(journals(dir).isEmpty, "a script that succeeded leaves no session to resume")
        let kept = try Refsh.run(
            ["-c", "load 49d90c72-3326-4f61-aacc-2cb57970448c; set details.dealValue 7; get details.nothing"], in: dir,
            environment: environment(dir))
        #expect(kept.status == 1)
        #expect(journals(dir).count == 1, "edits neither sent nor saved stay resumable")
        let text = try String(contentsOfFile: dir + "/state/refsh/sessions/" + (try #require(journals(dir).first)), encoding: .utf8)
        #expect(!text.contains("Bearer"))
        #expect(text.contains("\"referral\":\"49d90c72-3326-4f61-aacc-2cb57970448c\""))
    }

    @Test func aSessionIsListedByWhatItEdits() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let saved = try Refsh.run(["-c", "load 49d90c72-3326-4f61-aacc-2cb57970448c; save saved.json"], in: dir, environment: environment(dir))
        #expect(saved.status == 0)
        try #"{"status": "New", "details": {"dealValue": 1}}"#.write(toFile: dir + "/plain.json", atomically: true, encoding: .utf8)
        for commands in ["open saved.json; set details.dealValue 3", "open plain.json; set details.dealValue 3", "new; set details.dealValue 3"] {
            #expect(try Refsh.run(["-c", commands + "; exit 1"], in: dir, environment: environment(dir)).status == 1)
        }
        let list = try Refsh.run(["--resume", "list"], in: dir, environment: environment(dir))
        #expect(list.stdout.contains("  49d90c72-3326-4f61-aacc-2cb57970448c (from file saved.json)  1 unsent change"), "\(list.stdout)")
        #expect(list.stdout.contains("  file plain.json  1 unsent change"))
        #expect(list.stdout.contains("  a referral not yet created  1 unsent change"))
        let newest = try Refsh.run(["--resume", "-c", "echo resumed"], in: dir, environment: environment(dir))
        #expect(newest.stderr.contains(": a referral not yet created, 1 unsent change"), "\(newest.stderr)")
    }

    /// A script stopped by a 412 says where its edits are: in the file it opened (no journal is
    /// written for it, and --resume would take up another session), in the journal, or nowhere
    /// when the journal cannot be written. It said "kept in the session's journal" every time.
    @Test func aStoppedScriptSaysWhereItsEditsAreAfterA412() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = "6775dc77-0156-4f61-9afc-d44d14cf8bfe"
        let env = environment(dir)
        #expect(try Refsh.run(["-c", "load \(id); set details.dealValue 31337; save wc.json"], in: dir, environment: env).status == 0)
        #expect(try Refsh.run(["-c", "load \(id); set details.notes 'other writer'; patch"], in: dir, environment: env).status == 0)
        let saved = try Refsh.run(["-c", "open wc.json; patch"], in: dir, environment: env)
        #expect(saved.status == 4)
        #expect(
            saved.stderr.hasSuffix("your edits are in the file as you saved it: open it again, then rebase, check diff and patch again\n"),
            "\(saved.stderr)")
        #expect(journals(dir).isEmpty)
        let unsaved = try Refsh.run(["-c", "open wc.json; set details.dealValue 5; patch"], in: dir, environment: env)
        #expect(
            unsaved.stderr.hasSuffix(
                "your edits are kept in the session's journal: refsh --resume takes them up; then rebase, check diff and patch again\n"))
        #expect(journals(dir).count == 1)
        // The sessions folder is a file: no journal can be written.
        try FileManager.default.createDirectory(atPath: dir + "/broken/refsh", withIntermediateDirectories: true)
        try "".write(toFile: dir + "/broken/refsh/sessions", atomically: true, encoding: .utf8)
        var broken = env
        broken["XDG_STATE_HOME"] = dir + "/broken"
        let lost = try Refsh.run(["-c", "open wc.json; set details.dealValue 6; patch"], in: dir, environment: broken)
        #expect(lost.status == 4)
        #expect(lost.stderr.contains("warning: cannot keep the session journal"), "\(lost.stderr)")
        #expect(
            lost.stderr.hasSuffix(
                "your edits could not be kept (the session journal cannot be written): run the script again once the service's copy is what it expects\n"
            ), "\(lost.stderr)")
    }

    @Test func aScriptStoppedByA412LeavesItsEditsToResume() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = "49d90c72-3326-4f61-aacc-2cb57970448c"
        let stopped = try Refsh.run(
            ["-c", "load \(id); for --jobs 1 n in [1]; load \(id); set details.dealValue 31000; patch; end; set details.notes mine; patch"],
            in: dir, environment: environment(dir))
        #expect(stopped.status == 4)
        #expect(stopped.stderr.contains("refsh --resume takes them up"))
        let resumed = try Refsh.run(["--resume", "-c", "rebase; diff; patch"], in: dir, environment: environment(dir))
        #expect(resumed.stdout.contains("~ details.notes:"), "\(resumed.stdout) \(resumed.stderr)")
        #expect(resumed.stdout.contains("patched \(id)"))
        #expect(resumed.status == 0)
    }

    @Test func aJournalThatCannotBeReadIsReportedAndKept() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sessions = dir + "/state/refsh/sessions"
        try FileManager.default.createDirectory(atPath: sessions, withIntermediateDirectories: true)
        let id = "20261203-120000-4242-abcdef"
        let broken = "{\"workingCopy\": {\"state\": "
        try broken.write(toFile: sessions + "/\(id).json", atomically: true, encoding: .utf8)
        let list = try Refsh.run(["--resume", "list"], in: dir, environment: environment(dir))
        #expect(list.stdout.hasPrefix(id + "  "))
        #expect(
            list.stdout.contains("  cannot be read: line 1, column 27: unexpected end of input: expected a value (kept: \(sessions)/\(id).json)\n"))
        let resumed = try Refsh.run(["--resume", id, "-c", "echo ran"], in: dir, environment: environment(dir))
        #expect(resumed.status == 2)
        #expect(resumed.stdout.isEmpty)
        #expect(resumed.stderr.contains("refsh: cannot resume \(id): the journal \(sessions)/\(id).json cannot be read"))
        #expect(try String(contentsOfFile: sessions + "/\(id).json", encoding: .utf8) == broken, "never overwritten")
    }

    @Test func aJournalThatCannotBeWrittenIsReportedOnceAndTheWorkingCopyStays() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The journal's folder cannot be made: a file stands where it would be.
        try FileManager.default.createDirectory(atPath: dir + "/state/refsh", withIntermediateDirectories: true)
        try "not a folder".write(toFile: dir + "/state/refsh/sessions", atomically: true, encoding: .utf8)
        let env = environment(dir)
        let run = try Refsh.run(
            ["-c", "load 49d90c72-3326-4f61-aacc-2cb57970448c; set details.dealValue 8; set details.notes x; get details.dealValue"], in: dir,
            environment: env)
        #expect(run.status == 0)
        #expect(run.stdout == "8\n")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("cannot keep the session journal") }
        #expect(warnings.count == 1, "\(run.stderr)")
    }

    @Test func killDashNineDuringAnInteractiveEditThenResume() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try TerminalTests.Terminal(directory: dir)
        defer { terminal.close() }
        try terminal.keys("-l", "load 49d90c72-3326-4f61-aacc-2cb57970448c")
        try terminal.keys("Enter")
        try terminal.keys("-l", "set details.dealValue 4242")
        try terminal.keys("Enter")
        try terminal.waitFor("Active* >")
        waitForJournals(1, in: dir)
        let pane = try terminal.tmux(["list-panes", "-t", terminal.session, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let child = try Refsh.run(["-P", pane], executable: "/usr/bin/pgrep").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(child.split(separator: "\n").first ?? ""))
        kill(pid, SIGKILL)
        #expect(terminal.exitStatus() == "exit=137")
        // A new interactive start says so and how to resume.
        try FileManager.default.createDirectory(atPath: dir + "/again", withIntermediateDirectories: true)
        let next = try TerminalTests.Terminal(directory: dir + "/again", environment: ["XDG_STATE_HOME": dir + "/state"])
        defer { next.close() }
        try next.waitFor("refsh --resume takes it up")
        let resumed = try Refsh.run(["--resume", "-c", "diff"], in: dir, environment: environment(dir))
        #expect(resumed.stdout == "~ details.dealValue: 25000 → 4242\n")
        #expect(resumed.status == 0)
    }
}

/// `wait until` at the prompt: Ctrl-C stops it at once and the session goes on.
@Suite(.serialized) struct WaitInterruptTests {
    @Test func ctrlCStopsAWaitAndTheShellGoesOn() throws {
        let dir = NSTemporaryDirectory() + "refsh-wait-tty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try TerminalTests.Terminal(directory: dir)
        defer { terminal.close() }
        try terminal.keys("-l", "load 49d90c72-3326-4f61-aacc-2cb57970448c")
        try terminal.keys("Enter")
        try terminal.waitFor("Active >")
        try terminal.keys("-l", "wait until status == Closed --timeout 5m --every 1s")
        try terminal.keys("Enter")
        usleep(1_500_000)
        try terminal.keys("C-c")
        try terminal.waitFor("interrupted")
        try terminal.keys("-l", "echo still here")
        try terminal.keys("Enter")
        try terminal.waitFor("still here")
    }
}
