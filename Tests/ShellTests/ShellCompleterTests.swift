import GoldenSupport
import RefScript
import Shell
import Testing

/// Tab completion reads the command table and the working referral.
@Suite struct ShellCompleterTests {
    func completer(opening file: String? = "referral-active.json") async throws -> (ShellCompleter, TemporaryDirectory) {
        let dir = try TemporaryDirectory.withFixtures()
        let world = ScriptWorld(output: CapturedOutput(), files: LocalFileSystem(directory: dir.path), environment: FixedEnvironment())
        var interpreter = Interpreter(world: world)
        if let file { _ = await interpreter.run(try interpreter.parse("open \(file)", file: "t")) }
        return (ShellCompleter(interpreter: interpreter), dir)
    }

    func words(_ completer: ShellCompleter, _ text: String) -> [String] { completer.complete(text).candidates.map(\.word) }

    @Test func commandsFlagsAndOptions() async throws {
        let (c, dir) = try await completer(opening: nil)
        defer { dir.remove() }
        #expect(words(c, "tr") == ["transition"])
        #expect(c.complete("tr").candidates.first?.description?.hasPrefix("Set status") == true)
        #expect(words(c, "op") == ["open", "option"])
        #expect(words(c, "diff --p") == ["--patch"])
        #expect(words(c, "option ") == ["errexit", "echo-commands", "output", "color"])
        #expect(words(c, "help tran") == ["transition", "transitions"])
    }

    @Test func pathsEnumsTransitionsAndFiles() async throws {
        let (c, dir) = try await completer()
        defer { dir.remove() }
        #expect(words(c, "get det") == ["details."])
        #expect(words(c, "show details.de") == ["details.dealValue"])
        #expect(words(c, "get team[") == ["team[0]."])
        #expect(c.complete("get details.dea").wordLength == 11)
        #expect(words(c, "set qualification ") == ["None", "Direct", "MarketingQualified", "SalesQualified"])
        #expect(words(c, "transition ") == ["Active", "Closed"], "Active may move to Active or Closed")
        #expect(words(c, "transition Closed ") == ["Won", "Lost", "Declined", "Expired"])
        #expect(words(c, "open referral-a") == ["referral-active.json"])
    }
}
