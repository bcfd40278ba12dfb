import Client
import ReferralKit
import ReferralsWire

/// Compares a request about to be sent with the one recorded in its place: method, path, query
/// (parameters decoded, in any order), `If-Match`, and body (JSON-equal, values at redacted
/// paths or reading `<redacted>` not compared). Request ids, dates, `User-Agent` and the host
/// are not compared; in a `--redact-pii` recording, text is compared around its pseudonyms.
/// The first difference, in words, or `nil` when they match.
enum RequestMatcher {
    static func difference(_ sent: HTTPRequestData, _ recorded: RecordedExchange, pseudonymised: Bool = false) -> String? {
        if sent.method.uppercased() != recorded.method { return "method: sent \(sent.method), recorded \(recorded.method)" }
        let (path, query) = PercentEncoding.decodeTarget(AbsoluteURL(sent.url)?.pathAndQuery ?? sent.url)
        if path != recorded.path { return "path: sent \(path), recorded \(recorded.path)" }
        if let difference = queryDifference(query, recorded.query, pseudonymised: pseudonymised) { return difference }
        let ifMatch = sent.header(HeaderName.ifMatch)
        if ifMatch != recorded.ifMatch, recorded.ifMatch.map({ !$0.contains("<redacted>") }) ?? true {
            return "If-Match: sent \(ifMatch ?? "none"), recorded \(recorded.ifMatch ?? "none")"
        }
        return bodyDifference(sent.body ?? [], recorded.body, redacted: Set(recorded.redactedPaths), pseudonymised: pseudonymised)
    }

    static func queryDifference(_ sent: [(String, String)], _ recorded: [(String, String)], pseudonymised: Bool = false) -> String? {
        let sentSorted = sent.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        let recordedSorted = recorded.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        guard sentSorted.map({ "\($0.0)=\($0.1)" }) != recordedSorted.map({ "\($0.0)=\($0.1)" }) else { return nil }
        var excused = false  // a difference only where the recording redacted or pseudonymised
        for name in Set(sent.map(\.0) + recorded.map(\.0)).sorted() {
            let a = sent.filter { $0.0 == name }.map(\.1).sorted()
            let b = recorded.filter { $0.0 == name }.map(\.1).sorted()
            guard a != b else { continue }
            // What the recording redacted (a token in a $filter) is not compared: the rest of the value is.
            if a.count == b.count,
                zip(a, b).allSatisfy({
                    $0 == $1 || matchesAroundRedactions(sent: $0, recorded: $1) || (pseudonymised && PseudonymMatch.matches(sent: $0, recorded: $1))
                })
            {
                excused = true
                continue
            }
            return
                "query \(name): sent \(a.isEmpty ? "nothing" : a.joined(separator: ", ")), recorded \(b.isEmpty ? "nothing" : b.joined(separator: ", "))"
        }
        return pseudonymised || excused ? nil : "query differs"
    }

    static func bodyDifference(_ sent: [UInt8], _ recorded: [UInt8], redacted: Set<String>, pseudonymised: Bool = false) -> String? {
        if sent.isEmpty && recorded.isEmpty { return nil }
        if let a = JSONParser.parseIfPossible(sent), let b = JSONParser.parseIfPossible(recorded) {
            if let operations = patchDifference(a, b, redacted: redacted, pseudonymised: pseudonymised) { return operations }
            return valueDifference(a, b, pointer: "", redacted: redacted, pseudonymised: pseudonymised).map { "body " + $0 }
        }
        if sent == recorded { return nil }
        if sent.isEmpty { return "body: sent none, recorded \(recorded.count) bytes" }
        if recorded.isEmpty { return "body: sent \(sent.count) bytes, recorded none" }
        return "body: sent \(shown(String(decoding: sent, as: UTF8.self))), recorded \(shown(String(decoding: recorded, as: UTF8.self)))"
    }

