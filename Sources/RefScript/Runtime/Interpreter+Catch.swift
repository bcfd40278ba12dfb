import ReferralKit

extension Interpreter {
    /// What `$error` holds in a `catch` block: `exit` (the exit code the failure would give),
    /// `status` (the HTTP status, or null), `code` (the service's error code, or null),
    /// `message` (the one line refsh would print), `kind`, and where it happened.
    static func errorValue(_ error: RefScriptError) -> JSONValue {
        var object = JSONObject()
        object["exit"] = .int(Int(error.exitCode.rawValue))
        object["status"] = error.serviceError?.status.map(JSONValue.int) ?? .null
        object["code"] = error.serviceError?.code.map(JSONValue.string) ?? .null
        object["message"] = .string(ErrorRenderer.render(error, showLocation: false).replacing("error: ", with: "", maxReplacements: 1))
        object["kind"] = .string(error.kind.rawValue)
        object["requestId"] = error.serviceError?.requestId.map(JSONValue.string) ?? .null
        if let location = error.location {
            object["file"] = .string(location.file)
            object["line"] = .int(location.line)
        }
        return .object(object)
    }
}
