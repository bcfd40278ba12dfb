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
            case .tokenCommand: connection.tokenCommand
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
            if let value, let refusal = Self.authorityRefusal(value) { throw RefScriptError(.command, refusal) }
            connection.signIn.authority = value
        case .tokenCommand: connection.tokenCommand = value
        }
    }

    /// Why `url` may not be an identity authority: tokens would travel in clear to another host.
    static func authorityRefusal(_ url: String) -> String? {
        let lower = url.lowercased()
        if lower.hasPrefix("https://") { return nil }
        if lower.hasPrefix("http://"), let host = EndpointPolicy.host(of: url) {
            if EndpointPolicy.isLoopback(host) { return nil }
            return "the authority \(url) is plain http to another host: sign-in tokens would travel in clear; use https"
        }
        return "the authority must be an https:// URL, not '\(url)'"
    }
}
