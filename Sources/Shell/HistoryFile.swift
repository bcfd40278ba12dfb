import Foundation
import RefScript
import SafeFiles

/// Where the interactive history lives, and which lines it may keep.
public enum HistoryFile {
    /// `$XDG_STATE_HOME/refsh/history`, else `~/.local/state/refsh/history` (the directory is created).
    public static func path(environment: any EnvironmentReader) -> String? {
        guard let directory = StateFolder.path(environment.value) else { return nil }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = directory + "/history"
        // A FIFO there would hold the shell before its first prompt, waiting for a writer.
        if BoundedReader.isSpecial(path) {
            // A link to /dev/null is how many turn a history off: said nothing of.
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? path
            if target != "/dev/null" { StandardStreams.writeError("refsh: \(path) is not a regular file: the history is not kept\n") }
            return nil
        }
        return path
    }

    /// Lines that may be recorded: never `token` lines or anything carrying a bearer token.
    public static func mayRecord(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("token") { return false }
        return !line.lowercased().contains("bearer ")
    }
}
