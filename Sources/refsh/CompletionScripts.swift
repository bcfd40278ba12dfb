import ArgumentParser
import Foundation

/// The completion scripts ArgumentParser generates, mended where refsh's command line (a script
/// and its arguments, and the subcommands `test` and `mcp`) is more than they handle:
/// - bash: the generated `_refsh` reads every word after refsh's options as the script's, so it
///   never reaches `test` and `mcp`; a function of refsh's hands `refsh test …` (first word) and
///   `refsh [connection options] mcp …` to their generated functions, as `main` hands them over,
///   and offers both names for the first word;
/// - zsh: `_arguments` refuses two rest-of-line specs (the script's words and the subcommand's),
///   which broke every refsh completion; the script's is left out, the first word offers
///   `.refscript` files beside the subcommands, and the words after a script any file;
/// - fish: as generated.
enum CompletionScripts {
    /// The mended script `arguments` ask for (`--generate-completion-script bash|zsh`), if any.
    static func requested(_ arguments: [String]) -> String? {
        let shell: String
        switch arguments.count {
        case 2 where arguments[0] == "--generate-completion-script": shell = arguments[1]
        case 1 where arguments[0].hasPrefix("--generate-completion-script="): shell = String(arguments[0].dropFirst(29))
        default: return nil
        }
        switch shell {
        case "bash": return Refsh.completionScript(for: .bash) + "\n" + bashWrapper
        case "zsh": return zsh(Refsh.completionScript(for: .zsh))
        default: return nil
        }
    }

    /// The zsh script with one rest-of-line spec, the script's words completed in its states.
    static func zsh(_ generated: String) -> String {
        var out: [String] = []
        for line in generated.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("'*:script:") { continue }
            out.append(line)
            let indent = String(line.prefix { $0 == " " })
            if trimmed == "_describe -V subcommand subcommands && ret=0" {
                out.append(indent + "_files -g '*.refscript' && ret=0")
            }
            if trimmed == #""_refsh_${words[1]}" && ret=0"# {
                let outer = String(indent.dropLast(4))
                out += [indent + ";;", outer + "*)", indent + "_files && ret=0"]
            }
        }
        return out.joined(separator: "\n")
    }

    static let bashWrapper = #"""
        _refsh_with_subcommands() {
            local state
            state="$(shopt -p;shopt -po)"
            trap "${state//$'\n'/;}" RETURN
            shopt -s extglob
            local -r cur="${2}"
            local -r prev="${3}"
            local -i i=1
            while ((i < COMP_CWORD)); do
                case "${COMP_WORDS[i]}" in
                --endpoint | --token-file | --token-command | --rate) ((i += 2)) ;;
                --insecure | --redact-pii) ((i += 1)) ;;
                *) break ;;
                esac
            done
            local -r word="${COMP_WORDS[i]}"
            if ((i < COMP_CWORD)) && [[ ("${word}" == test && i -eq 1) || "${word}" == mcp ]]; then
                local -i positional_number
                local -a repeating_flags non_repeating_flags repeating_options non_repeating_options
                local -a unparsed_words=("${COMP_WORDS[@]:i+1:COMP_CWORD-i}")
                "_refsh_${word}"
                return
            fi
            _refsh "${@}"
            if ((i == COMP_CWORD)); then
                local name
                for name in test mcp; do
                    [[ "${name}" == "${cur}"* && (${name} == mcp || i -eq 1) ]] && COMPREPLY+=("${name}")
                done
            fi
        }

        complete -o filenames -F _refsh_with_subcommands refsh

        """#
}
