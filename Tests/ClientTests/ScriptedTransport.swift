import Client
import ReferralsWire
import Synchronization

/// A transport that answers from a script and records every request it was sent.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case respond(HTTPResponseData)
        case fail(TransportFailure)
    }
    private let state: Mutex<(steps: [Step], sent: [HTTPRequestData])>

    init(_ steps: [Step]) { state = Mutex((steps, [])) }

    var sent: [HTTPRequestData] { state.withLock { $0.sent } }

    func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
        let step = state.withLock { state -> Step in
            state.sent.append(request)
            return state.steps.isEmpty ? .respond(HTTPResponseData(status: 599)) : state.steps.removeFirst()
        }
        switch step {
        case .respond(let response): return response
        case .fail(let failure): throw failure
        }
    }

    func shutdown() async {}
}

/// Records waits instead of sleeping.
/// Keeps the retry notices a client gives.
final class RecordingObserver: ServiceObserver {
    private let notices = Mutex<[RetryNotice]>([])
    var recorded: [RetryNotice] { notices.withLock { $0 } }
    func retrying(_ notice: RetryNotice) { notices.withLock { $0.append(notice) } }
}

final class RecordingSleeper: Sleeper {
    private let waits = Mutex<[Double]>([])
    var recorded: [Double] { waits.withLock { $0 } }
    func sleep(seconds: Double) async { waits.withLock { $0.append(seconds) } }
}

extension HTTPResponseData {
    static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> HTTPResponseData {
        HTTPResponseData(status: status, headers: headers + [("Content-Type", "application/json")], body: Array(text.utf8))
    }
}
