import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `refsh-sandbox serve` as a real process: loopback by default, port 0 printed, and a write
/// answered 2xx survives `kill -9`.
@Suite(.serialized) struct SandboxProcessTests {
    static var binary: String {
        URL(fileURLWithPath: Refsh.binary).deletingLastPathComponent().appendingPathComponent("refsh-sandbox").path
    }

    /// A running sandbox and the port it printed.
    struct Server {
        let process: Process
        let port: Int
        /// The identity side's port, when the sandbox printed one.
        var identityPort: Int? = nil
        /// What the sandbox printed when it started.
        var printed = ""

        static func start(db: String, token: String = "t", extra: [String] = []) throws -> Server {
            let output = NSTemporaryDirectory() + "refsh-sandbox-out-" + UUID().uuidString
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: SandboxProcessTests.binary)
            process.arguments = ["serve", "--port", "0", "--db", db, "--seed", "3", "--token", token] + extra
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            process.standardError = FileHandle.nullDevice
            try process.run()
            let wantsIdentity = extra.firstIndex(of: "--identity-port").map { $0 + 1 < extra.count && extra[$0 + 1] != "-1" } ?? false
            for _ in 0..<200 {
                let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                if let range = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                    let port = Int(text[range].split(separator: ":").last ?? ""),
                    !wantsIdentity || text.contains("identity (Entra ID sign-in) on")
                {
                    let identity = text.range(of: #"sign-in\) on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression)
                        .flatMap { Int(text[$0].split(separator: ":").last ?? "") }
                    return Server(process: process, port: port, identityPort: identity, printed: text)
                }
                usleep(50_000)
            }
            process.terminate()
            throw POSIXError(.ETIMEDOUT)
        }

