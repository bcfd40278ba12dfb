import ArgumentParser
import Foundation
import RefshApp

/// The refsh executable: parses flags and hands over to ``Launch``, the composition root.
@main
struct Refsh: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refsh",
        abstract: "A shell for the Partner Center Referrals API.",
        discussion: """
            With a script file, runs it ($1, $2, ... are the arguments after it). With -c, runs the \
            commands given. With standard input not a terminal, runs it as a script. Otherwise \
            starts the interactive shell.

            Requests go to --endpoint (or REFSH_ENDPOINT); with neither, to the embedded sandbox, \
            a local emulation of the API started on first use. The token comes from \
            --token-file, REFSH_TOKEN, or the `token` command.

            Exit codes: 0 success, 1 command failed, 2 usage or syntax error, 3 assertion \
            failed, 4 conflict (412), 5 network or service error.
            """)

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these commands (separated by ';' or newlines) and exit.", valueName: "commands"))
    var commands: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a script variable (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Option(help: ArgumentHelp("The Referrals API to use (default: REFSH_ENDPOINT, else the embedded sandbox).", valueName: "url"))
    var endpoint: String?

    @Flag(help: "Allow plain http:// to a host that is not this machine (the token travels in clear).")
    var insecure = false

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Read the bearer token from this file (default: REFSH_TOKEN).", valueName: "path"))
    var tokenFile: String?

    @Flag(name: .customLong("no-config"), help: "Do not run the interactive config file (~/.config/refsh/config).")
    var noConfig = false

    @ArgumentParser.Argument(parsing: .allUnrecognized, help: ArgumentHelp("A .refscript file and its arguments.", valueName: "script"))
    var scriptAndArguments: [String] = []

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
        let environment = ProcessInfo.processInfo.environment
        let pairs = variables.map { variable in
            let equals = variable.firstIndex(of: "=") ?? variable.endIndex
            return (String(variable[..<equals]), String(variable[variable.index(after: equals)...]))
        }
        let request: LaunchRequest
        do {
            request = try LaunchRequest(
                commands: commands, scriptAndArguments: scriptAndArguments, variables: pairs,
                connection: ConnectionOptions(endpoint: endpoint, insecure: insecure, tokenFile: tokenFile),
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
