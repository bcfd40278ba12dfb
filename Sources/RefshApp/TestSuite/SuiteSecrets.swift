import RefScript
import ReferralsWire
import Shell

/// The secrets of a whole `refsh test` run, known before any file runs: each file's refsh
/// redacts the tokens it knows from its own output, but a token one file sets (`token …`,
/// `token --file`, `token --env`, `token $var` of a `--var`) is not known to another file's
/// refsh, whose output (an `echo`, a server's error that quotes it) goes into the same report.
enum SuiteSecrets {
    /// A keeper holding `REFSH_TOKEN`, and every token the files' `token` lines name, read as
    /// each file's own refsh would read them before it runs.
    static func keeper(for scripts: [ScriptFile], environment: [String: String], variables: [(String, String)] = []) -> SecretKeeper {
        let keeper = SecretKeeper()
        if let token = environment["REFSH_TOKEN"], !token.isEmpty { keeper.remember(Secret(token)) }
        let local = LocalFileSystem()
        for case .text(let file, let text) in scripts {
            let tokens = Interpreter.scriptTokens(
                in: text, file: file, variable: { name in variables.last { $0.0 == name }?.1 }, environment: { environment[$0] }, files: local)
            for token in tokens { keeper.remember(Secret(token)) }
        }
        return keeper
    }
}
