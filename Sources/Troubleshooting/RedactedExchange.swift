import Client
import Foundation
import ReferralKit

/// An exchange with every secret taken out (and, when asked, customer contact data replaced):
/// what a trace prints and a recording keeps. Built by ``ExchangeRedactor`` only.
public struct RedactedExchange: Sendable {
    /// A body as text: UTF-8 as it was, or base64 when it is not text.
    public struct Body: Sendable, Equatable {
        public var text: String
        public var mimeType: String
        public var isBase64: Bool
        /// The size of the body as sent, in bytes.
        public var size: Int

        /// The size of what ``text`` holds, in bytes: what a recording states, so that its sizes
        /// agree with its text once secrets or contact data were replaced in it.
        public var storedSize: Int {
            isBase64 ? Data(base64Encoded: text)?.count ?? size : text.utf8.count
        }
    }

    public var kind: ExchangeRecord.Kind
    public var started: Double
    public var duration: Double
    public var attempt: Int
    public var method: String
    public var url: String
    public var requestHeaders: [(name: String, value: String)]
    public var requestBody: Body?
    /// JSON pointers into the request body whose values were replaced (replay does not compare them).
    public var redactedRequestPaths: [String]
    /// The status, 0 when no answer came.
    public var status: Int
    public var responseHeaders: [(name: String, value: String)]
    public var responseBody: Body?
    /// What went wrong when no answer came.
    public var failure: String?
    /// Whether a request that got no answer may have reached the server.
    public var mayHaveBeenProcessed: Bool
    /// Whether the failure would repeat (the request cannot be sent as it is): not retried.
    public var isPermanent = false
    /// The strand of the run that sent it (``RequestStrand``).
    public var strand: String?

    /// The first value of request header `name` (case-insensitive).
    public func requestHeader(_ name: String) -> String? { firstHeader(name, in: requestHeaders) }

    /// The first value of response header `name` (case-insensitive).
    public func responseHeader(_ name: String) -> String? { firstHeader(name, in: responseHeaders) }
}
