import Foundation

/// The interactive shell's config file: refsh commands (options, `connect`, `token --file`, …)
/// run in the session before the first prompt. Scripts never read it, so a script runs the same
/// for everyone. See docs/interactive.md.
public enum StartupConfig {
    /// `$REFSH_CONFIG`, else the first that exists of `$XDG_CONFIG_HOME/refsh/config`
    /// (`~/.config/refsh/config`) and `~/.refshrc`; `nil` when there is none.
    public static func path(environment: [String: String]) -> String? {
        if let explicit = environment["REFSH_CONFIG"] { return explicit.isEmpty ? nil : explicit }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
        return [config + "/refsh/config", home + "/.refshrc"].first { FileManager.default.fileExists(atPath: $0) }
    }
}
