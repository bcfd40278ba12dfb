/// Checks a whole script for syntax errors, in pieces checked side by side.
///
/// The text is cut into pieces at line starts. Each piece is checked by its own task, from its
/// first byte as if a top-level statement started there, until it reaches the next piece. Then
/// the pieces are joined in order: a piece's result counts only when the piece before it ended
/// exactly where it begins (so it really started at a statement); otherwise, when a statement
/// ran across the cut (a block, a continued line), that part is checked again from where the
/// statement really ended. The answer is the same as one check from the start: the first
/// syntax error of the script, or `nil`.
enum ScriptChecker {
    /// The fewest bytes in a piece; a smaller script is checked in one piece.
    static let minimumPieceSize = 256 * 1024
    /// At most this many pieces (and tasks); a larger script has larger pieces.
    static let maximumPieces = 16

    /// What checking one piece found.
    private struct PieceResult: Sendable {
        /// The first syntax error, if any.
        var error: RefScriptError?
        /// Where the check stopped: the first statement boundary at or after the next piece's start.
        var end: TextPosition
    }

    /// The first syntax error of the script, or `nil` when all of it parses.
    /// (`minimumPieceSize` is for tests, which cut small scripts into many pieces.)
    static func firstError(
        in bytes: [UInt8], file: String, registry: CommandRegistry, minimumPieceSize: Int = minimumPieceSize
    ) async -> RefScriptError? {
        let cuts = self.cuts(bytes, minimumPieceSize: minimumPieceSize)
        let limits = cuts.dropFirst().map(\.offset) + [bytes.count]  // where each piece ends
        let tasks = zip(cuts, limits).map { cut, limit in
            Task { check(bytes, file: file, registry: registry, from: cut, until: limit, cancellable: true) }
        }
        defer { for task in tasks { task.cancel() } }  // pieces not needed stop early
        var boundary = TextPosition(offset: 0, line: 1)  // a known top-level statement boundary
        for (index, task) in tasks.enumerated() {
            let result: PieceResult
            if boundary == cuts[index] {
                result = await task.value
            } else {
                task.cancel()
                if boundary.offset >= limits[index] { continue }  // one statement spans all of this piece
                // It ended inside this piece, maybe mid-line (after a `;`): go on from exactly there.
                result = check(bytes, file: file, registry: registry, from: boundary, until: limits[index], cancellable: false)
            }
            if let error = result.error { return error }
            boundary = result.end
        }
        return nil
    }

    /// Checks statements from `start` until one ends at or after `limit` (or, when `cancellable`,
    /// until the task is cancelled: its result is then not wanted).
    private static func check(
        _ bytes: [UInt8], file: String, registry: CommandRegistry, from start: TextPosition, until limit: Int, cancellable: Bool
    ) -> PieceResult {
        var parser = Parser(utf8: bytes, file: file, registry: registry, startingAt: start)
        do throws(RefScriptError) {
            while parser.position.offset < limit, try parser.nextStatement() != nil {
                if cancellable, Task.isCancelled { break }
            }
        } catch {
            return PieceResult(error: error, end: parser.position)
        }
        return PieceResult(error: nil, end: parser.position)
    }

    /// Where pieces start, with their line numbers: the first is the start of the text; each
    /// other is the start of a line that begins with a letter (not a blank, a comment or an
    /// indented line), at least a piece's size after the one before.
    static func cuts(_ bytes: [UInt8], minimumPieceSize: Int) -> [TextPosition] {
        let pieceSize = max(minimumPieceSize, bytes.count / maximumPieces + 1)
        var cuts = [TextPosition(offset: 0, line: 1)]
        var line = 1
        var index = 0
        var next = pieceSize
        while index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                if index + 1 >= next, cuts.count < maximumPieces, index + 1 < bytes.count, startsStatement(bytes[index + 1]) {
                    cuts.append(TextPosition(offset: index + 1, line: line))
                    next = index + 1 + pieceSize
                }
            }
            index += 1
        }
        return cuts
    }

    /// Whether a line starting with `byte` may start a statement: a letter (command names and
    /// keywords all start with one).
    private static func startsStatement(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
