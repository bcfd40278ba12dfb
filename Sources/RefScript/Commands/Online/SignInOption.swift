import ReferralsWire
/// The `option` settings that are the session's connection rather than its behaviour: the
/// sign-in's tenant, client id, scope and authority, and the token command (set them in the
/// config file to make them the defaults of `login` and of every session).
enum SignInOption: String, CaseIterable {
    case tenant
    case clientId = "client-id"
    case scope
    case authority
    case tokenCommand = "token-command"

    /// The value in `connection`, `-` when unset.
    func value(in connection: ConnectionSettings) -> String {
        let value: String? =
            switch self {
            case .tenant: connection.signIn.tenant
            case .clientId: connection.signIn.clientId
            case .scope: connection.signIn.scope
            case .authority: connection.signIn.authority
            // A token written into the command (`echo eyJ…`) is not shown.
            case .tokenCommand: connection.tokenCommand.map(SecretShape.masked)
            }
        return value ?? "-"
    }

    /// Sets it (`-` or an empty value unsets it); an authority must be https (or loopback).
    func set(_ text: String, in connection: inout ConnectionSettings) throws(RefScriptError) {
        let value: String? = text.isEmpty || text == "-" ? nil : text
        switch self {
        case .tenant: connection.signIn.tenant = value
        case .clientId: connection.signIn.clientId = value
        case .scope: connection.signIn.scope = value
        case .authority:
            if let value, let refusal = EndpointPolicy.authorityRefusal(value) { throw RefScriptError(.command, refusal) }
            connection.signIn.authority = value
        case .tokenCommand: connection.tokenCommand = value
        }
    }
}
