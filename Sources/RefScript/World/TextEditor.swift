/// The user's editor, for `edit` (docs/editing.md): the shell runs `$VISUAL`, else `$EDITOR`,
/// else `vi`, on a temporary file and reads the file back by its name afterwards (so editors
/// that save by writing a new file and renaming it over the old one work).
public protocol TextEditor {
    /// `text` as the user left it after editing it in a file named `fileName`; a one-line
    /// failure when the editor could not run or did not exit with status 0.
    func edit(_ text: String, fileName: String) throws(EditorFailure) -> String
    /// Asks a yes-or-no question (default yes) where a person can answer; `nil` where none can.
    func confirm(_ question: String) -> Bool?
}

/// An editor that could not be run, or failed.
public struct EditorFailure: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
