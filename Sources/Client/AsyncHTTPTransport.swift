import AsyncHTTPClient
import Dispatch
import NIOCore
import NIOHTTP1
import NIOPosix
import ReferralKit
import Synchronization

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
        // A failed connection fails the request at once: the client's own retry policy decides
        // what to try again (a refused connection or an unknown host is not worth 5 × 10 s).
        configuration.connectionPool.retryConnectionEstablishment = false
        // No distributed tracing: refsh has its own trace (docs/support.md), and a span per request
        // costs a bulk loop about 3% of its time.
        configuration.tracing.tracer = nil
        client = HTTPClient(eventLoopGroupProvider: .shared(Self.eventLoopGroup), configuration: configuration)
    }

    /// One event-loop thread for every client of the process. One loop serves far more connections
    /// than refsh opens; a second one only adds hops between threads (with one, a bulk loop spent
    /// about 8% less CPU, at `--jobs 1` and `--jobs 8` alike; docs/performance.md).
    static let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

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
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeoutSeconds * 1000))
        do {
            let response = try await client.execute(outgoing, timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
            sent = true
            // The timeout holds for the whole answer: AsyncHTTPClient's covers its head only, and
            // a server that trickles the body a byte at a time held an attempt for minutes.
            let body = try await Self.collect(response.body, until: deadline)
            return HTTPResponseData(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                body: Array(body.readableBytesView))
        } catch is AnswerTimeout {
            throw TransportFailure(mayHaveBeenProcessed: true, "the answer did not arrive whole within \(Self.seconds(timeoutSeconds)) s")
        } catch {
            throw Self.failure(error, responseStarted: sent, target: Self.target(of: request.url))
        }
    }

    /// The body of an answer, whole, unless `deadline` comes first: then the read is cancelled
    /// by a Dispatch timer, which fires on time however busy Swift's own threads are (a sleeping
    /// task racing the read could not run before the read had finished on a loaded machine).
    static func collect(_ body: HTTPClientResponse.Body, until deadline: ContinuousClock.Instant) async throws -> ByteBuffer {
        let reader = Task { try await body.collect(upTo: maximumBody) }
        let timedOut = Mutex(false)
        let remaining = max(0, (deadline - .now).inSeconds)
        let timer = DispatchWorkItem {
            timedOut.withLock { $0 = true }
            reader.cancel()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + remaining, execute: timer)
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await reader.value
            } onCancel: {
                reader.cancel()
            }
        } catch {
            if timedOut.withLock({ $0 }) { throw AnswerTimeout() }
            throw error
        }
    }

    /// The answer's body had not all arrived at the attempt's deadline.
    struct AnswerTimeout: Error {}

    static func seconds(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }

    /// Whether HTTP allows `value` as a header value: no control characters but tab (RFC 9110).
    static func isValidHeaderValue(_ value: String) -> Bool {
        !value.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }
    }

    /// Classifies a failure: could the server have processed the request?
    static func failure(_ error: any Error, responseStarted: Bool, target: String) -> TransportFailure {
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
            let target = "\(connect.host):\(connect.port)"
            guard let first = connect.connectionErrors.first else {
                // No address to connect to: the name does not resolve. Trying again will not help.
                return TransportFailure(mayHaveBeenProcessed: false, "cannot connect to \(target): unknown host", isPermanent: true)
            }
            if let io = first.error as? IOError, let reason = unreachable(io) {
                return TransportFailure(mayHaveBeenProcessed: false, "cannot connect to \(target): \(reason)", isPermanent: true)
            }
            return TransportFailure(mayHaveBeenProcessed: false, "cannot connect to \(target) (\(first.error))")
        }
        if let io = error as? IOError {
            if let reason = unreachable(io) {
                return TransportFailure(mayHaveBeenProcessed: false, "cannot connect to \(target): \(reason)", isPermanent: true)
            }
            return TransportFailure(mayHaveBeenProcessed: true, "\(io)")
        }
        if error is ChannelError { return TransportFailure(mayHaveBeenProcessed: true, "the connection failed: \(error)") }
        return TransportFailure(mayHaveBeenProcessed: true, "\(error)")
    }

    /// `host:port` of an http(s) URL, the port spelled out (80 or 443 when the URL has none).
    static func target(of url: String) -> String {
        guard let parsed = AbsoluteURL(url) else { return url }
        let authority = parsed.origin.split(separator: "/").last.map(String.init) ?? parsed.host
        let hostPart = authority.split(separator: "@").last.map(String.init) ?? authority
        if hostPart.hasSuffix("]") || !hostPart.contains(":") {
            return hostPart + (url.lowercased().hasPrefix("https") ? ":443" : ":80")
        }
        return hostPart
    }

    /// Why nothing listens there, when `io` says so: refused (ECONNREFUSED), no route to the
    /// host (EHOSTUNREACH) or the network (ENETUNREACH).
    static func unreachable(_ io: IOError) -> String? {
        switch io.errnoCode {
        case 111: "connection refused"
        case 113: "no route to host"
        case 101: "network unreachable"
        default: nil
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }
}
