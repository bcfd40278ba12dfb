import ArgumentParser

/// Options that take one value, given twice: ArgumentParser keeps the last silently, so
/// `refsh -c A -c B` ran B alone. Refused instead, before anything runs.
enum RepeatedOption {
    /// A usage error for the first of `singleValued` given twice among `arguments` (as
    /// `--name value` or `--name=value`); a word after `valued` (every option that takes the next
    /// word) is its value, and the scan stops at `--` or, with `stopsAtWord`, at the first word
    /// that is not an option (a script's name: its own arguments follow).
    static func check(_ arguments: [String], singleValued: Set<String>, valued: Set<String>, stopsAtWord: Bool) throws(ValidationError) {
        var seen: Set<String> = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" || (stopsAtWord && (argument == "-" || !argument.hasPrefix("-"))) { return }
            let name = argument.hasPrefix("--") ? String(argument.prefix { $0 != "=" }) : argument
            if singleValued.contains(name), !seen.insert(name).inserted {
                throw ValidationError(
                    name == "-c"
                        ? "-c is given twice: write all the commands in one -c, separated by ';'"
                        : "\(name) is given twice; give it once")
            }
            index += valued.contains(argument) ? 2 : 1
        }
    }
}
