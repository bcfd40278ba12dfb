import ReferralKit

extension Interpreter {
    /// The value of an argument: prepared literals as parsed; a lone `$var` or `( … )` keeps its
    /// JSON type; anything glued together is text, read as a JSON literal when unquoted.
    mutating func value(of argument: Argument) async throws(RefScriptError) -> JSONValue {
        switch argument.prepared {
        case .value(let value)?: return value
        case .list(let items)?:
            var values: [JSONValue] = []
            for item in items { values.append(try await value(of: item)) }
            return .array(values)
        default: break
        }
        let word = argument.word
        if let part = word.singlePart {
            switch part {
            case .variable(let reference): return try resolve(reference)
            case .substitution(let invocation): return try await substitute(invocation)
            default: break
            }
        }
        let text = try await interpolate(word)
        if word.isQuoted { return .string(text) }
        if case .bracketed? = word.singlePart {
            return try ArgumentPreparer.value(of: word, text: text, listAllowed: true)
        }
        return ArgumentPreparer.literalValue(text)
    }

    /// The path an argument names.
    mutating func path(of argument: Argument) async throws(RefScriptError) -> JSONPath {
        if case .path(let path)? = argument.prepared { return path }
        let text = try await interpolate(argument.word)
        do {
            return try JSONPathParser.parse(text)
        } catch {
            throw RefScriptError(.command, "bad path '\(PathText.shown(text))': \(error.message)", at: argument.location)
        }
    }

    /// The text of an argument (values rendered as `get` shows them).
    mutating func text(of argument: Argument) async throws(RefScriptError) -> String {
        if let text = argument.word.staticText { return text }
        return try await interpolate(argument.word)
    }

    private mutating func interpolate(_ word: Word) async throws(RefScriptError) -> String {
        var out = ""
        for part in word.parts {
            switch part {
            case .bare(let s), .quoted(let s), .bracketed(let s): out += s
            case .variable(let reference): out += Self.rawText(try resolve(reference))
            case .substitution(let invocation): out += Self.rawText(try await substitute(invocation))
            }
        }
        return out
    }

    /// The value of `( command … )`.
    private mutating func substitute(_ invocation: Invocation) async throws(RefScriptError) -> JSONValue {
        switch try await call(invocation, capturing: true) {
        case .value(let value): return value
        case .done, .exit:
            throw RefScriptError(
                .command, "(\(invocation.nameWord.raw) …) gives no value; use a command that does, such as (get <path>)",
                at: invocation.location)
        }
    }

    /// The value a variable reference stands for.
    func resolve(_ reference: VariableReference) throws(RefScriptError) -> JSONValue {
        let value: JSONValue
        switch reference.source {
        case .named(let name):
            guard let found = variables[name] else {
                let hint = EditDistance.closest(to: name, in: variables.keys).map { " (did you mean $\($0)?)" } ?? ""
                throw RefScriptError(.command, "undefined variable $\(name)\(hint)", at: reference.location)
            }
            value = found
        case .positional(let number):
            if number == 0 {
                value = .string(scriptName)
            } else {
                guard number <= arguments.count else {
                    let got = arguments.count == 1 ? "1 argument" : "\(arguments.count) arguments"
                    throw RefScriptError(.command, "script argument $\(number) was not given (the script got \(got))", at: reference.location)
                }
                value = .string(arguments[number - 1])
            }
        case .environment(let name):
            guard let text = world.environment.value(name) else {
                throw RefScriptError(.command, "environment variable \(name) is not set", at: reference.location)
            }
            value = .string(text)
        }
        guard let path = reference.path else { return value }
        do {
            return try value.value(at: path)
        } catch {
            throw RefScriptError(.command, "\(reference.raw): \(error.description)", at: reference.location)
        }
    }
}
