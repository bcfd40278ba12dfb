/// A script's top-level statements, parsed a batch ahead of the ones being run: while one batch
/// runs, the next is parsed in a task of its own, so on a machine with two cores parsing and
/// running overlap. At most two batches are held, so memory stays flat however long the script.
struct StatementPipeline {
    /// The statements of one batch, the error that ended it early (if any), and the parser to go
    /// on with (`nil` once the script is used up or an error was found).
    private typealias Batch = (statements: [Statement], error: RefScriptError?, rest: Parser?)

    /// Top-level statements per batch: enough that handing a batch over costs nothing
    /// noticeable, few enough that the first batch is ready at once.
    static let batchSize = 256

    private let size: Int
    private var pending: Task<Batch, Never>?

    /// Starts parsing the first batch; each batch holds `batchSize` top-level statements.
    init(_ parser: Parser, batchSize: Int = batchSize) {
        size = max(1, batchSize)
        pending = Self.parseBatch(parser, size: size)
    }

    /// The next batch and the error that ended it, if any; an empty batch without an error at
    /// the end of the script. The batch after it starts parsing at once, in the storage of
    /// `finished` (the batch that has been run): its statements are destroyed in that task too,
    /// not where they run.
    mutating func next(recycling finished: consuming [Statement]) async -> (statements: [Statement], error: RefScriptError?) {
        guard let task = pending else { return ([], nil) }
        let batch = await task.value
        if let rest = batch.rest {
            pending = Self.parseBatch(rest, size: size, storage: finished)
        } else {
            pending = nil
        }
        return (batch.statements, batch.error)
    }

    private static func parseBatch(_ parser: Parser, size: Int, storage: consuming [Statement] = []) -> Task<Batch, Never> {
        Task { [storage] in
            var parser = parser
            var statements = storage
            statements.removeAll(keepingCapacity: true)
            statements.reserveCapacity(size)
            do throws(RefScriptError) {
                while statements.count < size {
                    guard let statement = try parser.nextStatement() else { return (statements, nil, nil) }
                    statements.append(statement)
                }
            } catch {
                return (statements, error, nil)
            }
            return (statements, nil, parser)
        }
    }
}
