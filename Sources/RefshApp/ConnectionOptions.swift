import Foundation
import RefScript
import ReferralsWire
import SafeFiles

/// Where requests go and with which token, from the command line and the environment: the
/// endpoint (`--endpoint`, else `REFSH_ENDPOINT`, else the embedded sandbox) and the token
/// (`--token-file`, else `REFSH_TOKEN`), the token command (`--token-command`, else
/// `REFSH_TOKEN_COMMAND`) and the sign-in's defaults (`REFSH_TENANT`, `REFSH_CLIENT_ID`,
/// `REFSH_AUTHORITY`).
public struct ConnectionOptions: Sendable {
    public var endpoint: String?
    public var insecure: Bool
    public var tokenFile: String?
    public var tokenCommand: String?

    public init(endpoint: String? = nil, insecure: Bool = false, tokenFile: String? = nil, tokenCommand: String? = nil) {
        self.endpoint = endpoint
        self.insecure = insecure
        self.tokenFile = tokenFile
        self.tokenCommand = tokenCommand
    }

    /// The settings these options and `environment` give, or a one-line usage error.
    public func settings(environment: [String: String]) throws(UsageError) -> ConnectionSettings {
        var settings = ConnectionSettings(correlationId: "")
        if let text = endpoint ?? environment["REFSH_ENDPOINT"].flatMap({ $0.isEmpty ? nil : $0 }) {
            switch EndpointPolicy.endpoint(text, insecure: insecure) {
            case .success(let chosen): settings.endpoint = chosen
            case .failure(let refusal): throw UsageError(refusal.message)
            }
            settings.insecure = insecure
        }
        if let tokenFile {
            // At most 1 MiB (a token is a few KiB; `/dev/zero` is not a token file), and why not.
            let read = BoundedReader.readFile(tokenFile, limit: 1 << 20)
            guard case .success(let bytes) = read, let text = String(validating: bytes, as: UTF8.self) else {
                guard !SecretShape.looksLikeToken(tokenFile) else {
                    throw UsageError(
                        "cannot read the token file: no file has that name, \(SecretShape.quoted(tokenFile)); if that was the token itself, --token-file takes the file that holds it (or set REFSH_TOKEN)"
                    )
                }
                if case .failure(let failure) = read { throw UsageError("cannot read the token file \(tokenFile): \(failure.message)") }
                throw UsageError("cannot read the token file \(tokenFile): not UTF-8 text")
            }
            settings.token = try Self.token(text, from: "the token file \(tokenFile)")
            settings.tokenSource = "file \(tokenFile)"
        } else if let value = environment["REFSH_TOKEN"], !value.trimming(" \t\r\n").isEmpty {  // empty: no token
            settings.token = try Self.token(value, from: "REFSH_TOKEN")
            settings.tokenSource = "REFSH_TOKEN"
        }
        (settings.startToken, settings.startTokenSource) = (settings.token, settings.tokenSource)
        let nonEmpty = { (name: String) in environment[name].flatMap { $0.trimming(" \t\r\n").isEmpty ? nil : $0 } }
        settings.tokenCommand = tokenCommand.flatMap { $0.isEmpty ? nil : $0 } ?? nonEmpty("REFSH_TOKEN_COMMAND")
        settings.signIn = SignInProfile(
            authority: nonEmpty("REFSH_AUTHORITY"), tenant: nonEmpty("REFSH_TENANT"), clientId: nonEmpty("REFSH_CLIENT_ID"))
        if let authority = settings.signIn.authority, let refusal = EndpointPolicy.authorityRefusal(authority) {
            throw UsageError("REFSH_AUTHORITY: \(refusal)")
        }
        return settings
    }

    private static func token(_ raw: String, from source: String) throws(UsageError) -> Secret {
        do {
            return Secret(try TokenCommand.cleaned(raw))
        } catch {
            throw UsageError("\(source): \(error.message)")
        }
    }
}

/// Bad flags or environment, in one line (exit 2).
public struct UsageError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
