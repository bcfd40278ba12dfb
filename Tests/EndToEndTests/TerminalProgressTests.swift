import Foundation
import Testing

/// A parallel loop's progress line on a real terminal (tmux): drawn on standard error while it
/// runs, cleared at the end (BulkTests pins that none reaches a file).
extension TerminalTests {
    @Test func aParallelLoopDrawsItsProgressLineOnTheTerminalAndClearsItAtTheEnd() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir)
        defer { terminal.close() }
        try terminal.enter("sandbox rate 30")
        try terminal.waitFor("sandbox rate: 30 requests a second per caller")
        try terminal.enter("for --jobs 4 r in (list --top 40 --json); load ${r.id}; end")
        let during = try terminal.waitFor(" jobs ")
        #expect(during.contains("/40  "), "done/total: \(during)")
        #expect(during.contains("[#") || during.contains("[·"), "the bar: \(during)")
        // Typed only once the prompt is back (type-ahead would be echoed onto the bar's line).
        var after = terminal.screen
        for _ in 0..<200 {
            let lines = after.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            if let loop = lines.lastIndex(where: { $0.hasPrefix("refsh sandbox> for --jobs") }), lines[(loop + 1)...].contains("refsh sandbox>") {
                break
            }
            usleep(50_000)
            after = terminal.screen
        }
        #expect(!after.contains("ETA") && !after.contains(" jobs "), "cleared at the end: \(after)")
        try terminal.enter("echo loop-finished")
        try terminal.waitFor("\nloop-finished")
    }

    @Test func ctrlCStopsAParallelLoopOnceAndKeepsTheSession() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir)
        defer { terminal.close() }
        try terminal.enter("load 49d90c72-3326-4f61-aacc-2cb57970448c")
        try terminal.waitFor("refsh sandbox 49d90c72 Active >")
        try terminal.enter("sandbox rate 4")
        try terminal.waitFor("sandbox rate: 4 requests a second per caller")
        try terminal.enter("for --jobs 4 r in (list --top 40 --json); load ${r.id}; end")
        try terminal.waitFor(" jobs ")
        try terminal.keys("C-c")
        let screen = try terminal.waitFor("not started (interrupted)")
        #expect(screen.components(separatedBy: "error: interrupted").count == 2, "said once: \(screen)")
        #expect(screen.contains(" stopped, "), "\(screen)")
        try terminal.waitFor("refsh sandbox 49d90c72 Active >")  // the session's referral is as it was
        try terminal.enter("sandbox rate --clear")
        try terminal.enter("get id")
        try terminal.waitFor("> get id\n49d90c72-3326-4f61-aacc-2cb57970448c")
    }
}
