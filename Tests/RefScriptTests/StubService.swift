import ReferralKit
import ReferralsWire

@testable import RefScript

/// A service and its own connector for in-process tests of online commands: a test's service
/// implements what it answers (a read, a list) and takes the rest from here, which refuses.
protocol StubService: ReferralService, ServiceConnector {}

extension StubService {
    var endpointDescription: String { "test" }
    func fetch(id: String) async throws(ServiceError) -> ServerCopy { throw ServiceError(.rejected, "no reads here") }
    func list(query: ListQuery) async throws(ServiceError) -> ListPage { throw ServiceError(.rejected, "no lists here") }
    func send(_ write: WriteRequest) async throws(ServiceError) -> ServerCopy { throw ServiceError(.rejected, "no writes here") }
    func preview(_ write: WriteRequest) -> String { "" }
    func admin(method: String, path: String, body: String?) async throws(ServiceError) -> JSONValue? { nil }
    func lastExchange() async -> Exchange? { nil }
    func close() async {}
    func connect(_ settings: ConnectionSettings, observer: (any ServiceObserver)?) async throws(ServiceError) -> any ReferralService { self }
    func newCorrelationId() -> String { "c" }
}
