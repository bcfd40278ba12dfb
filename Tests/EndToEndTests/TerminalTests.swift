import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// refsh in a real pseudo-terminal (tmux): line editing, Tab completion, Ctrl-C, history across
/// restarts, and Ctrl-D leaving with status 0.
@Suite(.serialized) struct TerminalTests {
    /// One refsh running in a detached tmux session.
    struct Terminal {
        let session = "refsh-test-" + UUID().uuidString.prefix(8)
        let directory: String

        /// Runs tmux on this terminal's own server socket. Not through Foundation's Process: the
        /// tmux server it forks inherits the descriptor Process watches for the child's exit, so
        /// `waitUntilExit` would wait for the server (seen hanging CI). `Refsh.run` waits with wait4.
        func tmux(_ arguments: [String]) throws -> String {
            try Refsh.run(["tmux", "-L", session] + arguments, executable: "/usr/bin/env", timeoutSeconds: 20).stdout
        }

        /// Starts refsh in `directory`; `environment` is set for it on top of the test's own
        /// (values are single-quoted for the shell, so they must not hold `'`).
        /// With `jobControl`, refsh is started from an interactive bash (prompt `job$ `), as a
        /// user starts it, so that Ctrl-Z stops it and `fg` resumes it (tmux drops a line's
        /// trailing blanks: the prompt shows as `job$`).
        init(directory: String, environment: [String: String] = [:], jobControl: Bool = false) throws {
            self.directory = directory
            let extra = environment.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)' " }.joined()
            let refsh =
                "XDG_STATE_HOME='\(directory)/state' XDG_DATA_HOME='\(directory)/data' XDG_CONFIG_HOME='\(directory)/config' REFSH_ENDPOINT= \(extra)'\(Refsh.binary)'"
            if jobControl {
                let shell = "cd '\(directory)' && PS1='job$ ' exec bash --norc --noprofile -i"
                _ = try tmux(["new-session", "-d", "-s", session, "-x", "150", "-y", "50", shell])
                try waitFor("job$")
                try enter(refsh)
            } else {
                let command = "cd '\(directory)' && \(refsh); echo \"exit=$?\" > '\(directory)/status'; sleep 60"
                _ = try tmux(["new-session", "-d", "-s", session, "-x", "150", "-y", "50", command])
            }
            try waitFor("refsh sandbox>")
        }

        func keys(_ keys: String...) throws {
            _ = try tmux(["send-keys", "-t", session] + keys)
        }

        /// Types `line` literally (a bare `end` is not the End key) and presses Enter.
        func enter(_ line: String) throws {
            _ = try tmux(["send-keys", "-t", session, "-l", line])
            _ = try tmux(["send-keys", "-t", session, "Enter"])
        }

        var screen: String { (try? tmux(["capture-pane", "-p", "-t", session])) ?? "" }

        /// Waits until the screen shows `text` (at most 5 s).
        @discardableResult
        func waitFor(_ text: String) throws -> String {
            for _ in 0..<100 {
                let now = screen
                if now.contains(text) { return now }
                usleep(50_000)
            }
            Issue.record("the terminal never showed \(text):\n\(screen)")
            return screen
        }

