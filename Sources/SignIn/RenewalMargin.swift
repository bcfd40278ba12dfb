import ReferralKit

/// How long before its expiry a token is renewed: 5 minutes, or half its lifetime when shorter
/// (so a token of a few seconds, as a test issues, is not renewed before every request).
func renewalMargin(lifetime: Double) -> Double { min(300, max(0, lifetime / 2)) }

/// `seconds` when it is a plausible time (seconds since 1970, from 1970 to the year 5138), else
/// `nil`: what a token command or a file says is not trusted to fit in an `Int`.
func plausibleTime(_ seconds: Double?) -> Double? {
    guard let seconds, seconds.isFinite, (0...1e11).contains(seconds) else { return nil }
    return seconds
}

extension JSONValue {
    /// A number of seconds as identity endpoints and helpers write it: a JSON number, or a
    /// string holding one (Entra's v1 endpoints and some Azure CLI versions).
    var seconds: Double? { numberValue?.doubleValue ?? stringValue.flatMap(Double.init) }
}
