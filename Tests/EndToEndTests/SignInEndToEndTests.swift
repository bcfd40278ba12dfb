import Foundation
import Testing

@testable import RefshApp

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `login` as a user meets it: the refsh binary against a refsh-sandbox process whose Entra ID
/// emulation the test approves (as a person would on its page), then later processes that use
/// the cached sign-in; and no token of any kind in anything refsh printed or left behind.
@Suite(.serialized) struct SignInEndToEndTests {
    let dir = NSTemporaryDirectory() + "refsh-signin-" + UUID().uuidString

    var environment: [String: String] {
        [
            "HOME": dir, "XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "XDG_CONFIG_HOME": dir + "/config",
            "REFSH_TOKEN": "", "REFSH_ENDPOINT": "", "REFSH_TOKEN_COMMAND": "", "REFSH_TENANT": "", "REFSH_CLIENT_ID": "",
            "REFSH_AUTHORITY": "",
        ]
    }

    func startSandbox() throws -> SandboxProcessTests.Server {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try SandboxProcessTests.Server.start(db: dir + "/s.sqlite", extra: ["--identity-port", "0", "--device-interval", "1"])
    }

    /// Runs refsh while the test acts on the page it was told, then returns what it printed.
    func runApproving(_ arguments: [String], form: [String: String], environment extra: [String: String] = [:], server: SandboxProcessTests.Server)
        async throws -> (stdout: String, stderr: String, status: Int32)
    {
        let (out, err) = (dir + "/run-\(UUID().uuidString).out", dir + "/run-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Refsh.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(extra) { $1 }) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        var code: String?
        for _ in 0..<300 where code == nil {
            let text = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            if let range = text.range(of: "enter the code ") { code = String(text[range.upperBound...].prefix { $0.isLetter || $0.isNumber }) }
            try await Task.sleep(for: .milliseconds(50))
        }
        let userCode = try #require(code, "refsh told no code")
        let told = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        let page = try #require(told.range(of: #"http://127\.0\.0\.1:\d+/device"#, options: .regularExpression).map { String(told[$0]) })
        var request = URLRequest(url: try #require(URL(string: page)))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let fields = form.merging(["user_code": userCode]) { $1 }
        request.httpBody = Data(
            fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&").utf8)
        let (_, answer) = try await URLSession.shared.data(for: request)
        #expect((answer as? HTTPURLResponse)?.statusCode == 200)
        for _ in 0..<600 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (
            (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
            process.terminationStatus
        )
    }

    @Test func theDeviceFlowSignsInAndLaterProcessesUseTheCachedSignIn() async throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try startSandbox()
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let identityPort = try #require(server.identityPort)
        let authority = "http://127.0.0.1:\(identityPort)"
        let api = "http://127.0.0.1:\(server.port)"
        let first = try await runApproving(
            ["--endpoint", api, "-c", "login --authority \(authority) --client-id app-1 --tenant contoso.onmicrosoft.com; session; list --top 1"],
            form: ["user": "ann@contoso.com", "role": "ReferralAdmin"], server: server)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("Signed in as ann@contoso.com (tenant contoso.onmicrosoft.com)\n"), "\(first.stdout)")
        #expect(first.stdout.contains("token           from login (never shown)"))
        #expect(first.stdout.contains("signed in as    ann@contoso.com"))
        #expect(first.stdout.contains("token expires   "))
        #expect(first.stdout.contains("49d90c72") || first.stdout.contains("referral"), "the list answered: \(first.stdout)")
        #expect(first.stderr.hasPrefix("To sign in, open \(authority)/device and enter the code "), "\(first.stderr)")
        let cache = dir + "/state/refsh/credentials.json"
        #expect((try FileManager.default.attributesOfItem(atPath: cache)[.posixPermissions] as? Int) == 0o600)

        // A second process: no login, the cached refresh token (defaults from the environment).
        let defaults = ["REFSH_AUTHORITY": authority, "REFSH_CLIENT_ID": "app-1"]
        let second = try Refsh.run(["--endpoint", api, "-c", "session; list --top 1"], in: dir, environment: environment.merging(defaults) { $1 })
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("token           from login (cached) (never shown)"))
        #expect(second.stdout.contains("signed in as    ann@contoso.com"))
        #expect(second.stdout.contains("1 referral (--top 1)"), "the list answered with the renewed token")

        // Precedence: a token in the environment comes before the cached sign-in.
        let third = try Refsh.run(
            ["--endpoint", api, "-c", "session"], in: dir, environment: environment.merging(defaults) { $1 }.merging(["REFSH_TOKEN": "t"]) { $1 })
        #expect(third.stdout.contains("token           set, from REFSH_TOKEN (never shown)"))

        // Nothing shows a token, device code or id token: no long token-like word anywhere but the cache.
        let refresh = try #require(try String(contentsOfFile: cache, encoding: .utf8).split(separator: "\"").first { $0.hasPrefix("eyJ") })
        var texts = ["first stdout": first.stdout, "first stderr": first.stderr, "second stdout": second.stdout, "second stderr": second.stderr]
        for file in FileManager.default.enumerator(atPath: dir)?.compactMap({ $0 as? String }) ?? []
        where !file.hasSuffix("credentials.json") && !file.contains("s.sqlite") {
            if let data = FileManager.default.contents(atPath: dir + "/" + file) { texts[file] = String(decoding: data, as: UTF8.self) }
        }
        for (name, text) in texts {
            #expect(!text.contains(refresh), "the refresh token is in \(name)")
            #expect(text.range(of: "[A-Za-z0-9_-]{40,}", options: .regularExpression) == nil, "a token-like word is in \(name): \(text)")
        }

        // logout removes it; the next session has no token.
        let out = try Refsh.run(["--endpoint", api, "-c", "logout; session"], in: dir, environment: environment.merging(defaults) { $1 })
        #expect(out.stdout.hasPrefix("Signed out ann@contoso.com (tenant "), "\(out.stdout)")
        #expect(out.stdout.contains("token           none: sign in with login, or set one with token"))
    }

    /// The sandbox's clock runs two hours on, past the access token's expiry (refsh's clock does
    /// not know): the API answers 401, refsh renews the token once and the list succeeds.
    @Test func a401FromAnExpiredTokenIsAnsweredByOneRefresh() async throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try startSandbox()
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let identityPort = try #require(server.identityPort)
        let result = try await runApproving(
            [
                "--endpoint", "http://127.0.0.1:\(server.port)", "-c",
                "login --authority http://127.0.0.1:\(identityPort) --client-id a; sandbox clock +2h; list --top 1; sandbox requests",
            ],
            form: ["user": "ann@contoso.com"], server: server)
        #expect(result.status == 0, "\(result.stderr)")
        let log = result.stdout.split(separator: "\n").filter { $0.contains("/v1.0/engagements/referrals") || $0.contains("oauth2/v2.0/token") }
        let last = log.suffix(3).map { ($0.contains("oauth2/v2.0/token") ? "token " : "list ") + ($0.split(separator: " ").last ?? "") }
        #expect(last == ["list 401", "token 200", "list 200"], "the 401, one refresh, the list sent again: \(log)")
        #expect(result.stdout.contains("1 referral (--top 1)"))
    }

