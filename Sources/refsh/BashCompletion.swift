import ArgumentParser

/// The bash completion script: ArgumentParser's, and a function of refsh's around it. The
/// generated `_refsh` reads every word after refsh's options as the script's (refsh takes a
/// script and its arguments there), so it never reaches `test` and `mcp`; the wrapper hands
/// `refsh test …` (first word) and `refsh [connection options] mcp …` to their generated
/// functions, as `main` hands them over, and offers both names for the first word.
enum BashCompletion {
    /// Whether `arguments` ask for the bash script.
    static func isRequested(_ arguments: [String]) -> Bool {
        arguments == ["--generate-completion-script", "bash"] || arguments == ["--generate-completion-script=bash"]
    }

    static func script() -> String {
        Refsh.completionScript(for: .bash) + "\n" + wrapper
    }

    static let wrapper = #"""
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
