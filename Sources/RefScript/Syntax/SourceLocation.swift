/// Where something is in a script: file name, 1-based line and column (in characters).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COL`.
    public var description: String { "\(file):\(line):\(column)" }

    /// Where the text after `text` starts, when `text` starts here.
    func advanced(over text: Substring) -> SourceLocation {
        var at = self
        for character in text {
            if character == "\n" {
                at.line += 1
                at.column = 1
            } else {
                at.column += 1
            }
        }
        return at
    }
}

/// A byte offset into a text together with the line and column it is at.
struct TextPosition: Sendable, Equatable {
    var offset: Int
    var line: Int
    var column: Int = 1
}
