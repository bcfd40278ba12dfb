import RefScript

/// Runs a whole script: parse first (a syntax error runs nothing), then execute.
public enum ScriptRunner {
    /// Scripts longer than this (in bytes) are checked, then run a statement at a time instead
    /// of holding their whole syntax tree (about 600 bytes a line) in memory.
    public static let streamingThreshold = 256 * 1024

    /// Runs `text` named `name` (for messages) with script arguments and `--var` variables.
    public static func run(
        text: String, name: String, arguments: [String] = [], variables: [(String, String)] = [], world: ScriptWorld,
        connection: ConnectionSettings? = nil
    ) async -> ExitCode {
        var interpreter = makeInterpreter(name: name, arguments: arguments, variables: variables, world: world, connection: connection)
        if text.utf8.count > streamingThreshold {
            let code = await interpreter.runStreaming(text, file: name)
            await interpreter.online.disconnect()
            return code
        }
        let program: Program
        do {
            program = try interpreter.parse(text, file: name)
        } catch {
            interpreter.report(error)
            return error.exitCode
        }
        let code = await interpreter.run(program)
        await interpreter.online.disconnect()
        return code
    }

    /// An interpreter with `--var` variables set (values read like bare words: 5 is a number).
    public static func makeInterpreter(
        name: String, arguments: [String], variables: [(String, String)], world: ScriptWorld,
        connection: ConnectionSettings? = nil
    ) -> Interpreter {
        var interpreter = Interpreter(world: world, arguments: arguments, scriptName: name)
        if let connection { interpreter.connection = connection }
        for (key, value) in variables {
            interpreter.variables[key] = ScriptValues.literal(value)
        }
        return interpreter
    }
}
