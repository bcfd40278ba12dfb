import ReferralsWire

/// A request as a curl command a shell runs as it is (docs/curl.md): the method, URL, every
/// header refsh sends, in order, and the body byte for byte; the token as `$REFSH_TOKEN`, never
/// its value. `Expect:` is emptied so that curl sends a large body at once, as refsh does.
public enum CurlText {
    /// The command, lines joined with ` \` for a POSIX shell.
    public static func render(_ request: PlannedRequest) -> String {
        // --globoff: the URL is used as it is (curl would read [ ] and { } in it as patterns).
        let method = request.method == "GET" ? "" : " -X " + request.method
        var lines = ["curl --silent --show-error --fail-with-body --globoff" + method + " " + quoted(request.url)]
        if request.authorized { lines.append(#"-H "Authorization: Bearer $REFSH_TOKEN""#) }
        for header in request.headers { lines.append("-H " + quoted(header.name + ": " + header.value)) }
        if let body = request.body {
            lines.append("-H 'Expect:'")
            lines.append("--data-binary " + quoted(String(decoding: body, as: UTF8.self)))
        }
        return lines.joined(separator: " \\\n  ")
    }

    /// `text` in single quotes, each `'` in it written `'\''`.
    static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: #"'\''"#) + "'"
    }
}
