extension StringProtocol {
    /// The text's lines, split at LF and at CRLF: `"\r\n"` is one Character in Swift, which a
    /// split at `"\n"` does not match, so CRLF text read as one long line. `omittingEmpty` as
    /// `split` has it.
    public func lines(omittingEmpty: Bool = true) -> [SubSequence] {
        split(omittingEmptySubsequences: omittingEmpty, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }
}
