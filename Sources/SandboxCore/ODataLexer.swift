/// Splits `$filter` text into tokens with 1-based character positions.
enum ODataLexer {
    static func tokens(_ text: String) throws(ODataSyntaxError) -> [(token: ODataFilterParser.Token, position: Int)] {
        let chars = Array(text)
        var out: [(token: ODataFilterParser.Token, position: Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let position = i + 1
            // An unquoted GUID, as the service's own relatedReferrals link writes one
            // (`engagementId eq 1352e03d-1d15-4533-9f93-a69bd33ab1e5`): a string literal.
            if let end = Self.guidEnd(chars, from: i) {
                out.append((.string(String(chars[i..<end]).lowercased()), position))
                i = end
                continue
            }
            switch c {
            case " ", "\t":
                i += 1
            case "/": out.append((.slash, position)); i += 1
            case "(": out.append((.open, position)); i += 1
            case ")": out.append((.close, position)); i += 1
            case ":": out.append((.colon, position)); i += 1
            case ",": out.append((.comma, position)); i += 1
            case "'":
                var value = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "'" {
                        if i + 1 < chars.count, chars[i + 1] == "'" {
                            value.append("'")
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    value.append(chars[i])
                    i += 1
                }
                guard closed else { throw ODataSyntaxError(message: "string is not closed with '", position: position) }
                out.append((.string(value), position))
            case "0"..."9", "-":
                var j = i + 1
                while j < chars.count, chars[j].isNumber || "-:.TZ+eE".contains(chars[j]) { j += 1 }
                let literal = String(chars[i..<j])
                let isDate = literal.contains("T") || literal.filter({ $0 == "-" }).count >= 2
                out.append((isDate ? .dateTime(literal) : .number(literal), position))
                i = j
            default:
                guard c.isLetter || c == "_" || c == "@" || c == "$" else {
                    throw ODataSyntaxError(message: "unexpected character '\(c)'", position: position)
                }
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
                out.append((.identifier(String(chars[i..<j])), position))
                i = j
            }
        }
        out.append((.end, chars.count + 1))
        return out
    }

    /// Where a GUID starting at `start` ends (8-4-4-4-12 hex digits, not followed by a name
    /// character), or `nil` when none starts there.
    static func guidEnd(_ chars: [Character], from start: Int) -> Int? {
        let groups = [8, 4, 4, 4, 12]
        var i = start
        for (index, length) in groups.enumerated() {
            for _ in 0..<length {
                guard i < chars.count, chars[i].isHexDigit else { return nil }
                i += 1
            }
            if index < groups.count - 1 {
                guard i < chars.count, chars[i] == "-" else { return nil }
                i += 1
            }
        }
        if i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" { return nil }
        return i
    }
}
