/// Splits `$filter` text into tokens with 1-based character positions.
enum ODataLexer {
    static func tokens(_ text: String) throws(ODataSyntaxError) -> [(token: ODataFilterParser.Token, position: Int)] {
        let chars = Array(text)
        var out: [(token: ODataFilterParser.Token, position: Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let position = i + 1
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
}
