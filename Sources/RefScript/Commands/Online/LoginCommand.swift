import ReferralKit
import ReferralsWire

/// `login [--tenant T] [--client-id ID] [--scope S] [--authority URL]`: sign in to Microsoft
/// Entra ID with a device code.
public enum LoginCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "login", synopsis: "login [--tenant <tenant>] [--client-id <id>] [--scope <scope>] [--authority <url>]",
        summary: "Sign in to Microsoft Entra ID with a device code; the sign-in is cached and renews itself.",
        help: """
            Prints, on standard error, the page to open and the code to enter there, then waits
            while you sign in (Ctrl-C stops waiting). The refresh token is kept in
            $XDG_STATE_HOME/refsh/credentials.json (mode 0600); the access token stays in memory
            and is renewed before it expires. Later sessions use the cached sign-in when no
            other token is set (see help token). The tenant, client id, scope and authority
            default to option tenant/client-id/scope/authority (the interactive shell's config
            file may set them), then REFSH_TENANT, REFSH_CLIENT_ID and REFSH_AUTHORITY; the scope
            to the Partner Center API's .default with offline_access. Against the embedded sandbox no setup is needed:
            approve the sign-in on the sandbox's page. docs/sign-in.md explains the app
            registration and the AADSTS errors.
            """,
        examples: [
            "login --tenant contoso.onmicrosoft.com --client-id 11111111-2222-3333-4444-555555555555", "login",
        ],
        flags: [
            FlagSpec("tenant", "the tenant id or domain (default organizations)", value: "tenant"),
            FlagSpec("client-id", "the application (client) id of your app registration", value: "id"),
            FlagSpec("scope", "the scope to ask for", value: "scope"),
            FlagSpec("authority", "the identity authority (default https://login.microsoftonline.com)", value: "url"),
        ])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        var chosen = SignInProfile()
        chosen.tenant = try await call.flagText("tenant", &interpreter)
        chosen.clientId = try await call.flagText("client-id", &interpreter)
        chosen.scope = try await call.flagText("scope", &interpreter)
        chosen.authority = try await call.flagText("authority", &interpreter)
        if let authority = chosen.authority, let refusal = EndpointPolicy.authorityRefusal(authority) {
            throw RefScriptError(.command, refusal)
        }
        let profile = interpreter.connection.signIn.overridden(by: chosen)
        guard let connector = interpreter.online.connector else {
            throw RefScriptError(.service, "no client in this refsh: signing in is unavailable")
        }
        let output = interpreter.world.output
        let status: CredentialStatus
        do {
            status = try await connector.login(profile, settings: interpreter.connection) { output.writeError($0) }
        } catch {
            throw RefScriptError(service: error)
        }
        // The sign-in is now the session's credential: it replaces a token set before.
        await interpreter.online.disconnect()
        interpreter.connection.signIn = profile
        interpreter.connection.token = nil
        interpreter.connection.tokenSource = nil
        interpreter.connection.startToken = nil
        interpreter.connection.startTokenSource = nil
        interpreter.connection.tokenCommand = nil
        let tenant = status.tenant.map { " (tenant \($0))" } ?? ""
        output.write("Signed in as \(status.user ?? "an unnamed user")\(tenant)\n")
        return .done
    }
}
