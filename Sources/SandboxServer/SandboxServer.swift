import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ReferralKit
import SandboxCore

/// A request context that keeps the connection, so an injected fault can drop it.
public struct SandboxRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// The sandbox on HTTP: a Hummingbird application whose every request goes to ``Sandbox``
/// (the Referrals API, faults, the admin surface). Binds to loopback unless told otherwise.
public enum SandboxServer {
    /// A connection that sends nothing for this long (between requests, or in the middle of one) is
    /// closed, as Kestrel's keep-alive timeout closes it (130 s): a client that stops half-way
    /// through its headers or body would otherwise hold a connection forever.
    public static let idleTimeoutSeconds: Int64 = 130

    /// An application serving `sandbox` on `host:port` (port 0: any free port, reported to `onRunning`).
    public static func application(
        sandbox: Sandbox, host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil, idleTimeoutSeconds: Int64 = idleTimeoutSeconds,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<SandboxRequestContext> { request, context in
            await respond(to: request, context: context, limit: sandbox.api.configuration.maxBodyBytes) { await sandbox.handle($0) }
        }
        let shape = sandbox.api.configuration.errorShape
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [MalformedRequestHandler(shape: shape)], idleTimeout: .seconds(idleTimeoutSeconds))
        return Application(
            responder: responder, server: .http1(configuration: http1),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "refsh-sandbox"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// An application serving the sandbox's identity side (``Sandbox/identity``) on a port of its own.
    public static func identityApplication(
        sandbox: Sandbox, host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil, idleTimeoutSeconds: Int64 = idleTimeoutSeconds,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<SandboxRequestContext> { request, context in
            await respond(to: request, context: context, limit: 65_536) { await sandbox.handleIdentity($0) }
        }
        return Application(
            responder: responder, server: .http1(configuration: .init(idleTimeout: .seconds(idleTimeoutSeconds))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "refsh-sandbox-identity"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// An application serving the API alone, without faults.
    public static func application(
        api: ReferralsAPI, host: String = "127.0.0.1", port: Int = 0,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        application(sandbox: Sandbox(api: api), host: host, port: port, onRunning: onRunning)
    }

    static func respond(
        to request: Request, context: SandboxRequestContext, limit: Int, handler: (SandboxRequest) async -> SandboxOutcome
    ) async -> Response {
        var body: [UInt8] = []
        // A body announced larger than the limit is refused before a byte of it is waited for.
        var tooLarge = request.headers[.contentLength].flatMap { Int($0) }.map { $0 > limit } ?? false
        var incomplete = false
        do {
            if !tooLarge {
                for try await chunk in request.body {
                    if body.count + chunk.readableBytes > limit {
                        tooLarge = true
                        break
                    }
                    body.append(contentsOf: chunk.readableBytesView)
                }
            }
        } catch {
            incomplete = true  // cut short (the connection closed before Content-Length bytes came), or unreadable
        }
        var sandboxRequest = SandboxRequest(
            method: request.method.rawValue,
            path: PercentEncoding.decode(request.uri.path),
            query: PercentEncoding.queryItems(request.uri.query ?? ""),
            // HTTP/1 `Host` arrives as the authority pseudo-header; the core builds absolute links from it.
            headers: (request.head.authority.map { [("Host", $0)] } ?? []) + request.headers.map { ($0.name.rawName, $0.value) },
            body: body)
        sandboxRequest.bodyExceedsLimit = tooLarge
        sandboxRequest.bodyIncomplete = incomplete
        let outcome = await handler(sandboxRequest)
        if outcome.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(outcome.latencyMilliseconds))
        }
        if outcome.drop != nil, let channel = context.channel {
            // The client sees the connection close with no answer (after the write, for drop-after).
            try? await channel.close()
        }
        let answer = outcome.response
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: max(answer.status, 100)), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
