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
            """,
        examples: ["logout", "logout --all"],
        flags: [FlagSpec("all", "remove every cached sign-in")])

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        guard let connector = interpreter.online.connector else {
            throw RefScriptError(.service, "no client in this refsh: signing out is unavailable")
        }
        let users: [String]
        do {
            users = try await connector.logout(interpreter.connection.signIn, settings: interpreter.connection, all: call.flag("all"))
        } catch {
            throw RefScriptError(service: error)
        }
        await interpreter.online.disconnect()
        let output = interpreter.world.output
        if users.isEmpty {
            output.write("Not signed in: no cached sign-in to remove\n")
        } else {
            for user in users { output.write("Signed out \(user)\n") }
        }
        return .done
    }
}