        func exitStatus() -> String? {
            for _ in 0..<100 {
                // The shell creates the file before writing to it: wait for a whole line.
                if let status = try? String(contentsOfFile: directory + "/status", encoding: .utf8), status.hasSuffix("\n") {
                    return status.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                usleep(50_000)
            }
            return nil
        }

        /// Ends refsh and the tmux server. kill-server alone can leave the pane's processes
        /// (and so the server) running, so the pane's process group is killed first.
        func close() {
            let pane = (try? tmux(["list-panes", "-t", session, "-F", "#{pane_pid}"])) ?? ""
            if let pid = Int32(pane.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 { kill(-pid, SIGKILL) }
            _ = try? tmux(["kill-server"])
        }
    }

    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "refsh-tty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/state", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Refsh.fixtures + "/referral-active.json", toPath: path + "/referral.json")
        return path
    }

    @Test func editingCompletionInterruptAndExit() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir)
        defer { terminal.close() }

        // Typing and editing: Ctrl-B moves left, the insertion lands mid-word.
        try terminal.keys("echo wrld", "C-b", "C-b", "C-b", "o", "Enter")
        try terminal.waitFor("\nworld\n")

        // A file name with a space is completed quoted, the word replaced whole.
        try FileManager.default.copyItem(atPath: dir + "/referral.json", toPath: dir + "/my deal.json")
        try terminal.keys("open my", "Tab", "Enter")
        try terminal.waitFor("refsh sandbox 49d90c72 Active >")
        #expect(terminal.screen.contains("open 'my deal.json'"))

        // Tab completes a command, a file name, a nested path with an index, and transition states.
        try terminal.keys("ope", "Tab", "ref", "Tab", "Enter")
        try terminal.waitFor("refsh sandbox 49d90c72 Active >")
        try terminal.keys("get customerProfile.te", "Tab", "1", "Tab", "ema", "Tab", "Enter")
        try terminal.waitFor("joe.hansen@contoso.com")
        try terminal.keys("set details.dealValue 7", "Enter", "transition Cl", "Tab", "Lo", "Tab", "Enter")
        try terminal.waitFor("refsh sandbox 49d90c72 Closed* >")
        // After a ';' the next command completes too.
        try terminal.keys("echo x; get details.dea", "Tab", "Enter")
        try terminal.waitFor("\nx\n7\n")

        // Ctrl-C drops an unfinished JSON value and keeps the session and the working copy.
        try terminal.keys("set details {", "Enter")
        try terminal.waitFor("...>")  // capture-pane drops trailing spaces
        try terminal.keys("C-c")
        try terminal.waitFor("^C")
        try terminal.keys("get details.dealValue", "Enter")
        let screen = try terminal.waitFor("\n7\n")
        #expect(screen.contains("transition Closed Lost"))
        #expect(screen.contains("get customerProfile.team[1].email"))

        // Ctrl-D on an empty line leaves with status 0 (the second time: there are unsaved edits).
        try terminal.keys("C-d")
        try terminal.waitFor("exit again to leave anyway")
        try terminal.keys("C-d")
        #expect(terminal.exitStatus() == "exit=0")
    }

    /// The coloured prompt after an edit: two colour escapes meet there (the status's reset and
    /// the `*`'s colour); libedit must see them as one invisible stretch, or it prints them as text.
    @Test func theColouredPromptStaysIntactAfterAnEdit() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir)
        defer { terminal.close() }
        try terminal.keys("open referral.json", "Enter")
        try terminal.waitFor("refsh sandbox 49d90c72 Active >")  // capture-pane drops trailing spaces
        try terminal.keys("set details.dealValue 5", "Enter")
        // Typed before the prompt is up, the keys would be echoed by the terminal, not libedit.
        try terminal.waitFor("refsh sandbox 49d90c72 Active* >")
        try terminal.keys("echo typed")
        let screen = try terminal.waitFor("echo typed")
        #expect(screen.contains("refsh sandbox 49d90c72 Active* > echo typed"), "\(screen)")
        #expect(!screen.contains("[33m"), "\(screen)")
    }

    /// `show` longer than the terminal goes through $PAGER; a short one does not.
    @Test func aLongShowIsPagedAndAShortOneIsNot() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir, environment: ["PAGER": "sed -e s/^}/}PAGED-END/"])
        defer { terminal.close() }
        try terminal.keys("open referral.json", "Enter", "show details.currency", "Enter")
        try terminal.waitFor("\"USD\"")
        try terminal.keys("show", "Enter")
        let screen = try terminal.waitFor("}PAGED-END")
        #expect(!screen.contains("\"USD\"PAGED-END"), "the short show was not paged")
        try terminal.keys("echo after", "Enter")
        try terminal.waitFor("\nafter\n")
    }

    /// `PAGER=less` shows refsh's colours, not their codes: LESS is R when the user set none,
    /// and the user's own LESS is kept.
    @Test func thePagerGetsLessRUnlessLessIsSet() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (less, shown) in [(nil, "PAGER-LESS=[R]"), ("-X", "PAGER-LESS=[-X]")] {
            var environment = ["PAGER": "echo PAGER-LESS=[$LESS]; cat >/dev/null"]
            if let less { environment["LESS"] = less }
            let terminal = try Terminal(directory: dir, environment: environment)
            defer { terminal.close() }
            try terminal.keys("open referral.json", "Enter", "show", "Enter")
            try terminal.waitFor(shown)
        }
    }

    /// A PAGER that is not installed: the text is printed, with one line saying why (it showed
    /// only the shell's "not found").
    @Test func aMissingPagerPrintsTheText() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir, environment: ["PAGER": "refsh-no-such-pager"])
        defer { terminal.close() }
        try terminal.keys("open referral.json", "Enter", "show", "Enter")
        let screen = try terminal.waitFor("\n}\n")
        #expect(screen.contains("\"eTag\""), "\(screen)")
        let scrolled = try terminal.tmux(["capture-pane", "-p", "-S", "-300", "-t", terminal.session])
        #expect(scrolled.contains("refsh: the pager 'refsh-no-such-pager' did not start (set PAGER to one that is installed); printed instead"))
        #expect(!scrolled.contains("not found"), "refsh says it once, not the shell too: \(scrolled)")
    }

    /// After requests went out, leaving shuts the connection down and exits 0 (a debug build
    /// trapped on an HTTP client dropped without shutdown, and exited 132); Ctrl-C at the `token`
    /// prompt stops that line at once, the token unchanged.
    @Test func leavingAfterRequestsAndCtrlCAtTheTokenPrompt() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir)
        defer { terminal.close() }
        try terminal.keys("load 49d90c72-3326-4f61-aacc-2cb57970448c", "Enter")
        try terminal.waitFor("49d90c72 Active >")
        try terminal.keys("token", "Enter")
        try terminal.waitFor("token (not echoed):")
        try terminal.keys("C-c")
        try terminal.waitFor("error: token: interrupted; the token is unchanged")
        try terminal.keys("echo still-here", "Enter")
        try terminal.waitFor("\nstill-here\n")
        try terminal.keys("C-d")
        #expect(terminal.exitStatus() == "exit=0", "\(terminal.screen)")
    }

    /// Ctrl-D with unsaved edits warns as `exit` does; a second Ctrl-D leaves.
    @Test func ctrlDWithUnsavedEditsWarnsFirst() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir)
        defer { terminal.close() }
        try terminal.keys("open referral.json", "Enter", "set details.dealValue 5", "Enter")
        try terminal.waitFor("Active* >")
        try terminal.keys("C-d")
        try terminal.waitFor("warning: the working copy has unsaved edits (see diff); exit again to leave anyway")
        #expect(!FileManager.default.fileExists(atPath: dir + "/status"), "refsh is still running")
        try terminal.keys("C-d")
        #expect(terminal.exitStatus() == "exit=0")
    }

    @Test func historySurvivesARestartAndKeepsNoTokens() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let first = try Terminal(directory: dir)
            defer { first.close() }
            try first.keys("echo remembered-line", "Enter")
            try first.waitFor("\nremembered-line\n")
            try first.keys("token secret-value-123", "Enter")
            try first.keys("session", "Enter")
            let screen = try first.waitFor("set, from typed (never shown)")
            #expect(screen.components(separatedBy: "secret-value-123").count == 2, "only the typed line shows the token")
            try first.keys("C-d")
            #expect(first.exitStatus() == "exit=0")
        }
        try FileManager.default.removeItem(atPath: dir + "/status")
        let second = try Terminal(directory: dir)
        defer { second.close() }
        try second.keys("Up")
        try second.waitFor("refsh sandbox> session")
        try second.keys("Up")
        try second.waitFor("refsh sandbox> echo remembered-line")
        let history = try String(contentsOfFile: dir + "/state/refsh/history", encoding: .utf8)
        #expect(history.contains("remembered-line"))
        #expect(!history.contains("secret-value-123"))
    }
}

