import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C while a command waits for the service, in a real terminal: the request is cancelled at
/// once, the command fails with "cancelled", and the session and its working copy are kept.
@Suite(.serialized) struct TerminalInterruptTests {
    @Test func ctrlCCancelsARequestInFlightAndKeepsTheWorkingCopy() throws {
        let dir = NSTemporaryDirectory() + "refsh-tty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try TerminalTests.Terminal(directory: dir)
        defer { terminal.close() }
        let id = "49d90c72-3326-4f61-aacc-2cb57970448c"
        try terminal.keys("load \(id)", "Enter", "set details.dealValue 7", "Enter")
        try terminal.waitFor("refsh sandbox 49d90c72 Active* >")

        // The next request waits 20 s in the sandbox; Ctrl-C ends the wait long before.
        try terminal.keys("sandbox faults latency:20000@next1", "Enter", "patch", "Enter")
        usleep(500_000)
        #expect(!terminal.screen.contains("patched"), "the patch is still waiting")
        let pressed = Date()
        try terminal.keys("C-c")
        let screen = try terminal.waitFor("cancelled")
        #expect(Date().timeIntervalSince(pressed) < 3, "the cancel took \(Date().timeIntervalSince(pressed)) s")
        #expect(
            screen.contains("error: PATCH /v1.0/engagements/referrals/\(id): cancelled; the write may still have reached the service"), "\(screen)")

        // The session goes on with the edit kept, and the answer never prints afterwards.
        try terminal.keys("get details.dealValue", "Enter")
        try terminal.waitFor("\n7\n")
        try terminal.waitFor("refsh sandbox 49d90c72 Active* >")

        // A read is cancelled the same way and the working copy is as it was.
        try terminal.keys("sandbox faults latency:20000@next1", "Enter", "rebase", "Enter")
        usleep(500_000)
        try terminal.keys("C-c")
        try terminal.waitFor("error: GET /v1.0/engagements/referrals/\(id): cancelled")
        try terminal.keys("diff", "Enter")
        let after = try terminal.waitFor("~ details.dealValue")
        #expect(!after.contains("patched \(id)"), "the cancelled patch printed its answer:\n\(after)")
    }
}

/// Ctrl-Z at the prompt stops refsh as it stops any program (libedit's own binding did
/// nothing); `fg` brings back the line being typed, and the session goes on.
@Suite(.serialized) struct TerminalSuspendTests {
    @Test func ctrlZStopsRefshAndFgBringsBackTheLine() throws {
        let dir = NSTemporaryDirectory() + "refsh-tty-suspend-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try TerminalTests.Terminal(directory: dir, jobControl: true)
        defer { terminal.close() }
        try terminal.keys("-l", "echo kept")
        try terminal.keys("C-z")
        let stopped = try terminal.waitFor("Stopped")
        #expect(stopped.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("\njob$"), "bash has the terminal: \(stopped)")
        try terminal.enter("fg")
        try terminal.waitFor("\nrefsh sandbox> echo kept")
        try terminal.keys("Enter")
        try terminal.waitFor("\nkept\n")
    }
}

/// Ctrl-C while `login` waits for the sign-in to be approved: it stops at once, nothing is
/// cached, and the session goes on.
@Suite(.serialized) struct TerminalLoginInterruptTests {
    @Test func ctrlCStopsWaitingForTheSignInAndSavesNothing() throws {
        let dir = NSTemporaryDirectory() + "refsh-tty-login-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try TerminalTests.Terminal(directory: dir)
        defer { terminal.close() }
        try terminal.keys("login", "Enter")
        try terminal.waitFor("and enter the code ")
        let pressed = Date()
        try terminal.keys("C-c")
        let screen = try terminal.waitFor("login cancelled; nothing was saved")
        #expect(Date().timeIntervalSince(pressed) < 3, "the cancel took \(Date().timeIntervalSince(pressed)) s")
        #expect(!screen.contains("Signed in"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/state/refsh/credentials.json"))
        try terminal.keys("echo still-here", "Enter")
        try terminal.waitFor("\nstill-here\n")
    }
}
