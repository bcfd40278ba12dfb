import ReferralKit

/// The sandbox's `verification_uri`: a form where a person approves or declines a sign-in with
/// the code refsh printed, as Microsoft's device login page does (and where a test POSTs).
enum DevicePage {
    static func form(userCode: String?) -> SandboxResponse {
        let code = escaped(userCode ?? "")
        return html(
            200,
            """
            <h1>Sign in to refsh (sandbox)</h1>
            <form method="post" action="/device">
            <p><label>Code <input name="user_code" value="\(code)" autofocus></label></p>
            <p><label>Email <input name="user" type="email" value="ann@contoso.com"></label></p>
            <p><label>Role <select name="role"><option>ReferralAdmin</option><option>ReferralUser</option><option>none</option></select></label></p>
            <p><button>Approve</button> <button name="deny" value="1">Decline</button></p>
            </form>
            """)
    }

    static func result(_ status: Int, _ message: String) -> SandboxResponse {
        html(status, "<h1>Sign in to refsh (sandbox)</h1>\n<p>\(escaped(message))</p>")
    }

    private static func html(_ status: Int, _ body: String) -> SandboxResponse {
        let page = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>refsh sandbox sign-in</title></head><body>\n\(body)\n</body></html>\n"
        return SandboxResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8))
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// `application/x-www-form-urlencoded` bodies: the first value of each name.
enum Form {
    static func fields(of body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in PercentEncoding.queryItems(String(decoding: body.prefix(65_536), as: UTF8.self)) where fields[name] == nil {
            fields[name] = value
        }
        return fields
    }
}
