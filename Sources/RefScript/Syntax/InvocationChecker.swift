import ReferralKit
import ReferralsWire

/// Checks one command line against its command's ``CommandSpec``: flags known, argument count
/// in range, literal arguments prepared. Errors point at the offending word.
struct InvocationChecker {
    let command: any ScriptCommand.Type

    func check(_ words: [Word]) throws(RefScriptError) -> Invocation {
        let spec = command.spec
        var flags: [String: Argument?] = [:]
        var positional: ArraySlice<Word> = words.dropFirst()
        // Most lines have no flags: their positional words are the line's own, no copy made. A
        // command that takes no flags and only text reads `--x` as text (`echo ---- results ----`);
        // a first `--` is still the end of flags, as for every command.
        if Self.readsDashesAsText(spec) {
            if positional.first?.bareLiteral == "--" { positional = positional.dropFirst() }
        } else if let firstFlag = positional.firstIndex(where: Self.looksLikeFlag) {
            positional = try separateFlags(words, from: firstFlag, spec: spec, into: &flags)
        }
        var condition: Condition?
        if spec.takesCondition {
            guard !positional.isEmpty else {
                throw RefScriptError(.syntax, "\(spec.name) needs a condition (usage: \(spec.synopsis))", at: words[0].location)
            }
            if let keyword = spec.conditionKeyword {
                guard positional.first?.bareLiteral == keyword, positional.count > 1 else {
                    throw RefScriptError(.syntax, "\(spec.name) needs '\(keyword) <condition>' (usage: \(spec.synopsis))", at: words[0].location)
                }
                positional = positional.dropFirst()
            }
            var parser = ConditionParser(words: Array(positional))
            let (parsed, rest) = try parser.parsePrefix()
            condition = parsed
            positional = rest[...]
            // `assert status ==Closed` would assert `status` with the message `==Closed`: what
            // follows a condition is one quoted text or one variable, never a bare word or a word
            // that starts like an operator (`==$s`, `=="Closed"`).
            if spec.conditionKeyword == nil, let first = positional.first, !Self.isMessage(first) {
                throw RefScriptError(
                    .syntax,
                    "\(spec.name): unexpected '\(VisibleText.of(first.raw, upTo: 40))' after the condition; a message goes in quotes (usage: \(spec.synopsis))",
                    at: first.location)
            }
            // `wait until <condition> --timeout 60s`: flags after the condition too.
            if spec.conditionKeyword != nil, let firstFlag = positional.firstIndex(where: Self.looksLikeFlag) {
                let trailing = [words[0]] + positional
                positional = try separateFlags(trailing, from: firstFlag - positional.startIndex + 1, spec: spec, into: &flags)
            }
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
                at: positional[positional.startIndex + maximum].location)
        }
        var arguments: [Argument] = []
        arguments.reserveCapacity(count)
        for (position, word) in positional.enumerated() {
            let argumentSpec = spec.arguments.isEmpty ? nil : spec.arguments[min(position, spec.arguments.count - 1)]
            if let check = argumentSpec?.check, !word.isQuoted, let text = word.staticText, let problem = check(text) {
                throw RefScriptError(.syntax, "\(spec.name): \(problem)", at: word.location)
            }
            arguments.append(try ArgumentPreparer.prepare(word, as: argumentSpec?.kind ?? .text))
        }
        if let check = spec.argumentsCheck, let problem = check(positional.map(\.staticText)) {
            throw RefScriptError(.syntax, problem.message, at: positional[positional.startIndex + problem.index].location)
        }
        return Invocation(
            command: command, nameWord: words[0], flags: flags, arguments: arguments, condition: condition)
    }

    /// Whether the command takes `--x` as text: no flags, and only text, values or a variable
    /// name as arguments (`echo`, `throw`, `skip`, `let`). A file or a path (`save --json`) is not
    /// taken from such a word: that stays an unknown option.
    private static func readsDashesAsText(_ spec: CommandSpec) -> Bool {
        guard spec.flags.isEmpty, !spec.arguments.isEmpty else { return false }
        return spec.arguments.allSatisfy { argument in
            switch argument.kind {
            case .text, .value, .variableName: true
            default: false
            }
        }
    }

    /// Whether a word after a condition is a message: wholly quoted (`"for $who"` too), or one
    /// variable; not a bare word, nor one that starts like a comparison (`==$s`).
    private static func isMessage(_ word: Word) -> Bool {
        guard let first = word.raw.first else { return false }
        if first == "'" || first == "\"" { return word.raw.count > 1 && word.raw.last == first }
        if case .variable? = word.singlePart { return true }
        return false
    }

    /// Whether a word may be a flag: a bare literal starting with `--`.
    private static func looksLikeFlag(_ word: Word) -> Bool {
        var bytes = word.raw.utf8.makeIterator()
        return bytes.next() == UInt8(ascii: "-") && bytes.next() == UInt8(ascii: "-") && word.bareLiteral != nil
    }

    /// Reads the flags among `words` (from `start` on) into `flags`; returns the positional words.
    private func separateFlags(
        _ words: [Word], from start: Int, spec: CommandSpec, into flags: inout [String: Argument?]
    ) throws(RefScriptError) -> ArraySlice<Word> {
        var positional = Array(words[1..<start])
        var flagsDone = false
        var i = start
        while i < words.count {
            let word = words[i]
            i += 1
            if !flagsDone, !spec.takesCondition || positional.isEmpty, Self.looksLikeFlag(word), let literal = word.bareLiteral {
                if literal == "--" { flagsDone = true; continue }
                let name = String(literal.dropFirst(2))
                guard let flag = spec.flags.first(where: { $0.name == name }) else {
                    let known = spec.flags.isEmpty ? "it takes none" : "it takes " + spec.flags.map { "--\($0.name)" }.joined(separator: ", ")
                    let hint = EditDistance.closest(to: name, in: spec.flags.map(\.name)).map { "did you mean --\($0)? " } ?? ""
                    throw RefScriptError(.syntax, "\(spec.name): unknown option \(literal) (\(hint)\(known))", at: word.location)
                }
                if flag.valueName != nil {
                    // One value: a second would silently replace the first.
                    guard flags[name] == nil else {
                        throw RefScriptError(.syntax, "\(spec.name): \(literal) is given twice; give it once", at: word.location)
                    }
                    guard i < words.count else {
                        throw RefScriptError(.syntax, "\(spec.name): \(literal) needs a value", at: word.location)
                    }
                    if let text = words[i].staticText, let problem = flag.problem(with: text, command: spec.name) {
                        throw RefScriptError(.syntax, problem, at: words[i].location)
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
        return positional[...]
    }
}
