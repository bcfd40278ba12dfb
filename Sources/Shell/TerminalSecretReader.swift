import LineEditor
import RefScript

/// The `token` command's way to ask for a secret: the terminal, with echo off.
public struct TerminalSecretReader: SecretReader {
    public init() {}
    public func readSecret(prompt: String) -> String? { TerminalSecret.read(prompt: prompt) }
}
