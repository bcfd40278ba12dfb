import ReferralKit
import Synchronization

/// Replaces customer contact data (the customer's name and street address in `customerProfile`,
/// each team member's names, email and phone number in `customerProfile.team` and `team`) with
/// pseudonyms that are stable for the life of one value: the same name always becomes the same
/// `Given 3`, so a recording still tells a consistent story. The originals are held in memory
/// only, to replace them where they appear as free text too (a `$filter`, an error message).
public final class PIIPseudonyms: Sendable {
    private struct State {
        var byValue: [String: [String: String]] = [:]  // field → original → pseudonym
        var counts: [String: Int] = [:]
        /// Originals long enough to replace in free text, with their pseudonyms, longest first.
        var freeText: [(String, String)] = []
    }

    private let state = Mutex(State())

    /// Free text is searched only for originals this long: shorter ones (`34`, `WA`) occur in
    /// too much else.
    static let freeTextMinimum = 5

    public init() {}

    /// `value` (a referral, a list page, a JSON Patch) with contact data replaced, and the JSON
    /// pointers of the values replaced.
    public func pseudonymise(_ value: JSONValue) -> (JSONValue, [String]) {
        var copy = value
        var paths: [String] = []
        if case .array(var operations) = copy, operations.allSatisfy({ $0.objectValue?["op"] != nil }) {
            for index in operations.indices {
                guard var operation = operations[index].objectValue, let path = operation["path"]?.stringValue,
                    var member = operation["value"]
                else { continue }
                walk(&member, semantic: JSONPointer.tokens(path), pointer: "/\(index)/value", paths: &paths)
                operation["value"] = member
                operations[index] = .object(operation)
            }
            copy = .array(operations)
        } else {
            walk(&copy, semantic: [], pointer: "", paths: &paths)
        }
        return (copy, paths)
    }

    /// `text` with every known original (long enough) replaced by its pseudonym; in a URL
    /// (`url`), the pseudonym percent-encoded (`City 1` as `City%201`), as the original was or
    /// needed not be (`Redmond`).
    public func replacingKnown(in text: String, url: Bool = false) -> String {
        let known = state.withLock { $0.freeText }
        var result = text
        for (original, pseudonym) in known where result.contains(original) {
            let replacement = url && !pseudonym.contains("%") ? PercentEncoding.encode(pseudonym) : pseudonym
            result = Self.replacingWhole(original, with: replacement, in: result)
        }
        return result
    }

    /// `text` with each occurrence of `original` that is not part of a longer word or number
    /// (no letter or digit right before or after it) replaced: `10001` in `1000150` stays.
    static func replacingWhole(_ original: String, with replacement: String, in text: String) -> String {
        let isWordCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber }
        var result = ""
        var searched = text.startIndex
        while let range = text[searched...].firstRange(of: original) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : nil
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
            // `%27sue…`: the digit before is the end of a percent escape, not part of the word.
            let escaped =
                text.distance(from: text.startIndex, to: range.lowerBound) >= 3
                && text[text.index(range.lowerBound, offsetBy: -3)] == "%"
            let whole = (escaped || !(before.map(isWordCharacter) ?? false)) && !(after.map(isWordCharacter) ?? false)
            result += text[searched..<range.lowerBound]
            result += whole ? replacement : original
            searched = range.upperBound
        }
        return result + text[searched...]
    }

    /// Whether any replacement has been made (the recording's comment says so).
    public var hasReplaced: Bool { state.withLock { !$0.counts.isEmpty } }

    private func walk(_ value: inout JSONValue, semantic: [String], pointer: String, paths: inout [String]) {
        switch value {
        case .object(var object):
            for key in object.keys {
                object.updateMember(key) { member in
                    walk(&member, semantic: semantic + [key], pointer: pointer + "/" + JSONPointer.escape(key), paths: &paths)
                }
            }
            value = .object(object)
        case .array(var items):
            for index in items.indices {
                walk(&items[index], semantic: semantic + [String(index)], pointer: pointer + "/\(index)", paths: &paths)
            }
            value = .array(items)
        case .string(let text):
            guard !text.isEmpty, let field = Self.field(at: semantic) else { return }
            value = .string(pseudonym(for: text, field: field))
            paths.append(pointer)
        case .number, .bool, .null: break
        }
    }

    /// Which kind of contact data sits at `path`, if any.
    static func field(at path: [String]) -> String? {
        guard let key = path.last else { return nil }
        let parents = path.dropLast()
        if ["firstName", "lastName", "email", "phoneNumber"].contains(key), parents.contains("team") { return key }
        if key == "name", parents.last == "customerProfile" { return "customerName" }
        if ["addressLine1", "addressLine2", "city", "postalCode"].contains(key), parents.last == "address",
            parents.contains("customerProfile")
        {
            return key
        }
        return nil
    }

    private func pseudonym(for original: String, field: String) -> String {
        state.withLock { state in
            if let known = state.byValue[field]?[original] { return known }
            let number = (state.counts[field] ?? 0) + 1
            state.counts[field] = number
            let made = Self.make(field: field, number: number)
            state.byValue[field, default: [:]][original] = made
            if original.count >= Self.freeTextMinimum, !state.freeText.contains(where: { $0.0 == original }) {
                state.freeText.append((original, made))
                // In a URL (a `$filter`) the value is percent-encoded.
                let encoded = PercentEncoding.encode(original)
                if encoded != original { state.freeText.append((encoded, PercentEncoding.encode(made))) }
                state.freeText.sort { $0.0.count > $1.0.count }
            }
            return made
        }
    }

    static func make(field: String, number: Int) -> String {
        let padded = { (width: Int) in
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        switch field {
        case "firstName": return "Given\(number)"
        case "lastName": return "Family\(number)"
        case "email": return "contact\(number)@example.invalid"
        case "phoneNumber": return "555\(padded(7))"
        case "customerName": return "Customer \(number)"
        case "addressLine1": return "\(number) Example Street"
        case "addressLine2": return "Unit \(number)"
        case "city": return "City \(number)"
        case "postalCode": return padded(5)
        default: return "\(field) \(number)"
        }
    }
}
