import Foundation
import RefScript

/// Where the interactive history lives, and which lines it may keep.
public enum HistoryFile {
    /// `$XDG_STATE_HOME/refsh/history`, else `~/.local/state/refsh/history` (the directory is created).
    public static func path(environment: any EnvironmentReader) -> String? {
        let base =
            environment.value("XDG_STATE_HOME").flatMap { $0.isEmpty ? nil : $0 }
            ?? environment.value("HOME").map { $0 + "/.local/state" }
        guard let base else { return nil }
        let directory = base + "/refsh"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return directory + "/history"
    }

    /// Lines that may be recorded: never `token` lines or anything carrying a bearer token.
    public static func mayRecord(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("token") { return false }
        return !line.lowercased().contains("bearer ")
    }
}
