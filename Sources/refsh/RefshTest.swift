import ArgumentParser
import Foundation
import RefScript
import RefshApp

/// `refsh test`: parses the suite's flags and hands over to ``TestSuiteRun``.
struct RefshTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Run .refscript files as a test suite (docs/testing.md).",
        discussion:
            "Each file is a test case run by a refsh of its own; with the embedded sandbox each gets a freshly seeded sandbox, "
            + "so files cannot see each other's writes. One line per file in file order, then 'N passed, N failed'. "
            + "Exit 0 when all pass, 3 when an assertion failed, else the highest exit code of a failing file; 2 for a syntax error in any file, reported before anything runs.",
        version: Launch.versionText)

    @Option(help: "Files run side by side (default: the number of cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Write a JUnit XML report here.", valueName: "file"), completion: .file(extensions: ["xml"]))
    var junit: String?

    @Flag(help: "Print TAP version 14 instead of the lines for people.")
    var tap = false

    @Flag(name: .customLong("fail-fast"), help: "Start no file after the first failure.")
    var failFast = false

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a script variable in every file (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Option(help: ArgumentHelp("A file still running after this long fails (as 500ms, 30s, 2m).", valueName: "duration"))
    var timeout: String = "5m"

    @Option(help: ArgumentHelp("The Referrals API every file uses (files then share it).", valueName: "url"))
    var endpoint: String?

    @Flag(help: "Allow plain http:// to a host that is not this machine.")
    var insecure = false

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Every file's bearer token, from this file.", valueName: "path"), completion: .file())
    var tokenFile: String?

    @Option(name: .customLong("token-command"), help: ArgumentHelp("Every file's token, from this command.", valueName: "command"))
    var tokenCommand: String?

    @ArgumentParser.Argument(
        help: ArgumentHelp("The .refscript files and folders (searched recursively).", valueName: "path"),
        completion: .file(extensions: ["refscript"]))
    var paths: [String] = []

    /// The options that take the next word as their value.
    static let optionsWithValues: Set<String> = ["--jobs", "--junit", "--var", "--timeout", "--endpoint", "--token-file", "--token-command"]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name the .refscript files or folders to run") }
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs takes 1 to 256") }
        guard let seconds = ScriptDuration.seconds(timeout), seconds > 0 else {
            throw ValidationError("--timeout takes a duration such as 30s or 5m, not '\(timeout)'")
        }
        _ = seconds
        for variable in variables where variable.firstIndex(of: "=").map({ $0 == variable.startIndex }) ?? true {
            throw ValidationError("--var needs name=value, got '\(variable)'")
        }
        for variable in variables {
            let name = String(variable.prefix { $0 != "=" })
            guard Parser.isVariableName(name), name != "env" else {
                throw ValidationError("--var: '\(name)' is not a variable name (letters, digits and _, not starting with a digit; not env)")
            }
        }
    }

    func run() async throws {
        var connection: [String] = []
        if let endpoint { connection += ["--endpoint", endpoint] }
        if insecure { connection.append("--insecure") }
        if let tokenFile { connection += ["--token-file", tokenFile] }
        if let tokenCommand { connection += ["--token-command", tokenCommand] }
        let pairs = variables.map { variable in
            let equals = variable.firstIndex(of: "=") ?? variable.endIndex
            return (String(variable[..<equals]), String(variable[variable.index(after: equals)...]))
        }
        let options = TestSuiteOptions(
            paths: paths, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, junit: junit, tap: tap, failFast: failFast,
            variables: pairs, timeoutSeconds: ScriptDuration.seconds(timeout) ?? 300, connectionArguments: connection)
        let code = await TestSuiteRun.runStoppable(options, environment: ProcessInfo.processInfo.environment)
        Launch.exit(code)
    }
}
