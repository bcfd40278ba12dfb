import ReferralKit

/// `edit [--force] [path]`: the working referral, or the value at a path, in the user's editor.
public enum EditCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "edit", synopsis: "edit [--force] [<path>]",
        summary: "Edit the working referral (or a value in it) as JSON in $VISUAL, $EDITOR or vi.",
        help: """
            The text opens pretty-printed; when the editor exits, it is parsed and checked like set
            (types and enum values of the Referral schema; read-only fields such as id and eTag, and
            members the schema does not document where it lists an object's members, are refused
            unless --force), then applied as one change: undo takes all of it back. Nothing changed
            prints "unchanged". Text that is not JSON is reported with its line and column; in the
            interactive shell refsh offers to edit it again (your text is kept), in a script the
            command fails and the working copy is as it was. So does an editor that exits with a
            status other than 0, one that is not installed, or a file saved empty. Editors that save
            by renaming a new file over the old one work. See docs/editing.md.
            """,
        examples: ["edit", "edit details", "edit customerProfile.team[0]", "edit --force"],
        arguments: [ArgumentSpec("path", .path, optional: true)],
        flags: [FlagSpec("force", "change read-only fields, or add members the schema does not document")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let path = call.count > 0 ? try await call.path(0, &interpreter) : JSONPath()
        let working = try interpreter.workingCopy.requireWorking()
        let current = try call.attempt(at: 0) { () throws(PathError) in try working.value(at: path) }
        guard let editor = interpreter.world.editor else { throw RefScriptError(.command, "edit: no editor can run here") }
        let name = path.components.isEmpty ? "referral" : path.description.filter { $0.isLetter || $0.isNumber || $0 == "." }
        let fileName = "refsh-" + name + ".json"
        var text = JSONPrinter(layout: .pretty(indent: 2), colors: nil).print(current) + "\n"
        while true {
            do {
                text = try editor.edit(text, fileName: fileName)
            } catch {
                throw RefScriptError(.command, "edit: \(error.message); nothing changed")
            }
            if text.allSatisfy(\.isWhitespace) { throw RefScriptError(.command, "edit: the file was saved empty; nothing changed") }
            do {
                let edited = try JSONParser.parse(text)
                return try apply(edited, replacing: current, at: path, call: call, &interpreter)
            } catch let error as JSONParseError {
                let message = "edit: not JSON at line \(error.line), column \(error.column): \(error.message)"
                guard interpreter.isInteractive, editor.confirm(message + "; edit again?") == true else {
                    if Task.isCancelled { throw RefScriptError(.interrupted, "edit: interrupted; nothing changed") }
                    throw RefScriptError(.command, message + "; nothing changed")
                }
            } catch let error as RefScriptError {
                throw error
            } catch {
                throw RefScriptError(.command, "edit: \(error)")
            }
        }
    }

    /// Checks each change as `set` would, then makes them all as one undoable change.
    private static func apply(
        _ edited: JSONValue, replacing current: JSONValue, at path: JSONPath, call: CommandCall, _ interpreter: inout Interpreter
    ) throws(RefScriptError) -> CommandOutcome {
        let changes = JSONDiff.changes(from: current, to: edited)
        guard !changes.isEmpty else {
            interpreter.world.output.write("unchanged\n")
            return .done
        }
        for change in changes {
            let full = JSONPath(path.components + change.path.components)
            switch change.kind {
            case .added(let value, _), .changed(_, let value):
                try SchemaGuard.check(value, at: full, force: call.flag("force"), call: call, argument: -1, interpreter)
            case .removed:
                if !call.flag("force"), case .key(let top)? = full.components.first, let field = ReferralSchema.field(named: top), field.isReadOnly {
                    throw RefScriptError(.command, "edit: \(field.name) is read-only (the server sets it); use edit --force to remove it anyway")
                }
            }
        }
        try interpreter.workingCopy.edit { (working) throws(RefScriptError) in
            guard !path.isRoot else {
                working = edited
                return
            }
            do throws(PathError) {
                try working.set(edited, at: path)
            } catch {
                throw RefScriptError(.command, "edit: \(error.description)")
            }
        }
        interpreter.world.output.write("edited: \(changes.count) change\(changes.count == 1 ? "" : "s") (diff shows them, undo takes them back)\n")
        return .done
    }
}