extension TerminalTests {
    /// Two shells at once: each line goes into the file as it is on disk, so neither drops the
    /// other's lines (each wrote the whole file from its own memory); Up walks each one's own.
    @Test func twoShellsAtOnceKeepEachOthersHistory() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try Terminal(directory: dir)
        defer { a.close() }
        let b = try Terminal(directory: dir)
        defer { b.close() }
        try a.keys("echo fromA1", "Enter")
        try a.waitFor("\nfromA1\n")
        try b.keys("echo fromB1", "Enter")
        try b.waitFor("\nfromB1\n")
        try a.keys("echo fromA2", "Enter")
        try a.waitFor("\nfromA2\n")
        let path = dir + "/state/refsh/history"
        let history = try String(contentsOfFile: path, encoding: .utf8)
        for line in ["fromA1", "fromB1", "fromA2"] { #expect(history.contains(line), "\(line) is in the file: \(history)") }
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600, "the history is the user's alone: \(String(mode, radix: 8))")
        try a.keys("Up", "Up")
        try a.waitFor("refsh sandbox> echo fromA1")
    }

    /// No entry that runs `token` (after another statement, inside a block) and no entry that
    /// holds the session's token (as a value, a field, an escaped word) reaches the history file.
    @Test func historyKeepsNoTokenCommandAndNoLineWithTheSessionsToken() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let secrets = ["SECRETVALUE0", "SECRETVALUE1", "SECRETVALUE2"]
        let terminal = try Terminal(directory: dir, environment: ["REFSH_TOKEN": secrets[0]])
        defer { terminal.close() }
        try terminal.keys("session", "Enter")
        try terminal.waitFor("set, from REFSH_TOKEN (never shown)")
        try terminal.keys("echo kept-line", "Enter")
        try terminal.waitFor("\nkept-line\n")

        // SECRETVALUE0 is the session's token (from REFSH_TOKEN) while these are typed.
        try terminal.keys("let t SECRETVALUE0", "Enter")
        try terminal.keys("set details.notes SECRETVALUE0", "Enter")
        try terminal.keys("echo Bearer\\ SECRETVALUE0", "Enter")
        try terminal.keys("echo checkpoint-one", "Enter")
        try terminal.waitFor("\ncheckpoint-one\n")
        // Not a secret yet: recorded now, taken out when the block below makes it the token.
        try terminal.keys("echo early-SECRETVALUE2", "Enter")
        try terminal.waitFor("\nearly-SECRETVALUE2\n")

        // A `token` command after another statement; from then on SECRETVALUE1 is the token.
        try terminal.keys("load 49d90c72-3326-4f61-aacc-2cb57970448c; token SECRETVALUE1", "Enter")
        try terminal.waitFor("refsh sandbox 49d90c72 Active >")
        try terminal.keys("echo again-SECRETVALUE1", "Enter")
        // A `token` command inside a block typed over several lines: one entry.
        try terminal.keys("if true", "Enter")
        try terminal.waitFor("...>")
        try terminal.keys("token SECRETVALUE2", "Enter")
        try terminal.keys("-l", "end")  // literally: to tmux, a bare `end` is the End key
        try terminal.keys("Enter")
        try terminal.keys("session", "Enter")
        try terminal.waitFor("set, from typed (never shown)")

        try terminal.keys("exit", "Enter")
        var status = terminal.exitStatus()
        if status == nil, terminal.screen.contains("exit again") {  // unsaved edits: leave anyway
            try terminal.keys("exit", "Enter")
            status = terminal.exitStatus()
        }
        #expect(status == "exit=0")

        let history = try String(contentsOfFile: dir + "/state/refsh/history", encoding: .utf8)
        #expect(history.contains("kept-line"))
        #expect(history.contains("checkpoint-one"))
        #expect(!history.contains("token"), "no token command is kept: \(history)")
        for secret in secrets {
            let base64 = Data(secret.utf8).base64EncodedString()
            let percent = secret.utf8.map { "%" + String($0, radix: 16, uppercase: true) }.joined()
            for form in [secret, base64, base64.trimmingCharacters(in: CharacterSet(charactersIn: "=")), percent] {
                #expect(!history.contains(form), "the history holds \(form): \(history)")
            }
        }
    }

    @Test func aResizeWhileEditingKeepsTheLine() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir)
        defer { terminal.close() }
        let words = (0..<8).map { String(repeating: String(UnicodeScalar(UInt8(97 + $0))), count: 10) }.joined(separator: " ")
        try terminal.keys("echo \(words)")
        _ = try terminal.tmux(["resize-window", "-t", terminal.session, "-x", "50", "-y", "20"])
        try terminal.keys(" tail", "Enter")
        // The echoed line wraps at the new width; joined again it is the whole line, edited.
        let screen = try terminal.waitFor("tail")
        let joined = screen.split(separator: "\n").map(String.init).joined()
        #expect(joined.contains(words + " tail"))
    }

    @Test func configRunsFirstIdsCompleteAndHistoryLists() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/config/refsh", withIntermediateDirectories: true)
        try "echo config ran\nlist --top 2\nset-option nosuch on\n".write(toFile: dir + "/config/refsh/config", atomically: true, encoding: .utf8)
        let terminal = try Terminal(directory: dir)
        defer { terminal.close() }
        let start = try terminal.waitFor("910a2dec-8902-4cc1-beeb-8da1658eec67")
        #expect(start.contains("config ran"))
        #expect(start.contains("config/refsh/config:3:12: error:"), "a config error names its line: \(start)")
        // Tab lists the ids seen in `list` with what they are, then completes a unique prefix.
        try terminal.keys("load ", "Tab")
        try terminal.waitFor("910a2dec-8902-4cc1-beeb-8da1658eec67  New/Pending      Fabrikam 0")
        try terminal.keys("49", "Tab", "Enter")
        try terminal.waitFor("refsh sandbox 49d90c72 Active >")
        try terminal.keys("history", "Enter")
        try terminal.waitFor("1  load 49d90c72-3326-4f61-aacc-2cb57970448c\n2  history\n")
    }
}

