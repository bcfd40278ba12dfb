import MCP
import RefScript
import Troubleshooting

/// `refsh mcp`: a Model Context Protocol server on standard input and output whose tools are the
/// referral commands with refsh's guarantees (docs/mcp.md). One session serves every call, one
/// call at a time, in the order they came.
public enum AssistantServer {
    /// What `refsh mcp` was started with.
    public struct Settings: Sendable {
        public var allowWrites: Bool
        public var redactsPII: Bool
        public var version: String
        public init(allowWrites: Bool, redactsPII: Bool, version: String) {
            self.allowWrites = allowWrites
            self.redactsPII = redactsPII
            self.version = version
        }
    }

    /// One call waiting for the session.
    struct Call: Sendable {
        var name: String
        var arguments: [String: Value]
        var reply: CheckedContinuation<CallTool.Result, Never>
    }

    /// Serves until standard input ends. `makeInterpreter` makes the session's interpreter around
    /// the sink it is given (its output is the tools' results, never standard output).
    public static func serve(
        _ settings: Settings, makeInterpreter: @escaping @Sendable (any OutputSink) -> Interpreter
    ) async throws {
        let (calls, queue) = AsyncStream.makeStream(of: Call.self)
        let sink = CapturingSink()
        let interpreter = makeInterpreter(sink)
        let keeper = interpreter.world.secretKeeper
        let worker = Task {
            var session = AssistantSession(
                interpreter: interpreter, sink: sink, allowWrites: settings.allowWrites,
                pseudonyms: settings.redactsPII ? PIIPseudonyms() : nil)
            for await call in calls { call.reply.resume(returning: await session.call(call.name, call.arguments)) }
            await session.interpreter.online.disconnect()
        }
        let server = Server(
            name: "refsh", version: settings.version,
            instructions:
                "Partner Center Referrals (leads and opportunities) through refsh: list, get, preview and apply changes with If-Match and validation."
                + (settings.allowWrites ? "" : " Read-only: apply_change is refused."),
            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: ReferralTools.all(allowWrites: settings.allowWrites)) }
        await server.withMethodHandler(CallTool.self) { params in
            await withCheckedContinuation { reply in
                queue.yield(Call(name: params.name, arguments: params.arguments ?? [:], reply: reply))
            }
        }
        try await server.start(transport: CheckedTransport(StdioTransport(), keeper: keeper))
        await server.waitUntilCompleted()
        queue.finish()
        await worker.value
    }
}
