import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import ReferralKit
import ReferralsWire
import SandboxCore

/// Answers a request the HTTP parser could not read as the service's server does, instead of
/// the empty 400 the HTTP layer would send: headers or a request line over the limit are a 431,
/// a method the parser does not know a 405, anything else a 400, each with the error body and the
/// request-id headers every other answer has; then the connection is closed, as no request
/// boundary can be trusted after it.
final class MalformedRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let shape: ErrorBody.Shape
    private var answered = false

    init(shape: ErrorBody.Shape) { self.shape = shape }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        let answer = Self.answer(parserError).response(shape)
        let requestId = UUID().uuidString.lowercased()
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.contentLength] = String(answer.body.count)
        fields[.connection] = "close"
        for name in [HeaderName.requestId, HeaderName.requestIdEcho] {
            if let field = HTTPField.Name(name) { fields[field] = requestId }
        }
        if let field = HTTPField.Name(HeaderName.correlationId) { fields[field] = UUID().uuidString.lowercased() }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .init(code: answer.status), headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: answer.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }

    /// The refusal for what the parser found.
    static func answer(_ error: HTTPParserError) -> APIError {
        switch error {
        case .headerOverflow:
            APIError(431, "RequestHeaderFieldsTooLarge", "the request's headers (with its request line) are larger than the server takes")
        case .invalidMethod:
            APIError(
                405, "MethodNotAllowed", "the request's method is not one this service takes", headers: [(HeaderName.allow, "GET, POST, PUT, PATCH")])
        default:
            APIError(400, "BadRequest", "the request is not valid HTTP/1.1 (\(error))")
        }
    }
}
