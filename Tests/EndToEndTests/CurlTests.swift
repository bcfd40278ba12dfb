import Foundation
import Testing

/// `--curl` prints a command that bash runs as it is: the write it prints happens, the GETs it
/// prints answer, and the token is never in it (only `$REFSH_TOKEN`).
@Suite(.serialized) struct CurlTests {
    func bash(_ script: String, token: String) throws -> Refsh.Result {
        try Refsh.run(["bash", "-c", script], executable: "/usr/bin/env", environment: ["REFSH_TOKEN": token])
    }

    @Test func thePrintedPatchRunsWithBashAndTheWriteHappens() throws {
        let dir = NSTemporaryDirectory() + "refsh-curl-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let token = "curl-test-token-4b1d"
        let server = try SandboxProcessTests.Server.start(db: dir + "/store.sqlite", token: token)
        defer { server.process.terminate() }
        let endpoint = "http://127.0.0.1:\(server.port)"
        let environment = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "REFSH_TOKEN": token]
        let id = "49d90c72-3326-4f61-aacc-2cb57970448c"
        // A value with a quote, so the shell quoting is tried too.
        let printed = try Refsh.run(
            ["--endpoint", endpoint, "-c", "load \(id); set details.dealValue 4321; set details.notes \"it's done\"; patch --curl; diff"],
            in: dir, environment: environment)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(!printed.stdout.contains(token) && printed.stdout.contains(#"-H "Authorization: Bearer $REFSH_TOKEN""#))
        #expect(printed.stdout.contains("-H 'If-Match: "))
        #expect(printed.stdout.contains("\n~ details.dealValue: 25000 → 4321\n"), "nothing was sent: the edits are unsent")
        let command = String(printed.stdout.prefix { $0 != "~" })

        let ran = try bash(command, token: token)
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.contains(#""dealValue":4321"#))
        let after = try Refsh.run(
            ["--endpoint", endpoint, "-c", "load \(id); get details.dealValue; get details.notes"], in: dir, environment: environment)
        #expect(after.stdout == "4321\nit's done\n")
        // The same command again: its If-Match is old now, and the service says so (curl fails).
        let again = try bash(command, token: token)
        #expect(again.status == 22)
        #expect(again.stdout.contains("412") || again.stdout.lowercased().contains("precondition"), "\(again.stdout)")

        // Nothing to send: no command on standard output (a pipe into bash runs nothing), a note on standard error.
        let unchanged = try Refsh.run(["--endpoint", endpoint, "-c", "load \(id); patch --curl"], in: dir, environment: environment)
        #expect(unchanged.status == 0 && unchanged.stdout.isEmpty, "\(unchanged.stdout)")
        #expect(unchanged.stderr == "no changes to send: no curl command to print\n")

        let gets = try Refsh.run(
            ["--endpoint", endpoint, "-c", "load --curl \(id); list --top 2 --status Active --curl"], in: dir, environment: environment)
        #expect(gets.status == 0, "\(gets.stderr)")
        let commands = gets.stdout.components(separatedBy: "\ncurl ")
        #expect(commands.count == 2)
        let loaded = try bash(commands[0], token: token)
        #expect(loaded.status == 0 && loaded.stdout.contains(#""id":"\#(id)""#), "\(loaded.stderr)")
        let listed = try bash("curl " + commands[1], token: token)
        #expect(listed.status == 0 && listed.stdout.contains(#""value":["#), "\(listed.stderr)")
        #expect(try bash(commands[0], token: "wrong").status == 22, "the token is the shell's, not one baked in")

        // put sends the whole referral; create the new one (both as they would be sent).
        let put = try Refsh.run(
            ["--endpoint", endpoint, "-c", "load \(id); set details.dealValue 99; put --curl"], in: dir, environment: environment)
        #expect(put.stdout.hasPrefix("curl --silent --show-error --fail-with-body --globoff -X PUT "), "\(put.stdout)")
        #expect(try bash(put.stdout, token: token).status == 0)
        let reloaded = try Refsh.run(["--endpoint", endpoint, "-c", "load \(id); get details.dealValue"], in: dir, environment: environment)
        #expect(reloaded.stdout == "99\n")
        let create = try Refsh.run(
            ["--endpoint", endpoint, "-c", "open referral-active.json; create --copy --curl"], in: Refsh.fixtures, environment: environment)
        #expect(create.stdout.hasPrefix("curl --silent --show-error --fail-with-body --globoff -X POST "), "\(create.stderr)")
        #expect(create.stdout.contains("-H 'MS-RequestId: "))
    }
}
