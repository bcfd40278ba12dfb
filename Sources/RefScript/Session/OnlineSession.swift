import ReferralKit
import ReferralsWire

/// The session's service half: where requests go (``connection``), the service made from it on
/// first use, and the referral ids seen. Every call converts a ``ServiceError`` into the script
/// error of its class here, once.
public struct OnlineSession {
    /// Where online commands go and with which token; `connect` and `token` change it.
    public var connection = ConnectionSettings(correlationId: "")
    /// Makes the service; `nil` where no network exists (offline tests).
    let connector: (any ServiceConnector)?
    /// Hears of the service's retries (the interpreter prints them).
    let observer: (any ServiceObserver)?
    /// The connected service, made from ``connection`` on first use (so startup stays instant).
    public private(set) var service: (any ReferralService)?
    /// Referral ids seen in `list` and `load`, newest last (for completion and short ids).
    public var seenIds: [String] { seen.ids }
    /// The same ids, kept so that noting one costs no scan of them all (a bulk loop loads
    /// thousands).
    var seen = SeenIdList(limit: OnlineSession.seenLimit)
    /// In a parallel loop's iteration, the ids the session had seen when the loop started (read
    /// only: see ``forIteration()``).
    var inheritedSeenIds: [String] = []
    /// A few words about each seen referral (status, customer), for completion.
    public internal(set) var seenSummaries: [String: String] = [:]
    /// The last request of a connection that was dropped (`token`, `connect`).
    private var previousExchange: Exchange?
    /// Where seen ids are kept across sessions.
    let seenIdStore: (any SeenIdStore)?
    /// The endpoints whose kept ids are already in ``seenIds``.
    private var recalled: Set<String> = []
    /// Set in a parallel loop's iterations: ``service`` is the session's, shared by every
    /// iteration, so dropping it must not close it.
    var sharesService = false
    /// In a parallel loop's iteration, the loop's endpoint (its ``seenIdKey``): ids seen there are
    /// not written to ``seenIdStore`` but handed to the loop, which writes those new to it in
    /// batches (``takeSeen(_:)``). `nil`: ids are written as they come.
    var defersSeenTo: String?
    /// Ids taken in from iterations, new to this session and not written to the store yet.
    var unstoredSeen: [String] = []
    /// Whether ids seen now go to the loop instead of the store.
    var defersSeen: Bool { defersSeenTo != nil && defersSeenTo == seenAt }

    public init(connector: (any ServiceConnector)?, observer: (any ServiceObserver)? = nil, seenIdStore: (any SeenIdStore)? = nil) {
        self.connector = connector
        self.observer = observer
        self.seenIdStore = seenIdStore
    }

    /// The name seen ids are kept under: `sandbox`, or the endpoint's host (and port).
    var seenIdKey: String {
        if let cached = seenKeyCache, cached.endpoint == connection.endpoint { return cached.key }
        return Self.seenIdKey(connection.endpoint)
    }

    /// ``seenIdKey`` as last worked out (parsing the endpoint's URL for every `load` of a bulk
    /// loop showed in its profile).
    private var seenKeyCache: (endpoint: Endpoint, key: String)?

    private static func seenIdKey(_ endpoint: Endpoint) -> String {
        switch endpoint {
        case .sandbox: "sandbox"
        case .url(let url): AbsoluteURL(url).map { $0.origin.split(separator: "/").last.map(String.init) ?? $0.host } ?? url
        }
    }

    /// The endpoint ``seenIds`` belong to: they are dropped when the connection moves elsewhere.
    private(set) var seenAt: String?

    /// Adds the ids kept from earlier sessions at this endpoint to ``seenIds`` (once per endpoint);
    /// ids seen at another endpoint are dropped first.
    public mutating func recallSeenIds() {
        let key = seenIdKey
        seenKeyCache = (connection.endpoint, key)
        if seenAt != key {
            // What is about to be dropped and not in the store yet goes there first: an iteration's
            // ids at its loop's endpoint, the ids taken in from iterations.
            if defersSeen { seenIdStore?.add(seenIds, endpoint: seenAt ?? key) }
            storeSeen()
            seenAt = key
            seen.removeAll()
            seenSummaries = [:]
            recalled = []
        }
        guard let seenIdStore, !recalled.contains(key) else { return }
        recalled.insert(key)
        _ = seen.prepend(seenIdStore.ids(endpoint: key))
    }

    /// The most ids ``seenIds`` keeps (the newest).
    static let seenLimit = 5000

    /// The service for online commands, connecting on first use.
    public mutating func requireService() async throws(RefScriptError) -> any ReferralService {
        if let service { return service }
        guard let connector else {
            throw RefScriptError(.service, "no client in this refsh: online commands are unavailable")
        }
        if connection.correlationId.isEmpty { connection.correlationId = connector.newCorrelationId() }
        do {
            let made = try await connector.connect(connection, observer: observer)
            service = made
            sharesService = false  // an iteration's own: closed when the iteration ends
            return made
        } catch {
            throw RefScriptError(service: error)
        }
    }

    /// Drops the current service; the next online command connects with ``connection``. The
    /// last request is kept for `session` (support asks for its id).
    public mutating func disconnect() async {
        guard let service else { return }
        previousExchange = await service.lastExchange() ?? previousExchange
        if !sharesService { await service.close() }
        sharesService = false
        self.service = nil
    }

