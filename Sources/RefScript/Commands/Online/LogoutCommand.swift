import ReferralsWire

/// `logout [--all]`: forget the cached sign-in.
public enum LogoutCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "logout", synopsis: "logout [--all]",
        summary: "Remove the cached sign-in of this session's tenant and application (--all: every one).",
        help: """
            Removes the sign-in's refresh token from $XDG_STATE_HOME/refsh/credentials.json and
            forgets its access token; the session has no token afterwards unless another source
            gives one (see help token). Nothing is sent to Microsoft Entra ID: the refresh token
            stays valid there until it expires or an administrator revokes it.

            The tenant and application are the session's (option tenant, option client-id, or
            REFSH_TENANT and REFSH_CLIENT_ID). Where the session names no tenant, it signs in
            with the newest cached sign-in, and logout removes that one's tenant and application:
            sign-ins to other tenants stay, and logout lists them, because the next request signs
            in with the newest of them. With --all, every cached sign-in goes.
            """,
        examples: ["logout", "logout --all"],
        flags: [FlagSpec("all", "remove every cached sign-in")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard let connector = interpreter.online.connector else {
            throw RefScriptError(.service, "no client in this refsh: signing out is unavailable")
        }
        let signOut: SignOut
        do {
            signOut = try await connector.logout(interpreter.connection.signIn, settings: interpreter.connection, all: call.flag("all"))
        } catch {
            throw RefScriptError(service: error)
        }
        await interpreter.online.disconnect()
        let output = interpreter.world.output
        if signOut.removed.isEmpty { output.write("Not signed in: no cached sign-in to remove\n") }
        for account in signOut.removed { output.write("Signed out \(account.user) (tenant \(account.tenant))\n") }
        if !signOut.remaining.isEmpty {
            let names = signOut.remaining.map { "\($0.user) (tenant \($0.tenant))" }.joined(separator: ", ")
            output.write("Still cached for this session: \(names); the next request signs in with the newest (logout --all removes every sign-in)\n")
        }
        return .done
    }
}
