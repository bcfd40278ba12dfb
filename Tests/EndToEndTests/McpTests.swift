import Foundation
import Testing

/// `refsh mcp` with an independent client, the reference Python MCP SDK (scripts/test-peers):
/// initialize, list the tools, call each; writes refused without --allow-writes; results free of
/// tokens and, with --redact-pii, of contact data; bad calls answered and the server goes on.
@Suite(.serialized) struct McpTests {
    static let client = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/mcp_client.py").path
    static let id = "49d90c72-3326-4f61-aacc-2cb57970448c"

    /// What the client saw, by call: `isError` and the result's text.
    struct Seen {
        var object: [String: Any]
        func result(_ name: String) -> (isError: Bool, text: String) {
            let call = object[name] as? [String: Any]
            return (call?["isError"] as? Bool ?? true, call?["text"] as? String ?? "")
        }
        /// The text of call `name` as JSON.
        func json(_ name: String) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(result(name).text.utf8))) as? [String: Any] ?? [:]
        }
    }

    func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "refsh-mcp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func environment(_ dir: String) -> [String: String] {
        ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
    }

    func run(_ arguments: [String], in dir: String) throws -> Seen {
        let result = try Refsh.run(
            [Self.client, Refsh.binary] + arguments, in: dir, executable: try TestPeers.python(), environment: environment(dir), timeoutSeconds: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return Seen(object: object)
    }

    func dealValue(in dir: String) throws -> String {
        try Refsh.run(["-c", "load \(Self.id); get details.dealValue"], in: dir, environment: environment(dir)).stdout
    }

    @Test func readOnlyByDefaultOnTheEmbeddedSandbox() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let seen = try run([], in: dir)
        #expect(seen.object["server"] as? String == "refsh")
        let tools = seen.object["tools"] as? [String: String] ?? [:]
        #expect(Set(tools.keys) == ["list_referrals", "get_referral", "preview_change", "apply_change", "session_requests"])
        #expect(tools["list_referrals"]?.contains("Changes nothing") == true)
        #expect(tools["apply_change"]?.contains("Refused: this server was started read-only") == true)

        #expect(seen.json("list")["count"] as? Int == 3)
        #expect((seen.json("get")["referral"] as? [String: Any])?["id"] as? String == Self.id)
        #expect((seen.json("get")["eTag"] as? String)?.isEmpty == false)
        #expect(seen.json("preview")["changes"] as? [String] == ["~ details.dealValue: 25000 → 61000"])
        #expect(seen.result("apply").isError && seen.result("apply").text.hasPrefix("refused: refsh mcp was started read-only"))
        #expect(try dealValue(in: dir) == "25000\n", "nothing was written")
        let requests = seen.json("requests")["requests"] as? [[String: Any]] ?? []
        #expect(requests.contains { $0["method"] as? String == "GET" && ($0["requestId"] as? String)?.count == 36 })
        #expect(!requests.contains { $0["method"] as? String == "PATCH" })

        #expect(seen.result("wrongType") == (true, "top must be a whole number from 1 to 100, not 'lots'"))
        #expect(seen.result("topZero") == (true, "top must be a whole number from 1 to 100, not 0"))
        // An argument the tool does not take is refused, not ignored (the list was unfiltered).
        #expect(seen.result("typo") == (true, "list_referrals: unknown argument 'statuss' (did you mean status? it takes filter, status, top)"))
        #expect(seen.result("unknownTool").isError && seen.result("unknownTool").text.hasPrefix("unknown tool 'delete_everything'"))
        #expect(seen.result("readOnlyField").isError && seen.result("readOnlyField").text.contains("id is read-only"))
        // No shell-only advice (--force) and no position in commands the assistant never wrote.
        #expect(!seen.result("readOnlyField").text.contains("--force"), "\(seen.result("readOnlyField").text)")
        #expect(!seen.result("readOnlyField").text.contains(#""line""#), "\(seen.result("readOnlyField").text)")
        // A named substatus is checked as one (Bogus became the statusReason), and a misspelt member is refused.
        #expect(seen.result("badSubstatus") == (true, "transition: unknown substatus 'Bogus' (Closed takes Won, Lost, Declined, Expired)"))
        #expect(
            seen.result("transitionTypo") == (true, "transition: unknown member 'reasn' (did you mean reason? it takes status, substatus and reason)")
        )
        #expect(!seen.result("afterErrors").isError, "the server goes on after bad calls")
    }

    @Test func writesWithAllowWritesCarryIfMatchAndAStalePlanIsAConflict() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let seen = try run(["--allow-writes"], in: dir)
        let applied = seen.json("apply")
        #expect(applied["written"] as? Bool == true, "\(seen.result("apply").text)")
        #expect(
            applied["changes"] as? [String] == [
                "~ status: \"Active\" → \"Closed\"", "~ substatus: \"Accepted\" → \"Won\"", "~ statusReason: \"\" → \"signed\"",
                "~ details.dealValue: 25000 → 62000",
            ], "\(applied)")
        let before = (seen.json("get")["eTag"] as? String) ?? ""
        #expect((applied["eTag"] as? String).map { !$0.isEmpty && $0 != before } == true, "a new eTag")
        #expect((applied["requestId"] as? String)?.count == 36)
        // The stale plan's eTag went as If-Match: the service answered 412, sent once, not retried.
        #expect(seen.result("stale").isError && seen.result("stale").text.hasPrefix("conflict: 412 Precondition Failed"), "\(seen.result("stale"))")
        #expect(seen.result("stale").text.contains("nothing was written and nothing is retried"))
        #expect(try dealValue(in: dir) == "64000\n", "the stale changes (63000) were not written; the last, unquoted one was")
        // Each conflict names the eTag its own call planned at, and the referral's.
        let current = (applied["eTag"] as? String) ?? ""
        #expect(seen.result("stale").text.hasSuffix(#"(planned at eTag "stale"; the referral is at \#(current))"#), "\(seen.result("stale"))")
        #expect(seen.result("staleAgain").text.hasSuffix(#"(planned at eTag "older"; the referral is at \#(current))"#))
        // ifMatch is required, and an eTag: a write is made only against the referral read.
        for call in ["noIfMatch", "starIfMatch"] {
            #expect(seen.result(call).isError && seen.result(call).text.hasPrefix("give ifMatch: the eTag get_referral"), "\(seen.result(call))")
        }
        // A change to the values already there sends nothing, and says so.
        #expect(seen.json("same")["written"] as? Bool == false, "\(seen.result("same").text)")
        let after = (seen.json("requestsAfter")["requests"] as? [[String: Any]] ?? []).filter { $0["method"] as? String == "PATCH" }
        #expect(after.map { $0["status"] as? Int } == [200, 412, 412], "the unchanged values sent no PATCH")
        // The current eTag given without its quotes is the same eTag: written, no conflict.
        #expect(seen.json("unquoted")["written"] as? Bool == true, "\(seen.result("unquoted").text)")
        let patches = (seen.json("requests")["requests"] as? [[String: Any]] ?? []).filter { $0["method"] as? String == "PATCH" }
        #expect(patches.map { $0["status"] as? Int } == [200, 412])
        #expect(patches.map { $0["attempts"] as? Int } == [1, 1])
    }

    @Test func contactDataIsPseudonymisedWithRedactPII() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plain = try run([], in: dir)
        #expect(plain.result("get").text.contains("@contoso.com"), "the fixture has contact data")
        let redacted = try run(["--redact-pii"], in: dir)
        for call in ["list", "get", "afterErrors"] {
            #expect(!redacted.result(call).text.contains("@contoso.com"), "\(call)")
        }
        // A change's lines and patch name contact values whole, a short first name too.
        #expect(plain.result("previewContact").text.contains(#"\"Sue\""#), "\(plain.result("previewContact").text)")
        let preview = redacted.result("previewContact").text
        #expect(!preview.contains("Sue") && !preview.contains("Susan") && preview.contains("firstName"), "\(preview)")
        #expect((redacted.json("get")["referral"] as? [String: Any])?["id"] as? String == Self.id)
    }

    @Test func invalidJSONRPCIsAnsweredAndTheServerGoesOn() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try Refsh.run(
            [Self.client, "--raw", Refsh.binary], in: dir, executable: try TestPeers.python(), environment: environment(dir), timeoutSeconds: 60)
        let lines = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String] ?? []
        try #require(lines.count == 5, "\(result.stdout) \(result.stderr)")
        // JSON-RPC 2.0's own errors, each with the request's id (null when it could not be read).
        let answers = lines.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
        let code = { (index: Int) in (answers[index]["error"] as? [String: Any])?["code"] as? Int }
        #expect(code(0) == -32700 && answers[0]["id"] is NSNull, "a parse error: \(lines[0])")
        #expect(lines[1].contains(#""result""#), "then initialize is answered")
        #expect(lines[2].contains("id must be a string, not a number"), "a wrong argument type")
        #expect(code(3) == -32600 && answers[3]["id"] as? Int == 906, "a request without a method: \(lines[3])")
        #expect(code(4) == -32602 && answers[4]["id"] as? Int == 3, "a call without a tool's name: \(lines[4])")
    }

    /// Input that ends right after its requests (a pipe, `printf … | refsh mcp`): every request
    /// read is answered before the server stops, a write against a slow service included (the
    /// server stopped at once, and the write landed with no answer). Bad messages get JSON-RPC's
    /// errors with `id: null`, and nothing goes out with the session's token in it, not even the
    /// SDK's own "method not found" quoting a token sent as a method name.
    /// A request whose id is null is refused, not run: the SDK answered it with `"id": ""` (the
    /// id of another request) after carrying out the write it asked for.
    @Test func aRequestWithANullIdIsRefusedAndNothingRuns() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":null,"method":"tools/call","params":{"name":"apply_change","arguments":{"id":"49d90c72-3326-4f61-aacc-2cb57970448c","ifMatch":"*x","set":{"details.dealValue":777}}}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"session_requests","arguments":{}}}"#,
        ]
        let result = try Refsh.run(["mcp", "--allow-writes"], stdin: lines.joined(separator: "\n") + "\n", in: dir, environment: environment(dir))
        let answers = result.stdout.split(separator: "\n").map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
        let refused = answers.filter { $0["id"] is NSNull }.compactMap { ($0["error"] as? [String: Any])?["code"] as? Int }
        #expect(refused == [-32600, -32600], "\(result.stdout)")
        #expect(!answers.contains { ($0["id"] as? String) == "" }, "\(result.stdout)")
        let requests = answers.first { ($0["id"] as? Int) == 2 }
        #expect(requests != nil, "\(result.stdout)")
        #expect(!String(describing: requests ?? [:]).contains("49d90c72"), "nothing was asked of the referral: \(result.stdout)")
    }

    @Test func everyRequestReadIsAnsweredAndNothingQuotesTheToken() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let token = "Zq8mK2vN9pL4xR7tY1wB5cD3fG6hJ0kMnPqRsTuVwXyZ0123"
        let server = try SandboxProcessTests.Server.start(db: dir + "/sandbox.sqlite", token: token, extra: ["--faults", "latency:700@1"])
        defer { server.process.terminate() }
        let listedFirst = try Refsh.run(
            ["--endpoint", "http://127.0.0.1:\(server.port)", "-c", "list --top 1 --json"], in: dir,
            environment: environment(dir).merging(["REFSH_TOKEN": token]) { $1 })
        let first = try #require((try? JSONSerialization.jsonObject(with: Data(listedFirst.stdout.utf8)) as? [[String: Any]])?.first)
        let id = try #require(first["id"] as? String)
        let eTag = try #require(first["eTag"] as? String).replacingOccurrences(of: #"""#, with: #"\""#)
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, "[]", "[1,2]", #"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#,
            // The SDK reads neither a fractional id nor a batch with a bad element: refused here, or never answered.
            #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, #"[{"jsonrpc":"2.0","id":10,"method":"ping"},{"jsonrpc":"2.0"}]"#,
            #"{"jsonrpc":"2.0","id":9.0,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":7,"method":""# + token + #""}"#,
            #"{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"list_referrals","arguments":{"top":""# + token + #""}}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"apply_change","arguments":{"id":""# + id
                + #"","set":{"details.dealValue":4321},"ifMatch":""# + eTag + #""}}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#,
        ]
        let result = try Refsh.run(
            ["--endpoint", "http://127.0.0.1:\(server.port)", "mcp", "--allow-writes"], stdin: lines.joined(separator: "\n") + "\n", in: dir,
            environment: environment(dir).merging(["REFSH_TOKEN": token]) { $1 }, timeoutSeconds: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains(token.prefix(12)) && !result.stderr.contains(token.prefix(12)))
        let answers = result.stdout.split(separator: "\n").map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
        let byId = Dictionary(answers.compactMap { answer in (answer["id"] as? Int).map { ($0, answer) } }) { first, _ in first }
        #expect(Set(byId.keys) == [1, 2, 3, 7, 8, 9], "\(result.stdout)")
        let nullIds = answers.filter { $0["id"] is NSNull }.compactMap { ($0["error"] as? [String: Any])?["code"] as? Int }
        #expect(nullIds == [-32600, -32600, -32600, -32600, -32600], "\(result.stdout)")
        #expect(((byId[3]?["result"] as? [String: Any])?["isError"] as? Bool) == false, "\(result.stdout)")
        let after = try Refsh.run(
            ["--endpoint", "http://127.0.0.1:\(server.port)", "-c", "load \(id); get details.dealValue"], in: dir,
            environment: environment(dir).merging(["REFSH_TOKEN": token]) { $1 })
        #expect(after.stdout == "4321\n")
        // The shortest case: the list asked for right before the input ends.
        let listed = try Refsh.run(["mcp"], stdin: lines[0] + "\n" + (lines.last ?? "") + "\n", in: dir, environment: environment(dir))
        #expect(listed.stdout.split(separator: "\n").count == 2, "\(listed.stdout)")
    }

    @Test func connectionOptionsMayComeBeforeMcp() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let help = try Refsh.run(["--rate", "5", "--redact-pii", "mcp", "--help"], in: dir, environment: environment(dir))
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: Serve the referral tools to an AI assistant"))
        let bad = try Refsh.run(["--rate", "many", "mcp"], in: dir, environment: environment(dir))
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("refsh mcp: --rate: rate takes requests a second"))
    }
}
