import ReferralKit
import ReferralsWire
import Testing

@testable import Client

/// Ctrl-C cancels the task of a command: the call in flight, or the wait before a retry, ends at
/// once with a "cancelled" error, and nothing is sent again.
@Suite struct CancellationTests {
    /// A transport whose first request hangs until its task is cancelled; later ones answer `then`.
    final class HangingTransport: HTTPTransport {
        let scripted: ScriptedTransport
        init(then steps: [ScriptedTransport.Step] = []) { scripted = ScriptedTransport(steps) }

        func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
            let first = scripted.sent.isEmpty
            let response = try await scripted.send(request, timeoutSeconds: timeoutSeconds)
            guard first else { return response }
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                throw TransportFailure(mayHaveBeenProcessed: true, "the request was cancelled")
            }
            return response
        }

        func shutdown() async {}
    }

    func client(_ transport: any HTTPTransport) -> ReferralsClient {
        ReferralsClient(
            configuration: .init(endpoint: "https://api.example.com", token: Secret("t0ken-value"), correlationId: "c"), transport: transport,
            requestIds: { "req-1" })
    }

    /// Runs `call`, cancels it after a moment, and returns what it threw.
    func cancelling(_ call: @escaping @Sendable () async throws -> Void) async -> ServiceError? {
        let task = Task { () async -> ServiceError? in
            do {
                try await call()
                return nil
            } catch {
                return error as? ServiceError
            }
        }
        try? await Task.sleep(for: .milliseconds(100))
        task.cancel()
        return await task.value
    }

    @Test func aCancelledReadFailsAsCancelledAndIsNotRetried() async throws {
        let transport = HangingTransport()
        let service = client(transport)
        let error = try #require(await cancelling { _ = try await service.fetch(id: "r1") })
        #expect(error.kind == .cancelled)
        #expect(error.message == "cancelled")
        #expect(error.method == "GET")
        #expect(transport.scripted.sent.count == 1)
    }

    @Test func aCancelledWriteSaysItMayHaveReachedTheService() async throws {
        let transport = HangingTransport()
        let service = client(transport)
        let patch = JSONPatch(changes: [])
        let error = try #require(await cancelling { _ = try await service.send(.update(id: "r1", patch: patch, ifMatch: "\"e1\"")) })
        #expect(error.kind == .cancelled)
        #expect(error.message.hasPrefix("cancelled; the write may still have reached the service"), "\(error.message)")
        #expect(transport.scripted.sent.count == 1, "a cancelled write is never sent again")
        // `session` names the cancelled write and its request id, not the request before it.
        let last = try #require(await service.lastExchange())
        #expect(last.method == "PATCH" && last.path.hasSuffix("/r1") && last.requestId == "req-1")
        #expect(last.cancelled && last.status == 0)
    }

    @Test func aCancelledWaitBeforeARetrySendsNothingMore() async throws {
        let throttled = HTTPResponseData.json(429, #"{"code":"TooManyRequests","description":"slow down"}"#, headers: [("Retry-After", "30")])
        let transport = ScriptedTransport([.respond(throttled), .respond(.json(200, ReferralsClientTests.referral))])
        let service = client(transport)
        let error = try #require(await cancelling { _ = try await service.fetch(id: "r1") })
        #expect(error.kind == .cancelled)
        #expect(transport.sent.count == 1, "the retry after the wait was not sent")
    }
}
