import Foundation
import GoldenSupport
import RefScript
import ReferralsWire
import RefshApp
import Shell
import SignIn
import Testing

/// Golden scripts of the online commands, each run two ways against a fresh embedded sandbox:
/// in-process (the interpreter, the client and the sandbox's request handler in this process,
/// joined by ``InProcessTransport``: no socket, no child process) and by the real `refsh` binary
/// over HTTP on loopback. Both must give the expected output. What varies from run to run is
/// normalised before comparing: the sandbox's port, the case's directory, request ids, the ids
/// of referrals created by the case, the correlation id.
@Suite struct OnlineGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let cases = GoldenCase.all(in: directory)

    @Test func everyGoldenFileIsACase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".golden") }
        #expect(files.count >= 9)
        #expect(Self.cases.count == files.count)
    }

    @Test(arguments: Self.cases)
    func inProcess(_ golden: GoldenCase) async throws {
        let dir = try Self.prepare(golden)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let environment = Self.environment(golden, in: dir)
        let output = CapturedOutput()
        let notices = NoticeSink(output)
        let host = InProcessSandboxHost(
            storePath: defaultSandboxStore(environment: environment), seedCount: try Launch.sandboxSeedCount(environment: environment))
        let keeper = SecretKeeper()
        let traffic = TrafficSupport(keeper: keeper, version: "0.9.0", redactsPII: false, colors: false) { notices.write($0) }
        let connector = RefshConnector(
            sandbox: host, keeper: keeper, credentialCache: CredentialCache(path: CredentialCache.defaultPath(environment: environment)),
            tap: traffic.tap
        ) { notices.write($0) }
        var world = ScriptWorld(
            output: output, files: LocalFileSystem(directory: dir), environment: FixedEnvironment(environment), connector: connector)
        world.secretKeeper = keeper
        world.traffic = traffic
        // Journaled as refsh journals a script, so that what a stopped script says of its edits is the same.
        world.journal = SessionJournalFile(directory: (environment["XDG_STATE_HOME"] ?? dir + "/state") + "/refsh/sessions")
        world.version = Launch.versionText
        let connection = try ConnectionOptions().settings(environment: environment)
        let code = await ScriptRunner.run(
            text: golden.script, name: golden.name + ".refscript", arguments: golden.arguments, variables: golden.variables,
            world: world, connection: connection)
        try Self.compare(golden, stdout: output.stdout, stderr: output.stderr, status: code.rawValue, directory: dir, update: false)
    }

    @Test(arguments: Self.cases)
    func liveBinary(_ golden: GoldenCase) throws {
        let dir = try Self.prepare(golden)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let variables = golden.variables.flatMap { ["--var", "\($0.0)=\($0.1)"] }
        let result = try Refsh.run(
            variables + [golden.name + ".refscript"] + golden.arguments, in: dir, environment: Self.environment(golden, in: dir),
            timeoutSeconds: 120)
        try Self.compare(golden, stdout: result.stdout, stderr: result.stderr, status: result.status, directory: dir, update: GoldenCase.updating)
    }

    /// A fresh directory with the fixtures, the case's files and its script.
    static func prepare(_ golden: GoldenCase) throws -> String {
        let dir = NSTemporaryDirectory() + "refsh-online-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Refsh.fixtures) {
            try FileManager.default.copyItem(atPath: Refsh.fixtures + "/" + name, toPath: dir + "/" + name)
        }
        for (name, content) in golden.files { try content.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        try golden.script.write(toFile: dir + "/" + golden.name + ".refscript", atomically: true, encoding: .utf8)
        return dir
    }

    /// The case's environment: its own stores, no endpoint or token of the machine's, then its `=== env`.
    static func environment(_ golden: GoldenCase, in dir: String) -> [String: String] {
        var environment = ["XDG_DATA_HOME": dir + "/data", "XDG_STATE_HOME": dir + "/state", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
        for (key, value) in golden.environment { environment[key] = value }
        return environment
    }

    static func compare(_ golden: GoldenCase, stdout: String, stderr: String, status: Int32, directory: String, update: Bool) throws {
        let stdout = normalise(stdout, directory: directory)
        let stderr = normalise(stderr, directory: directory)
        if update {
            let text = golden.rendered(stdout: stdout, stderr: stderr, exitCode: status)
            try text.write(to: Self.directory.appendingPathComponent(golden.name + ".golden"), atomically: true, encoding: .utf8)
            return
        }
        #expect(stdout == golden.stdout, "stdout of \(golden.name)")
        #expect(stderr == golden.stderr, "stderr of \(golden.name)")
        #expect(status == golden.exitCode, "exit code of \(golden.name)")
    }

    /// Replaces what differs between runs: `127.0.0.1:PORT`, `$DIR`, `request <id>`, the
    /// correlation id, the jittered wait before a retry, and the id of each referral the case created (`<new id>`, `<new id 2>`, …,
    /// wherever it appears, so a write to the wrong referral still shows). Seeded ids stay as they are.
    static func normalise(_ text: String, directory: String) -> String {
        var out = text.replacingOccurrences(of: directory, with: "$DIR")
        out = out.replacingOccurrences(of: #"127\.0\.0\.1:\d+"#, with: "127.0.0.1:PORT", options: .regularExpression)
        out = out.replacingOccurrences(of: #"request [0-9a-f-]{36}"#, with: "request <id>", options: .regularExpression)
        out = out.replacingOccurrences(of: #"MS-CorrelationId: [0-9a-f-]{36}"#, with: "MS-CorrelationId: <session>", options: .regularExpression)
        // Backoff is jittered: the wait differs from run to run (ClientTests pin the policy).
        out = out.replacingOccurrences(of: #"retrying in [0-9.]+ s"#, with: "retrying in <wait> s", options: .regularExpression)
        // Traces: how long each exchange took, the server's date, the ids of each request, the build.
        out = out.replacingOccurrences(of: #"  [0-9]+\.[0-9] ms\n"#, with: "  <t> ms\n", options: .regularExpression)
        // The HTTP server's own headers (the in-process sandbox has no server to add them).
        out = out.replacingOccurrences(of: #"(?m)^  (Content-Length|Date|Server): .*\n"#, with: "", options: .regularExpression)
        out = out.replacingOccurrences(
            of: #"(?m)^  (MS-RequestId|Request-ID|client-request-id): [0-9a-f-]{36}$"#, with: "  $1: <id>", options: .regularExpression)
        let fresh = #"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"#  // a write's new eTag
        out = out.replacingOccurrences(of: #"(?m)^  ETag: ""# + fresh + #""$"#, with: "  ETag: \"<new eTag>\"", options: .regularExpression)
        out = out.replacingOccurrences(of: #""eTag":"\\""# + fresh + #"\\"""#, with: #""eTag":"\\"<new eTag>\\"""#, options: .regularExpression)
        out = out.replacingOccurrences(of: #"\(commit [0-9a-f]+(-modified)?\)"#, with: "(commit <commit>)", options: .regularExpression)
        out = out.replacingOccurrences(
            of: #""(correlationId|requestId)":"[0-9a-f-]{36}""#, with: "\"$1\":\"<id>\"", options: .regularExpression)
        var created: [String] = []
        let pattern = try? NSRegularExpression(pattern: #"created ([0-9a-f-]{36})"#)
        for match in pattern?.matches(in: out, range: NSRange(out.startIndex..., in: out)) ?? [] {
            if let range = Range(match.range(at: 1), in: out), !created.contains(String(out[range])) { created.append(String(out[range])) }
        }
        for (index, id) in created.enumerated() {
            out = out.replacingOccurrences(of: id, with: index == 0 ? "<new id>" : "<new id \(index + 1)>")
        }
        return out
    }
}

/// The connector's one-time notices, written to the captured standard error as refsh writes them to its own.
final class NoticeSink: @unchecked Sendable {
    private let output: CapturedOutput
    init(_ output: CapturedOutput) { self.output = output }
    func write(_ text: String) { output.writeError(text) }
}
