/// What this refsh is: its version and the commit it was built from.
public enum RefshBuild {
    /// The release version (semantic versioning).
    public static let version = "0.9.0"
    /// The git commit of the sources (`abc123def456`, `…-modified`, or `unknown`).
    public static let commit = buildCommit
    /// `refsh 0.9.0 (commit abc123def456)`, as `--version` and `version` print it.
    public static var description: String { "refsh \(version) (commit \(commit))" }
}
