import Foundation
import Logging
import MCP
import ReferralKit
import ReferralsWire

/// Standard input and output for `refsh mcp`, with each message checked against JSON-RPC 2.0
/// before the MCP SDK reads it: a line that is not JSON is answered `-32700` with `id: null`, a
/// request without a method, of another JSON-RPC version or with an id that is not a string or a
/// number `-32600`, an empty batch or one with an element that is not an object `-32600` with
/// `id: null`, and a `tools/call` without a tool name or with arguments that are not an object
/// `-32602`, each with the request's own id where it has one, as the specification asks (the SDK
/// answered with a made-up id, `-32603`, or not at all). Everything else passes as it came.
///
/// Every message out goes through the session's secret keeper (the SDK's own errors quote what
/// they were sent, a token pasted as a method name too). When input ends, the requests already
/// read are answered before the server stops (it stopped at once, and a write could land with
/// no answer), waiting at most ``drainLimit`` seconds for them.
actor CheckedTransport: Transport {
    private let inner: StdioTransport
    private let keeper: SecretKeeper
    nonisolated let logger: Logger
    /// The ids (as JSON text) of requests passed on and not answered yet.
    private var unanswered: Set<String> = []
    private var drained: CheckedContinuation<Void, Never>?
    static let drainLimit: Double = 300

    init(_ inner: StdioTransport, keeper: SecretKeeper) {
        self.inner = inner
        self.keeper = keeper
        logger = inner.logger
    }

    func connect() async throws { try await inner.connect() }
    func disconnect() async { await inner.disconnect() }

    func send(_ data: Data) async throws {
        let text = keeper.redact(String(decoding: data, as: UTF8.self))
        try await inner.send(Data(text.utf8))
        for id in Self.ids(in: try? JSONParser.parse(bytes: Array(data)), answers: true) { unanswered.remove(id) }
        if unanswered.isEmpty, let waiter = drained {
            drained = nil
            waiter.resume()
        }
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        let inner = self.inner
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await message in await inner.receive() {
                        let parsed = try? JSONParser.parse(bytes: Array(message))  // once, for both checks
                        if let refusal = Self.refusal(of: parsed) {
                            try await self.send(refusal)
                        } else {
                            self.passing(parsed)
                            continuation.yield(message)
                        }
                    }
                    await self.answersDue()
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func passing(_ message: JSONValue?) {
        unanswered.formUnion(Self.ids(in: message, answers: false))
    }

    /// Returns when every request passed on is answered, or after ``drainLimit`` seconds.
    private func answersDue() async {
        guard !unanswered.isEmpty else { return }
        let timer = Task {
            try? await Task.sleep(for: .seconds(Self.drainLimit))
            self.giveUpWaiting()
        }
        await withCheckedContinuation { drained = $0 }
        timer.cancel()
    }

    private func giveUpWaiting() {
        drained?.resume()
        drained = nil
    }

    /// The ids of the requests (`answers` false) or of the answers (true) in a message or a batch.
    static func ids(in parsed: JSONValue?, answers: Bool) -> [String] {
        guard let parsed else { return [] }
        let messages = parsed.arrayValue ?? [parsed]
        return messages.compactMap { message -> String? in
            guard let object = message.objectValue, let id = object["id"], !id.isNull else { return nil }
            let isAnswer = object["result"] != nil || object["error"] != nil
            guard isAnswer == answers, answers || object["method"] != nil else { return nil }
            return key(of: id)
        }
    }

    /// An id as the answer to it will spell it: a string as JSON, a number as the whole number
    /// the SDK reads it as (`1.0` and `1` are answered as `1`).
    static func key(of id: JSONValue) -> String {
        if case .number(let number) = id, let whole = number.intValue { return String(whole) }
        return JSONPrinter.compact.print(id)
    }

    /// The error answer a message (`parsed`, `nil` when it is not JSON) gets instead of reaching
    /// the SDK, if it gets one.
    static func refusal(of parsed: JSONValue?) -> Data? {
        guard let parsed else { return answer(id: .null, -32700, "Parse error") }
        guard case .object(let object) = parsed else {
            // A batch of requests each fit to pass is the SDK's to answer; the SDK reads a batch
            // whole, so one bad element would leave the others unanswered: such a batch, an empty
            // one, or anything else that is not a request is refused here.
            if let batch = parsed.arrayValue, !batch.isEmpty, batch.allSatisfy({ $0.objectValue != nil && refusal(of: $0) == nil }) {
                return nil
            }
            return answer(id: .null, -32600, "Invalid Request: a message is a request object, or a non-empty batch of valid ones")
        }
        let id: JSONValue
        switch object["id"] {
        case .string?: id = object["id"] ?? .null
        case .number(let number)? where number.intValue != nil: id = object["id"] ?? .null
        case nil: id = .null
        case .null?:
            // A request's id is never null (JSON-RPC, MCP): the SDK answered `"id": ""` and ran it.
            // A response (an error about an unreadable request of the server's) may carry one.
            guard object["method"] == nil else { return answer(id: .null, -32600, "Invalid Request: an id is a string or a whole number, not null") }
            id = .null
        default: return answer(id: .null, -32600, "Invalid Request: an id is a string or a whole number")
        }
        guard let method = object["method"] else {
            // A response (to a request of the server's) has a result or an error instead.
            return object["result"] != nil || object["error"] != nil ? nil : answer(id: id, -32600, "Invalid Request: no method")
        }
        guard object["jsonrpc"] == "2.0" else { return answer(id: id, -32600, "Invalid Request: jsonrpc must be \"2.0\"") }
        guard case .string(let name) = method else { return answer(id: id, -32600, "Invalid Request: method must be a string") }
        guard name == "tools/call" else { return nil }
        guard case .object(let params)? = object["params"], case .string? = params["name"] else {
            return answer(id: id, -32602, "Invalid params: tools/call needs the tool's name")
        }
        switch params["arguments"] {
        case nil, .null?, .object?: return nil
        default: return answer(id: id, -32602, "Invalid params: a tool's arguments are an object")
        }
    }

    private static func answer(id: JSONValue, _ code: Int, _ message: String) -> Data {
        let error: JSONValue = ["code": .number(JSONNumber(code)), "message": .string(message)]
        return Data(JSONPrinter.compact.print(["jsonrpc": "2.0", "id": id, "error": error]).utf8)
    }
}
