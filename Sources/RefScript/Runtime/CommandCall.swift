import ReferralKit

/// One running command's view of its arguments: evaluated on demand against the interpreter
/// (variables, substitutions), with errors located at the argument.
public struct CommandCall {
    public let invocation: Invocation
    /// Whether the command runs inside `( … )` (its value is captured, not printed).
    public let capturing: Bool

    /// Number of positional arguments.
    public var count: Int { invocation.arguments.count }

    /// Whether `--name` was given.
    public func flag(_ name: String) -> Bool { invocation.flags[name] != nil }

    /// The value argument `index` has when it is written in the script itself (a literal, prepared
    /// before the run), not worked out from a variable or a substitution.
    public func literal(_ index: Int) -> JSONValue? {
        guard invocation.arguments.indices.contains(index), case .value(let value)? = invocation.arguments[index].prepared else { return nil }
        return value
    }

    /// Where argument `index` is; the command's own place for one it was not given.
    public func location(_ index: Int) -> SourceLocation {
        invocation.arguments.indices.contains(index) ? invocation.arguments[index].location : invocation.location
    }

    /// An error located at argument `index`.
    public func error(_ message: String, at index: Int, kind: RefScriptError.Kind = .command) -> RefScriptError {
        RefScriptError(kind, message, at: location(index))
    }

    /// Argument `index` as a JSON value.
    public func value(_ index: Int, _ interpreter: inout Interpreter) async throws(RefScriptError) -> JSONValue {
        try await interpreter.value(of: invocation.arguments[index])
    }

    /// Argument `index` as a path.
    public func path(_ index: Int, _ interpreter: inout Interpreter) async throws(RefScriptError) -> JSONPath {
        try await interpreter.path(of: invocation.arguments[index])
    }

    /// Argument `index` as text.
    public func text(_ index: Int, _ interpreter: inout Interpreter) async throws(RefScriptError) -> String {
        try await interpreter.text(of: invocation.arguments[index])
    }

    /// Argument `index` as text, or `nil` when not given.
    public func optionalText(_ index: Int, _ interpreter: inout Interpreter) async throws(RefScriptError) -> String? {
        index < count ? try await text(index, &interpreter) : nil
    }

    /// Arguments from `index` on, as text.
    public func texts(from index: Int, _ interpreter: inout Interpreter) async throws(RefScriptError) -> [String] {
        var out: [String] = []
        for i in index..<max(index, count) { out.append(try await text(i, &interpreter)) }
        return out
    }
}

extension CommandCall {
    /// Runs a path operation, reporting its error at argument `index`.
    public func attempt<T>(at index: Int, _ body: () throws(PathError) -> T) throws(RefScriptError) -> T {
        do {
            return try body()
        } catch {
            throw self.error(error.description, at: index)
        }
    }
}

extension CommandCall {
    /// The value of `--name VALUE` as text, or `nil` when the flag was not given.
    public func flagText(_ name: String, _ interpreter: inout Interpreter) async throws(RefScriptError) -> String? {
        guard case .some(.some(let argument)) = invocation.flags[name] else { return nil }
        return try await interpreter.text(of: argument)
    }

    /// The value of `--name N` as a whole number in the flag's ``FlagSpec/numbers``, or `nil`
    /// when not given. A value that is not one is a usage error (a literal one is caught before
    /// anything runs; this catches a variable's).
    public func flagInt(_ name: String, _ interpreter: inout Interpreter) async throws(RefScriptError) -> Int? {
        guard let text = try await flagText(name, &interpreter) else { return nil }
        let spec = invocation.command.spec
        if let flag = spec.flags.first(where: { $0.name == name }), let problem = flag.problem(with: text, command: spec.name) {
            let location = invocation.flags[name].flatMap { $0?.location }
            throw RefScriptError(.syntax, problem, at: location)
        }
        guard let number = Int(text) else { throw RefScriptError(.syntax, "\(spec.name): --\(name) needs a whole number, got '\(text)'") }
        return number
    }
}
