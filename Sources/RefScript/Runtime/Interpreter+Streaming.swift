extension Interpreter {
    /// Runs a script too large to keep its whole syntax tree in memory: checks all of it first
    /// (a syntax error still runs nothing), then parses and runs it a batch of top-level
    /// statements at a time, so memory stays flat however long the script. Returns the exit code.
    ///
    /// The work is spread over tasks: the check is cut into pieces checked side by side (see
    /// ``ScriptChecker``), and each batch of statements is parsed while the one before it runs
    /// (see ``StatementPipeline`` and docs/performance.md).
    public mutating func runStreaming(_ text: String, file: String) async -> ExitCode {
        await runStreaming(
            text, file: file, batchSize: StatementPipeline.batchSize, minimumPieceSize: ScriptChecker.minimumPieceSize)
    }

    /// ``runStreaming(_:file:)`` with batches and pieces of the given sizes (tests use small ones).
    mutating func runStreaming(_ text: String, file: String, batchSize: Int, minimumPieceSize: Int) async -> ExitCode {
        let bytes = Array(text.utf8)  // one copy for both passes
        let registry = registry
        var pipeline = StatementPipeline(Parser(utf8: bytes, file: file, registry: registry), batchSize: batchSize)
        if let error = await ScriptChecker.firstError(
            in: bytes, file: file, registry: registry, minimumPieceSize: minimumPieceSize)
        {
            rememberTypedTokens(in: text, file: file)
            report(error)
            return error.exitCode
        }
        lastFailure = nil
        exitRequested = false
        var finished: [Statement] = []
        while true {
            let (statements, error) = await pipeline.next(recycling: consume finished)
            for statement in statements {
                if case .stop(let code) = await perform(statement) { return code }
            }
            if let error {
                report(error)
                return error.exitCode
            }
            if statements.isEmpty { return lastFailure ?? .success }
            finished = statements
        }
    }
}
