import ReferralKit

/// `connect [--insecure] <url>|sandbox`: choose where online commands go.
public enum ConnectCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "connect", synopsis: "connect [--insecure] <url>|sandbox",
        summary: "Send requests to a Referrals API endpoint, or to the embedded sandbox.",
        help: """
            `connect https://api.partner.microsoft.com` uses the real service (set a token
            with `token`); `/v1.0/engagements/referrals` is added unless the URL ends with it.
            `connect sandbox` uses the embedded sandbox (the default). Plain http:// is refused
            for a host other than this machine unless --insecure, because the bearer token would
            travel in clear. The working copy is kept; the connection is made by the next request.
            """,
        examples: ["connect https://api.partner.microsoft.com", "connect sandbox", "connect http://127.0.0.1:8123"],
        arguments: [ArgumentSpec("endpoint", .choice(["sandbox", "https://"]))],
        flags: [FlagSpec("insecure", "allow plain http to a host that is not loopback")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        let text = try await call.text(0, &interpreter)
        let endpoint: Endpoint
        switch EndpointPolicy.endpoint(text, insecure: call.flag("insecure")) {
        case .success(let chosen): endpoint = chosen
        case .failure(let refusal): throw call.error(refusal.message, at: 0)
        }
        await interpreter.online.disconnect()
        interpreter.connection.endpoint = endpoint
        interpreter.connection.insecure = call.flag("insecure")
        return .done
    }
}
