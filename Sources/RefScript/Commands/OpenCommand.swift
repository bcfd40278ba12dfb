import ReferralKit

/// `open [--force] <file>`: start working on a referral from a JSON file.
public enum OpenCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "open", synopsis: "open [--force] <file>",
        summary: "Read a referral from a JSON file; it becomes the working copy and the baseline.",
        help: """
            The file holds one referral as JSON, or a request written out as the documentation
            shows it (a `PUT https://… HTTP/1.1` line, headers, a blank line, the JSON body).
            JSON errors are reported with the file's line and column. The eTag comes from the
            referral's `eTag` field. Refuses to replace a working copy with unsaved edits unless
            --force.
            """,
        examples: ["open referral.json", "open --force other.json"],
        arguments: [ArgumentSpec("file", .file)],
        flags: [FlagSpec("force", "discard unsaved edits of the current working copy")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let name = try await call.text(0, &interpreter)
        if interpreter.session.hasUnsavedEdits, !call.flag("force") {
            throw RefScriptError(.command, "the working copy has unsaved edits (see diff); save them, or use open --force to discard them")
        }
        let text: String
        do {
            text = try interpreter.world.files.readText(name)
        } catch {
            throw call.error("cannot read \(name): \(error.message)", at: 0)
        }
        let referral: JSONValue
        do {
            if let message = HTTPMessageText(text) {
                referral = try message.parseBody()
            } else {
                referral = try JSONParser.parse(text)
            }
        } catch {
            throw call.error("\(name):\(error.line):\(error.column): \(error.message)", at: 0)
        }
        guard case .object = referral else {
            throw call.error("\(name) holds \(referral.article) \(referral.kindName), not a referral (a JSON object)", at: 0)
        }
        interpreter.workingCopy.start(from: referral, eTag: ReferralDocument.eTag(of: referral), origin: .file(name))
        return .done
    }
}
