import ArgumentParser
import Foundation
import RefshApp

/// The refsh executable: parses flags and hands over to ``Launch``, the composition root.
@main
struct Refsh: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refsh", abstract: CommandLineHelp.abstract, discussion: CommandLineHelp.discussion, version: Launch.versionText)

    @Option(name: .customShort("c"), help: help(CommandLineHelp.commands))
    var commands: String?

    @Option(name: .customLong("var"), help: help(CommandLineHelp.variable))
    var variables: [String] = []

    @Option(help: help(CommandLineHelp.endpoint))
    var endpoint: String?

    @Flag(help: help(CommandLineHelp.insecure))
    var insecure = false

    @Option(name: .customLong("token-file"), help: help(CommandLineHelp.tokenFile))
    var tokenFile: String?

    @Option(name: .customLong("token-command"), help: help(CommandLineHelp.tokenCommand))
    var tokenCommand: String?

    @Flag(name: .customLong("no-config"), help: help(CommandLineHelp.noConfig))
    var noConfig = false

    @Flag(name: .customLong("manual-page"), help: help(CommandLineHelp.manualPage))
    var manualPage = false

    @ArgumentParser.Argument(parsing: .allUnrecognized, help: ArgumentHelp("A .refscript file and its arguments.", valueName: "script"))
    var scriptAndArguments: [String] = []

    /// An option's help as ArgumentParser shows it, from the one table.
    static func help(_ option: CommandLineHelp.Option) -> ArgumentHelp {
        ArgumentHelp(option.help, valueName: option.valueName)
    }

    func validate() throws {
        if let first = scriptAndArguments.first, first.hasPrefix("-"), first != "-" {
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
        let request: LaunchRequest
        do {
            request = try LaunchRequest(
                commands: commands, scriptAndArguments: scriptAndArguments, variables: pairs,
                connection: ConnectionOptions(endpoint: endpoint, insecure: insecure, tokenFile: tokenFile, tokenCommand: tokenCommand),
                readsConfig: !noConfig, environment: environment)
        } catch {
            throw ValidationError(error.message)
        }
        let code = await Launch.run(request, environment: environment)
        Foundation.exit(code.rawValue)
    }

    /// Like ArgumentParser's main, but usage errors exit with 2 as the README documents.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data(("refsh: " + message(for: error) + "\nusage: " + usageString() + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
