import Foundation
import RefScript
import Testing

@testable import Shell

#if canImport(ReferralsWire)
import ReferralsWire  // where `Secret` is moving
#endif

/// What the interactive history file may keep: no entry that runs `token`, wherever it is
/// written, no entry that fails to parse and mentions `token`, and no entry that holds the
/// session's token, however it is quoted or escaped.
@Suite struct HistoryPolicyTests {
    func mayRecord(_ text: String, token: String? = nil, registry: CommandRegistry = .standard) -> Bool {
        HistoryPolicy.mayRecord(text, registry: registry, secrets: token.map { [Secret($0)] } ?? [])
    }

    @Test(arguments: [
        // The acceptance case: `token` after another statement.
        "load 49d90c72-3326-4f61-aacc-2cb57970448c; token SECRET",
        "token SECRET", "  token SECRET", "token", "token --clear", "token --env PARTNER_TOKEN", "token --file ~/t",
        "echo a;token SECRET", "echo a\ntoken SECRET",
        // Blocks, at any depth, in any branch.
        "if true; token x; end",
        "if false; echo a; else; token x; end",
        "if false; echo a; else if true; token x; end",
        "for i in 1 2; token x; end",
        "for i in 1 2; if true; for j in 3; token x; end; end; end",
        // Substitutions: in arguments, flag values, conditions, loop lists, other substitutions.
        "for i in 1 2; echo (token x); end",
        "let a (token --clear)",
        "echo before (echo (token x)) after",
        "list --top (token x)",
        "session --correlation-id (token x)",
        "assert (token x) == 1",
        "if (token x) == 1; echo a; end",
        "if false; echo a; else if not (token x); echo b; end",
        "for i in (token x); echo $i; end",
        // An escaped name is still the command.
        "to\\ken SECRET", "\\token SECRET", "echo (to\\ken SECRET)",
    ])
    func anEntryThatRunsTokenIsRefused(_ text: String) throws {
        #expect(!mayRecord(text))
    }

    @Test func theParserResolvesAnEscapedNameToTheTokenCommand() throws {
        #expect(try Parser.parse("to\\ken x", file: "t").containsCommand(TokenCommand.self))
        #expect(try Parser.parse("for i in [1]; echo (get (get x)); to\\ken x; end", file: "t").containsCommand(TokenCommand.self))
        #expect(try !Parser.parse("echo token; help token", file: "t").containsCommand(TokenCommand.self))
    }

    @Test(arguments: [
        "if true\ntoken x\nend",
        "set details {\n  \"notes\": \"n\"\n}\ntoken x",
        "for i in 1 2\n  echo $i\nend\ntoken x",
        "echo one \\\n  (token x)",
    ])
    func aMultiLineEntryThatRunsTokenIsRefused(_ text: String) {
        #expect(!mayRecord(text))
    }

    /// Quoted names are not command names (the line does not parse), so the word rule refuses them.
    @Test(arguments: [
        "'token' x", "\"token\" x", "\"tok\"en x", "to'ken' x", "echo a; 'token' x", "echo ('token' x)",
        "echo (token x", "if true\ntoken x", "tokn SECRET", "tokne SECRET", "TOKEN SECRET", "Token SECRET",
        "tokens SECRET", "token-set SECRET", "bogus token", "nosuch --token x",
    ])
    func anEntryThatDoesNotParseAndMentionsTokenIsRefused(_ text: String) throws {
        #expect(throws: RefScriptError.self) { try Parser.parse(text, file: "t") }
        #expect(!mayRecord(text))
    }

    @Test func anEntryThatDoesNotParseAndHasNoTokenWordIsKept() throws {
        #expect(throws: RefScriptError.self) { try Parser.parse("sett x", file: "t") }
        #expect(mayRecord("sett x"))
        #expect(mayRecord("echo (bogus"))
    }

    /// The word `token` as an argument is harmless: the parse decides.
    @Test(arguments: [
        "load 49d90c72", "load 49d90c72-3326-4f61-aacc-2cb57970448c", "echo kept-line", "echo tokens", "echo token",
        "help token", "let token 1", "echo 'token x'", "echo \"(token x)\"", "open referral.json", "get details.notes",
        "set details.notes 'spoken taken'", "if true\necho a\nend", "history", "exit",
    ])
    func ordinaryEntriesAreKept(_ text: String) {
        #expect(mayRecord(text))
        #expect(mayRecord(text, token: "SECRETVALUE0"))
    }

    @Test func withoutTheTokenCommandInTheRegistryTheWordRuleStillRefuses() {
        let registry = CommandRegistry([EchoCommand.self])
        #expect(!mayRecord("token x", registry: registry))
        #expect(mayRecord("echo token", registry: registry))
    }

