import ReferralKit

extension Interpreter {
    /// The service for online commands, connecting on first use.
    public mutating func requireService() async throws(RefScriptError) -> any ReferralService {
        if let service { return service }
        guard let connector = world.connector else {
            throw RefScriptError(.service, "no client in this refsh: online commands are unavailable")
        }
        if connection.correlationId.isEmpty { connection.correlationId = connector.newCorrelationId() }
        do {
            let made = try await connector.connect(connection)
            service = made
            return made
        } catch {
            throw error.scriptError
        }
    }

    /// Whether a service has been connected (the prompt shows its kind only then).
    public var connectedService: (any ReferralService)? { service }

    /// Drops the current service; the next online command connects with ``connection``.
    public mutating func disconnect() async {
        await service?.close()
        service = nil
    }

    /// Remembers referral ids for completion and short-id lookup (bounded, most recent last).
    public mutating func noteSeen(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        let fresh = Set(ids)
        seenIds.removeAll { fresh.contains($0) }
        seenIds.append(contentsOf: ids)
        if seenIds.count > 5000 { seenIds.removeFirst(seenIds.count - 5000) }
    }

    /// Remembers listed referrals: their ids, and a summary for completion.
    public mutating func noteSeen(referrals: [JSONValue]) {
        var ids: [String] = []
        for referral in referrals {
            guard let id = ReferralDocument.id(of: referral) else { continue }
            ids.append(id)
            let status = ReferralDocument.statusText(of: referral) ?? ""
            let customer = referral.objectValue?["customerProfile"]?.objectValue?["name"]?.stringValue ?? ""
            seenSummaries[id] = [status, String(customer.prefix(30))].filter { !$0.isEmpty }.joined(separator: "  ")
        }
        noteSeen(ids)
        if seenSummaries.count > 10_000 { seenSummaries = seenSummaries.filter { seenIds.contains($0.key) } }
    }

    /// A full referral id for `text`: itself, or the one seen id it is a prefix of (8+ characters).
    public func resolveId(_ text: String) throws(RefScriptError) -> String {
        guard text.count >= 8, text.count < 36 else { return text }
        let matches = seenIds.filter { $0.hasPrefix(text) }
        if Set(matches).count > 1 {
            throw RefScriptError(.command, "'\(text)' matches \(Set(matches).count) referrals seen; type more of the id")
        }
        return matches.first ?? text
    }

    /// Runs a service call, turning its failure into the script error of its class.
    public func calling<T>(_ body: () async throws(ServiceError) -> T) async throws(RefScriptError) -> T {
        do {
            return try await body()
        } catch {
            throw error.scriptError
        }
    }

    /// Makes a server copy the session's working copy and baseline; prints its note, if any.
    public mutating func adopt(_ copy: ServerCopy, id: String) {
        session.start(from: copy.referral, eTag: copy.eTag ?? ReferralDocument.eTag(of: copy.referral), origin: .service(id: id))
        clearUndo()
        noteSeen(referrals: [copy.referral])
        if let note = copy.note { warn(note) }
    }
}
