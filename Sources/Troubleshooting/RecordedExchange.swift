import Client
import ReferralKit

/// One exchange read back from a HAR file: the request as recorded (for matching) and what
/// answered it (a response, or the failure of a lost answer).
public struct RecordedExchange: Sendable {
    /// The position of the entry in the file's `entries`, from 1.
    public var entryNumber: Int
    public var method: String
    /// The path, percent-decoded.
    public var path: String
    /// The query's parameters, decoded, in their order.
    public var query: [(String, String)]
    public var body: [UInt8]
    public var ifMatch: String?
    public var requestId: String?
    public var correlationId: String?
    /// JSON pointers into the body whose recorded values were replaced (not compared).
    public var redactedPaths: [String]
    public var outcome: Outcome
    /// The strand of the run that sent it (``RequestStrand``), `nil` for the main line.
    public var strand: String? = nil

    public enum Outcome: Sendable {
        case response(HTTPResponseData)
        case failure(TransportFailure)
    }
}