    /// For two JSON Patches of as many operations: the first difference named by the path the
    /// operation changes (`body /details/dealValue: sent 60000, recorded 50000`); `nil` when
    /// they are not both patches (or match).
    private static func patchDifference(_ sent: JSONValue, _ recorded: JSONValue, redacted: Set<String>, pseudonymised: Bool) -> String? {
        guard case .array(let a) = sent, case .array(let b) = recorded, a.count == b.count, !a.isEmpty,
            (a + b).allSatisfy({ $0.objectValue?["op"]?.stringValue != nil && $0.objectValue?["path"]?.stringValue != nil })
        else { return nil }
        for (index, (mine, theirs)) in zip(a, b).enumerated() {
            let (x, y) = (mine.objectValue ?? JSONObject(), theirs.objectValue ?? JSONObject())
            let (opX, opY) = (x["op"]?.stringValue ?? "", y["op"]?.stringValue ?? "")
            let (pathX, pathY) = (x["path"]?.stringValue ?? "", y["path"]?.stringValue ?? "")
            if opX != opY || pathX != pathY {
                return "body operation \(index + 1): sent \(opX) \(pathX), recorded \(opY) \(pathY)"
            }
            let valuePointer = "/\(index)/value"
            guard !redacted.contains(valuePointer) else { continue }
            switch (x["value"], y["value"]) {
            case (nil, nil): continue
            case (let value?, nil): return "body \(pathX): sent \(shown(value)), recorded nothing"
            case (nil, let value?): return "body \(pathX): sent nothing, recorded \(shown(value))"
            case (let p?, let q?):
                let inner = redacted.filter { $0.hasPrefix(valuePointer + "/") }.map { pathX + $0.dropFirst(valuePointer.count) }
                if let difference = valueDifference(p, q, pointer: pathX, redacted: Set(inner), pseudonymised: pseudonymised) {
                    return "body " + difference
                }
            }
        }
        return nil
    }

    private static func valueDifference(
        _ sent: JSONValue, _ recorded: JSONValue, pointer: String, redacted: Set<String>, pseudonymised: Bool
    ) -> String? {
        if redacted.contains(pointer) { return nil }
        if case .string(let text) = recorded, text.contains("<redacted>") { return nil }
        switch (sent, recorded) {
        case (.object(let a), .object(let b)):
            for (key, value) in a {
                let child = pointer + "/" + JSONPointer.escape(key)
                guard let other = b[key] else { return "\(child): sent \(shown(value)), recorded nothing" }
                if let difference = valueDifference(value, other, pointer: child, redacted: redacted, pseudonymised: pseudonymised) {
                    return difference
                }
            }
            for (key, value) in b where a[key] == nil {
                return "\(pointer)/\(JSONPointer.escape(key)): sent nothing, recorded \(shown(value))"
            }
            return nil
        case (.array(let a), .array(let b)):
            for index in 0..<min(a.count, b.count) {
                if let difference = valueDifference(
                    a[index], b[index], pointer: pointer + "/\(index)", redacted: redacted, pseudonymised: pseudonymised)
                {
                    return difference
                }
            }
            if a.count != b.count { return "\(pointer.isEmpty ? "/" : pointer): sent \(a.count) items, recorded \(b.count)" }
            return nil
        case (.string(let a), .string(let b)) where pseudonymised && PseudonymMatch.matches(sent: a, recorded: b):
            return nil
        default:
            return sent == recorded ? nil : "\(pointer.isEmpty ? "/" : pointer): sent \(shown(sent)), recorded \(shown(recorded))"
        }
    }

    /// Whether `sent` reads as `recorded` with each `<redacted>` in it standing for any text.
    static func matchesAroundRedactions(sent: String, recorded: String) -> Bool {
        let parts = recorded.components(separatedBy: "<redacted>")
        guard parts.count > 1, let first = parts.first, let last = parts.last, sent.hasPrefix(first) else { return false }
        var rest = sent.dropFirst(first.count)
        for middle in parts.dropFirst().dropLast() {
            guard let found = rest.range(of: middle) else { return false }
            rest = rest[found.upperBound...]
        }
        return rest.hasSuffix(last) && rest.count >= last.count
    }

    private static func shown(_ value: JSONValue) -> String { shown(JSONPrinter.compact.print(value)) }

    private static func shown(_ text: String) -> String { text.count > 60 ? String(text.prefix(57)) + "..." : text }
}
