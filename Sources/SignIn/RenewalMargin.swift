/// How long before its expiry a token is renewed: 5 minutes, or half its lifetime when shorter
/// (so a token of a few seconds, as a test issues, is not renewed before every request).
func renewalMargin(lifetime: Double) -> Double { min(300, max(0, lifetime / 2)) }
