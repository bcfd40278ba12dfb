import ArgumentParser

/// Options that take one value, given twice: ArgumentParser keeps the last silently, so
/// `refsh -c A -c B` ran B alone. Refused instead, before anything runs.
enum RepeatedOption {
    /// `arguments` with a negative number after an option that takes a value joined to it
    /// (`--jobs -1` as `--jobs=-1`): ArgumentParser read `-1` as an option and said the value
    /// was missing, where the option's own check names what it takes.
    static func joiningNegativeValues(_ arguments: [String], valued: Set<String>) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), valued.contains(argument), index + 1 < arguments.count, isNegativeNumber(arguments[index + 1]) {
                result.append(argument + "=" + arguments[index + 1])
                index += 2
                continue
            }
            result.append(argument)
            if valued.contains(argument), index + 1 < arguments.count {
                result.append(arguments[index + 1])  // a value, whatever it looks like
                index += 2
            } else {
                index += 1
            }
        }
        return result
    }

    /// `-1`, `-0.5`: a word that is a negative number, not an option.
    private static func isNegativeNumber(_ word: String) -> Bool {
        word.count > 1 && word.hasPrefix("-") && Double(word.dropFirst()) != nil
    }

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
