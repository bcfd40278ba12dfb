import ReferralKit
import ReferralsWire

/// `session [--json] [--correlation-id <id>|new]`: what a support ticket needs, in one block.
public enum SessionCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "session", synopsis: "session [--json] [--correlation-id <id>|new]",
        summary: "Show what a support ticket needs: version, endpoint, sign-in, correlation id, last request and status, referral, eTag.",
        help: """
            One block to paste into a support ticket: refsh's version, the endpoint, where the
            token comes from (never the token) and who is signed in, the correlation id (sent as
            MS-CorrelationId on every request of the session), the last request with its status
            and MS-RequestId, the working referral, its eTag and unsent edits. --json prints the same as one JSON object.
            --correlation-id pins one of your choosing (a GUID, as the header is documented), `new`
            makes a fresh one.
            """,
        examples: ["session", "session --json", "session --correlation-id 7d9f3c1e-0000-4000-8000-000000000001", "session --correlation-id new"],
        flags: [
            FlagSpec("json", "print the block as one JSON object"), FlagSpec("correlation-id", "use this MS-CorrelationId from now on", value: "id"),
        ], givesValue: true)

    /// Whether `text` is a GUID as `MS-CorrelationId` takes one: 8-4-4-4-12 hex digits.
    static func isGUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
            && text.unicodeScalars.allSatisfy(\.isASCII)
    }

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        if let id = try await call.flagText("correlation-id", &interpreter) {
            let fresh = id == "new" ? interpreter.online.newCorrelationId() : id
            guard let fresh, Self.isGUID(fresh) else {
                // The headers page documents a GUID; support matches it to the service's logs as one.
                throw RefScriptError(.command, "a correlation id is a GUID (8-4-4-4-12 hex digits), as MS-CorrelationId is documented")
            }
            await interpreter.online.disconnect()
            interpreter.connection.correlationId = fresh
        }
        if interpreter.connection.correlationId.isEmpty, let fresh = interpreter.online.newCorrelationId() {
            interpreter.connection.correlationId = fresh
        }
        let connection = interpreter.connection
        let service = interpreter.online.service
        var rows: [(String, String)] = [("refsh", interpreter.world.version)]
        if let replay = interpreter.online.connector?.replayDescription {
            rows.append(("endpoint", replay + " (no request reaches the network)"))
        } else {
            let endpoint = service?.endpointDescription ?? connection.endpoint.description
            rows.append(("endpoint", endpoint + (service == nil ? " (not connected: the next request connects)" : "")))
        }
        let noToken = connection.endpoint == .sandbox ? "none (the sandbox needs none)" : "none: sign in with login, or set one with token"
        let credential = await interpreter.online.connector?.credentialStatus(connection)
        if connection.token != nil {
            rows.append(("token", "set, from \(connection.tokenSource ?? "?") (never shown)"))
        } else if let credential {
            rows.append(("token", "from \(credential.source) (never shown)"))
        } else {
            rows.append(("token", noToken))
        }
        if let user = credential?.user { rows.append(("signed in as", user + (credential?.tenant.map { " (tenant \($0))" } ?? ""))) }
        if let expiry = credential?.expiryText { rows.append(("token expires", expiry)) }
        rows.append(("correlation id", connection.correlationId.isEmpty ? "-" : connection.correlationId))
        let session = interpreter.session
        switch session.origin {
        case .service(let id)?: rows.append(("referral", id))
        case .file(let name)?: rows.append(("referral", "from file \(name)"))
        case nil: rows.append(("referral", session.working == nil ? "none" : "new (not created yet)"))
        }
        if let status = session.working.flatMap(ReferralDocument.statusText(of:)) { rows.append(("status", status)) }
        rows.append(("eTag", session.eTag ?? "-"))
        let changes = session.working.map { working in session.baseline.map { JSONDiff.changes(from: $0, to: working).count } ?? 0 } ?? 0
        // A new referral has no baseline to count changes from: all of it is unsent, and diff
        // has nothing to compare it with.
        let unsent =
            session.baseline == nil
            ? "all of it: not created yet (create sends it)" : "\(changes) unsent change\(changes == 1 ? "" : "s") (see diff)"
        rows.append(("edits", session.isDirty ? unsent : "none"))
        if let last = await interpreter.online.lastExchange() {
            let none = last.cancelled ? "cancelled before an answer came" : "no response"
            let status = last.status == 0 ? none : "\(last.status)"
            let tries = last.attempts > 1 ? ", \(last.attempts) attempts" : ""
            rows.append(("last request", "\(last.method) \(last.path) → \(status)\(tries)"))
            rows.append(("last status", last.status == 0 ? none : "\(last.status) \(HTTPStatusText.reason(last.status))"))
            rows.append(("request id", last.requestId))
        }
        if let throttle = await interpreter.world.connector?.throttle?.status() { rows += throttleRows(throttle) }
        if call.capturing || call.flag("json") || interpreter.options.output == .json {
            var object = JSONObject()
            for (key, value) in rows { object[jsonKey(key)] = .string(value) }
            if call.capturing { return .value(.object(object)) }
            interpreter.world.output.write(JSONPrinter.compact.print(.object(object)) + "\n")
            return .done
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (key, value) in rows {
            interpreter.world.output.write(key + String(repeating: " ", count: width - key.count) + "  " + value + "\n")
        }
        return .done
    }

    /// The session's throttle: its concurrency now, the 429s (and 503s) seen, and its pace.
    static func throttleRows(_ status: ThrottleStatus) -> [(String, String)] {
        var rows = [("concurrency", "\(status.concurrency) of \(status.ceiling)")]
        var seen = "\(status.throttled)"
        if status.unavailable > 0 { seen += " (and \(status.unavailable) × 503)" }
        if status.pausedFor > 0 { seen += ", every request paused for \(Int(status.pausedFor.rounded(.up))) s more (Retry-After)" }
        rows.append(("429s seen", seen))
        if let rate = status.rate { rows.append(("rate", "at most \(ProgressLine.number(rate)) requests a second (option rate or --rate)")) }
        if let learnt = status.learnedRate {
            rows.append(("service pace", "about \(ProgressLine.number(learnt)) requests a second (learnt from its 429s)"))
        }
        return rows
    }

    /// `signed in as` → `signedInAs`: the JSON names of the rows.
    static func jsonKey(_ row: String) -> String {
        let words = row.split(separator: " ")
        guard let first = words.first else { return row }
        let key = first.lowercased() + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        switch key {
        case "refsh": return "version"
        case "eTag", "etag": return "eTag"
        case "429sSeen": return "throttled"
        default: return key
        }
    }
}
