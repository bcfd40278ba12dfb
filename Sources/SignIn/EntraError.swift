import ReferralKit
import ReferralsWire

/// An error answer of Microsoft Entra ID's token endpoints (RFC 6749 section 5.2, RFC 8628
/// section 3.5, plus Entra's `error_codes`), and what the user should do about it.
public struct EntraError: Sendable, Equatable {
    /// `authorization_pending`, `invalid_grant`, ...
    public var error: String
    /// Entra's words, without the trace and correlation ids it appends.
    public var description: String
    /// The AADSTS number, when Entra gave one.
    public var number: Int?

    /// The error in `body`, or `nil` when `body` is not an OAuth error object.
    public static func parse(_ body: JSONValue?) -> EntraError? {
        guard let object = body?.objectValue, let error = object["error"]?.stringValue, !printable(error).isEmpty, error.count <= 100 else {
            return nil
        }
        var text = object["error_description"]?.stringValue ?? ""
        if let trace = text.range(of: "Trace ID:") { text = String(text[..<trace.lowerBound]) }
        text = printable(text)
        var number = object["error_codes"]?.arrayValue?.first?.numberValue?.intValue
        if text.hasPrefix("AADSTS"), let colon = text.firstIndex(of: ":") {
            number = number ?? Int(text[text.index(text.startIndex, offsetBy: 6)..<colon])
            text = String(text[text.index(after: colon)...]).trimming(" ")
        }
        return EntraError(error: printable(error), description: String(text.prefix(400)), number: number)
    }

    /// `text` on one line without control characters (an answer must not reach the terminal as codes).
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
            .split(separator: " ").joined(separator: " ")
    }

    /// One line: `AADSTS65001 (invalid_grant): The user or administrator has not consented …;
    /// what to do: …`.
    public var message: String {
        let head = number.map { "AADSTS\($0) (\(error))" } ?? error
        let words = description.isEmpty ? "" : ": " + description
        return "sign-in failed: " + head + words + (advice.map { "; " + $0 } ?? "")
    }

    /// What to do, for the failures integrators meet most (docs/sign-in.md lists them).
    public var advice: String? {
        switch number {
        case 65001?:
            return
                "an administrator of the tenant must grant consent: Entra admin center → App registrations → your app → API permissions → add Microsoft Partner Center (user_impersonation) → Grant admin consent"
        case 7_000_218?:
            return "the app registration does not allow the device-code flow: Authentication → Advanced settings → Allow public client flows → Yes"
        case 700016?:
            return "no application with this client id is in the tenant: check --client-id and --tenant against the app registration's overview"
        case 50076?, 50079?:
            return "the tenant requires multi-factor authentication: complete it in the browser, then run login again"
        case 50020?:
            return "the account is not a member of this tenant: sign in with an account of the tenant, or name its tenant with --tenant"
        case 90002?:
            return "the tenant was not found: check --tenant (a tenant id or a domain such as contoso.onmicrosoft.com)"
        case 70011?:
            return "the scope is not valid: leave --scope out to ask for the Partner Center API's default"
        case 50173?, 700082?, 70008?, 70043?:
            return "the sign-in expired or was revoked: run login again"
        default:
            switch error {
            case "access_denied", "authorization_declined": return "the sign-in was declined in the browser: run login again to retry"
            case "expired_token": return "the code expired before the sign-in was approved: run login again"
            case "invalid_client", "unauthorized_client": return "check the app registration and --client-id (docs/sign-in.md)"
            case "invalid_scope": return "leave --scope out to ask for the Partner Center API's default"
            case "invalid_grant": return "run login again"
            default: return nil
            }
        }
    }
}
