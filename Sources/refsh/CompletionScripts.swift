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
/// - fish: the generated parser lets the script's words swallow the subcommands' names, and offers
///   the names after a script; the first word now tells a subcommand from a script, `test` only
///   there, and the names are offered for the first word.
enum CompletionScripts {
    /// The mended script `arguments` ask for (`--generate-completion-script bash|zsh|fish`), if any.
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
        case "fish": return fish(Refsh.completionScript(for: .fish))
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

    /// The fish script whose token parser stops at refsh's first word: a subcommand's name (`test`
    /// only as the very first) hands on to its options; anything else is a script, whose words
    /// count as positionals, so the names are offered for the first word only.
    static func fish(_ generated: String) -> String {
        var out: [String] = []
        var inRefsh = false
        for line in generated.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = String(line.prefix { $0 == " " })
            if trimmed.hasPrefix("__refsh_parse_subcommand -r 1 'c='") {
                inRefsh = true
                out.append(indent + "set -l first $unparsed_tokens[2]")
                out.append(indent + "__refsh_parse_subcommand 0 " + trimmed.dropFirst("__refsh_parse_subcommand -r 1 ".count))
                continue
            }
            if inRefsh, trimmed == "case 'test'" {
                out.append(line)
                out.append(indent + "    test \"$first\" = test; or set positional_index (math $positional_index + (count $unparsed_tokens))")
                out.append(indent + "    test \"$first\" = test; and \\")
                continue
            }
            if inRefsh, trimmed == "end" {
                // The end of the subcommands' switch: any other first word is a script.
                out.append(indent + "case '*'")
                out.append(indent + "    set positional_index (math $positional_index + (count $unparsed_tokens))")
                inRefsh = false
            }
            out.append(line.replacingOccurrences(of: #"positional "refsh" -eq 2'"#, with: #"positional "refsh" -eq 1'"#))
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
