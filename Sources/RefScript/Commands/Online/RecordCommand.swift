/// `record FILE [--redact-pii]` / `record stop`: keep every HTTP exchange in a HAR file.
public enum RecordCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "record", synopsis: "record [--redact-pii] <file.har> | record stop",
        summary: "Record every HTTP exchange (retries and failures too) in a HAR 1.2 file support can replay.",
        help: """
            The file is a whole, valid HAR after every exchange (created beside itself and renamed
            into place, then each exchange written in place before the closing brackets), mode
            0600, readable by browsers' DevTools, HTTP Toolkit and any HAR tool;
            `refsh --replay FILE` runs a script against it with no network. Tokens never reach it:
            Authorization and cookies are replaced, and every token the session held is taken out
            of URLs, headers, bodies and error texts raw, percent-encoded, JSON-escaped, hex and base64.
            Request and correlation ids stay, so support can quote them. --redact-pii also replaces
            customer contact data (names, emails, phone numbers, street addresses in
            customerProfile and team) with pseudonyms, the same value always the same pseudonym.
            `record stop` finishes the file; `record` alone says what is recorded. The same as
            --record FILE on the command line. Sign-in requests are not recorded (trace shows them).
            """,
        examples: ["record case-1234.har", "record --redact-pii case-1234.har", "record stop"],
        arguments: [ArgumentSpec("file", .file, optional: true)],
        flags: [FlagSpec("redact-pii", "replace customer contact data with stable pseudonyms")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard let traffic = interpreter.world.traffic else {
            throw RefScriptError(.command, "recording is not available in this refsh")
        }
        let output = interpreter.world.output
        guard let file = try await call.optionalText(0, &interpreter) else {
            if let (path, pii) = await traffic.recording() {
                output.write("recording to \(path)" + (pii ? ", contact data replaced" : "") + "\n")
            } else {
                output.write("not recording\n")
            }
            return .done
        }
        if file == "stop" {
            do {
                if let finished = try await traffic.stopRecording() {
                    output.write("recorded \(finished.entries) exchange\(finished.entries == 1 ? "" : "s") in \(finished.path)\n")
                } else {
                    output.write("not recording\n")
                }
            } catch {
                throw RefScriptError(.command, "cannot finish the recording: \(error.message)")
            }
            return .done
        }
        let path = interpreter.world.files.absolutePath(file)
        do {
            try await traffic.startRecording(to: path, redactPII: call.flag("redact-pii"))
        } catch {
            throw call.error("cannot record to \(file): \(error.message)", at: 0)
        }
        return .done
    }
}
