/// The journal of a parallel loop (`for --journal FILE`, docs/bulk.md): the key of every item
/// finished, one a line, appended and flushed to disk as each finishes, so a rerun after a crash
/// or `kill -9` skips them.
public protocol LoopJournal: AnyObject {
    /// The keys of the items a previous run finished, in the order they finished.
    var finished: [String] { get }
    /// Records that the item with `key` finished (appended and synced before it returns).
    func append(_ key: String) throws(FileError)
    /// Closes the file.
    func close()
    /// Removes the file when this open made it and nothing was recorded (a refused loop).
    func discardIfUnused()
}
