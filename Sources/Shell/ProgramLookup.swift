import Foundation

/// Whether the program a user's shell command starts (`$EDITOR`, `$PAGER`) is installed, known
/// before it runs: `/bin/sh` says `not found` on the terminal in its own words, and refsh then
/// says it again in its own. Only a plain first word is judged; anything the shell would expand
/// first (quotes, `$`, globs, operators) is left to the shell.
enum ProgramLookup {
    /// The shell's own commands, which no PATH holds but `sh -c` runs.
    static let builtins: Set<String> = [
        ":", ".", "[", "alias", "bg", "break", "cd", "command", "continue", "echo", "eval", "exec", "exit", "export", "false", "fc", "fg",
        "getopts", "hash", "jobs", "kill", "local", "printf", "pwd", "read", "readonly", "return", "set", "shift", "test", "times", "trap",
        "true", "type", "ulimit", "umask", "unalias", "unset", "wait", "if", "for", "while", "until", "case", "{", "(", "!",
    ]

    /// Characters after which the first word is the shell's to read.
    static let expanded = Set("$`'\"\\;|&()<>*?[]{}~!#")

    /// The program `command` starts when it is certainly not installed (not a builtin, not on
    /// `path`, not an executable file when it names one); `nil` when it is, or when refsh cannot
    /// tell without the shell.
    static func missing(
        in command: String, path: String?, home: String? = nil, directory: String = FileManager.default.currentDirectoryPath
    ) -> String? {
        // With no PATH, dash searches its own default.
        let path = path ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        var words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // `LESS=FRX less`: assignments before the program; one the shell expands first
        // (`X=$(cmd a b) nano`) may hold spaces, so where the program starts is the shell's to say.
        while let first = words.first, let equals = first.firstIndex(of: "="), isName(first[..<equals]) {
            if first.contains(where: expanded.contains) { return nil }
            words.removeFirst()
        }
        guard var program = words.first, !builtins.contains(program) else { return nil }
        // `~/bin/ed` is $HOME's, as the shell reads it.
        if program.hasPrefix("~/"), let home, !home.isEmpty { program = home + program.dropFirst() }
        guard !program.contains(where: expanded.contains) else { return nil }
        if program.contains("/") {
            let full = program.hasPrefix("/") ? program : (directory as NSString).appendingPathComponent(program)
            return isProgram(full) ? nil : words[0]
        }
        let folders = path.split(separator: ":", omittingEmptySubsequences: false).map { $0.isEmpty ? directory : String($0) }
        if folders.contains(where: { !$0.hasPrefix("/") }) { return nil }  // `~/bin`, `bin`: as the shell reads them
        return folders.contains { isProgram($0 + "/" + program) } ? nil : program
    }

    /// An executable file that is not a folder (a folder's x bit lets one enter it, not run it).
    private static func isProgram(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.first, first == "_" || first.isASCII && first.isLetter else { return false }
        return text.allSatisfy { $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
