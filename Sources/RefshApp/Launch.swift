import BuildInfo
import Foundation
import LineEditor
import RefScript
import ReferralKit
import ReferralsWire
import SafeFiles
import Shell
import SignIn

#if canImport(Glibc)
import Glibc
#endif

/// What the command line asks refsh to run.
public struct LaunchRequest: Sendable {
    /// `-c`: these commands.
    public var commands: String?
    /// A script file and its arguments (or, with `-c`, the arguments alone).
    public var scriptAndArguments: [String]
    /// `--var name=value`, in order.
    public var variables: [(String, String)]
    public var connection: ConnectionSettings
    /// Whether the interactive shell runs the config file first (`--no-config` says no).
    public var readsConfig: Bool
    /// `--trace`, `--record`, `--redact-pii`, `--replay`, `--resume`.
    public var support = SupportOptions()
    /// `--rate`: the session throttle's cap, requests a second.
    public var rate: Double?
    /// How many generated referrals a new embedded sandbox store gets (`REFSH_SANDBOX_SEED`).
    public var sandboxSeed = Launch.defaultSandboxSeed

    /// Sets ``rate`` from `--rate`'s text; a usage error when it is not a rate.
    public mutating func setRate(_ text: String?) throws(UsageError) {
        guard let text else { return }
        do {
            rate = try RateOption.parse(text)
        } catch {
            throw UsageError("--rate: " + error.message)
        }
    }

    public init(
        commands: String?, scriptAndArguments: [String], variables: [(String, String)], connection: ConnectionSettings,
        readsConfig: Bool
    ) {
        self.commands = commands
        self.scriptAndArguments = scriptAndArguments
        self.variables = variables
        self.connection = connection
        self.readsConfig = readsConfig
    }

    /// A request whose connection comes from command-line options and the environment; a usage
    /// error when they name a refused endpoint or an unreadable or malformed token, a `--var`
    /// names no variable `let` could set, or `REFSH_SANDBOX_SEED` is not a count refsh takes.
    public init(
        commands: String?, scriptAndArguments: [String], variables: [(String, String)], connection: ConnectionOptions,
        readsConfig: Bool, environment: [String: String]
    ) throws(UsageError) {
        if let (name, _) = variables.first(where: { !Parser.isVariableName($0.0) || $0.0 == "env" }) {
            throw UsageError("--var: '\(name)' is not a variable name (letters, digits and _, not starting with a digit; not env)")
        }
        self.init(
            commands: commands, scriptAndArguments: scriptAndArguments, variables: variables,
            connection: try connection.settings(environment: environment), readsConfig: readsConfig)
        sandboxSeed = try Launch.sandboxSeedCount(environment: environment)
    }
}

/// The composition root: binds the interpreter's world (streams, files, environment, the
/// service connector with the embedded sandbox, the terminal) and runs one of refsh's modes.
public enum Launch {
    /// Runs `request` in this process's real world and returns the exit code. A script, `-c` or
    /// standard input stops cleanly on Ctrl-C or SIGTERM (``ScriptSignals``); the interactive
    /// shell has its own Ctrl-C.
    public static func run(_ request: LaunchRequest, environment: [String: String]) async -> ExitCode {
        let interactive = request.commands == nil && request.scriptAndArguments.isEmpty && isatty(0) == 1
        if interactive { return await runWritingOut(request, environment: environment) }
        return await ScriptSignals.run { await runWritingOut(request, environment: environment) }
    }

    /// Runs `request`, then writes out what is still buffered: output that did not all arrive
    /// fails the run (as coreutils do).
    private static func runWritingOut(_ request: LaunchRequest, environment: [String: String]) async -> ExitCode {
        let streams = StandardStreams(outputClosed: StandardDescriptors.closedAtStart.contains(1))
        let code = await run(request, environment: environment, streams: streams)
        streams.flush()
        guard let failure = streams.outputFailure else { return code }
        StandardStreams.writeError("refsh: cannot write to standard output: \(failure)\n")
        return code == .success ? .commandFailed : code
    }

