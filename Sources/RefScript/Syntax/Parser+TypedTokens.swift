extension Parser {
    /// Where a script's `token` lines take a token from, as far as their words can be read
    /// without running anything.
    public enum TokenSource: Sendable, Equatable {
        /// `token <literal>`: the token itself.
        case typed(String)
        /// `token --file <path>`.
        case file(String)
        /// `token --env <name>`, or `token $env.NAME`.
        case environment(String)
        /// `token $name`: a variable, which `--var name=…` may set.
        case variable(String)
    }

    /// The tokens a script sets with `token <literal>`, as far as its words can be read. They are
    /// secrets before that line runs: an error found while the script is checked, before anything
    /// runs, may quote one (`token T; list --top T`), and must show `<redacted>` instead.
    public static func typedTokens(in text: String, file: String) -> [String] {
        tokenSources(in: text, file: file).compactMap { source in
            if case .typed(let token) = source { return token }
            return nil
        }
    }

    /// Every `token` line's source whose words are literal, or one variable (a `--var` or the
    /// environment may name its value).
    /// `refsh test` reads them all before any file runs, so that a token one file sets is
    /// redacted from every file's report.
    public static func tokenSources(in text: String, file: String) -> [TokenSource] {
        var parser = Parser(utf8: Array(text.utf8), file: file)
        var found: [TokenSource] = []
        while let line = try? parser.nextLine() {
            defer { parser.spareWords = line }
            guard line.first?.bareLiteral == TokenCommand.spec.name else { continue }
            var index = 1
            while index < line.count {
                let word = line[index].staticText
                if word == "--file" || word == "--env" {
                    if index + 1 < line.count, let value = line[index + 1].staticText {
                        found.append(word == "--file" ? .file(value) : .environment(value))
                    }
                    index += 2
                } else if word?.hasPrefix("--") == true {
                    index += 1
                } else {
                    if let word {
                        found.append(.typed(word))
                    } else if case .variable(let reference)? = line[index].singlePart, reference.path == nil {
                        switch reference.source {
                        case .named(let name): found.append(.variable(name))
                        case .environment(let name): found.append(.environment(name))
                        case .positional: break
                        }
                    }
                    break
                }
            }
        }
        return found
    }
}