    @Test(arguments: ["abc123", "SECRETVALUE0", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "x"])
    func anEntryHoldingTheSessionTokenIsRefused(_ token: String) {
        for text in [
            "let t \(token)", "set details.notes \(token)", "echo Bearer\\ \(token)", "echo \(token)",
            "echo prefix\(token)suffix", "echo '\(token)'", "echo \"\(token)\"", "load 49d90c72\necho \(token)",
            "bogus \(token)", "echo \(token.map { "\\\($0)" }.joined())",
        ] {
            #expect(!mayRecord(text, token: token), "\(text)")
        }
    }

    @Test func quotesEscapesAndEncodingsOfTheTokenAreRefused() {
        let token = "abc123"
        for text in [
            "echo 'abc'\"123\"", "echo a\\b\\c123", "echo ab'c1'23", "echo \"\\u{61}bc123\"",
            #"set details {"notes": "\u0061bc123"}"#, #"set details {"\u0061bc123": 1}"#,
            "echo YWJjMTIz", "if abc123 == 1; echo a; end", "for i in [abc123]; echo $i; end", "list --filter abc123",
        ] {
            #expect(!mayRecord(text, token: token), "\(text)")
        }
        let slashy = "a/b+c="
        #expect(!mayRecord("echo a%2Fb%2Bc%3D", token: slashy))
        #expect(!mayRecord("echo " + Data(slashy.utf8).base64EncodedString(), token: slashy))
        #expect(HistoryPolicy.encodings(of: slashy).contains("YS9iK2M9"))
        #expect(HistoryPolicy.encodings(of: "ab?").contains("YWI_"))
        // Percent-encoding of characters that need none is still the token.
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AbCdEfGhIjKlMnOpQrStUv"
        #expect(!mayRecord("echo eight eyJhbGciOiJIUzI1NiJ9%2EeyJzdWIiOiJ4In0%2EAbCdEfGhIjKlMnOpQrStUv", token: jwt))
        #expect(!mayRecord("echo %65%79%4ahbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AbCdEfGhIjKlMnOpQrStUv", token: jwt))
        #expect(mayRecord("echo 100%25 done", token: jwt))
        #expect(!mayRecord("echo abc'%2E'def", token: "abc.def"), "quotes between the encoded parts")
    }

    /// A piece of the token (20 characters of its beginning, its end), the token split over two
    /// lines with `\`, in another case or in hex: each was kept in the history file.
    @Test func piecesCasesAndHexOfTheTokenAreRefused() {
        let token = "Xq7Lm2Pz9Rt4Vw8Ks3Nb6Hd1Fg5Jc0Ya"
        for text in [
            "let u " + String(token.prefix(20)), "echo ..." + String(token.suffix(17)), "echo Xq7Lm2Pz9Rt4Vw8Ks3\\\nNb6Hd1Fg5Jc0Ya",
            "echo " + token.uppercased(), "echo " + token.utf8.map { String(format: "%02x", $0) }.joined(),
        ] {
            #expect(!mayRecord(text, token: token), "\(text)")
        }
        #expect(mayRecord("echo " + String(token.prefix(15)), token: token), "15 characters are too few to be the token's")
        #expect(mayRecord("echo DEV 646576", token: "dev"), "a short token's case and hex are ordinary text")
        #expect(!mayRecord("echo dev", token: "dev"))
        // Two halves too short to count alone, joined by the line continuation.
        let short = "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9S"
        #expect(!mayRecord("echo " + String(short.prefix(14)) + "\\\n" + String(short.suffix(14)), token: short))
    }

    @Test func withoutATokenOrWithAnEmptyOneOnlyTheOtherRulesApply() {
        #expect(mayRecord("echo abc123", token: nil))
        #expect(mayRecord("echo abc123", token: ""))
        #expect(HistoryPolicy.encodings(of: "").isEmpty)
        #expect(!mayRecord("token abc123", token: ""))
    }

    @Test(arguments: ["echo 'Bearer xyz'", "echo BEARER xyz", "echo Bearer\\ xyz", "echo \"bearer\"\\\t1"])
    func bearerIsRefusedAsBefore(_ text: String) {
        #expect(!mayRecord(text))
    }

    @Test func theProgramWalkFindsEveryInvocationAndArgument() throws {
        let program = try Parser.parse(
            "if (get a) == 1; for i in (get b); list --top (get c); end; else; assert (get d); end", file: "t")
        // Source order, each command before the substitutions in its words.
        #expect(program.invocations.map(\.nameWord.raw) == ["get", "get", "list", "get", "assert", "get"])
        #expect(program.invocations.compactMap { $0.arguments.first?.word.raw } == ["a", "b", "c", "d"])
        #expect(program.arguments.contains { $0.word.raw == "(get c)" })
        #expect(program.arguments.contains { $0.word.raw == "(get b)" })
    }
}
