import GoldenSupport
import LineEditor
import RefScript
import Shell
import Testing

/// The interactive loop, driven by prepared lines: errors never end it, open JSON asks for more
/// lines, Ctrl-C drops only the pending input, and leaving with unsaved edits needs confirmation.
@Suite struct InteractiveShellTests {
    func shell(_ output: CapturedOutput, _ directory: TemporaryDirectory) -> InteractiveShell {
        let world = ScriptWorld(
            output: output, files: LocalFileSystem(directory: directory.path), environment: FixedEnvironment())
        return InteractiveShell(interpreter: Interpreter(world: world), showsPrompt: true)
    }

    @Test func errorsPrintWithoutLocationAndTheSessionGoesOn() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        var reader = ScriptedLineReader([.line("get status"), .line("sett x"), .line("echo still here")])
        let code = await shell.run(reader: &reader)
        #expect(code == .success)
        #expect(output.stdout == "still here\n")
        #expect(
            output.stderr == """
                error: no working referral: open a file or load a referral first
                error: unknown command 'sett' (did you mean set?); 'help' lists the commands

                """)
    }

    /// `skip` at the prompt ends the line it is on, as its help says; it left the shell, as
    /// `exit` does, also from a parallel loop.
    @Test func skipAtThePromptEndsTheLineNotTheShell() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        var reader = ScriptedLineReader([
            .line("echo a; skip \"x\"; echo b"), .line("for --jobs 2 i in [1, 2]; skip; end; echo c"), .line("echo still here"),
        ])
        let code = await shell.run(reader: &reader)
        #expect(code == .success)
        #expect(output.stdout == "a\nstill here\n")
        #expect(output.stderr.isEmpty, "\(output.stderr)")
    }

    /// The config file runs as if typed: a line that does not parse, or fails, is reported with
    /// the file's line and column, and the lines after it still run (one bad line used to stop
    /// the whole file, the lines before it included).
    @Test func aBadLineOfTheConfigFileIsReportedAndTheRestRuns() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        let config = """
            # settings
            let greeting hello
            option colour auto
            get status
            if $greeting == hello
              echo $greeting
            end
            sett x 1
            echo still here
            """
        await shell.runStartup(config, name: "config")
        #expect(output.stdout == "hello\nstill here\n")
        // `exit` ends the file (the lines after it do not run), not the shell.
        #expect(
            output.stderr == """
                config:3:8: error: unknown option 'colour' (did you mean color? options: errexit, echo-commands, output, color, quiet, rate, tenant, client-id, scope, authority, token-command)
                config:4:1: error: no working referral: open a file or load a referral first
                config:8:1: error: unknown command 'sett' (did you mean set?); 'help' lists the commands

                """)
        await shell.runStartup("echo before\nif true\n  exit\nend\necho after\n", name: "config")
        #expect(output.stdout.hasSuffix("still here\nbefore\n"))
        var reader = ScriptedLineReader([.line("echo $greeting")])
        #expect(await shell.run(reader: &reader) == .success)
        #expect(output.stdout.hasSuffix("hello\n"))
    }

    /// An unclosed `{` or quote is reported, and the lines after it still run as themselves (the
    /// value took in the rest of the file); the body of an `if` left open does not run.
    @Test func anUnclosedValueInTheConfigFileDoesNotSwallowTheRest() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        await shell.runStartup("let a 1\nlet b {\necho after-brace $a\nlet c \"open\necho after-quote\n", name: "config")
        #expect(output.stdout == "after-brace 1\nafter-quote\n", "\(output.stderr)")
        #expect(output.stderr.hasPrefix("config:2:7: error: "), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 2, "one line for each unclosed value: \(output.stderr)")
        await shell.runStartup("if false\n  echo never\n", name: "config")
        await shell.runStartup("let a 1; if false\n  echo never\n", name: "config")
        await shell.runStartup("let a 1; try\n  echo never\n", name: "config")
        #expect(!output.stdout.contains("never"), "a block opened after ';' is a block too")
    }

    /// Ctrl-D in an unfinished block drops it and says so; the next one leaves.
    @Test func ctrlDInAnUnfinishedBlockDropsItAndSaysSo() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        var reader = ScriptedLineReader([.line("if true"), .line("  echo never"), .endOfInput, .line("echo still-here")])
        #expect(await shell.run(reader: &reader) == .success)
        #expect(output.stdout == "still-here\n")
        #expect(output.stderr == "warning: Ctrl-D dropped the unfinished input (a block or value still open); Ctrl-D again leaves\n")
    }

    /// A config file with CRLF line ends runs line by line too (a split at "\n" saw one line).
    @Test func aConfigFileWithCRLFLineEndsRunsLineByLine() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        await shell.runStartup("let a 1\r\nsett x\r\necho $a\r\n", name: "config")
        #expect(output.stdout == "1\n")
        #expect(output.stderr == "config:2:1: error: unknown command 'sett' (did you mean set?); 'help' lists the commands\n")
    }

    /// A line recorded before its text became the session's token (`let t "…"`, then `token $t`)
    /// is taken out of the history once the token is set: it stayed in the history file.
    @Test func aLineHoldingTextThatBecomesTheTokenLeavesTheHistory() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        var reader = ScriptedLineReader([
            .line(#"let t "histsecret-0123456789-abcdef""#), .line("echo kept"), .line("token $t"), .line("echo after"),
        ])
        _ = await shell.run(reader: &reader)
        #expect(reader.history == ["echo kept", "echo after"])
    }

    @Test func unbalancedJSONContinuesOnTheNextLines() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        var reader = ScriptedLineReader([
            .line("open referral-active.json"), .line("set details.requirements {"), .line(#"  "products": [{"id": "Azure"}]"#),
            .line("}"), .line("get details.requirements.products[0].id"),
        ])
        _ = await shell.run(reader: &reader)
        #expect(output.stdout == "Azure\n")
        #expect(
            reader.prompts == [
                "refsh sandbox> ", "refsh sandbox 49d90c72 Active > ", "...> ", "...> ", "refsh sandbox 49d90c72 Active* > ",
                "refsh sandbox 49d90c72 Active* > ",
                // the end of input warns about the unsaved edits, and the second one leaves
                "refsh sandbox 49d90c72 Active* > ",
            ])
        #expect(
            reader.history == [
                "open referral-active.json", "set details.requirements {\n  \"products\": [{\"id\": \"Azure\"}]\n}",
                "get details.requirements.products[0].id",
            ])
    }

    @Test func ctrlCDropsPendingInputButKeepsTheWorkingCopy() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        var reader = ScriptedLineReader([
            .line("open referral-active.json"), .line("set details.dealValue 1"), .line("set details {"), .interrupted,
            .line("get details.dealValue"),
        ])
        _ = await shell.run(reader: &reader)
        #expect(output.stdout == "1\n")
        #expect(shell.interpreter.session.isDirty)
    }

    /// As bash does with stopped jobs: `exit` with unsaved edits warns; `exit` straight again
    /// leaves; after any other command in between, it warns again.
    @Test func leavingWithUnsavedEditsAsksFirst() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        var reader = ScriptedLineReader([
            .line("open referral-active.json"), .line("set details.dealValue 1"), .line("exit"), .line("echo asked"),
            .line("exit"), .line("exit 0"), .line("echo never"),
        ])
        let code = await shell.run(reader: &reader)
        #expect(code == .success)
        #expect(output.stdout == "asked\n")
        let warning = "warning: the working copy has unsaved edits (see diff); exit again to leave anyway\n"
        #expect(output.stderr == warning + warning)
    }

    @Test func endOfInputWithUnsavedEditsWarnsFirstLikeExit() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        let output = CapturedOutput()
        var shell = shell(output, dir)
        var reader = ScriptedLineReader([.line("open referral-active.json"), .line("set details.dealValue 1")])
        #expect(await shell.run(reader: &reader) == .success)
        #expect(output.stderr == "warning: the working copy has unsaved edits (see diff); exit again to leave anyway\n")
        #expect(reader.prompts.count == 4, "a prompt after the warning: the first end of input did not leave")
    }

    @Test func endOfInputLeavesWithSuccessEvenAfterErrors() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        var shell = shell(CapturedOutput(), dir)
        var reader = ScriptedLineReader([.line("open nope.json")])
        #expect(await shell.run(reader: &reader) == .success)
    }

    @Test func thePromptIsColouredOnATerminalUnlessNoColor() async throws {
        let dir = try TemporaryDirectory.withFixtures()
        defer { dir.remove() }
        func prompt(terminal: Bool, environment: [String: String] = [:], lines: [String] = []) async -> String {
            let world = ScriptWorld(
                output: CapturedOutput(isTerminal: terminal), files: LocalFileSystem(directory: dir.path),
                environment: FixedEnvironment(environment))
            var shell = InteractiveShell(interpreter: Interpreter(world: world), showsPrompt: true)
            var reader = ScriptedLineReader((["open referral-active.json", "set details.dealValue 1"] + lines).map(LineInput.line))
            _ = await shell.run(reader: &reader)
            return reader.prompts.last ?? ""
        }
        #expect(
            await prompt(terminal: true)
                == "refsh \u{1}\u{1B}[36m\u{1}sandbox\u{1}\u{1B}[0m\u{1} 49d90c72 \u{1}\u{1B}[1m\u{1}Active\u{1}\u{1B}[0m\u{1B}[33m\u{1}*\u{1}\u{1B}[0m\u{1} > "
        )
        #expect(await prompt(terminal: true, environment: ["NO_COLOR": "1"]) == "refsh sandbox 49d90c72 Active* > ")
        #expect(await prompt(terminal: true, lines: ["option color off"]) == "refsh sandbox 49d90c72 Active* > ")
        #expect(await prompt(terminal: false) == "refsh sandbox 49d90c72 Active* > ")
        #expect(
            await prompt(terminal: false, lines: ["connect https://api.partnercenter.microsoft.com"])
                == "refsh api.partnercenter.microsoft.com 49d90c72 Active* > ")
        // A port that is not the scheme's own is part of the name: two local servers differ.
        #expect(await prompt(terminal: false, lines: ["connect http://127.0.0.1:8124"]) == "refsh 127.0.0.1:8124 49d90c72 Active* > ")
        #expect(Prompt.name(of: "https://api.partner.microsoft.com:443/v1.0") == "api.partner.microsoft.com")
        #expect(Prompt.name(of: "http://[::1]:9000") == "[::1]:9000")
    }
}