        func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil) async throws
            -> (status: Int, headers: [String: String], body: String)
        {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1.0/engagements/referrals\(path)")!)
            request.httpMethod = method
            request.setValue("Bearer t", forHTTPHeaderField: "Authorization")
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            request.httpBody = body.map { Data($0.utf8) }
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = response as? HTTPURLResponse
            var fields: [String: String] = [:]
            for (key, value) in http?.allHeaderFields ?? [:] { fields["\(key)".lowercased()] = "\(value)" }
            return (http?.statusCode ?? 0, fields, String(decoding: data, as: UTF8.self))
        }
    }

    /// A client that stops half-way (slowloris) is cut off after the idle timeout; a body
    /// announced over the limit is refused before it is waited for.
    @Test func aStalledClientIsCutOffAndAnOversizedBodyRefusedAtOnce() throws {
        let dir = NSTemporaryDirectory() + "refsh-idle-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try Server.start(db: dir + "/store.sqlite", token: "secret", extra: ["--idle-timeout", "1", "--identity-port", "-1"])
        defer { server.process.terminate() }
        let probe = """
            import socket, sys, time
            port = int(sys.argv[1])
            for name, payload in [
                ("oversized", b"POST /v1.0/engagements/referrals HTTP/1.1\\r\\nHost: a\\r\\nAuthorization: Bearer secret\\r\\nContent-Type: application/json\\r\\nContent-Length: 99999999999\\r\\n\\r\\n{}"),
                ("headers cut", b"GET /v1.0/engagements/referrals HTTP/1.1\\r\\nHost: a\\r\\nX-Slow: "),
                ("body cut", b"POST /v1.0/engagements/referrals HTTP/1.1\\r\\nHost: a\\r\\nAuthorization: Bearer secret\\r\\nContent-Type: application/json\\r\\nContent-Length: 100\\r\\n\\r\\n{"),
            ]:
                s = socket.create_connection(("127.0.0.1", port)); s.sendall(payload); s.settimeout(20); started = time.time()
                first = s.recv(64)
                answered = time.time() - started
                while s.recv(4096): pass
                print(name, first[:12].decode() or "closed", "answered" if answered < 0.9 else "later", "closed within 5s" if time.time() - started < 5 else "held")
            """
        let result = try Refsh.run(["-c", probe, String(server.port)], executable: "/usr/bin/python3", timeoutSeconds: 90)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                oversized HTTP/1.1 413 answered closed within 5s
                headers cut closed later closed within 5s
                body cut closed later closed within 5s

                """)
    }

    /// What the HTTP parser cannot read gets an answer in the service's shape, with its ids, as
    /// Kestrel answers it: headers over the limit 431, an unknown method 405, a bad version 400.
    @Test func requestsTheParserRefusesGetTheServicesErrorShape() throws {
        let dir = NSTemporaryDirectory() + "refsh-malformed-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try Server.start(db: dir + "/store.sqlite", token: "secret", extra: ["--identity-port", "-1"])
        defer { server.process.terminate() }
        let probe = """
            import json, socket, sys
            port = int(sys.argv[1])
            for name, payload in [
                ("big header", b"GET /v1.0/engagements/referrals HTTP/1.1\\r\\nHost: a\\r\\nAuthorization: Bearer secret\\r\\nX-Big: " + b"a" * 200000 + b"\\r\\n\\r\\n"),
                ("method", b"FOO /v1.0/engagements/referrals HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n"),
                ("version", b"GET /v1.0/engagements/referrals HTTP/9.9\\r\\nHost: a\\r\\n\\r\\n"),
            ]:
                s = socket.create_connection(("127.0.0.1", port)); s.settimeout(20)
                try:
                    s.sendall(payload)
                except OSError:
                    pass
                answer = b""
                try:
                    while True:
                        chunk = s.recv(65536)
                        if not chunk: break
                        answer += chunk
                except OSError:
                    pass
                head, _, body = answer.partition(b"\\r\\n\\r\\n")
                lines = head.decode().split("\\r\\n")
                headers = {line.split(":")[0].lower() for line in lines[1:]}
                error = json.loads(body)["error"]
                print(name, lines[0].split(" ")[1], error["innerError"]["code"], "ms-requestid" in headers, "ms-correlationid" in headers)
            """
        let result = try Refsh.run(["-c", probe, String(server.port)], executable: "/usr/bin/python3", timeoutSeconds: 90)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                big header 431 RequestHeaderFieldsTooLarge True True
                method 405 MethodNotAllowed True True
                version 400 BadRequest True True

                """)
    }

    @Test func sessionNamesTheEndpointWithItsPortOnceConnected() throws {
        let dir = NSTemporaryDirectory() + "refsh-session-endpoint-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try Server.start(db: dir + "/store.sqlite", token: "secret", extra: ["--identity-port", "-1"])
        defer { server.process.terminate() }
        let endpoint = "http://127.0.0.1:\(server.port)"
        let run = try Refsh.run(
            ["--endpoint", endpoint, "-c", "list --top 1 --json; session --json"], in: dir,
            environment: ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_TOKEN": "secret"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""endpoint":"\#(endpoint)""#), "\(run.stdout)")
    }

    /// The sign-in command the sandbox prints works as printed: it names this sandbox's endpoint
    /// and a client id (it named neither, and failed asking for the client id).
    @Test func thePrintedSignInCommandWorksAsPrinted() throws {
        let dir = NSTemporaryDirectory() + "refsh-printed-login-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try Server.start(db: dir + "/store.sqlite", extra: ["--identity-port", "0"])
        defer { server.process.terminate() }
        let identity = try #require(server.identityPort)
        let line = try #require(server.printed.split(separator: "\n").first { $0.contains("identity (Entra ID sign-in)") })
        let command = "--endpoint http://127.0.0.1:\(server.port) -c 'login --authority http://127.0.0.1:\(identity) --client-id refsh'"
        #expect(line.hasSuffix(": refsh " + command), "\(line)")
        // Run as printed (only `refsh` made the binary's path), it starts a device-code sign-in.
        let run = try Refsh.run(
            ["-c", #"timeout 5 "$REFSH" "# + command], in: dir, executable: "/bin/bash",
            environment: ["REFSH": Refsh.binary, "XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "XDG_CACHE_HOME": dir + "/cache"])
        #expect(run.stderr.contains("To sign in, open http://127.0.0.1:\(identity)/device and enter the code"), "\(run.stderr)")
    }

    @Test func aDatabaseThatCannotBeOpenedIsNamed() throws {
        let result = try Refsh.run(["serve", "--port", "0", "--db", "/"], executable: Self.binary, timeoutSeconds: 60)
        #expect(result.stderr == "Error: --db /: cannot open it as a database (SQLite error 14: unable to open database file)\n")
        #expect(result.status == 1)
    }

    @Test func anAcknowledgedWriteSurvivesKillDashNine() async throws {
        let directory = NSTemporaryDirectory() + "refsh-durable-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = directory + "/sandbox.sqlite"
        let id = "/49d90c72-3326-4f61-aacc-2cb57970448c"

        let first = try Server.start(db: db)
        let before = try await first.request("GET", id)
        #expect(before.status == 200)
        let eTag = try #require(before.headers["etag"])
        let patch =
            #"[{"op":"replace","path":"/details/dealValue","value":"50000"},{"op":"replace","path":"/status","value":"Closed"},{"op":"replace","path":"/substatus","value":"Won"}]"#
        let written = try await first.request("PATCH", id, headers: ["If-Match": eTag, "Content-Type": "application/json"], body: patch)
        #expect(written.status == 204)
        let newETag = try #require(written.headers["etag"])
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()

        let second = try Server.start(db: db)
        defer { second.process.terminate(); second.process.waitUntilExit() }
        let after = try await second.request("GET", id)
        #expect(after.status == 200)
        #expect(after.headers["etag"] == newETag)
        #expect(after.body.contains(#""dealValue":50000"#))
        #expect(after.body.contains(#""substatus":"Won""#))
        let stale = try await second.request("PATCH", id, headers: ["If-Match": eTag, "Content-Type": "application/json"], body: patch)
        #expect(stale.status == 412)
    }

    /// `--user`/`--role`: the static token is the first user's, the others' are their emails;
    /// `--error-shape partner-center` switches the error schema; both as curl would see them.
    @Test func usersRolesAndTheErrorShapeFromTheCommandLine() async throws {
        let directory = NSTemporaryDirectory() + "refsh-sandbox-roles-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try Server.start(
            db: directory + "/s.sqlite",
            extra: ["--user", "ann@contoso.com", "--role", "ReferralAdmin", "--user", "ned@contoso.com", "--role", "none", "--identity-port", "-1"])
        defer { server.process.terminate() }
        #expect(server.identityPort == nil, "--identity-port -1 (as documented, a separate word) turns the identity side off")
        #expect(try await server.request("GET", "").status == 200, "the static token is ann's: an admin")
        let none = try await server.request("GET", "", headers: ["Authorization": "Bearer ned@contoso.com"])
        #expect(none.status == 403)
        #expect(none.body.hasPrefix(#"{"error":{"code":"accessDenied""#), "\(none.body)")

        let other = try Server.start(db: directory + "/t.sqlite", extra: ["--error-shape", "partner-center"])
        defer { other.process.terminate() }
        let missing = try await other.request("GET", "/nope")
        #expect(missing.status == 404)
        #expect(missing.body.hasPrefix(#"{"code":"NotFound","description":"#), "\(missing.body)")
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func signalsStopTheServerCleanly(signal: Int32) throws {
        let directory = NSTemporaryDirectory() + "refsh-term-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try Server.start(db: directory + "/s.sqlite")
        kill(server.process.processIdentifier, signal)
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
    }
}

/// scripts/sandbox-curl-demo: curl gets what the documentation shows.
@Suite struct SandboxCurlDemoTests {
    @Test func curlWorksAgainstTheSandboxAsDocumented() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/sandbox-curl-demo").path
        let result = try Refsh.run([], executable: script, environment: ["REFSH_SANDBOX_BIN": SandboxProcessTests.binary])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("412 PUT again with the old eTag\n401 GET without a token\nok: the sandbox answered curl as documented\n"))
    }
}

/// `refsh-sandbox serve --rate-limit N`, seen with curl: the documented 429 and Retry-After.
@Suite struct SandboxRateLimitTests {
    @Test func curlSeesTheThrottleBeyondNRequestsASecond() throws {
        let directory = NSTemporaryDirectory() + "refsh-sandbox-rate-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try SandboxProcessTests.Server.start(db: directory + "/s.sqlite", extra: ["--rate-limit", "1"])
        defer { server.process.terminate() }
        let url = "http://127.0.0.1:\(server.port)/v1.0/engagements/referrals?$top=1"
        // One connection, three requests at once: the first goes through, the next two are throttled.
        let result = try Refsh.run(
            ["-s", "-H", "Authorization: Bearer t", "-w", "\n%{http_code}\n", "-D", directory + "/headers", url, url, url],
            executable: "/usr/bin/curl", timeoutSeconds: 30)
        let codes = result.stdout.split(separator: "\n").filter { ["200", "429"].contains($0) }
        #expect(codes == ["200", "429", "429"], "\(result.stdout)")
        #expect(result.stdout.contains(#"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 1 seconds."}"#))
        let headers = try String(contentsOfFile: directory + "/headers", encoding: .utf8)
        #expect(headers.lowercased().contains("retry-after: 1"))
        let refused = try Refsh.run(["serve", "--rate-limit", "0"], executable: SandboxProcessTests.binary, timeoutSeconds: 30)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--rate-limit takes 1 to 1000000 requests a second"))
    }

    /// A clock offset that no four-digit year can name, or no number at all, is refused before
    /// the server starts (an infinite one trapped).
    @Test(arguments: [("+9999999d", "the clock would leave the years 0001 to 9999"), ("+infd", "takes a shift such as +15d")])
    func anOffsetOutsideTheYearsDatesAreWrittenInIsRefused(offset: String, message: String) throws {
        let refused = try Refsh.run(["serve", "--port", "0", "--clock-offset", offset], executable: SandboxProcessTests.binary, timeoutSeconds: 30)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains(message), "\(refused.stderr)")
    }
}
