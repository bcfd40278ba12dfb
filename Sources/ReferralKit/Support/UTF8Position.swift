/// Where bytes stop being UTF-8, for an error that names the place as a syntax error does.
public enum UTF8Position {
    /// The 1-based line and column (in Unicode scalars) of the first byte that does not begin a
    /// UTF-8 sequence, and that byte; `nil` when all of `bytes` is UTF-8.
    public static func firstInvalid(in bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var (line, column, offset) = (1, 1, 0)
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1, encoded.first == 0x0A { (line, column) = (line + 1, 1) } else { column += 1 }
            case .error:
                return (line, column, offset < bytes.count ? bytes[offset] : 0)
            case .emptyInput:
                return nil
            }
        }
    }

    /// `NAME:LINE:COLUMN: error: not UTF-8 text (byte 0xFF)…` for `bytes` read from `name`, or
    /// `nil` when they are text.
    public static func error(in bytes: [UInt8], name: String) -> String? {
        guard let (line, column, byte) = firstInvalid(in: bytes) else { return nil }
        let hex = String(byte, radix: 16, uppercase: true)
        return "\(name):\(line):\(column): error: not UTF-8 text (byte 0x\(hex.count == 1 ? "0" + hex : hex)); refsh reads scripts as UTF-8"
    }
}