    private static func run(_ request: LaunchRequest, environment: [String: String], streams: StandardStreams) async -> ExitCode {
        var request = request
        let prepared: PreparedSupport
        switch prepareSupport(&request, environment: environment, streams: streams) {
        case .stop(let code): return code
        case .ready(let ready): prepared = ready
        }
        let sandbox = LoopbackSandboxHost(
            storePath: defaultSandboxStore(environment: environment), seedCount: request.sandboxSeed)
        let keeper = SecretKeeper()
        let traffic = TrafficSupport(
            keeper: keeper, version: RefshBuild.version, redactsPII: request.support.redactPII, replaying: request.support.replay,
            colors: TrafficSupport.colorsOnStandardError(environment: environment)
        ) { text in StandardStreams.writeError(text) }
        let connector = RefshConnector(
            sandbox: sandbox, keeper: keeper, credentialCache: CredentialCache(path: CredentialCache.defaultPath(environment: environment)),
            tap: traffic.tap, replay: prepared.replay
        ) { notice in FileHandle.standardError.write(Data(notice.utf8)) }
        await connector.governor.setRate(request.rate)
        let history = ReaderHistory()
        var world = ScriptWorld(
            output: streams, files: LocalFileSystem(), environment: ProcessEnvironment(), connector: connector,
            secrets: TerminalSecretReader(), history: history, pager: TerminalPager(environment: environment),
            seenIds: SeenIdFile.directory(environment: ProcessEnvironment()).map(SeenIdFile.init(directory:)))
        world.version = RefshBuild.description
        world.secretKeeper = keeper
        world.traffic = traffic
        world.journal = prepared.journal
        world.editor = ShellTextEditor(environment: environment)
        if let code = await startTraffic(request.support, traffic: traffic, streams: streams) { return code }
        let code = await runMode(request, world: world, streams: streams, history: history, environment: environment, resume: prepared.resumed)
        do {
            _ = try await traffic.stopRecording()  // a recording still going is finished, silently
        } catch {
            // The recording asked for is not whole: a run that went well otherwise fails (1).
            streams.writeError("refsh: cannot finish the recording: \(error.message)\n")
            return code == .success ? .commandFailed : code
        }
        return code
    }

    /// Runs `-c`, a script, standard input or the interactive shell.
    static func runMode(
        _ request: LaunchRequest, world: ScriptWorld, streams: StandardStreams, history: ReaderHistory, environment: [String: String],
        resume: JSONValue?
    ) async -> ExitCode {
        let variables = request.variables
        if let commands = request.commands {
            ScriptSignals.arm()
            return await ScriptRunner.run(
                text: commands, name: "-c", arguments: request.scriptAndArguments, variables: variables, world: world,
                connection: request.connection, resuming: resume)
        }
        if let script = request.scriptAndArguments.first {
            do {
                let text = try LocalFileSystem().readText(script)
                // Under `refsh test`, a skipped file says so in the file the suite reads.
                let outcome = environment["REFSH_TEST_OUTCOME"].flatMap { $0.isEmpty ? nil : $0 }
                ScriptSignals.arm()
                return await ScriptRunner.run(
                    text: text, name: script, arguments: Array(request.scriptAndArguments.dropFirst()), variables: variables,
                    world: world, connection: request.connection, resuming: resume,
                    skipped: outcome.map { path in { reason in try? SafeFileWriter.write(Array(reason.utf8), to: path) } })
            } catch {
                if error == .notUTF8, let bytes = FileManager.default.contents(atPath: script),
                    let located = UTF8Position.error(in: Array(bytes), name: script)
                {
                    streams.writeError(located + "\n")
                    return .usage
                }
                // `refsh <a pasted token>`: the token is not quoted back.
                streams.writeError("refsh: cannot read \(SecretShape.masked(script)): \(error.message)\n")
                // A script that is there but is not text does not parse (2, as on standard input); a
                // missing one fails as `open` of a missing file does: the command line itself was fine.
                return error == .notUTF8 ? .usage : .commandFailed
            }
        }
        if isatty(0) == 0 {
            // At most 256 MiB, and a directory given as standard input is said in words (the
            // Foundation read trapped on it).
            let data: [UInt8]
            switch BoundedReader.readAll(0) {
            case .success(let bytes): data = bytes
            case .failure(let failure):
                streams.writeError("refsh: cannot read standard input: \(failure.message)\n")
                return .usage
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                streams.writeError((UTF8Position.error(in: Array(data), name: "<stdin>") ?? "refsh: standard input is not UTF-8 text") + "\n")
                return .usage
            }
            ScriptSignals.arm()
            return await ScriptRunner.run(
                text: text, name: "<stdin>", variables: variables, world: world, connection: request.connection, resuming: resume)
        }
        return await interactive(request, world: world, streams: streams, history: history, environment: environment, resume: resume)
    }

