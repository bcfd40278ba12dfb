import ArgumentParser
import Foundation
import ReferralsWire
import RefshApp

/// The refsh executable: parses flags and hands over to ``Launch``, the composition root.
@main
struct Refsh: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        // The usage as before the subcommands were declared: refsh needs none of them.
        commandName: "refsh", abstract: CommandLineHelp.abstract, usage: "refsh [<options>] [<script> ...]", discussion: CommandLineHelp.discussion,
        version: Launch.versionText,
        // `main` hands these over itself, before the script words are set apart; declared here so
        // that help and the completion scripts know them.
        subcommands: [RefshTest.self, RefshMCP.self])

    @Option(name: .customShort("c"), help: help(CommandLineHelp.commands))
    var commands: String?

    @Option(name: .customLong("var"), help: help(CommandLineHelp.variable))
    var variables: [String] = []

    @Option(help: help(CommandLineHelp.endpoint))
    var endpoint: String?

    @Flag(help: help(CommandLineHelp.insecure))
    var insecure = false

    @Option(name: .customLong("token-file"), help: help(CommandLineHelp.tokenFile), completion: .file())
    var tokenFile: String?

    @Option(name: .customLong("token-command"), help: help(CommandLineHelp.tokenCommand))
    var tokenCommand: String?

    @Option(help: help(CommandLineHelp.rate))
    var rate: String?

    // `--trace` alone is followed by a script (optionalValues): Tab offers files either way.
    @Option(name: .customLong("trace"), help: help(CommandLineHelp.trace), completion: .file())
    var trace: String?

    @Flag(name: .customLong("trace-bodies"), help: help(CommandLineHelp.traceBodies))
    var traceBodies = false

    @Option(name: .customLong("record"), help: help(CommandLineHelp.record), completion: .file(extensions: ["har"]))
    var record: String?

    @Flag(name: .customLong("redact-pii"), help: help(CommandLineHelp.redactPII))
    var redactPII = false

    @Option(name: .customLong("replay"), help: help(CommandLineHelp.replay), completion: .file(extensions: ["har"]))
    var replay: String?

    @Option(name: .customLong("resume"), help: help(CommandLineHelp.resume))
    var resume: String?

    @Flag(name: .customLong("no-config"), help: help(CommandLineHelp.noConfig))
    var noConfig = false

    @Flag(name: .customLong("manual-page"), help: help(CommandLineHelp.manualPage))
    var manualPage = false

    @ArgumentParser.Argument(
        parsing: .allUnrecognized, help: ArgumentHelp("A .refscript file and its arguments.", valueName: "script"),
        completion: .file(extensions: ["refscript"]))
    var scriptAndArguments: [String] = []

    /// The arguments as ArgumentParser should see them. `--trace` and `--resume` may stand alone
    /// (ArgumentParser has no options whose value may be left out): `--trace` alone traces to
    /// standard error, `--resume` alone takes up the newest session; a value goes after `=`
    /// (`--resume list` and `--resume <session id>` excepted). Every word from the script name
    /// on (`-` too) is the script's, as it is: a `--` goes before the name, so ArgumentParser
    /// reads none of them as refsh's options.
    static func optionalValues(_ arguments: [String]) throws(ValidationError) -> [String] {
        var result: [String] = []
        var index = 0
        let takesValue = Self.optionsWithValues
        try RepeatedOption.check(
            arguments, singleValued: takesValue.union(["--trace", "--resume"]).subtracting(["--var"]), valued: takesValue, stopsAtWord: true)
        let commandsGiven = arguments.prefix { $0 != "--" }.contains("-c")
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if argument == "-" || !argument.hasPrefix("-") {
                result += ["--"] + arguments[index...]
                break
            }
            switch argument {
            case "--trace", "--resume":
                let next = index + 1 < arguments.count ? arguments[index + 1] : nil
                if argument == "--resume", let next, next == "list" || isSessionId(next) {
                    index += 1
                    result.append("--resume=" + next)
                } else if argument == "--resume", let next, !next.hasPrefix("-"), commandsGiven || !FileManager.default.fileExists(atPath: next) {
                    // A mistyped id is not run as a script that is not there either.
                    throw ValidationError(
                        "--resume \(next): that is not a session id (refsh --resume list lists them)"
                            + (commandsGiven ? "" : ", and no script file has that name"))
                } else if commandsGiven, let next, !next.hasPrefix("-") {
                    // With -c there is no script: the word would be -c's $1, which is not what anyone means.
                    throw ValidationError("write \(argument)=\(next) (with a space, '\(next)' would be an argument of -c)")
                } else {
                    result.append(argument == "--trace" ? "--trace=-" : "--resume=latest")
                }
            default:
                result.append(argument)
                if takesValue.contains(argument), index + 1 < arguments.count {
                    index += 1
                    result.append(arguments[index])
                }
            }
            index += 1
        }
        return result
    }

    /// `refsh test …` or `refsh mcp …` (`arguments` after the subcommand's name), with usage
    /// errors exiting 2 like the rest of refsh, and help and usage naming `refsh test`.
    /// `valued`: its options that take a value, each once but those in `repeatable`.
    static func runSubcommand(
        _ type: any AsyncParsableCommand.Type, _ arguments: [String], valued: Set<String>, repeatable: Set<String> = []
    ) async {
        do {
            try RepeatedOption.check(arguments, singleValued: valued.subtracting(repeatable), valued: valued, stopsAtWord: false)
            var command = try type.parseAsRoot(RepeatedOption.joiningNegativeValues(arguments, valued: valued))
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            switch type.exitCode(for: error) {
            case .validationFailure:
                let name = type.configuration.commandName ?? ""
                let text = "refsh \(name): " + type.message(for: error) + "\nusage: " + usageString(for: type) + "\n"
                FileHandle.standardError.write(Data(text.utf8))
                Foundation.exit(2)
            case .success:
                // --help: the subcommand's help as refsh's (`refsh test`, not `test`); --version as it is.
                let text = type.fullMessage(for: error)
                print(text.hasPrefix("OVERVIEW:") || text.hasPrefix("USAGE:") ? helpMessage(for: type) : text)
                Foundation.exit(0)
            default:
                type.exit(withError: error)
            }
        }
    }

    /// `refsh help`, `refsh help test`, `refsh help mcp` (as ArgumentParser's help suggests): the
    /// help to print, unless a script named `help` is here to run.
    static func helpAsked(_ arguments: [String]) -> String? {
        guard arguments.first == "help", arguments.count <= 2, !FileManager.default.fileExists(atPath: "help") else { return nil }
        guard arguments.count == 2 else { return rootHelp() }
        let subcommands: [String: any ParsableCommand.Type] = ["test": RefshTest.self, "mcp": RefshMCP.self]
        return subcommands[arguments[1]].map { helpMessage(for: $0) }
    }

    /// `refsh --help`: ArgumentParser's, with `--trace` and `--resume` spelled as they are read
    /// (their value is optional, after `=`), as the manual page spells them.
    static func rootHelp() -> String {
        helpMessage()
            .replacingOccurrences(of: "  --trace <file>  ", with: "  --trace[=<file>]")
            .replacingOccurrences(of: "  --resume <id>       ", with: "  --resume[=<id>|list]")
    }

    /// Whether `text` is spelled like a session journal's id (`20261203-140506-<pid>-<hex>`).
    static func isSessionId(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 4 && parts[0].count == 8 && parts[1].count == 6 && parts.dropLast().allSatisfy { $0.allSatisfy(\.isNumber) }
            && parts[3].allSatisfy(\.isHexDigit)
    }

    /// An option's help as ArgumentParser shows it, from the one table.
    static func help(_ option: CommandLineHelp.Option) -> ArgumentHelp {
        ArgumentHelp(option.help, valueName: option.valueName)
    }

    func validate() throws {
        if let first = scriptAndArguments.first, first.hasPrefix("-"), first != "-", first != "--" {
            // `--token=<a pasted token>` is not quoted back.
            throw ValidationError("unknown option '\(first)'")
        }
        for variable in variables {
            guard let equals = variable.firstIndex(of: "="), equals != variable.startIndex else {
                throw ValidationError("--var needs name=value, got '\(variable)'")
            }
        }
    }

    func run() async throws {
        if manualPage {
            print(ManualPage.render(), terminator: "")
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let pairs = variables.map { variable in
            let equals = variable.firstIndex(of: "=") ?? variable.endIndex
            return (String(variable[..<equals]), String(variable[variable.index(after: equals)...]))
        }
        var request: LaunchRequest
        do {
            request = try LaunchRequest(
                commands: commands, scriptAndArguments: scriptAndArguments.first == "--" ? Array(scriptAndArguments.dropFirst()) : scriptAndArguments,
                variables: pairs,
                connection: ConnectionOptions(endpoint: endpoint, insecure: insecure, tokenFile: tokenFile, tokenCommand: tokenCommand),
                readsConfig: !noConfig, environment: environment)
        } catch {
            throw ValidationError(error.message)
        }
        var support = SupportOptions()
        support.trace = trace
        support.traceBodies = traceBodies
        support.record = record
        support.redactPII = redactPII
        support.replay = replay
        support.resume = resume
        if let clash = support.clash { throw ValidationError(clash) }
        request.support = support
        do {
            try request.setRate(rate)
        } catch {
            throw ValidationError(error.message)
        }
        Launch.exit(await Launch.run(request, environment: environment))
    }

    /// Whether the text after `-c` is not UTF-8 (CommandLine.arguments would have repaired it
    /// with U+FFFD and run something other than what was written).
    /// Only refsh's own options count: after the script's name, a `-c` is the script's.
    static func commandsAreNotText() -> String? {
        let count = Int(CommandLine.argc)
        var index = 1
        while index < count - 1, let raw = CommandLine.unsafeArgv[index] {
            let argument = String(cString: raw)
            if argument == "-c" {
                guard let commands = CommandLine.unsafeArgv[index + 1] else { return nil }
                let bytes = Array(UnsafeBufferPointer(start: commands, count: strlen(commands))).map { UInt8(bitPattern: $0) }
                return Launch.notTextError(bytes, name: "-c")
            }
            guard argument.hasPrefix("-"), argument != "-", argument != "--" else { return nil }
            index += optionsWithValues.contains(argument) ? 2 : 1
        }
        return nil
    }

    /// refsh's options that take the next word as their value.
    static let optionsWithValues: Set<String> = [
        "-c", "--var", "--endpoint", "--token-file", "--token-command", "--record", "--replay", "--rate", "--generate-completion-script",
    ]

    /// Like ArgumentParser's main, but usage errors exit with 2 as the README documents.
    static func main() async {
        _ = StandardDescriptors.closedAtStart  // before anything opens a file
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let help = helpAsked(arguments) {
            print(help)
            return
        }
        if let refusal = commandsAreNotText() {
            // As a script file or standard input that is not UTF-8 is refused: nothing runs.
            FileHandle.standardError.write(Data((refusal + "\n").utf8))
            Foundation.exit(2)
        }
        if let script = CompletionScripts.requested(arguments) {
            print(script, terminator: "")
            return
        }
        if arguments.first == "test" {
            await runSubcommand(RefshTest.self, Array(arguments.dropFirst()), valued: RefshTest.optionsWithValues, repeatable: ["--var"])
            return
        }
        if let rest = RefshMCP.arguments(in: arguments) {
            await RefshMCP.serve(rest)
            return
        }
        do {
            // `--rate -1` is a value its check refuses, not a missing value and an option -1.
            let words = RepeatedOption.joiningNegativeValues(try optionalValues(Array(CommandLine.arguments.dropFirst())), valued: optionsWithValues)
            var command = try parseAsRoot(words)
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success, fullMessage(for: error).hasPrefix("OVERVIEW:") {
                print(rootHelp())
                return
            }
            if code == .validationFailure {
                // A token given in the wrong place (`refsh <token>`) is not quoted back.
                let said = SecretShape.masked(message(for: error))
                FileHandle.standardError.write(Data(("refsh: " + said + "\nusage: " + usageString() + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
