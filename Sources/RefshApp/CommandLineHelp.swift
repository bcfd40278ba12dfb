import RefScript

/// refsh's command line in words, once: the executable's `--help` and the man page both read it.
public enum CommandLineHelp {
    /// One option: how it is spelled, the name of its value, what it does.
    public struct Option: Sendable {
        public var spelling: String
        public var valueName: String?
        public var help: String
    }

    public static let abstract = "A shell for the Partner Center Referrals API."

    public static let commands = Option(spelling: "-c", valueName: "commands", help: "Run these commands (separated by ';' or newlines) and exit.")
    public static let variable = Option(spelling: "--var", valueName: "name=value", help: "Set a script variable (repeatable).")
    public static let endpoint = Option(
        spelling: "--endpoint", valueName: "url", help: "The Referrals API to use (default: REFSH_ENDPOINT, else the embedded sandbox).")
    public static let insecure = Option(
        spelling: "--insecure", help: "Allow plain http:// to a host that is not this machine (the token travels in clear).")
    public static let tokenFile = Option(
        spelling: "--token-file", valueName: "path", help: "Read the bearer token from this file (default: REFSH_TOKEN).")
    public static let tokenCommand = Option(
        spelling: "--token-command", valueName: "command",
        help: "Run this command for the token (plain text or the Azure CLI's JSON), again when it expires (default: REFSH_TOKEN_COMMAND).")
    public static let noConfig = Option(spelling: "--no-config", help: "Do not run the interactive config file (~/.config/refsh/config).")
    public static let manualPage = Option(
        spelling: "--manual-page", help: "Print the refsh(1) manual page (roff) and exit; scripts/install installs it.")
    public static let trace = Option(
        spelling: "--trace[=file]", valueName: "file",
        help:
            "Trace every HTTP exchange to standard error, or with --trace=FILE (the = is needed) append it to FILE; tokens are redacted (docs/support.md)."
    )
    public static let traceBodies = Option(spelling: "--trace-bodies", help: "Show request and response bodies in the trace.")
    public static let record = Option(
        spelling: "--record", valueName: "file.har",
        help: "Record every HTTP exchange in a HAR 1.2 file, tokens redacted in every encoding, for support to replay.")
    public static let redactPII = Option(
        spelling: "--redact-pii", help: "Replace customer contact data with stable pseudonyms in recordings and traces.")
    public static let replay = Option(
        spelling: "--replay", valueName: "file.har", help: "Answer every request from this recording, with no network (docs/support.md).")
    public static let resume = Option(
        spelling: "--resume[=id|list]", valueName: "id",
        help:
            "Take up the newest session a crash left with unsent edits (--resume=ID or --resume ID: that one; --resume list lists them), then run as usual."
    )
    public static let rate = Option(
        spelling: "--rate", valueName: "n",
        help: "Never send more than n requests a second, all parallel loops together (option rate; docs/bulk.md).")
    /// The options ArgumentParser adds by itself.
    public static let builtIn = [
        Option(spelling: "--version", help: "Show the version and the commit refsh was built from."),
        Option(
            spelling: "--generate-completion-script", valueName: "shell",
            help: "Print the completion script for bash, zsh or fish (scripts/install installs them)."),
        Option(spelling: "-h, --help", help: "Show help information."),
    ]
    /// Every option, in the order the man page lists them.
    public static let options =
        [
            commands, variable, endpoint, insecure, tokenFile, tokenCommand, rate, trace, traceBodies, record, redactPII, replay, resume, noConfig,
            manualPage,
        ] + builtIn

    /// The paragraphs after the usage in `--help`, and the man page's description.
    public static let description = [
        "With a script file, runs it ($1, $2, ... are the arguments after it). With -c, runs the commands given. With standard "
            + "input not a terminal, runs it as a script. Otherwise starts the interactive shell.",
        "refsh test [--jobs N] [--junit FILE] [--tap] [--fail-fast] PATH... runs .refscript files as a test suite, each in a "
            + "fresh sandbox (refsh test --help; docs/testing.md).",
        "refsh mcp [--allow-writes] [--redact-pii] [--endpoint URL] serves the referral tools to an AI assistant over the "
            + "Model Context Protocol on standard input and output, read-only unless --allow-writes (refsh mcp --help; docs/mcp.md).",
        "Requests go to --endpoint (or REFSH_ENDPOINT); with neither, to the embedded sandbox, a local emulation of the API "
            + "started on first use. The token comes from --token-file, else REFSH_TOKEN (the `token` command replaces either), "
            + "else --token-command (REFSH_TOKEN_COMMAND), else the sign-in cached by `login` (Microsoft Entra ID device code; "
            + "REFSH_TENANT, REFSH_CLIENT_ID and REFSH_AUTHORITY are its defaults).",
    ]

    /// The exit codes in one paragraph, as `--help` ends.
    public static var exitCodes: String {
        "Exit codes: " + ExitCode.documented.map { "\($0.code.rawValue) \($0.summary)" }.joined(separator: ", ") + "."
    }

    /// `--help`'s discussion: the description and the exit codes.
    public static var discussion: String { (description + [exitCodes]).joined(separator: "\n\n") }
}
