import Foundation
import GoldenSupport
import RefScript
import ReferralsWire
import RefshApp
import Shell
import SignIn
import Testing

/// Ctrl-C while the embedded sandbox starts is a cancellation like any other, not a sandbox
/// that "could not start" with a Swift type's name in the message.
@Suite struct EmbeddedSandboxStartTests {
    /// A sandbox whose start is cut short, as by Ctrl-C, or fails.
    struct StoppedHost: SandboxHosting {
        var failure: any Error
        var storePath: String { "/nonexistent/sandbox.sqlite" }
        func start() async throws -> SandboxConnection { throw failure }
    }

    func run(_ host: StoppedHost) async throws -> (stderr: String, code: ExitCode) {
        let output = CapturedOutput()
        let connector = RefshConnector(
            sandbox: host, credentialCache: CredentialCache(path: NSTemporaryDirectory() + "refsh-none-" + UUID().uuidString + "/cache")
        ) { _ in }
        let world = ScriptWorld(output: output, files: LocalFileSystem(), environment: FixedEnvironment(), connector: connector)
        let code = await ScriptRunner.run(text: "list --top 1", name: "t.refscript", world: world, connection: ConnectionSettings(correlationId: ""))
        return (output.stderr, code)
    }

    @Test func aCancelledStartSaysCancelled() async throws {
        let (stderr, code) = try await run(StoppedHost(failure: CancellationError()))
        #expect(stderr.contains("cancelled while the embedded sandbox started"), "\(stderr)")
        #expect(!stderr.contains("CancellationError"), "\(stderr)")
        #expect(code == .interrupted, "\(code)")
    }

    @Test func aFailedStartSaysWhy() async throws {
        let (stderr, code) = try await run(StoppedHost(failure: EmbeddedFailure()))
        #expect(stderr.contains("the embedded sandbox could not start: no port"), "\(stderr)")
        #expect(code != .interrupted)
    }

    struct EmbeddedFailure: Error, CustomStringConvertible {
        var description: String { "no port" }
    }
}
