/// The answers of recent creates by `MS-RequestId`: a POST repeated with the same request id
/// (a client retrying after a lost answer) gets the first answer again and creates nothing new,
/// as the Partner Center headers page documents. A repeat that arrives while the first is still
/// being answered waits for it. Only successful answers are kept (a failed create may be tried
/// again), the last ``limit`` of them, in memory: a restarted sandbox forgets them, and so does a
/// reset. They are kept per caller: another user's create with the same id is a create of its
/// own, never the first caller's referral (which that user may not be allowed to see).
actor CreateLedger {
    static let limit = 1000
    private var answers: [String: SandboxResponse] = [:]
    private var order: [String] = []
    private var pending: [String: Task<SandboxResponse, any Error>] = [:]
    /// Counts resets: a create that was under way during one keeps no answer.
    private var generation = 0

    /// The first answer for `requestId`, or the one `create` gives now.
    func answer(
        requestId: String?, caller: SandboxCaller, create: @escaping @Sendable () async throws -> SandboxResponse
    ) async throws -> SandboxResponse {
        guard let id = requestId else { return try await create() }
        let requestId = caller.user.email.lowercased() + "\u{0}" + id
        if let answer = answers[requestId] { return answer }
        if let running = pending[requestId] { return try await running.value }
        let task = Task { try await create() }
        pending[requestId] = task
        let started = generation
        defer { if started == generation { pending[requestId] = nil } }
        let response = try await task.value
        if (200..<300).contains(response.status), answers[requestId] == nil, started == generation {
            answers[requestId] = response
            order.append(requestId)
            if order.count > Self.limit { answers[order.removeFirst()] = nil }
        }
        return response
    }

    /// Forgets every answer (the store they name was reset).
    func clear() {
        answers = [:]
        order = []
        pending = [:]
        generation += 1
    }
}