    /// The last request of the session and how it ended, whichever connection sent it.
    public func lastExchange() async -> Exchange? {
        await service?.lastExchange() ?? previousExchange
    }

    /// A fresh correlation id from the connector, if there is one.
    public func newCorrelationId() -> String? { connector?.newCorrelationId() }

    /// GET one referral.
    public mutating func fetch(id: String) async throws(RefScriptError) -> ServerCopy {
        try await calling { (service) async throws(ServiceError) in try await service.fetch(id: id) }
    }

    /// GET a page of referrals.
    public mutating func list(_ query: ListQuery) async throws(RefScriptError) -> ListPage {
        try await calling { (service) async throws(ServiceError) in try await service.list(query: query) }
    }

    /// Sends a write; a conflict carries the advice to rebase and send with `command` again.
    public mutating func send(_ write: WriteRequest, command: String) async throws(RefScriptError) -> ServerCopy {
        let service = try await requireService()
        do {
            return try await service.send(write)
        } catch {
            throw RefScriptError(service: error, advice: error.kind == .conflict ? .rebaseThenRetry(command: command) : nil)
        }
    }

    /// The request a call would send, as a curl command (`--curl`).
    public mutating func curl(_ call: PlannedCall) async throws(RefScriptError) -> String {
        let service = try await requireService()
        let planned: PlannedRequest?
        do {
            planned = try service.plan(call)
        } catch {
            throw RefScriptError(service: error)
        }
        guard let planned else { throw RefScriptError(.command, "--curl: this connection cannot show its requests") }
        return CurlText.render(planned)
    }

    /// What to know before running a curl command made for this connection, if anything.
    public var curlNote: String? {
        // A replay talks to no sandbox: its requests are answered from the recording.
        guard connection.endpoint == .sandbox, connector?.replayDescription == nil else { return nil }
        return "the embedded sandbox lives only as long as this refsh and takes only its own token: for a command to run "
            + "elsewhere, start refsh-sandbox serve --token T and use --endpoint with REFSH_TOKEN=T"
    }

    /// The exact request a write would send, for `--dry-run`.
    public mutating func preview(_ write: WriteRequest) async throws(RefScriptError) -> String {
        try await requireService().preview(write)
    }

    /// Calls the sandbox's admin surface.
    public mutating func admin(method: String, path: String, body: String?) async throws(RefScriptError) -> JSONValue? {
        try await calling { (service) async throws(ServiceError) in try await service.admin(method: method, path: path, body: body) }
    }

    /// Runs a service call on the connected service; its failure becomes the script error of its
    /// class.
    private mutating func calling<T>(_ body: (any ReferralService) async throws(ServiceError) -> T) async throws(RefScriptError) -> T {
        let service = try await requireService()
        do {
            return try await body(service)
        } catch {
            throw RefScriptError(service: error)
        }
    }

    /// Remembers listed referrals: their ids, and a summary for completion (bounded, most recent last).
    public mutating func noteSeen(referrals: [JSONValue]) {
        recallSeenIds()  // first: ids of another endpoint go
        var ids: [String] = []
        for referral in referrals {
            guard let id = ReferralDocument.id(of: referral) else { continue }
            ids.append(id)
            let status = ReferralDocument.statusText(of: referral) ?? ""
            let customer = referral.objectValue?["customerProfile"]?.objectValue?["name"]?.stringValue ?? ""
            seenSummaries[id] = [status, String(customer.prefix(30))].filter { !$0.isEmpty }.joined(separator: "  ")
        }
        let new = note(ids)
        if !new.isEmpty, !defersSeen { seenIdStore?.add(new, endpoint: seenIdKey) }
    }

    /// Puts `ids` at the newest end of ``seenIds``; returns those not seen before.
    @discardableResult
    mutating func note(_ ids: [String]) -> [String] {
        var new: [String] = []
        for id in ids where seen.note(id) { new.append(id) }
        if seenSummaries.count > 2 * Self.seenLimit { seenSummaries = seenSummaries.filter { seen.contains($0.key) } }
        return new
    }

    /// A full referral id for `text`: itself, or the one seen id it is a prefix of (8 to 35
    /// hex digits and dashes: ids are GUIDs), in this session or an earlier one at the same
    /// endpoint. Any other text is an id as it is.
    public mutating func resolveId(_ text: String) throws(RefScriptError) -> String {
        // An empty id would name the collection: GET …/referrals/ answers a page of the list.
        guard text.contains(where: { !$0.isWhitespace }) else { throw RefScriptError(.command, "the referral id is empty") }
        guard text.count >= 8, text.count < 36, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return text }
        if text.count == 32, !text.contains("-") { return text }  // a whole GUID without its dashes
        recallSeenIds()
        let prefix = text.lowercased()
        let matches = Set((inheritedSeenIds + seenIds).filter { $0.lowercased().hasPrefix(prefix) })
        if matches.count > 1 {
            throw RefScriptError(.command, "'\(text)' matches \(matches.count) referrals seen; type more of the id")
        }
        guard let match = matches.first else {
            throw RefScriptError(
                .command, "'\(text)' is not the start of any referral id seen at \(seenIdKey): give the whole id (or list to see ids)")
        }
        return match
    }
}
