import Client
import ReferralKit
import ReferralsWire
import SandboxCore

/// An ``HTTPTransport`` that hands each request to a ``Sandbox`` in this process: no socket, no
/// server. Faults behave as over a socket: latency is waited for, a dropped connection is the
/// failure AsyncHTTPClient reports for it.
public struct InProcessTransport: HTTPTransport {
    let sandbox: Sandbox

    public init(sandbox: Sandbox) { self.sandbox = sandbox }

    public func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
        guard let url = AbsoluteURL(request.url) else {
            throw TransportFailure(mayHaveBeenProcessed: false, "the URL is not valid", isPermanent: true)
        }
        let target = PercentEncoding.decodeTarget(url.pathAndQuery)
        let authority = url.origin.split(separator: "/").last.map(String.init) ?? url.host
        var sandboxRequest = SandboxRequest(
            method: request.method, path: target.path, query: target.query,
            headers: [("Host", authority)] + request.headers.map { ($0.name, $0.value) }, body: request.body ?? [])
        sandboxRequest.bodyExceedsLimit = sandboxRequest.body.count > sandbox.api.configuration.maxBodyBytes
        // The identity side has a port of its own, as over sockets.
        let outcome =
            url.origin == InProcessSandboxHost.identityURL ? await sandbox.handleIdentity(sandboxRequest) : await sandbox.handle(sandboxRequest)
        if outcome.latencyMilliseconds > 0 {
            guard Double(outcome.latencyMilliseconds) / 1000 < timeoutSeconds else {
                try? await Task.sleep(for: .milliseconds(Int64(timeoutSeconds * 1000)))
                throw TransportFailure(mayHaveBeenProcessed: true, "no response in time")
            }
            try? await Task.sleep(for: .milliseconds(outcome.latencyMilliseconds))
        }
        // A cancelled wait is a cancelled request, as a closed socket would be.
        if Task.isCancelled { throw TransportFailure(mayHaveBeenProcessed: true, "the request was cancelled") }
        if outcome.drop != nil {
            throw TransportFailure(mayHaveBeenProcessed: true, "the server closed the connection without answering")
        }
        let response = outcome.response
        return HTTPResponseData(status: response.status, headers: response.headers.map { ($0.name, $0.value) }, body: response.body)
    }

    public func shutdown() async {}
}
