extension Parser {
    /// The tokens a script sets with `token <literal>`, as far as its words can be read. They are
    /// secrets before that line runs: an error found while the script is checked, before anything
    /// runs, may quote one (`token T; list --top T`), and must show `<redacted>` instead.
    public static func typedTokens(in text: String, file: String) -> [String] {
        var parser = Parser(utf8: Array(text.utf8), file: file)
        var found: [String] = []
        while let line = try? parser.nextLine() {
            defer { parser.spareWords = line }
            guard line.first?.bareLiteral == TokenCommand.spec.name else { continue }
            var index = 1
            while index < line.count {
                let word = line[index].staticText
                if word == "--file" || word == "--env" {
                    index += 2
                } else if word?.hasPrefix("--") == true {
                    index += 1
                } else {
                    if let word { found.append(word) }
                    break
                }
            }
        }
        return found
    }
}
