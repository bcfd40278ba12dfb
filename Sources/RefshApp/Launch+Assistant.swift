import AssistantTools
import BuildInfo
import RefScript
import ReferralsWire
import Shell
import SignIn

extension Launch {
    /// `refsh mcp`: the Model Context Protocol server on standard input and output
    /// (docs/mcp.md), on the connection the options name (the embedded sandbox by default), with
    /// the session's one throttle. Returns when standard input ends.
    public static func serveAssistant(
        _ connection: ConnectionSettings, rate: Double?, sandboxSeed: Int, allowWrites: Bool, redactsPII: Bool, environment: [String: String]
    ) async -> ExitCode {
        let sandbox = LoopbackSandboxHost(storePath: defaultSandboxStore(environment: environment), seedCount: sandboxSeed)
        let keeper = SecretKeeper()
        let connector = RefshConnector(
            sandbox: sandbox, keeper: keeper, credentialCache: CredentialCache(path: CredentialCache.defaultPath(environment: environment))
        ) { notice in StandardStreams.writeError(notice) }  // standard output is the protocol's
        await connector.governor.setRate(rate)
        let settings = AssistantServer.Settings(allowWrites: allowWrites, redactsPII: redactsPII, version: RefshBuild.version)
        do {
            try await AssistantServer.serve(settings) { sink in
                var world = ScriptWorld(output: sink, files: LocalFileSystem(), environment: ProcessEnvironment(), connector: connector)
                world.secretKeeper = keeper
                world.version = RefshBuild.description
                return ScriptRunner.makeInterpreter(name: "mcp", arguments: [], variables: [], world: world, connection: connection)
            }
        } catch {
            StandardStreams.writeError("refsh mcp: \(SecretShape.masked(keeper.redact(String(describing: error))))\n")
            return .service
        }
        return .success
    }
}
