import ArgumentParser
import Foundation
import LineEditor
import RefScript
import Shell

#if canImport(Glibc)
import Glibc
#endif

/// The refsh executable: parses flags and hands over to the Shell.
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

    /// Where requests go and with which token, from the flags and the environment.
    func connection(environment: [String: String]) throws -> ConnectionSettings {
        var settings = ConnectionSettings(correlationId: "")
        if let text = endpoint ?? environment["REFSH_ENDPOINT"].flatMap({ $0.isEmpty ? nil : $0 }) {
            switch EndpointPolicy.endpoint(text, insecure: insecure) {
            case .success(let chosen): settings.endpoint = chosen
            case .failure(let refusal): throw ValidationError(refusal.message)
            }
            settings.insecure = insecure
        }
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw ValidationError("cannot read the token file \(tokenFile)")
            }
            do {
                settings.token = Secret(try TokenCommand.cleaned(text))
            } catch {
                throw ValidationError("the token file \(tokenFile): \(error.message)")
            }
            settings.tokenSource = "file \(tokenFile)"
        } else if let value = environment["REFSH_TOKEN"], !value.trimming(" \t\r\n").isEmpty {  // empty: no token
            do {
                settings.token = Secret(try TokenCommand.cleaned(value))
            } catch {
                throw ValidationError("REFSH_TOKEN: \(error.message)")
            }
            settings.tokenSource = "REFSH_TOKEN"
        }
        return settings
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let connection = try connection(environment: environment)
        let streams = StandardStreams()
        let seedCount = environment["REFSH_SANDBOX_SEED"].flatMap { Int($0) }.map { max(0, min($0, 100_000)) } ?? 300
        let connector = RefshConnector(
            sandboxStore: RefshConnector.defaultSandboxStore(environment: environment), seedCount: seedCount
        ) { notice in
            FileHandle.standardError.write(Data(notice.utf8))
        }
        let history = ReaderHistory()
        let world = ScriptWorld(
            output: streams, files: LocalFileSystem(), environment: ProcessEnvironment(), connector: connector,
            secrets: TerminalSecretReader(), history: history)
        let pairs = variables.map { v in
            let equals = v.firstIndex(of: "=") ?? v.endIndex
            return (String(v[..<equals]), String(v[v.index(after: equals)...]))
        }
        let code: RefScript.ExitCode
        if let commands {
            code = await ScriptRunner.run(
                text: commands, name: "-c", arguments: scriptAndArguments, variables: pairs, world: world, connection: connection)
        } else if let script = scriptAndArguments.first {
            do {
                let text = try LocalFileSystem().readText(script)
                code = await ScriptRunner.run(
                    text: text, name: script, arguments: Array(scriptAndArguments.dropFirst()), variables: pairs, world: world,
                    connection: connection)
            } catch {
                streams.writeError("refsh: cannot read \(script): \(error.message)\n")
                code = .usage
            }
        } else if isatty(0) == 0 {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            if let text = String(validating: data, as: UTF8.self) {
                code = await ScriptRunner.run(text: text, name: "<stdin>", variables: pairs, world: world, connection: connection)
            } else {
                streams.writeError("refsh: standard input is not UTF-8 text\n")
                code = .usage
            }
        } else {
            let interpreter = ScriptRunner.makeInterpreter(name: "refsh", arguments: [], variables: pairs, world: world, connection: connection)
            var shell = InteractiveShell(interpreter: interpreter, showsPrompt: true)
            streams.write("refsh — type 'help' for commands, Tab to complete, 'exit' or Ctrl-D to leave\n")
            if connection.endpoint == .sandbox {
                streams.write("requests go to the embedded sandbox (sample data); 'connect <url>' for the real service\n")
            }
            if !noConfig, let path = StartupConfig.path(environment: environment) {
                if let text = try? LocalFileSystem().readText(path) {
                    await shell.runStartup(text, name: path)
                } else {
                    streams.writeError("refsh: cannot read the config file \(path)\n")
                }
            }
            streams.flush()
            if var reader = EditLineReader(
                program: "refsh", historyFile: HistoryFile.path(environment: ProcessEnvironment()),
                keepInHistory: HistoryFile.mayRecord)
            {
                let completer = ShellCompleter(interpreter: shell.interpreter)
                reader.completer = completer
                history.reader = reader
                code = await shell.run(reader: &reader, completer: completer)
            } else {
                var reader = PlainLineReader()
                code = await shell.run(reader: &reader)
            }
        }
        streams.flush()
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
