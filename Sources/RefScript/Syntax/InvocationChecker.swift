/// Checks one command line against its command's ``CommandSpec``: flags known, argument count
/// in range, literal arguments prepared. Errors point at the offending word.
struct InvocationChecker {
    let command: any ScriptCommand.Type
    let registry: CommandRegistry

    func check(_ words: [Word]) throws(RefScriptError) -> Invocation {
        let spec = command.spec
        var flags: [String: Argument?] = [:]
        var positional: [Word] = []
        var flagsDone = false
        var i = 1
        while i < words.count {
            let word = words[i]
            i += 1
            if !flagsDone, !spec.takesCondition || positional.isEmpty, let literal = word.bareLiteral,
                literal.hasPrefix("--")
            {
                if literal == "--" { flagsDone = true; continue }
                let name = String(literal.dropFirst(2))
                guard let flag = spec.flags.first(where: { $0.name == name }) else {
                    let known = spec.flags.isEmpty ? "it takes none" : "it takes " + spec.flags.map { "--\($0.name)" }.joined(separator: ", ")
                    throw RefScriptError(.syntax, "\(spec.name): unknown option \(literal) (\(known))", at: word.location)
                }
                if flag.valueName != nil {
                    guard i < words.count else {
                        throw RefScriptError(.syntax, "\(spec.name): \(literal) needs a value", at: word.location)
                    }
                    flags[name] = .some(try ArgumentPreparer.prepare(words[i], as: .text))
                    i += 1
                } else {
                    flags[name] = .some(nil)
                }
                continue
            }
            positional.append(word)
        }
        var condition: Condition?
        var conditionText: String?
        if spec.takesCondition {
            guard !positional.isEmpty else {
                throw RefScriptError(.syntax, "\(spec.name) needs a condition (usage: \(spec.synopsis))", at: words[0].location)
            }
            var parser = ConditionParser(words: positional, registry: registry)
            let (parsed, rest) = try parser.parsePrefix()
            condition = parsed
            conditionText = positional.dropLast(rest.count).map(\.raw).joined(separator: " ")
            positional = rest
        }
        let count = positional.count
        if count < spec.minimumArguments {
            let needed = spec.minimumArguments
            throw RefScriptError(
                .syntax, "\(spec.name) needs \(needed) argument\(needed == 1 ? "" : "s"), got \(count) (usage: \(spec.synopsis))",
                at: words[0].location)
        }
        if let maximum = spec.maximumArguments, count > maximum {
            throw RefScriptError(
                .syntax, "\(spec.name) takes at most \(maximum) argument\(maximum == 1 ? "" : "s"), got \(count) (usage: \(spec.synopsis))",
                at: positional[maximum].location)
        }
        var arguments: [Argument] = []
        for (position, word) in positional.enumerated() {
            let argumentSpec = spec.arguments.isEmpty ? nil : spec.arguments[min(position, spec.arguments.count - 1)]
            arguments.append(try ArgumentPreparer.prepare(word, as: argumentSpec?.kind ?? .text))
        }
        return Invocation(
            command: command, nameWord: words[0], flags: flags, arguments: arguments, condition: condition, conditionText: conditionText)
    }
}
