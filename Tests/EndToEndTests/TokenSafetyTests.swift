import Foundation
import Testing

/// The bearer token never shows: not in output, errors, dry runs, echoed commands or files a
/// script run leaves behind. (History is written only by the interactive shell: its test is
/// `TerminalTests.historyKeepsNoTokenCommandAndNoLineWithTheSessionsToken`, in a real terminal.)
@Suite(.serialized) struct TokenSafetyTests {
    static let secret = "tok-9f8e7d6c5b4a-SECRET"

    @Test func theTokenAppearsNowhere() throws {
        let dir = NSTemporaryDirectory() + "refsh-token-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try SandboxProcessTests.Server.start(db: dir + "/s.sqlite", token: Self.secret)
        defer { server.process.terminate(); server.process.waitUntilExit() }
        try "Bearer \(Self.secret)\n".write(toFile: dir + "/token.txt", atomically: true, encoding: .utf8)
        let script = """
            option errexit off
            option echo-commands on
            session
            list --top 2
            load 49d90c72-3326-4f61-aacc-2cb57970448c
            set details.dealValue 1
            patch --dry-run
            put --dry-run
            load --force no-such-referral
            token \(Self.secret)
            token --file token.txt
            token wrong-token
            load --force 49d90c72-3326-4f61-aacc-2cb57970448c
            token --env REFSH_TOKEN
            session
            echo "env: $env.REFSH_TOKEN"
            let copy $env.REFSH_TOKEN
            echo (get no.such.path.$copy)
            """
        let result = try Refsh.run(
            ["--endpoint", "http://127.0.0.1:\(server.port)", "-c", script], in: dir,
            environment: ["REFSH_TOKEN": Self.secret, "XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data"])
        #expect(result.stdout.contains("Authorization: Bearer <redacted>"))
        #expect(result.stdout.contains("set, from REFSH_TOKEN (never shown)"))
        #expect(result.stdout.contains("+ token <redacted>"))
        #expect(result.stdout.contains("env: <redacted>\n"), "an explicit echo of the variable is redacted too")
        #expect(result.stderr.contains("401 Unauthorized"), "the wrong token was really sent: \(result.stderr)")
        #expect(result.stderr.contains("404 Not Found"))
        var leaks: [String] = []
        if result.stdout.contains(Self.secret) { leaks.append("stdout") }
        if result.stderr.contains(Self.secret) { leaks.append("stderr") }
        let files = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []
        #expect(files.contains("token.txt"), "the scan saw the case's directory")
        for file in files where !file.hasSuffix("token.txt") && !file.hasPrefix("s.sqlite") {
            guard let data = FileManager.default.contents(atPath: dir + "/" + file) else { continue }
            if String(decoding: data, as: UTF8.self).contains(Self.secret) { leaks.append(file) }
        }
        #expect(leaks.isEmpty, "the token leaked into \(leaks)")
    }