    /// With no endpoint, login signs in to the embedded sandbox with no setup; the role chosen on
    /// its page is the one its API applies (a Referral User sees only referrals of their team).
    @Test func loginWorksAgainstTheEmbeddedSandboxWithNoSetup() async throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let result = try await runApproving(
            ["-c", "login; list --top 5; session"], form: ["user": "ned@contoso.com", "role": "ReferralUser"],
            environment: ["REFSH_SANDBOX_SEED": "3"], server: SandboxProcessTests.Server(process: Process(), port: 0, identityPort: nil))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Signed in as ned@contoso.com (tenant "))
        #expect(result.stdout.contains("0 referrals"), "ned is on no referral's team: \(result.stdout)")
        #expect(result.stdout.contains("token           from login (never shown)"))
    }

    @Test func aDeclinedSignInIsOneLineAndExits1() async throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try startSandbox()
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let identityPort = try #require(server.identityPort)
        let result = try await runApproving(
            ["--endpoint", "http://127.0.0.1:\(server.port)", "-c", "login --authority http://127.0.0.1:\(identityPort) --client-id a"],
            form: ["deny": "1"], server: server)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "the instructions, then one error line: \(result.stderr)")
        #expect(lines.last?.hasPrefix("-c:1:1: error: sign-in failed: AADSTS70000 (authorization_declined)") == true, "\(result.stderr)")
    }

    @Test func anUnsafeOrBrokenCacheIsRefusedAndTheSessionGoesOn() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try startSandbox()
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let cache = dir + "/state/refsh/credentials.json"
        try FileManager.default.createDirectory(atPath: dir + "/state/refsh", withIntermediateDirectories: true)
        let script = "option errexit off; list --top 1; token t; list --top 1; echo still-working"
        let api = "http://127.0.0.1:\(server.port)"
        _ = FileManager.default.createFile(atPath: cache, contents: Data(#"{"signIns":[]}"#.utf8), attributes: [.posixPermissions: 0o644])
        let open = try Refsh.run(["--endpoint", api, "-c", script], in: dir, environment: environment)
        #expect(
            open.stderr
                == "-c:1:21: error: the token cache \(cache) can be read or changed by other users (mode 644): run chmod 600 \(cache), or remove it and sign in again\n"
        )
        #expect(open.stdout.hasSuffix("still-working\n"))
        #expect(open.status == 1)
        chmod(cache, 0o600)
        try "{\"signIns\": [".write(toFile: cache, atomically: true, encoding: .utf8)
        chmod(cache, 0o600)
        let broken = try Refsh.run(["--endpoint", api, "-c", script], in: dir, environment: environment)
        #expect(broken.stderr.contains("the token cache \(cache) is not valid JSON ("), "\(broken.stderr)")
        #expect(broken.stdout.hasSuffix("still-working\n"))
    }

    /// With no tenant named, `logout` removes the sign-in the session uses (the newest), not
    /// another tenant's or another authority's; it says which stay; `--all` removes every one.
    @Test func logoutRemovesTheSessionsTenantAndNamesTheSignInsThatStay() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = dir + "/state/refsh/credentials.json"
        try FileManager.default.createDirectory(atPath: dir + "/state/refsh", withIntermediateDirectories: true)
        func entry(_ authority: String, _ tenant: String, _ user: String, _ savedAt: Int) -> String {
            #"{"authority": "\#(authority)", "tenant": "\#(tenant)", "clientId": "refsh", "user": "\#(user)", "tenantId": null, "refreshToken": "\#(Data(user.utf8).base64EncodedString())", "savedAt": \#(savedAt)}"#
        }
        let entries = [
            entry("sandbox", "contoso.onmicrosoft.com", "ann@contoso.com", 100),
            entry("sandbox", "fabrikam.onmicrosoft.com", "bob@fabrikam.com", 200),
            entry("sandbox", "Fabrikam.onmicrosoft.com", "cy@fabrikam.com", 150),
            entry("https://login.microsoftonline.com", "contoso.onmicrosoft.com", "dee@contoso.com", 300),
        ]
        _ = FileManager.default.createFile(
            atPath: cache, contents: Data(#"{"version": 1, "signIns": [\#(entries.joined(separator: ","))]}"#.utf8),
            attributes: [.posixPermissions: 0o600])
        let first = try Refsh.run(["-c", "logout"], in: dir, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout == """
                Signed out bob@fabrikam.com (tenant fabrikam.onmicrosoft.com)
                Signed out cy@fabrikam.com (tenant Fabrikam.onmicrosoft.com)
                Still cached for this session: ann@contoso.com (tenant contoso.onmicrosoft.com); the next request signs in with the newest (logout --all removes every sign-in)

                """)
        let kept = try String(contentsOfFile: cache, encoding: .utf8)
        #expect(kept.contains("ann@contoso.com") && kept.contains("dee@contoso.com") && !kept.contains("fabrikam"), "\(kept)")
        let second = try Refsh.run(["-c", "logout; logout"], in: dir, environment: environment)
        #expect(second.stdout == "Signed out ann@contoso.com (tenant contoso.onmicrosoft.com)\nNot signed in: no cached sign-in to remove\n")
        // One tenant typed two ways (organizations, its domain) is one tenant: both sign-ins go.
        let twice = [
            #"{"authority": "sandbox", "tenant": "organizations", "clientId": "refsh", "user": "eve@contoso.com", "tenantId": "t-contoso", "refreshToken": "r-1", "savedAt": 400}"#,
            #"{"authority": "sandbox", "tenant": "contoso.onmicrosoft.com", "clientId": "refsh", "user": "eve@contoso.com", "tenantId": "T-Contoso", "refreshToken": "r-2", "savedAt": 500}"#,
        ]
        let dee = entry("https://login.microsoftonline.com", "contoso.onmicrosoft.com", "dee@contoso.com", 300)
        try #"{"version": 1, "signIns": [\#(([dee] + twice).joined(separator: ","))]}"#.write(toFile: cache, atomically: true, encoding: .utf8)
        chmod(cache, 0o600)
        let eve = try Refsh.run(["-c", "logout"], in: dir, environment: environment)
        #expect(
            eve.stdout == "Signed out eve@contoso.com (tenant t-contoso)\nSigned out eve@contoso.com (tenant T-Contoso)\n",
            "\(eve.stdout) \(eve.stderr)")
        let all = try Refsh.run(["-c", "logout --all"], in: dir, environment: environment)
        #expect(all.stdout == "Signed out dee@contoso.com (tenant contoso.onmicrosoft.com)\n")
        #expect(!(try String(contentsOfFile: cache, encoding: .utf8)).contains("@"), "every sign-in is gone")
    }

    @Test func aTokenCommandInBothFormsAndFailing() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try startSandbox()
        defer { server.process.terminate(); server.process.waitUntilExit() }
        let api = "http://127.0.0.1:\(server.port)"
        let plain = try Refsh.run(["--endpoint", api, "--token-command", "echo t", "-c", "list --top 1; session"], in: dir, environment: environment)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("token           from token command (never shown)"))
        let az = try Refsh.run(
            ["--endpoint", api, "-c", "list --top 1"], in: dir,
            environment: environment.merging(["REFSH_TOKEN_COMMAND": #"echo '{"accessToken": "t", "expiresOn": "2099-01-01 00:00:00.000000"}'"#]) {
                $1
            })
        #expect(az.status == 0, "\(az.stderr)")
        let failing = try Refsh.run(
            [
                "--endpoint", api, "-c",
                "option errexit off; option token-command 'echo nope >&2; echo t; exit 4'; list --top 1; option token-command 'echo t'; list --top 1; echo ok",
            ],
            in: dir, environment: environment)
        #expect(failing.stderr == "-c:1:75: error: the token command failed (exit status 4): nope\n", "\(failing.stderr)")
        #expect(failing.stdout.hasSuffix("ok\n"))
    }
}

/// The embedded sandbox takes only its own sign-ins, never a real Entra ID token.
@Suite struct SandboxCredentialChoiceTests {
    @Test func onlySandboxOrLocalSignInsServeTheEmbeddedSandbox() {
        #expect(CredentialBroker.fits("sandbox", endpoint: .sandbox))
        #expect(CredentialBroker.fits("http://127.0.0.1:8124", endpoint: .sandbox))
        #expect(!CredentialBroker.fits("https://login.microsoftonline.com", endpoint: .sandbox))
        #expect(CredentialBroker.fits("https://login.microsoftonline.com", endpoint: .url("https://api.partner.microsoft.com")))
    }
}
