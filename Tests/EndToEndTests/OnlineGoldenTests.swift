import Foundation
import GoldenSupport
import Testing

/// Golden scripts run by the real `refsh` binary against its embedded sandbox (a fresh store per
/// case): the online commands end to end, over real HTTP on loopback. What varies from run to
/// run is normalised before comparing: the sandbox's port, the case's directory, request ids,
/// new referral ids, the correlation id.
@Suite struct OnlineGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: GoldenCase.all(in: Self.directory))
    func golden(_ golden: GoldenCase) throws {
        let dir = NSTemporaryDirectory() + "refsh-online-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in try FileManager.default.contentsOfDirectory(atPath: Refsh.fixtures) {
            try FileManager.default.copyItem(atPath: Refsh.fixtures + "/" + name, toPath: dir + "/" + name)
        }
        for (name, content) in golden.files { try content.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        let script = golden.name + ".refscript"
        try golden.script.write(toFile: dir + "/" + script, atomically: true, encoding: .utf8)
        var environment = ["XDG_DATA_HOME": dir + "/data", "XDG_STATE_HOME": dir + "/state", "REFSH_ENDPOINT": "", "REFSH_TOKEN": ""]
        for (key, value) in golden.environment { environment[key] = value }
        let variables = golden.variables.flatMap { ["--var", "\($0.0)=\($0.1)"] }
        let result = try Refsh.run(variables + [script] + golden.arguments, in: dir, environment: environment, timeoutSeconds: 120)
        let stdout = Self.normalise(result.stdout, directory: dir)
        let stderr = Self.normalise(result.stderr, directory: dir)
        if GoldenCase.updating {
            let text = golden.rendered(stdout: stdout, stderr: stderr, exitCode: result.status)
            try text.write(to: Self.directory.appendingPathComponent(golden.name + ".golden"), atomically: true, encoding: .utf8)
            return
        }
        #expect(stdout == golden.stdout, "stdout of \(golden.name)")
        #expect(stderr == golden.stderr, "stderr of \(golden.name)")
        #expect(result.status == golden.exitCode, "exit code of \(golden.name)")
    }

    /// Replaces what differs between runs: `127.0.0.1:PORT`, `$DIR`, `request <id>`, new ids.
    static func normalise(_ text: String, directory: String) -> String {
        var out = text.replacingOccurrences(of: directory, with: "$DIR")
        out = out.replacingOccurrences(of: #"127\.0\.0\.1:\d+"#, with: "127.0.0.1:PORT", options: .regularExpression)
        out = out.replacingOccurrences(of: #"request [0-9a-f-]{36}"#, with: "request <id>", options: .regularExpression)
        out = out.replacingOccurrences(of: #"(created|patched|updated) [0-9a-f-]{36}"#, with: "$1 <new id>", options: .regularExpression)
        out = out.replacingOccurrences(of: #"MS-CorrelationId: [0-9a-f-]{36}"#, with: "MS-CorrelationId: <session>", options: .regularExpression)
        return out
    }
}
