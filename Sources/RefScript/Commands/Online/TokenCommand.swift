import ReferralKit
import ReferralsWire

/// `token [--file F | --env NAME | --clear] [<token>]`: the bearer token for the service.
public enum TokenCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "token", synopsis: "token [--file <path> | --env <name> | --clear] [<token>]",
        summary: "Set the bearer token (asked without echo on a terminal); it is never shown.",
        help: """
            With no argument on a terminal, asks for the token without echoing it. --file reads
            it from a file (surrounding whitespace and a `Bearer ` prefix are dropped), --env from
            an environment variable (REFSH_TOKEN is read at start-up anyway). The token is sent
            only as `Authorization: Bearer …`; `session`, traces, errors and --dry-run show it as
            <redacted>, and lines with `token` never enter the history file.

            Where the token comes from: the session's token (--token-file, else REFSH_TOKEN, at
            start; this command replaces it), else a token command (--token-command,
            REFSH_TOKEN_COMMAND or option token-command: run again when its token expires or a
            401 comes back), else the cached sign-in of login. `login` replaces all of these with
            the sign-in; `token --clear` goes back to the token the session started with, or
            with none to the token command and the sign-in. docs/sign-in.md has the details.
            """,
        examples: ["token", "token --file ~/.config/refsh/token", "token --env PARTNER_TOKEN", "token --clear"],
        arguments: [ArgumentSpec("token", .text, optional: true)],
        flags: [
            FlagSpec("file", "read the token from this file", value: "path"),
            FlagSpec("env", "read the token from this environment variable", value: "name"),
            FlagSpec("clear", "forget the token"),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let raw: String
        let source: String
        if call.flag("clear") {
            // Back to the token the session started with (--token-file, REFSH_TOKEN), else to the
            // token command and the cached sign-in.
            await interpreter.online.disconnect()
            interpreter.connection.token = interpreter.connection.startToken
            interpreter.connection.tokenSource = interpreter.connection.startTokenSource
            return .done
        } else if let path = try await call.flagText("file", &interpreter) {
            do {
                raw = try interpreter.world.files.readText(path)
            } catch {
                // A pasted token after --file is not quoted back.
                guard !SecretShape.looksLikeToken(path) else {
                    interpreter.world.secretKeeper.remember(Secret(path))
                    throw RefScriptError(
                        .command,
                        "token --file: cannot read \(SecretShape.quoted(path)); if that was the token itself, give it without --file (token --file keeps it out of your scripts)"
                    )
                }
                throw RefScriptError(.command, "cannot read \(path): \(error.message)")
            }
            source = "file \(path)"
        } else if let name = try await call.flagText("env", &interpreter) {
            guard let value = interpreter.world.environment.value(name), !value.isEmpty else {
                // A long "name" that names nothing is likely the token itself, pasted after --env.
                guard name.count < 24 else {
                    interpreter.world.secretKeeper.remember(Secret(name))
                    throw RefScriptError(
                        .command,
                        "token --env: no environment variable of that name is set; if that was the token itself, give it without --env (token --file keeps it out of your scripts)"
                    )
                }
                throw RefScriptError(.command, "the environment variable \(name) is not set")
            }
            (raw, source) = (value, name)
        } else if call.count > 0 {
            (raw, source) = (try await call.text(0, &interpreter), "typed")
        } else {
            guard let typed = interpreter.world.secrets?.readSecret(prompt: "token (not echoed): ") else {
                throw RefScriptError(.command, "no terminal to ask for the token on: use token --file, token --env or REFSH_TOKEN")
            }
            // Ctrl-C at the prompt: the token stays as it was, and the line or script stops there.
            if Task.isCancelled { throw RefScriptError(.interrupted, "token: interrupted; the token is unchanged") }
            (raw, source) = (typed, "typed")
        }
        let token = try cleaned(raw)
        await interpreter.online.disconnect()
        interpreter.connection.token = Secret(token)
        interpreter.connection.tokenSource = source
        return .done
    }

    /// The token without surrounding whitespace or a `Bearer ` prefix. An error when nothing is
    /// left, or when what is left has a space or a control character in it: a bearer token is one
    /// word, and HTTP would refuse the header (the message never shows the token).
    public static func cleaned(_ raw: String) throws(RefScriptError) -> String {
        switch BearerTokenText.cleaned(raw) {
        case .success(let token): return token
        case .failure(let refusal): throw RefScriptError(.command, refusal.message)
        }
    }
}