    /// The error for commands or a script read from `name` that are not UTF-8 text, with the
    /// line and column of the first byte that is not; `nil` for text.
    public static func notTextError(_ bytes: [UInt8], name: String) -> String? { UTF8Position.error(in: bytes, name: name) }

    /// Ends refsh with `code`; a run a signal stopped (``ScriptSignals``) ends by that signal,
    /// everything written out by now, so that a shell loop around refsh stops as well.
    public static func exit(_ code: ExitCode) -> Never {
        if let number = ScriptSignals.stoppedBy { ScriptSignals.die(by: number) }
        Foundation.exit(code.rawValue)
    }

    /// `refsh 0.9.0 (commit abc123def456)`: what `--version` prints.
    public static var versionText: String { RefshBuild.description }

    /// The generated referrals a new sandbox store gets when `REFSH_SANDBOX_SEED` is unset.
    public static let defaultSandboxSeed = 300

    /// How many generated referrals a new sandbox store gets: `REFSH_SANDBOX_SEED` (a whole
    /// number from 0 to 100,000), else 300; a usage error for anything else, which was ignored.
    public static func sandboxSeedCount(environment: [String: String]) throws(UsageError) -> Int {
        guard let text = environment["REFSH_SANDBOX_SEED"]?.trimming(" \t\r\n"), !text.isEmpty else { return defaultSandboxSeed }
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let count = Int(text), count <= 100_000 else {
            throw UsageError("REFSH_SANDBOX_SEED: '\(VisibleText.of(text, upTo: 30))' is not a number of referrals from 0 to 100000")
        }
        return count
    }

    /// The interactive shell: banner, config file, then the libedit loop (a plain reader when
    /// libedit cannot start).
    static func interactive(
        _ request: LaunchRequest, world: ScriptWorld, streams: StandardStreams, history: ReaderHistory,
        environment: [String: String], resume: JSONValue?
    ) async -> ExitCode {
        var interpreter = ScriptRunner.makeInterpreter(
            name: "refsh", arguments: [], variables: request.variables, world: world, connection: request.connection)
        if let resume, !ScriptRunner.resume(&interpreter, from: resume) { return .usage }
        var shell = InteractiveShell(interpreter: interpreter, showsPrompt: true)
        streams.write("refsh — type 'help' for commands, Tab to complete, 'exit' or Ctrl-D to leave\n")
        if resume == nil { noticeUnfinishedSessions(streams: streams, environment: environment) }
        if request.readsConfig, let path = StartupConfig.path(environment: environment) {
            if let text = try? LocalFileSystem().readText(path) {
                await shell.runStartup(text, name: path)
            } else {
                streams.writeError("refsh: cannot read the config file \(path)\n")
            }
        }
        // Said after the config file ran: it may have connected elsewhere.
        switch shell.interpreter.connection.endpoint {
        case .sandbox:
            streams.write("requests go to the embedded sandbox (sample data); 'connect <url>' for the real service\n")
        case .url(let url):
            streams.write("requests go to \(url); 'connect sandbox' for the embedded sandbox\n")
        }
        streams.flush()
        guard
            var reader = EditLineReader(
                program: "refsh", historyFile: HistoryFile.path(environment: ProcessEnvironment()),
                keepInHistory: HistoryFile.mayRecord)
        else {
            var reader = PlainLineReader()
            let code = await shell.run(reader: &reader)
            shell.interpreter.finishJournal()
            return code
        }
        let completer = ShellCompleter(interpreter: shell.interpreter)
        reader.completer = completer
        history.reader = reader
        let code = await shell.run(reader: &reader, completer: completer)
        shell.interpreter.finishJournal()
        // The HTTP client is shut down before it goes, as a script's is (ScriptRunner.finish).
        await shell.interpreter.online.disconnect()
        return code
    }
}