/// Two people, two refsh processes, one referral (their embedded sandboxes share one store):
/// no update is lost, and the one who writes second is told why and keeps their edits.
@Suite(.serialized) struct TwoSessionsTests {
    @Test func theSecondWriterGets412KeepsEditsAndRebases() throws {
        let dir = try TerminalTests().directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = "49d90c72-3326-4f61-aacc-2cb57970448c"
        let alice = try TerminalTests.Terminal(directory: dir)
        defer { alice.close() }
        try alice.keys("load \(id)", "Enter")
        try alice.waitFor("refsh sandbox 49d90c72 Active >")
        let bob = try TerminalTests.Terminal(directory: dir)
        defer { bob.close() }
        try bob.keys("load \(id)", "Enter")
        try bob.waitFor("refsh sandbox 49d90c72 Active >")

        try alice.keys("set details.notes 'Alice called the customer'", "Enter", "patch", "Enter")
        try alice.waitFor("patched \(id)")
        try bob.keys("set details.dealValue 64000", "Enter", "patch", "Enter")
        let refused = try bob.waitFor("your edits are kept")
        #expect(refused.contains("412 Precondition Failed"))
        try bob.keys("diff", "Enter")
        try bob.waitFor("~ details.dealValue: 25000 → 64000")
        try bob.keys("rebase", "Enter")
        try bob.waitFor("re-applied 1 of yours")
        try bob.keys("patch", "Enter")
        try bob.waitFor("patched \(id) (Active/Accepted)\nrefsh sandbox 49d90c72 Active >")

        try alice.keys("reload", "Enter", "get details.dealValue", "Enter", "get details.notes", "Enter")
        try alice.waitFor("64000\nrefsh sandbox 49d90c72 Active > get details.notes\nAlice called the customer")
    }
}