    @Test func aTokenFileEndingInANewlineWorksAndAMalformedTokenIsRefusedUnseen() throws {
        let dir = NSTemporaryDirectory() + "refsh-token-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try SandboxProcessTests.Server.start(db: dir + "/s.sqlite", token: Self.secret)
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let environment = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_TOKEN": ""]
        for content in ["\(Self.secret)\n", "Bearer \(Self.secret)\r\n", "  \(Self.secret)  \n\n"] {
            try content.write(toFile: dir + "/token.txt", atomically: true, encoding: .utf8)
            let result = try Refsh.run(
                ["--endpoint", "http://127.0.0.1:\(server.port)", "--token-file", "token.txt", "-c", "list --top 1"], in: dir,
                environment: environment)
            #expect(result.status == 0, "\(content.debugDescription): \(result.stderr)")
            #expect(result.stdout.contains("49d90c72-3326-4f61-aacc-2cb57970448c"))
        }
        try "tok-9f8e\n7d6c5b4a-SECRET\n".write(toFile: dir + "/token.txt", atomically: true, encoding: .utf8)
        let broken = try Refsh.run(
            ["--endpoint", "http://127.0.0.1:\(server.port)", "--token-file", "token.txt", "-c", "list --top 1"], in: dir,
            environment: environment)
        #expect(broken.status == 2)
        #expect(
            broken.stderr.hasPrefix(
                "refsh: the token file token.txt: the token has a space or control character at character 9; a bearer token is one word\n"))
        #expect(!broken.stderr.contains("9f8e"))
        let typed = try Refsh.run(["-c", "token 'tok 9f8e'"], in: dir, environment: environment)
        #expect(typed.status == 1)
        #expect(typed.stderr.contains("the token has a space or control character at character 4"))
        #expect(!typed.stderr.contains("9f8e"))
    }

    /// The later word wins: `token` replaces the token the session started with (--token-file),
    /// and `token --clear` goes back to it (it dropped it, and every request then got 401).
    @Test func tokenReplacesTheStartTokenAndClearGoesBackToIt() throws {
        let dir = NSTemporaryDirectory() + "refsh-token-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try SandboxProcessTests.Server.start(db: dir + "/s.sqlite", token: Self.secret)
        defer { server.process.terminate(); server.process.waitUntilExit() }
        try "\(Self.secret)\n".write(toFile: dir + "/token.txt", atomically: true, encoding: .utf8)
        let script = """
            option errexit off
            token wrong-token-0123456789abcdef
            list --top 1 --count
            token --clear
            session
            list --top 1 --count
            """
        let result = try Refsh.run(
            ["--endpoint", "http://127.0.0.1:\(server.port)", "--token-file", "token.txt", "-c", script], in: dir,
            environment: ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_TOKEN": "other-start-token-0123456789"])
        #expect(result.stderr.contains("401 Unauthorized"), "the typed token was the one sent: \(result.stderr)")
        #expect(result.stdout.contains("set, from file token.txt (never shown)"), "\(result.stdout)")
        #expect(result.stdout.range(of: #"\n[0-9]+\n$"#, options: .regularExpression) != nil, "the list after --clear: \(result.stdout)")
        #expect(result.stderr.components(separatedBy: "401 Unauthorized").count == 2, "one 401 only: \(result.stderr)")
    }

    /// A token given where a file, an endpoint or a command was expected is not quoted back: refsh
    /// does not know it is a token yet, but it has a token's shape.
    @Test func aTokenPastedInTheWrongPlaceIsNotQuotedBack() throws {
        let token = "rgOkPDq7Zx9_Km-3VbQ8Lp0Wz2Tn5Rj" + String(repeating: "aB3-xY9_", count: 40)
        let unreachable = "https://127.0.0.1:9"
        let runs: [(arguments: [String], environment: [String: String], status: Int32, says: String)] = [
            (["--token-file", token, "-c", "list"], [:], 2, "cannot read the token file: no file has that name, a word of 351 characters"),
            (["mcp", "--token-file", token], [:], 2, "if that was the token itself, --token-file takes the file that holds it"),
            (["--token=" + token, "-c", "list"], [:], 2, "refsh: unknown option '--token=<redacted>'"),
            (["--endpoint", token, "-c", "list"], [:], 2, "a word of 351 characters that looks like a token (not shown) is not an endpoint"),
            (["-c", "connect \(token)"], [:], 1, "is not an endpoint"),
            (["-c", "token --file \(token)"], [:], 1, "if that was the token itself, give it without --file"),
            (["-c", "token --file=\(token)"], [:], 2, "token: unknown option --file=<redacted>"),
            (
                ["--endpoint", unreachable, "-c", "list"], ["REFSH_TOKEN_COMMAND": token], 1,
                "the token command failed (exit status 127): /bin/sh: 1: <redacted>"
            ),
            (["--endpoint", unreachable, "--token-command", "echo \(token)", "-c", "option"], [:], 0, "token-command echo <redacted>"),
            ([token], [:], 1, "refsh: cannot read <redacted>"),
            (["-c", "open \(token)"], [:], 1, "error: cannot read <redacted>"),
            (["-c", "load 49d90c72-3326-4f61-aacc-2cb57970448c; list --top \(token)"], [:], 2, "<redacted>"),
            (["-c", token], [:], 2, "unknown command '<redacted>"),
        ]
        for run in runs {
            let result = try Refsh.run(run.arguments, stdin: "", environment: run.environment)
            let said = result.stdout + result.stderr
            #expect(result.status == run.status, "\(run.arguments.first ?? ""): \(said)")
            #expect(said.contains(run.says), "\(said)")
            #expect(!said.contains(token.prefix(16)), "the token showed: \(said)")
        }
    }

    /// A value a script's `token` line will use (a `--var`, here) is a secret from the start: the
    /// requests sent before that line (a filter holding it) went into the trace and the recording
    /// as they were, written before refsh knew the value for a token.
    @Test func aTokenAScriptWillSetIsRedactedFromTheRequestsBeforeIt() throws {
        let dir = NSTemporaryDirectory() + "refsh-token-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let later = "Pq8Wn3Zx5Cv7Bn1Ml4Kj6Hg9Fd2Sa0Yc"
        let script = #"list --top 1 --filter "externalReferenceId eq '$tok'"; token $tok"#
        let result = try Refsh.run(
            ["--record", "r.har", "--trace=t.txt", "--trace-bodies", "--var", "tok=" + later, "-c", script], in: dir,
            environment: ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""])
        #expect(result.status == 0, "\(result.stderr)")
        let har = try String(contentsOfFile: dir + "/r.har", encoding: .utf8)
        let trace = try String(contentsOfFile: dir + "/t.txt", encoding: .utf8)
        #expect(trace.contains("externalReferenceId"), "the request was traced: \(trace)")
        for (name, text) in [("recording", har), ("trace", trace), ("stdout", result.stdout), ("stderr", result.stderr)] {
            #expect(!text.contains(later.prefix(16)) && !text.contains(later.suffix(16)), "\(name): \(text)")
        }
    }

    /// A token file that is a pipe is read once, by its `token` line: reading it before the run
    /// (to know the token as a secret early) left the line an empty pipe.
    @Test func aTokenFileThatIsAPipeIsReadByItsLineAlone() throws {
        let dir = NSTemporaryDirectory() + "refsh-token-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "token --file /dev/stdin\nsession\n".write(toFile: dir + "/s.refscript", atomically: true, encoding: .utf8)
        let result = try Refsh.run(
            ["-c", #"printf %s Pq8Wn3Zx5Cv7Bn1Ml4Kj6Hg9Fd2Sa0Yc | "$REFSH" s.refscript"#], in: dir, executable: "/bin/sh",
            environment: ["REFSH": Refsh.binary, "XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_TOKEN": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("set, from file /dev/stdin (never shown)"), "\(result.stdout)")
    }

    @Test func plainHTTPToARemoteHostIsRefused() throws {
        let refused = try Refsh.run(["--endpoint", "http://partner.example.com", "-c", "list"], environment: ["REFSH_TOKEN": Self.secret])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.hasPrefix(
                "refsh: refusing plain http to partner.example.com: the bearer token would cross the network unencrypted; use https, or --insecure\n")
        )
        let typed = try Refsh.run(["-c", "connect http://10.1.2.3:8080"])
        #expect(typed.status == 1)
        #expect(typed.stderr.contains("refusing plain http to 10.1.2.3"))
    }
}
