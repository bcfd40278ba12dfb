import ReferralsWire

/// A path as an error quotes it: control characters written out, and a long one (a variable
/// holding whole referrals, used as a path) cut, so the error stays one readable line.
enum PathText {
    static let longest = 80

    static func shown(_ text: String) -> String {
        let visible = VisibleText.of(text)
        return visible.count > longest ? visible.prefix(longest - 1) + "… (\(text.utf8.count) bytes)" : visible
    }
}
