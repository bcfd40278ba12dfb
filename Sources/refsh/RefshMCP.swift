import ArgumentParser
import Foundation
import RefshApp

/// `refsh mcp`: parses the server's flags and hands over to ``Launch/serveAssistant``.
struct RefshMCP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Serve the referral tools to an AI assistant over the Model Context Protocol (docs/mcp.md).",
        discussion:
            "JSON-RPC on standard input and output. Tools: list_referrals, get_referral, preview_change, apply_change, "
            + "session_requests. Read-only unless --allow-writes; every write goes with If-Match and is validated first; "
            + "no token ever appears in a result.",
        version: Launch.versionText)

    @Flag(name: .customLong("allow-writes"), help: "Let apply_change write (otherwise it is refused and nothing is sent).")
    var allowWrites = false

    @Flag(name: .customLong("redact-pii"), help: "Replace customer contact data with stable pseudonyms in every result.")
    var redactPII = false

    @Option(help: Refsh.help(CommandLineHelp.endpoint))
    var endpoint: String?

    @Flag(help: Refsh.help(CommandLineHelp.insecure))
    var insecure = false

    @Option(name: .customLong("token-file"), help: Refsh.help(CommandLineHelp.tokenFile), completion: .file())
    var tokenFile: String?

    @Option(name: .customLong("token-command"), help: Refsh.help(CommandLineHelp.tokenCommand))
    var tokenCommand: String?

    @Option(help: Refsh.help(CommandLineHelp.rate))
    var rate: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var request: LaunchRequest
        do {
            request = try LaunchRequest(
                commands: nil, scriptAndArguments: [], variables: [],
                connection: ConnectionOptions(endpoint: endpoint, insecure: insecure, tokenFile: tokenFile, tokenCommand: tokenCommand),
                readsConfig: false, environment: environment)
            try request.setRate(rate)
        } catch {
            throw ValidationError(error.message)
        }
        let code = await Launch.serveAssistant(
            request.connection, rate: request.rate, sandboxSeed: request.sandboxSeed, allowWrites: allowWrites, redactsPII: redactPII,
            environment: environment)
        Foundation.exit(code.rawValue)
    }

    /// The server's arguments when the command line asks for `mcp`: `refsh mcp …`, or with
    /// connection options first (`refsh --endpoint URL mcp …`: they are the server's too).
    static func arguments(in arguments: [String]) -> [String]? {
        let valued = optionsWithValues
        let flags: Set<String> = ["--insecure", "--redact-pii"]
        var index = 0
        while index < arguments.count {
            if valued.contains(arguments[index]) {
                index += 2
            } else if flags.contains(arguments[index]) {
                index += 1
            } else {
                break
            }
        }
        guard index < arguments.count, arguments[index] == "mcp" else { return nil }
        var rest = arguments
        rest.remove(at: index)
        return rest
    }

    /// Runs `refsh mcp ARGUMENTS`; usage errors exit with 2.
    /// The server's options that take the next word as their value.
    static let optionsWithValues: Set<String> = ["--endpoint", "--token-file", "--token-command", "--rate"]

    static func serve(_ arguments: [String]) async {
        await Refsh.runSubcommand(RefshMCP.self, arguments, valued: optionsWithValues)
    }
}
