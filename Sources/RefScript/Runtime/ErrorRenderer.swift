import ReferralKit
import ReferralsWire

/// The one place errors become text for people or JSON for machines.
public enum ErrorRenderer {
    /// `FILE:LINE:COL: error: message`, or `error: message` without a location: one line, its
    /// control characters written out (a service's message must not drive the terminal), and a
    /// word that looks like a token not quoted back (``SecretShape``: a token pasted as a file
    /// name, a command or a value, before refsh knows it as one).
    public static func render(_ error: RefScriptError, showLocation: Bool = true) -> String {
        let message = SecretShape.masked(error.message)
        if showLocation, let location = error.location { return VisibleText.of("\(location): error: \(message)") }
        return VisibleText.of("error: \(message)")
    }

    /// `warning: message` (warnings do not fail a command), in one line.
    public static func renderWarning(_ message: String) -> String { VisibleText.of("warning: \(SecretShape.masked(message))") }

    /// The error as one JSON object (for `option output json`): kind, exit code, message,
    /// location, and a service error's fields as values.
    public static func json(_ error: RefScriptError, showLocation: Bool = true) -> JSONValue {
        var object = JSONObject()
        object["kind"] = .string(error.kind.rawValue)
        object["exitCode"] = .int(Int(error.exitCode.rawValue))
        object["message"] = .string(SecretShape.masked(error.message))
        if showLocation, let location = error.location {
            object["file"] = .string(location.file)
            object["line"] = .int(location.line)
            object["column"] = .int(location.column)
        }
        if case .service(let service, let advice) = error.detail {
            object["service"] = json(service)
            switch advice {
            case .resumeThenRebase(_, .lost)?: object["advice"] = "rerun"
            case .resumeThenRebase(_, .nothing)?: object["advice"] = "reload"
            case .rebaseThenRetry?, .rebaseWithinIteration?, .resumeThenRebase?: object["advice"] = "rebase"
            case nil: break
            }
        }
        return ["error": .object(object)]
    }

    /// The one-line message of `error`: refsh's words, or a service error rendered with its advice.
    static func message(of error: RefScriptError) -> String {
        switch error.detail {
        case .message(let text): return text
        case .service(let service, let advice):
            let line = text(service)
            switch advice {
            case .rebaseThenRetry(let command)?:
                return line + "; your edits are kept: run rebase to re-apply them on the server's copy, then \(command) again"
            case .rebaseWithinIteration(let command)?:
                return line + "; " + iterationAdvice(command)
            case .resumeThenRebase(let command, let kept)?:
                return line + "; " + stoppedScriptAdvice(command, kept: kept)
            case nil:
                return line
            }
        }
    }

    /// What to do after a 412 in a parallel loop's iteration, whose working copy ends with it.
    static func iterationAdvice(_ command: String) -> String {
        "this iteration's edits are kept until it ends: rebase, then \(command) again, inside it (try … catch), or run the loop again for this item"
    }

    /// What to do after a 412 that stops a script, by where its edits are once it ends.
    static func stoppedScriptAdvice(_ command: String, kept: RefScriptError.StoppedEdits) -> String {
        switch kept {
        case .journal:
            "your edits are kept in the session's journal: refsh --resume takes them up; then rebase, check diff and \(command) again"
        case .savedFile:
            "your edits are in the file as you saved it: open it again, then rebase, check diff and \(command) again"
        case .lost:
            "your edits could not be kept (the session journal cannot be written): run the script again once the service's copy is what it expects"
        case .nothing:
            "you have no unsent edits: reload, check it and \(command) again"
        }
    }

    /// A service error in one line: `PATCH 412 Precondition Failed: code: message (field f)
    /// after 3 attempts [request id]`, or for a lost answer `POST /path: what happened …`.
    static func text(_ error: ServiceError) -> String {
        let method = error.method ?? ""
        var line: String
        switch error.origin {
        case .client:
            return error.message
        case .malformedAnswer(let status):
            return "\(method) \(status): \(error.message)"
        case .response(let status):
            let reason = HTTPStatusText.reason(status)
            line = "\(method) \(status)" + (reason.isEmpty ? "" : " " + reason)
            if let code = error.code, !code.isEmpty { line += ": \(code)" }
            if !error.message.isEmpty { line += ": \(error.message)" }
            if let first = error.targets.first, !error.message.contains(first) {
                line += " (field \(error.targets.joined(separator: ", ")))"
            }
            if error.attempts > 1 { line += " after \(error.attempts) attempts" }
        case .transport(let path):
            line = "\(method) \(path): \(error.message)"
            if error.attempts > 1 { line += " after \(error.attempts) attempts" }
            if error.mayHaveCreated {
                line += "; the referral may have been created: create again sends the same MS-RequestId (no second referral), or list to check"
            }
        }
        if let requestId = error.requestId { line += " [request \(requestId)]" }
        return line
    }

    static func json(_ error: ServiceError) -> JSONValue {
        var object = JSONObject()
        object["kind"] = .string(error.kind.rawValue)
        if let method = error.method { object["method"] = .string(method) }
        switch error.origin {
        case .response(let status), .malformedAnswer(let status): object["status"] = .int(status)
        case .transport(let path): object["path"] = .string(path)
        case .client: break
        }
        if let code = error.code { object["code"] = .string(code) }
        object["message"] = .string(SecretShape.masked(error.message))
        if let first = error.targets.first { object["target"] = .string(first) }
        if error.targets.count > 1 { object["targets"] = .array(error.targets.map(JSONValue.string)) }
        object["attempts"] = .int(error.attempts)
        if let requestId = error.requestId { object["requestId"] = .string(requestId) }
        if error.mayHaveCreated { object["mayHaveCreated"] = true }
        return .object(object)
    }
}
