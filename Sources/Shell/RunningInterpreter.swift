import RefScript

/// The interpreter while it runs a typed line in its own task, so that Ctrl-C can cancel it.
///
/// `@unchecked Sendable`: the shell hands the interpreter over, awaits the one task that uses
/// it, and takes it back only after that task ended; it is never touched from two places at once.
final class RunningInterpreter: @unchecked Sendable {
    var interpreter: Interpreter

    init(_ interpreter: Interpreter) { self.interpreter = interpreter }

    func run(_ program: Program) async -> ExitCode { await interpreter.run(program) }
}
