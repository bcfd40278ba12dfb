import LineEditor
import RefScript

/// The `history` command's view of the line editor's history (set once the editor exists).
public final class ReaderHistory: HistoryProvider {
    public weak var reader: EditLineReader?
    public init() {}
    public var entries: [String] { reader?.historyEntries ?? [] }
    public func clear() { reader?.clearHistory() }
}
