import BuildInfo
import RefScript

/// The `refsh(1)` manual page in roff, made from the same tables as `--help` (``CommandLineHelp``)
/// and `help` (the command registry's specs, and the exit-code table), so the three never disagree.
public enum ManualPage {
    /// The whole page.
    public static func render(registry: CommandRegistry = .standard) -> String {
        var page = [
            ".TH REFSH 1 \"\" \"\(escape(RefshBuild.description))\" \"User Commands\"",
            ".SH NAME", "refsh \\- \(escape(nameLine(CommandLineHelp.abstract)))",
            ".SH SYNOPSIS", ".B refsh", "[\\fIoptions\\fR] [\\fIscript\\fR [\\fIargument\\fR ...]]",
            ".SH DESCRIPTION",
        ]
        page += CommandLineHelp.description.flatMap { [".PP", escape($0)] }
        page += [".SH OPTIONS"]
        for option in CommandLineHelp.options {
            // `--trace[=file]` spells its value already.
            let value = option.spelling.contains("[=") ? "" : option.valueName.map { " \\fI\(escape($0))\\fR" } ?? ""
            page += [".TP", "\\fB\(escape(option.spelling))\\fR\(value)", escape(option.help)]
        }
        page += [".SH COMMANDS", "The language's commands; inside refsh, \\fBhelp\\fR \\fIcommand\\fR shows the same text."]
        for command in registry.commands {
            let spec = command.spec
            page += [".TP", "\\fB\(escape(spec.synopsis))\\fR", escape(spec.summary)]
            for paragraph in paragraphs(spec.help) {
                // Examples and tables keep their lines and indentation (roff would fill them into one).
                page += paragraph.preformatted ? [".IP", ".nf", escape(paragraph.text), ".fi"] : [".IP", escape(paragraph.text)]
            }
            if !spec.aliases.isEmpty { page += [".IP", "Also: " + spec.aliases.map { "\\fB\(escape($0))\\fR" }.joined(separator: ", ") + "."] }
        }
        page += [".SH EXIT STATUS"]
        for entry in ExitCode.documented {
            page += [".TP", "\\fB\(entry.code.rawValue)\\fR", escape(entry.meaning)]
        }
        page += [".SH ENVIRONMENT"]
        for (name, meaning) in environment {
            page += [".TP", "\\fB\(name)\\fR", escape(meaning)]
        }
        page += [".SH FILES"]
        for (name, meaning) in files {
            page += [".TP", "\\fI\(escape(name))\\fR", escape(meaning)]
        }
        page += [".SH SEE ALSO", "\\fBcurl\\fR(1), \\fBjq\\fR(1); the README and docs/ of the refsh repository."]
        return page.joined(separator: "\n") + "\n"
    }

    static let environment = [
        ("REFSH_ENDPOINT", "The Referrals API to use when --endpoint is not given; empty or unset: the embedded sandbox."),
        ("REFSH_TOKEN", "The bearer token, when --token-file is not given. It never reaches the output, the history or a log."),
        ("REFSH_TOKEN_COMMAND", "A credential helper whose output is the token, when --token-command is not given."),
        ("REFSH_TENANT, REFSH_CLIENT_ID, REFSH_AUTHORITY", "The defaults of login: the tenant, the application and the sign-in authority."),
        ("REFSH_CONFIG", "Another config file for the interactive shell (see FILES)."),
        ("REFSH_SANDBOX_SEED", "How many generated referrals a new sandbox store gets (0 to 100000; default 300)."),
        ("PAGER", "Shows a long show in the interactive shell (default: less -R)."),
        ("NO_COLOR", "When set and not empty, no colours (option color auto)."),
        ("XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_DATA_HOME", "Where the files below live (default ~/.config, ~/.local/state, ~/.local/share)."),
    ]

    static let files = [
        (
            "$XDG_CONFIG_HOME/refsh/config",
            "Commands the interactive shell runs first (not with --no-config); else ~/.refshrc; REFSH_CONFIG names another."
        ),
        ("$XDG_STATE_HOME/refsh/history", "The interactive history; never a token command or a line with the token."),
        ("$XDG_STATE_HOME/refsh/seen/", "Referral ids seen, per endpoint, so short ids resolve in a later session."),
        ("$XDG_DATA_HOME/refsh/sandbox.sqlite", "The embedded sandbox's referrals (created and seeded on first use)."),
    ]

    /// `text` safe in roff: backslashes and hyphens escaped, other than ASCII as `\[uXXXX]`, no
    /// line starting with a control character.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\e"
            case "-": escaped += "\\-"
            case _ where scalar.isASCII: escaped.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        return escaped.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line)
        }.joined(separator: "\n")
    }

    /// Help text's paragraphs (split at blank lines): prose on one line (roff fills lines
    /// itself), and a paragraph with an indented line (an example, a table) as it is written.
    static func paragraphs(_ text: String) -> [(text: String, preformatted: Bool)] {
        text.split(separator: "\n\n").map { paragraph in
            let lines = paragraph.split(separator: "\n")
            if lines.contains(where: { $0.hasPrefix("  ") }) { return (lines.joined(separator: "\n"), true) }
            return (lines.map { $0.drop { $0 == " " } }.joined(separator: " "), false)
        }
    }

    /// The abstract as the NAME line's words: `a shell for …`, without the full stop.
    static func nameLine(_ abstract: String) -> String {
        let text = abstract.hasSuffix(".") ? String(abstract.dropLast()) : abstract
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
