/// Why a JSON text was rejected, and where: 1-based line and column (in characters) and byte offset.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words, e.g. "trailing comma before '}'".
    public var message: String
    /// 1-based line of the offending character.
    public var line: Int
    /// 1-based column of the offending character, counting Unicode scalars.
    public var column: Int
    /// 0-based byte offset of the offending character.
    public var offset: Int

    public init(message: String, line: Int, column: Int, offset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "line \(line), column \(column): \(message)" }

    /// An error at `offset` in `bytes`, with line and column worked out from the text before it.
    static func at(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>, _ message: String) -> JSONParseError {
        var line = 1, column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count scalars: skip UTF-8 continuation bytes
            }
            index += 1
        }
        return JSONParseError(message: message, line: line, column: column, offset: offset)
    }
}
