import Foundation
import RefScript

#if canImport(Glibc)
import Glibc
#endif

/// `$PAGER` (default `less -R`, when it is installed) for output longer than the terminal it
/// would go to. Nothing is paged when standard output is not a terminal.
public struct TerminalPager: Pager {
    let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    public func isLongerThanScreen(_ lineCount: Int) -> Bool {
        guard isatty(1) == 1 else { return false }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return false }
        return lineCount >= Int(size.ws_row) - 1  // a line is left for the prompt
    }

    /// Whether the pager showed `text`. A pager that could not start, or is not installed
    /// (the shell's 126 and 127, after its own "not found" line), did not: the text is printed.
    public func page(_ text: String) -> Bool {
        guard let command = pagerCommand() else { return false }
        if ProgramLookup.missing(in: command, path: environment["PATH"], home: environment["HOME"]) != nil {
            StandardStreams.writeError(Self.didNotStart(command))
            return false
        }
        // `PAGER=less` shows colours as codes unless less is told -R: refsh sets LESS=R (and LV=-c
        // for lv) when the user set none, as git does, so any pager named less shows them.
        let script = #"LESS="${LESS-R}" LV="${LV--c}"; export LESS LV; "# + command
        switch TerminalProgram.run(script, name: "refsh-pager", input: text) {
        case nil, .exited(126)?, .exited(127)?:
            StandardStreams.writeError(Self.didNotStart(command))
            return false
        default:
            return true
        }
    }

    static func didNotStart(_ command: String) -> String {
        "refsh: the pager '\(command)' did not start (set PAGER to one that is installed); printed instead\n"
    }

    /// `$PAGER` as the user set it, else `less -R` when `less` is on the PATH; `nil`: print instead.
    func pagerCommand() -> String? {
        if let pager = environment["PAGER"] { return pager.trimmingCharacters(in: .whitespaces).isEmpty ? nil : pager }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/less") }
        return found ? "less -R" : nil
    }
}
