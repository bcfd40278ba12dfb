import ReferralKit
import ReferralsWire

/// The media types a body may be sent as, checked the way the real service's framework
/// (ASP.NET Core's JSON input formatter) checks them: `application/json`, `text/json` or any
/// `application/*+json` (so JSON Patch's `application/json-patch+json` too), in UTF-8; anything
/// else, or none at all, is 415. See docs/sandbox.md.
enum RequestMediaType {
    /// Throws 415 unless `request` declares a JSON body.
    static func requireJSON(_ request: SandboxRequest) throws(APIError) {
        guard let header = request.header("Content-Type"), !header.trimming(" ").isEmpty else {
            throw unsupported("the request has no Content-Type: send the body as application/json")
        }
        var parts = header.split(separator: ";", omittingEmptySubsequences: false).map { String($0).trimming(" \t").lowercased() }
        let type = parts.removeFirst()
        guard type == "application/json" || type == "text/json" || (type.hasPrefix("application/") && type.hasSuffix("+json")) else {
            throw unsupported("Content-Type '\(printable(header))' is not supported: send the body as application/json")
        }
        for parameter in parts where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).trimming("\"")
            guard charset == "utf-8" || charset == "utf8" else {
                throw unsupported("Content-Type '\(printable(header))' is not supported: the body must be UTF-8")
            }
        }
    }

    private static func unsupported(_ message: String) -> APIError {
        APIError(415, "UnsupportedMediaType", message, fields: [ErrorBody.FieldError(field: "Content-Type", message: "")])
    }

    /// The header as text safe to quote in one line of an error.
    private static func printable(_ header: String) -> String {
        String(String.UnicodeScalarView(header.unicodeScalars.prefix(100).map { $0.value >= 0x20 && $0.value < 0x7F ? $0 : "?" }))
    }
}
