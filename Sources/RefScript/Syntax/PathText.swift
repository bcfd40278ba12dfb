import ReferralKit
import ReferralsWire

/// A path as an error quotes it: control characters written out, and a long one (a variable
/// holding whole referrals, used as a path) cut, so the error stays one readable line.
enum PathText {
    static func shown(_ text: String) -> String { PathError.shortened(VisibleText.of(text), bytes: text.utf8.count) }
}
