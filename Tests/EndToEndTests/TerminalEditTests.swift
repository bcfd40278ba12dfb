import Foundation
import Testing

/// `edit` at the interactive prompt (tmux): text that is not JSON is offered for editing again,
/// with the user's text kept, and the session goes on.
extension TerminalTests {
    @Test func badJSONIsOfferedForEditingAgainWithTheTextKept() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // First run: breaks the JSON (and changes the deal value). Second: finds its own text
        // still there, and mends it.
        let editor = dir + "/editor.sh"
        try """
        if grep -q '^{,' "$1"; then sed -i 's/^{,/{/' "$1"; else sed -i -e 's/^{/{,/' -e 's/"dealValue": 25000/"dealValue": 31/' "$1"; fi
        """.write(toFile: editor, atomically: true, encoding: .utf8)
        // Run by sh, not executed: see EditTests.editor (a script just written can be "Text file busy").
        let terminal = try Terminal(directory: dir, environment: ["EDITOR": "sh " + editor, "VISUAL": ""])
        defer { terminal.close() }
        try terminal.enter("open referral.json")
        try terminal.enter("edit")
        try terminal.waitFor("edit: not JSON at line 1, column 2: unexpected ',': expected a member name in double quotes; edit again? [Y/n]")
        try terminal.enter("y")
        try terminal.waitFor("edited: 1 change (diff shows them, undo takes them back)")
        try terminal.enter("diff")
        try terminal.waitFor("~ details.dealValue: 25000 → 31")
    }

    /// Ctrl-C at "edit again?" abandons the edit at once, with nothing changed: the read did
    /// not see it, and the next Enter was taken as yes and reopened the editor.
    @Test func ctrlCAtEditAgainAbandonsTheEdit() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let editor = dir + "/editor.sh"
        try #"sed -i -e 's/^{/{,/' -e 's/"dealValue": 25000/"dealValue": 31/' "$1"; echo ran >> "$1.runs""#
            .write(toFile: editor, atomically: true, encoding: .utf8)
        let terminal = try Terminal(directory: dir, environment: ["EDITOR": "sh " + editor, "VISUAL": ""])
        defer { terminal.close() }
        try terminal.enter("open referral.json")
        try terminal.enter("edit")
        try terminal.waitFor("edit again? [Y/n]")
        try terminal.keys("C-c")
        try terminal.waitFor("edit: interrupted; nothing changed")
        try terminal.enter("get details.dealValue")
        try terminal.waitFor("\n25000\n")
    }

    /// A real editor (vi) and a real pager (less) get the terminal: they ran in a process group
    /// of their own, which the kernel stops the moment it touches the terminal, and the shell
    /// hung. A Ctrl-C inside the editor is the editor's own: the edit still lands.
    @Test func viAndLessGetTheTerminal() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let terminal = try Terminal(directory: dir, environment: ["EDITOR": "vi -u NONE -i NONE", "VISUAL": "", "PAGER": "less"])
        defer { terminal.close() }
        try terminal.enter("open referral.json")
        try terminal.enter("edit details")
        try terminal.waitFor("\"dealValue\"")
        try terminal.keys("C-c")
        try terminal.keys(":%s/25000/31/", "Enter")
        try terminal.keys(":wq", "Enter")
        try terminal.waitFor("edited: 1 change (diff shows them, undo takes them back)")
        try terminal.enter("diff")
        try terminal.waitFor("~ details.dealValue: 25000 → 31")
        try terminal.enter("show")
        try terminal.waitFor("\"engagementId\"")
        try terminal.keys("q")
        try terminal.enter("echo after the pager")
        try terminal.waitFor("\nafter the pager\n")
    }

    /// A FIFO where the history file goes held the shell before its first prompt, waiting for a
    /// writer that never came (Ctrl-C and Ctrl-D did nothing): it is said and passed over.
    @Test func aFIFOWhereTheHistoryGoesIsPassedOver() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/state/refsh", withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/state/refsh/history", 0o600) == 0)
        let terminal = try Terminal(directory: dir)
        defer { terminal.close() }
        try terminal.waitFor("/state/refsh/history is not a regular file: the history is not kept")
        try terminal.enter("echo still-here")
        try terminal.waitFor("\nstill-here\n")
    }
}
