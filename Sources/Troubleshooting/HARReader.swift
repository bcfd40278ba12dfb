import Client
import Foundation
import ReferralKit
import ReferralsWire

/// Reads a HAR 1.1 or 1.2 file (refsh's own, or one a browser, proxy or another tool wrote) into
/// the exchanges of the Referrals API it holds, in order; entries for anything else are
/// counted as skipped. A file that is too big, not JSON, not HAR or of another version is
/// refused with where and why.
public enum HARReader {
    /// Recordings bigger than this are refused before they are read.
    public static let maximumBytes = 256 * 1024 * 1024

    /// What a recording holds for replay.
    public struct Recording: Sendable {
        public var exchanges: [RecordedExchange]
        /// Entries that are not requests to the Referrals API (a browser's page, fonts, ...).
        public var skipped: Int
        /// `log.creator.name`, e.g. `refsh` or `WebInspector`.
        public var creator: String
        /// The endpoint of the first request to the API (`scheme://host:port[/prefix]`): the replayed client's.
        public var origin: String?
        /// Whether refsh recorded it with `--redact-pii` (its comment says so): replay then
        /// compares values around the pseudonyms (``PseudonymMatch``).
        public var pseudonymised = false
    }

    /// Why a file cannot be replayed: where (line and column for JSON syntax, else the entry) and what.
    public struct Refusal: Error, Sendable, Equatable {
        public var line: Int?
        public var column: Int?
        public var message: String
    }

    public static func read(_ bytes: [UInt8]) throws(Refusal) -> Recording {
        guard bytes.count <= maximumBytes else {
            throw Refusal(message: "the recording is \(bytes.count) bytes, more than the \(maximumBytes) bytes refsh replays")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes: bytes)
        } catch {
            throw Refusal(line: error.line, column: error.column, message: "not a HAR file: \(error.message)")
        }
        guard let log = root.objectValue?["log"]?.objectValue else { throw Refusal(message: "not a HAR file: it has no \"log\" object") }
        // A number (`1.2`) is a slip some tools make: read it as the text it is.
        guard let version = log["version"]?.stringValue ?? log["version"]?.numberValue?.literal else {
            throw Refusal(message: "not a HAR file: log.version is missing")
        }
        guard version == "1.2" || version == "1.1" else {
            throw Refusal(message: "HAR version \(version) is not one refsh reads (1.2, or 1.1)")
        }
        guard let entries = log["entries"]?.arrayValue else { throw Refusal(message: "not a HAR file: log.entries is not a list") }
        var exchanges: [RecordedExchange] = []
        var skipped = 0
        var origin: String?
        for (index, entry) in entries.enumerated() {
            var exchange = try exchange(entry, number: index + 1)
            exchange.strand = entry.objectValue?["_refsh"]?.objectValue?["strand"]?.stringValue
            guard isForTheAPI(exchange.path) else {
                skipped += 1
                continue
            }
            exchanges.append(exchange)
            if origin == nil, let url = entry.objectValue?["request"]?.objectValue?["url"]?.stringValue {
                origin = endpoint(of: url)
            }
        }
        let creator = log["creator"]?.objectValue?["name"]?.stringValue ?? "an unknown tool"
        var recording = Recording(exchanges: exchanges, skipped: skipped, creator: creator, origin: origin)
        recording.pseudonymised = creator == "refsh" && (log["comment"]?.stringValue ?? "").contains("replaced by pseudonyms")
        return recording
    }

    /// The endpoint a recorded URL was sent to: everything before `/v1.0/engagements/referrals`
    /// (an endpoint may have a path of its own, such as a proxy's), else its origin.
    static func endpoint(of url: String) -> String? {
        if let range = url.range(of: "/v1.0/engagements/referrals", options: .caseInsensitive) { return String(url[..<range.lowerBound]) }
        return AbsoluteURL(url)?.origin
    }

    /// Whether `path` is the Referrals API's (or a refsh sandbox's admin surface).
    static func isForTheAPI(_ path: String) -> Bool {
        path.lowercased().contains("/v1.0/engagements/referrals") || path.hasPrefix(ReferralsRoutes.adminPrefix)
    }

    private static func exchange(_ value: JSONValue, number: Int) throws(Refusal) -> RecordedExchange {
        let at = "entry \(number)"
        guard let entry = value.objectValue, let request = entry["request"]?.objectValue else {
            throw Refusal(message: "\(at) has no request")
        }
        guard let method = request["method"]?.stringValue, let url = request["url"]?.stringValue else {
            throw Refusal(message: "\(at): request.method or request.url is missing")
        }
        guard let response = entry["response"]?.objectValue, let status = response["status"]?.numberValue?.intValue,
            (0...999).contains(status)
        else {
            throw Refusal(message: "\(at): response.status is missing or not a status")
        }
        let target = PercentEncoding.decodeTarget(AbsoluteURL(url)?.pathAndQuery ?? url)
        let headers = Self.headers(request["headers"])
        let postData = request["postData"]?.objectValue
        let refsh = entry["_refsh"]?.objectValue
        let outcome: RecordedExchange.Outcome
        if status == 0 {
            let failure = refsh?["failure"]?.objectValue
            let message = failure?["message"]?.stringValue ?? entry["_error"]?.stringValue ?? "the recorded request got no response"
            let flag = { (name: String) in failure?[name].flatMap { if case .bool(let b) = $0 { b } else { nil } } }
            outcome = .failure(
                TransportFailure(mayHaveBeenProcessed: flag("mayHaveBeenProcessed") ?? true, message, isPermanent: flag("isPermanent") ?? false))
        } else {
            let content = response["content"]?.objectValue
            let body = decoded(content?["text"]?.stringValue, base64: content?["encoding"]?.stringValue == "base64")
            outcome = .response(HTTPResponseData(status: status, headers: Self.headers(response["headers"]), body: body))
        }
        return RecordedExchange(
            entryNumber: number, method: method.uppercased(), path: target.path, query: target.query,
            body: decoded(postData?["text"]?.stringValue, base64: postData?["_encoding"]?.stringValue == "base64"),
            ifMatch: firstHeader(HeaderName.ifMatch, in: headers), requestId: firstHeader(HeaderName.requestId, in: headers),
            correlationId: firstHeader(HeaderName.correlationId, in: headers),
            redactedPaths: refsh?["redactedPaths"]?.arrayValue?.compactMap(\.stringValue) ?? [], outcome: outcome)
    }

    private static func headers(_ value: JSONValue?) -> [(name: String, value: String)] {
        (value?.arrayValue ?? []).compactMap { header in
            guard let object = header.objectValue, let name = object["name"]?.stringValue else { return nil }
            return (name, object["value"]?.stringValue ?? "")
        }
    }

    private static func decoded(_ text: String?, base64: Bool) -> [UInt8] {
        guard let text else { return [] }
        if base64 { return Data(base64Encoded: text).map { Array($0) } ?? Array(text.utf8) }
        return Array(text.utf8)
    }
}
