import Foundation
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
        #expect(words(c, "tr") == ["transition", "trace"])
        #expect(c.complete("tr").candidates.first?.description?.hasPrefix("Set status") == true)
        #expect(words(c, "op") == ["open", "option"])
        #expect(words(c, "diff --p") == ["--patch"])
        #expect(
            words(c, "option ") == [
                "errexit", "echo-commands", "output", "color", "quiet", "rate", "tenant", "client-id", "scope", "authority", "token-command",
            ])
        #expect(words(c, "help tran") == ["transition", "transitions"])
        // An option's own values: `option color p` offers nothing, as color takes no `pretty`.
        #expect(words(c, "option color ") == ["auto", "on", "off"])
        #expect(words(c, "option output ") == ["pretty", "json"])
        #expect(words(c, "option color p").isEmpty)
        #expect(words(c, "option rate ").isEmpty)
        #expect(words(c, "for --j") == ["--jobs", "--journal"])
        #expect(words(c, "for --jobs 4 --jou") == ["--journal"])
        // A flag's value: what the flag offers, and only that.
        #expect(words(c, "list --status ") == ["None", "New", "Active", "Closed"])
        #expect(words(c, "list --top 5 --status cl") == ["Closed"])
        #expect(words(c, "list --top ").isEmpty)
    }

    @Test func referralIdsAreSortedWithAlignedSummaries() async throws {
        let (c, dir) = try await completer(opening: nil)
        defer { dir.remove() }
        c.interpreter.online.noteSeen(referrals: [
            ["id": "c0000000-0000-0000-0000-000000000003", "status": "New", "substatus": "Pending", "customerProfile": ["name": "Fabrikam"]],
            ["id": "a0000000-0000-0000-0000-000000000001", "status": "Active", "substatus": "Accepted", "customerProfile": ["name": "Contoso"]],
            ["id": "b0000000-0000-0000-0000-000000000002", "status": "Closed", "substatus": "Won"],
        ])
        let candidates = c.complete("load ").candidates
        #expect(
            candidates.map(\.word) == [
                "a0000000-0000-0000-0000-000000000001", "b0000000-0000-0000-0000-000000000002", "c0000000-0000-0000-0000-000000000003",
            ])
        #expect(candidates.map(\.description) == ["Active/Accepted  Contoso", "Closed/Won", "New/Pending      Fabrikam"])
    }

    /// A description quoting the service's data cannot drive the terminal: a customer's name
    /// with escape sequences is listed with them written out, as `list` writes it.
    @Test func descriptionsHaveTheirControlCharactersWrittenOut() async throws {
        let (c, dir) = try await completer(opening: nil)
        defer { dir.remove() }
        c.interpreter.online.noteSeen(referrals: [
            [
                "id": "a0000000-0000-0000-0000-000000000001", "status": "New", "substatus": "Pending",
                "customerProfile": ["name": "A\u{1B}]2;TITLE\u{7}\u{1B}[2J"],
            ]
        ])
        let description = try #require(c.complete("load ").candidates.first?.description)
        #expect(!description.unicodeScalars.contains { $0.value < 0x20 }, "\(description.debugDescription)")
        #expect(description.hasSuffix(#"A\x1B]2;TITLE\x07\x1B[2J"#), "\(description)")
    }

    @Test func pathsEnumsTransitionsAndFiles() async throws {
        let (c, dir) = try await completer()
        defer { dir.remove() }
        #expect(words(c, "get det") == ["details."])
        #expect(words(c, "show details.de") == ["details.dealValue"])
        #expect(words(c, "get team[") == ["team[0]."])
        #expect(words(c, "append tea") == ["team"], "append takes the array itself")
        // A condition's left side is a path.
        for line in ["assert details.dea", "if details.dea", "else if details.dea", "wait until details.dea", "assert exists details.dea"] {
            #expect(words(c, line) == ["details.dealValue"], "\(line)")
        }
        #expect(words(c, "if status == Active and details.dea") == ["details.dealValue"])
        #expect(words(c, "assert status == Active 'details.dea").isEmpty, "a quoted message is no path")
        #expect(c.complete("get details.dea").wordLength == 11)
        #expect(words(c, "set qualification ") == ["None", "Direct", "MarketingQualified", "SalesQualified"])
        #expect(words(c, "transition ") == ["Active", "Closed"], "Active may move to Active or Closed")
        #expect(words(c, "transition Closed ") == ["Won", "Lost", "Declined", "Expired"])
        #expect(words(c, "open referral-a") == ["referral-active.json"])
    }

    /// A path typed as a JSON Pointer completes as one: its steps, RFC 6901 escapes, indices.
    @Test func jsonPointersCompleteStepByStep() async throws {
        let (c, dir) = try await completer()
        defer { dir.remove() }
        #expect(words(c, "get /det") == ["/details/"])
        #expect(words(c, "get /details/deal") == ["/details/dealValue"])
        #expect(c.complete("get /details/deal").wordLength == 13)
        #expect(words(c, "show /team/") == ["/team/0/"])
        #expect(words(c, "get /team/0/em") == ["/team/0/email"])
        #expect(words(c, "set /details/dealValue (get /details/cur") == ["/details/currency"])
        #expect(words(c, "get /nosuch/").isEmpty)
        _ = await c.interpreter.run(try c.interpreter.parse("set --force details.\"a/b c\" 1", file: "t"))
        #expect(words(c, "get /details/a") == ["'/details/a~1b c'"], "'/' as ~1, and quoted whole for the space")
    }

    /// The command after the last `;` or `(` outside quotes is the one completed.
    @Test func theCommandAfterASemicolonOrAParenthesisCompletes() async throws {
        let (c, dir) = try await completer()
        defer { dir.remove() }
        #expect(words(c, "echo x; tr") == ["transition", "trace"])
        #expect(words(c, "if true; get det") == ["details."])
        #expect(words(c, "echo x;set details.de") == ["details.dealValue"])
        #expect(words(c, "set details.dealValue (get details.de") == ["details.dealValue"])
        #expect(c.complete("echo x; get details.dea").wordLength == 11)
        // After the ')' the command around it goes on: set's value, not get's next argument.
        #expect(words(c, "diff (echo x) --p") == ["--patch"], "diff's flags, not echo's")
        #expect(words(c, "if (get status) == Active; get det") == ["details."])
        #expect(words(c, "echo 'a; tr").isEmpty, "a ';' inside quotes starts nothing")
        #expect(words(c, "echo \"a; tr").isEmpty)
    }

    /// Names that are not one bare word are completed quoted; typing the quote first works too.
    @Test func filesAndMembersThatNeedQuotesAreCompletedQuoted() async throws {
        let (c, dir) = try await completer()
        defer { dir.remove() }
        try "{}".write(toFile: dir.path + "/my deal.json", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir.path + "/my dir", withIntermediateDirectories: true)
        try "{}".write(toFile: dir.path + "/my dir/it's.json", atomically: true, encoding: .utf8)
        #expect(words(c, "open my") == ["'my deal.json'", "'my dir/"])
        #expect(words(c, "open 'my d") == ["'my deal.json'", "'my dir/"])
        #expect(words(c, "open \"my de") == ["\"my deal.json\""])
        #expect(words(c, "open my\\ de") == ["'my deal.json'"])
        #expect(words(c, "open 'my dir/") == ["\"my dir/it's.json\""], "a name holding ' goes in double quotes")
        #expect(words(c, "open referral-a") == ["referral-active.json"], "plain names stay plain")
        var interpreter = c.interpreter
        _ = await interpreter.run(try interpreter.parse(#"set --force details."odd key" 1"#, file: "t"))
        c.interpreter = interpreter
        #expect(words(c, "get details.od") == [#"details."odd key""#])
        #expect(words(c, #"get details."od"#) == [#"details."odd key""#])
    }
}
