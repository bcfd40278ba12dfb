import Foundation
import RefScript
import ReferralsWire
import Shell

/// The secrets of a whole `refsh test` run, known before any file runs: each file's refsh
/// redacts the tokens it knows from its own output, but a token one file sets (`token …`,
/// `token --file`, `token --env`, `token $var` of a `--var`) is not known to another file's refsh, whose output (an
/// `echo`, a server's error that quotes it) goes into the same report.
enum SuiteSecrets {
    /// A keeper holding `REFSH_TOKEN`, and every token the files' `token` lines name: typed,
    /// read from a file as it is now, or read from the environment.
    static func keeper(for files: [String], environment: [String: String], variables: [(String, String)] = []) -> SecretKeeper {
        let keeper = SecretKeeper()
        if let token = environment["REFSH_TOKEN"], !token.isEmpty { keeper.remember(Secret(token)) }
        let local = LocalFileSystem()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file), let text = String(validating: data, as: UTF8.self) else { continue }
            for source in Parser.tokenSources(in: text, file: file) {
                let raw: String?
                switch source {
                case .typed(let token): raw = token
                // A regular file only: a pipe or a FIFO read now would be drained for the file's own run.
                case .file(let path): raw = local.isRegularFile(path) ? try? local.readText(path) : nil
                case .environment(let name): raw = environment[name]
                case .variable(let name): raw = variables.last { $0.0 == name }?.1
                }
                guard let raw else { continue }
                // What is not a token is refused when the file runs, and is not sent.
                if case .success(let token) = BearerTokenText.cleaned(raw) { keeper.remember(Secret(token)) }
            }
        }
        return keeper
    }
}
