import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

/// The real transport: AsyncHTTPClient with one keep-alive connection pool, no redirects (a
/// redirect could carry the token elsewhere), and a connect timeout.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    /// Responses larger than this are refused (a list page is far smaller).
    static let maximumBody = 64 << 20

    public init(connectTimeoutSeconds: Int64 = 10) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(connectTimeoutSeconds)))
        configuration.connectionPool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60))
        client = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
    }

    public func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
        // AsyncHTTPClient refuses such a header too, but its error lists every value, the token's too.
        if let bad = request.headers.first(where: { !Self.isValidHeaderValue($0.value) }) {
            throw TransportFailure(
                mayHaveBeenProcessed: false, "the \(bad.name) header has a character HTTP does not allow (a control character)",
                isPermanent: true)
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        var sent = false
        do {
            let response = try await client.execute(outgoing, timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
            sent = true
            let body = try await response.body.collect(upTo: Self.maximumBody)
            return HTTPResponseData(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                body: Array(body.readableBytesView))
        } catch {
            throw Self.failure(error, responseStarted: sent)
        }
    }

    /// Whether HTTP allows `value` as a header value: no control characters but tab (RFC 9110).
    static func isValidHeaderValue(_ value: String) -> Bool {
        !value.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }
    }

    /// Classifies a failure: could the server have processed the request?
    static func failure(_ error: any Error, responseStarted: Bool) -> TransportFailure {
        if responseStarted { return TransportFailure(mayHaveBeenProcessed: true, "the response was cut off") }
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout: return TransportFailure(mayHaveBeenProcessed: false, "connecting timed out")
            case .deadlineExceeded, .readTimeout: return TransportFailure(mayHaveBeenProcessed: true, "no response in time")
            case .remoteConnectionClosed: return TransportFailure(mayHaveBeenProcessed: true, "the server closed the connection without answering")
            case .invalidURL, .emptyHost, .emptyScheme: return TransportFailure(mayHaveBeenProcessed: false, "the URL is not valid")
            default: return TransportFailure(mayHaveBeenProcessed: true, "\(client)")
            }
        }
        if let connect = error as? NIOConnectionError {
            let reason = connect.connectionErrors.first.map { "\($0.error)" } ?? connect.dnsAAAAError.map { "\($0)" } ?? "no address"
            return TransportFailure(mayHaveBeenProcessed: false, "cannot connect to \(connect.host):\(connect.port) (\(reason))")
        }
        if let io = error as? IOError {
            let refused = io.errnoCode == 111 || io.errnoCode == 113 || io.errnoCode == 101
            return TransportFailure(mayHaveBeenProcessed: !refused, refused ? "connection refused" : "\(io)")
        }
        if error is ChannelError { return TransportFailure(mayHaveBeenProcessed: true, "the connection failed: \(error)") }
        return TransportFailure(mayHaveBeenProcessed: true, "\(error)")
    }

    public func shutdown() async {
        try? await client.shutdown()
    }
}
