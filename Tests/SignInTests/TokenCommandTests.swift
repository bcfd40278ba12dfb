import Foundation
import ReferralsWire
import Testing

@testable import SignIn

/// A credential helper's token: plain text or the Azure CLI's JSON; run again when its token
/// expires or after a 401; a failure is one line with its exit status and standard error only.
@Suite struct TokenCommandTests {
    let runner = TokenCommandRunner()

    @Test func plainTextAndBearerPrefixedOutputIsTheToken() async throws {
        let keeper = SecretKeeper()
        let plain = try await runner.token(from: "printf 'tok-plain-0123456789\\n'", keeper: keeper)
        #expect(plain.token == Secret("tok-plain-0123456789"))
        #expect(plain.expires == nil)
        #expect(keeper.occurs(in: "x tok-plain-0123456789 y"))
        let prefixed = try await runner.token(from: "echo 'Bearer tok-2'", keeper: keeper)
        #expect(prefixed.token == Secret("tok-2"))
    }

    @Test func theAzureCLIsJSONGivesTheTokenAndItsExpiry() async throws {
        let json =
            #"{"accessToken":"tok-az-0123456789","expiresOn":"2099-01-02 03:04:05.000000","subscription":"s","tenant":"t","tokenType":"Bearer"}"#
        let result = try await runner.token(from: "printf '%s' '\(json)'", keeper: SecretKeeper())
        #expect(result.token == Secret("tok-az-0123456789"))
        var components = DateComponents(year: 2099, month: 1, day: 2, hour: 3, minute: 4, second: 5)
        components.timeZone = .current
        #expect(result.expires == Calendar(identifier: .gregorian).date(from: components)?.timeIntervalSince1970)
        let epoch = try await runner.token(from: #"echo '{"accessToken":"tok-e","expires_on":4102444800}'"#, keeper: SecretKeeper())
        #expect(epoch.expires == 4_102_444_800)
    }

    @Test(arguments: [
        ("echo 'az: not logged in' >&2; echo tok-printed-anyway; exit 3", "the token command failed (exit status 3): az: not logged in"),
        ("exit 2", "the token command failed (exit status 2) and printed nothing on standard error"),
        (
            "echo tok-printed-anyway; echo debug: got tok-printed-anyway >&2; exit 3",
            "the token command failed (exit status 3): debug: got <redacted>"
        ),
        ("true", "the token command printed nothing"),
        ("echo '{\"accessToken\": 1'", "the token command printed JSON that does not parse"),
        ("echo '{\"token\": \"x\"}'", "the token command's JSON has no accessToken (the Azure CLI's form)"),
        (
            "echo 'two words'",
            "the token command's output is not a token: the token has a space or control character at character 4; a bearer token is one word"
        ),
    ])
    func failuresAreOneLineWithoutTheOutput(command: String, expected: String) async throws {
        do {
            _ = try await runner.token(from: command, keeper: SecretKeeper())
            Issue.record("\(command) should fail")
        } catch {
            #expect(error.message == expected)
            #expect(!error.message.contains("tok-printed-anyway"))
            #expect(error.kind == .rejected, "exit 1")
        }
    }

    @Test func theHelperRunsAgainWhenItsTokenExpiresAndAfterA401() async throws {
        let folder = NSTemporaryDirectory() + "refsh-helper-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let time = TestTime()
        // Counts its runs; each token expires 10 minutes after the test's "now".
        let command =
            "n=$(cat \(folder)/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > \(folder)/n; echo '{\"accessToken\":\"tok-'$n'\",\"expires_on\":\(Int(time.now) + 600)}'"
        let credential = CommandCredential(command: command, keeper: SecretKeeper(), now: time.reader)
        #expect(try await credential.currentToken() == Secret("tok-1"))
        #expect(try await credential.currentToken() == Secret("tok-1"), "not run again while fresh")
        time.advance(590)
        #expect(try await credential.currentToken() == Secret("tok-2"), "run again: less than a minute left")
        #expect(try await credential.renewed(after: Secret("tok-2")) == Secret("tok-3"), "run again after a 401")
        #expect(try await credential.renewed(after: Secret("tok-2")) == Secret("tok-3"), "a 401 for an old token: the current one")
    }

    /// Eight workers of a parallel loop that need a new token at once (a 401 each, or an expired
    /// token) run the helper once and all get its token.
    @Test func workersNeedingATokenAtOnceRunTheHelperOnce() async throws {
        let folder = NSTemporaryDirectory() + "refsh-helper-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let command =
            "sleep 0.3; n=$(cat \(folder)/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > \(folder)/n; echo '{\"accessToken\":\"tok-'$n'\"}'"
        let credential = CommandCredential(command: command, keeper: SecretKeeper(), now: { 0 })
        let first = try await credential.currentToken()
        #expect(first == Secret("tok-1"))
        let renewed = try await withThrowingTaskGroup(of: Secret?.self) { group in
            for _ in 0..<8 { group.addTask { try await credential.renewed(after: Secret("tok-1")) } }
            var tokens: [Secret?] = []
            for try await token in group { tokens.append(token) }
            return tokens
        }
        #expect(renewed == Array(repeating: Secret("tok-2"), count: 8))
        #expect(try String(contentsOfFile: folder + "/n", encoding: .utf8) == "2\n", "the helper ran twice in all")
    }

    @Test func aHelperThatHangsIsStoppedAtItsTimeoutOrByCtrlC() async throws {
        var quick = TokenCommandRunner()
        quick.timeoutSeconds = 0.5
        let started = Date()
        do {
            _ = try await quick.token(from: "sleep 300", keeper: SecretKeeper())
            Issue.record("should time out")
        } catch {
            #expect(error.message == "the token command did not finish within 0.5 s")
        }
        let task = Task { try await TokenCommandRunner().token(from: "sleep 300", keeper: SecretKeeper()) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("should be stopped")
        } catch let error as ServiceError {
            #expect(error.kind == .cancelled)
        }
        // Generous: the suite's other tests may hold the threads; a helper not stopped takes 120 s.
        #expect(Date().timeIntervalSince(started) < 100, "neither waited for the helper")
    }
}
