import Foundation
import Logging
import MCP
import ReferralKit

/// Standard input and output for `refsh mcp`, with each message checked against JSON-RPC 2.0
/// before the MCP SDK reads it: a line that is not JSON is answered `-32700` with `id: null`, a
/// request without a method or of another JSON-RPC version `-32600`, and a `tools/call` without a
/// tool name or with arguments that are not an object `-32602`, each with the request's own id,
/// as the specification asks (the SDK answered with a made-up id, or `-32603`). Everything else
/// passes as it came.
actor CheckedTransport: Transport {
    private let inner: StdioTransport
    nonisolated let logger: Logger

    init(_ inner: StdioTransport) {
        self.inner = inner
        logger = inner.logger
    }

    func connect() async throws { try await inner.connect() }
    func disconnect() async { await inner.disconnect() }
    func send(_ data: Data) async throws { try await inner.send(data) }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        let inner = self.inner
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await message in await inner.receive() {
                        if let refusal = Self.refusal(of: message) {
                            try await inner.send(refusal)
                        } else {
                            continuation.yield(message)
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The error answer `message` gets instead of reaching the SDK, if it gets one.
    static func refusal(of message: Data) -> Data? {
        guard let parsed = try? JSONParser.parse(bytes: Array(message)) else { return answer(id: .null, -32700, "Parse error") }
        guard case .object(let object) = parsed else { return nil }  // a batch: the SDK's to answer
        let id: JSONValue =
            switch object["id"] {
            case .string?, .number?: object["id"] ?? .null
            default: .null
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
