/// How `help` lays text out: paragraphs wrapped to ``width`` columns, two-column lists (names,
/// then what they are) with the second column aligned and wrapped under itself.
enum HelpLayout {
    /// The widest line `help` prints.
    static let width = 100

    /// `text` wrapped to ``width``: each paragraph (lines between blank lines) is re-flowed,
    /// except one with an indented line or a gap of two spaces, which is kept as written (an
    /// example or a table).
    static func paragraphs(_ text: String, indent: String = "") -> String {
        var out: [String] = []
        var paragraph: [Substring] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            if paragraph.contains(where: { $0.first == " " || $0.contains("  ") }) {
                out += paragraph.map { indent + $0 }
            } else {
                out += wrap(paragraph.joined(separator: " "), first: indent, rest: indent)
            }
            paragraph = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " }) {
                flush()
                out.append("")
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return out.joined(separator: "\n")
    }

    /// Rows of `(name, description)`: names padded to the widest, descriptions wrapped to
    /// ``width`` and continued under their own column.
    static func columns(_ rows: [(String, String)], indent: String = "  ", gap: Int = 2) -> String {
        let nameWidth = rows.map(\.0.count).max() ?? 0
        let lead = String(repeating: " ", count: indent.count + nameWidth + gap)
        var out = ""
        for (name, description) in rows {
            let first = indent + name + String(repeating: " ", count: nameWidth - name.count + gap)
            out += wrap(description, first: first, rest: lead).joined(separator: "\n") + "\n"
        }
        return out
    }

    /// The words of `text` in lines of at most ``width`` columns, the first line starting with
    /// `first`, the others with `rest` (a word longer than a line gets a line of its own).
    static func wrap(_ text: String, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in words(text) {
            if lineHasWord, line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }

    /// The pieces a line may break between: words, except that a space inside backticks never
    /// breaks (`a code span`), nor one inside brackets, parentheses or double quotes
    /// (`{"a": 1}` stays whole) unless that piece would grow longer than a third of a line.
    static func words(_ text: String) -> [String] {
        var spans: [String] = []
        var span = ""
        var code = false
        for word in text.split(separator: " ") {
            span += span.isEmpty ? String(word) : " " + word
            for character in word where character == "`" { code.toggle() }
            if !code { spans.append(span); span = "" }
        }
        if !span.isEmpty { spans += span.split(separator: " ").map(String.init) }  // an unclosed backtick
        var pieces: [String] = []
        var group: [String] = []
        var depth = 0, quoted = false
        for span in spans {
            group.append(span)
            for character in span {
                switch character {
                case "{", "[", "(": depth += 1
                case "}", "]", ")": depth = max(0, depth - 1)
                case "\"": quoted.toggle()
                default: break
                }
            }
            let joined = group.joined(separator: " ")
            if depth == 0 && !quoted {
                pieces.append(joined)
                group = []
            } else if joined.count > width / 3 {
                pieces += group
                group = []
                depth = 0
                quoted = false
            }
        }
        return pieces + group
    }
}
