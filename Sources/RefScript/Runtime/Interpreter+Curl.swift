import ReferralsWire

extension Interpreter {
    /// `--curl`: prints the request `call` would send as a curl command, and sends nothing.
    mutating func printCurl(_ call: PlannedCall) async throws(RefScriptError) {
        let text = try await online.curl(call)
        world.output.write(text + "\n")
        if let note = online.curlNote { warn(note) }
    }
}
