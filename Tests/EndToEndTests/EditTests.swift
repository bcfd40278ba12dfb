import Foundation
import Testing

/// `edit` with real editors: scripts that stand in for one (they edit the file the way an editor
/// does, some by renaming a new file over it), run by the binary as `$EDITOR` / `$VISUAL`.
@Suite struct EditTests {
    func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "refsh-edit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Refsh.fixtures + "/referral-active.json", toPath: dir + "/referral.json")
        return dir
    }

    /// Writes an editor script `name` into `dir` and returns the command that runs it. Run by
    /// `sh`, not executed itself: a child another test spawns at the moment it is written could
    /// still hold it open for writing, and executing it would fail with "Text file busy".
    func editor(_ name: String, _ body: String, in dir: String) throws -> String {
        let path = dir + "/" + name
        try (body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return "sh " + path
    }

    func run(_ commands: String, editor: String, variable: String = "EDITOR", in dir: String) throws -> Refsh.Result {
        var environment = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "VISUAL": "", "EDITOR": ""]
        environment[variable] = editor
        return try Refsh.run(["-c", commands], in: dir, environment: environment)
    }

    @Test func anEditIsOneUndoableChangeAndRenameOnSaveWorks() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Like vim's `backupcopy=no` or most GUI editors: a new file renamed over the old one.
        let renaming = try editor(
            "renaming.sh",
            #"sed -e 's/"dealValue": 25000/"dealValue": 999/' -e 's/"currency": "USD"/"currency": "EUR"/' "$1" > "$1.new" && mv "$1.new" "$1""#,
            in: dir)
        let result = try run("open referral.json; edit; diff; undo; diff; edit details; get details.dealValue", editor: renaming, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                edited: 2 changes (diff shows them, undo takes them back)
                ~ details.dealValue: 25000 → 999
                ~ details.currency: "USD" → "EUR"
                no changes
                edited: 2 changes (diff shows them, undo takes them back)
                999

                """)
    }

    @Test func visualComesBeforeEditorAndNoChangeIsUnchanged() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var environment = ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data"]
        environment["VISUAL"] = try editor("visual.sh", "echo visual >> \(dir)/visual.log", in: dir)
        environment["EDITOR"] = try editor("editor.sh", "echo editor >> \(dir)/editor.log", in: dir)
        let result = try Refsh.run(["-c", "open referral.json; edit"], in: dir, environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout == "unchanged\n")
        #expect(FileManager.default.fileExists(atPath: dir + "/visual.log"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/editor.log"))
    }

    @Test func readOnlyFieldsAreRefusedUnlessForced() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let changesId = try editor("id.sh", #"sed -i 's/"id": "49d90c72-3326-4f61-aacc-2cb57970448c"/"id": "x"/' "$1""#, in: dir)
        let refused = try run("open referral.json; edit", editor: changesId, in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr == "-c:1:21: error: id is read-only (the server sets it); use --force to change it anyway\n")
        let forced = try run("open referral.json; edit --force; get id", editor: changesId, in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasSuffix("\nx\n"))
    }

    @Test func badEditsChangeNothingAndSayWhy() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases: [(editor: String, message: String)] = [
            (try editor("fails.sh", "exit 3", in: dir), "edit: the editor (sh \(dir)/fails.sh) exited with status 3; nothing changed"),
            (
                "refsh-no-such-editor",
                "edit: the editor 'refsh-no-such-editor' is not installed (set VISUAL or EDITOR to one that is); nothing changed"
            ),
            (
                "EDITOR_MODE=1 refsh-no-such-editor --wait",
                "edit: the editor 'refsh-no-such-editor' is not installed (set VISUAL or EDITOR to one that is); nothing changed"
            ),
            (try editor("empties.sh", ": > \"$1\"", in: dir), "edit: the file was saved empty; nothing changed"),
            // A link to an endless device, and a FIFO, are not read (the first ate all memory,
            // the second waited for a writer forever).
            (
                try editor("links.sh", #"rm "$1"; ln -s /dev/zero "$1""#, in: dir),
                "edit: the editor left something other than a file at "
            ),
            (try editor("fifo.sh", #"rm "$1"; mkfifo "$1""#, in: dir), "edit: the editor left something other than a file at "),
            // Neither VISUAL nor EDITOR, and no terminal: vi is not started to wait for keys.
            (
                " ",
                "edit: no terminal for the editor: set VISUAL or EDITOR to one that needs none (it gets the file as $1), or use set and put; nothing changed"
            ),
            (
                try editor("breaks.sh", #"sed -i '3s/,$//' "$1""#, in: dir),
                "edit: not JSON at line 4, column 3: unexpected '\"': expected ',' or '}' after an object member; nothing changed"
            ),
            (
                try editor("mistypes.sh", #"sed -i 's/"dealValue"/"dealValu"/' "$1""#, in: dir),
                "details.dealValu is not in the Referral schema (did you mean dealValue?); use --force to add it anyway"
            ),
            (
                try editor("wrong-type.sh", #"sed -i 's/"currency": "USD"/"currency": 5/' "$1""#, in: dir),
                "details.currency: expected a 3-letter ISO 4217 code, got number 5"
            ),
        ]
        for (editor, message) in cases {
            // The working copy keeps the edit made before, and only that.
            let result = try run("open referral.json; set details.dealValue 1; edit; echo never", editor: editor, in: dir)
            #expect(result.status == 1, "\(editor)")
            #expect(
                result.stderr.hasSuffix("-c:1:46: error: " + message + "\n")
                    || message.hasSuffix(" at ") && result.stderr.contains("-c:1:46: error: " + message)
                        && result.stderr.hasSuffix("; nothing changed\n"),
                "\(editor): \(result.stderr)")
            #expect(!result.stderr.contains("not found"), "one line says it, not the shell's too: \(result.stderr)")
            #expect(!result.stdout.contains("never"))
            let after = try run("option errexit off; open referral.json; set details.dealValue 1; edit; diff", editor: editor, in: dir)
            #expect(after.stdout == "~ details.dealValue: 25000 → 1\n", "\(editor): \(after.stdout)")
        }
    }
}
