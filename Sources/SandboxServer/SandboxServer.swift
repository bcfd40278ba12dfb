import HTTPTypes
import Hummingbird
import NIOCore
import SandboxCore

/// The sandbox on HTTP: a Hummingbird application whose every request goes to ``ReferralsAPI``.
/// Binds to loopback unless told otherwise.
public enum SandboxServer {
    /// An application serving `api` on `host:port` (port 0: any free port, reported to `onRunning`).
    public static func application(
        api: ReferralsAPI, host: String = "127.0.0.1", port: Int = 0,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await respond(to: request, with: api)
        }
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "refsh-sandbox"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
    }

    static func respond(to request: Request, with api: ReferralsAPI) async -> Response {
        let limit = api.configuration.maxBodyBytes
        var body: [UInt8] = []
        var tooLarge = false
        do {
            for try await chunk in request.body {
                if body.count + chunk.readableBytes > limit {
                    tooLarge = true
                    break
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
        } catch {
            tooLarge = true
        }
        var sandboxRequest = SandboxRequest(
            method: request.method.rawValue,
            path: URLText.decode(request.uri.path, plusIsSpace: false),
            query: URLText.queryItems(request.uri.query ?? ""),
            // HTTP/1 `Host` arrives as the authority pseudo-header; the core builds absolute links from it.
            headers: (request.head.authority.map { [("Host", $0)] } ?? []) + request.headers.map { ($0.name.rawName, $0.value) },
            body: body)
        sandboxRequest.bodyExceedsLimit = tooLarge
        let answer = await api.handle(sandboxRequest)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// Percent-decoding of paths and query strings.
enum URLText {
    static func queryItems(_ query: String) -> [(String, String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(String(parts[0]), plusIsSpace: true), parts.count > 1 ? decode(String(parts[1]), plusIsSpace: true) : "")
        }
    }

    /// `%41` → `A`, and `+` → space in queries; malformed escapes stay as written.
    static func decode(_ text: String, plusIsSpace: Bool) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else if byte == UInt8(ascii: "+"), plusIsSpace {
                bytes.append(0x20)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
