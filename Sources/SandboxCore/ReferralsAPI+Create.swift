import ReferralKit
import ReferralsWire

extension ReferralsAPI {
    /// `POST /referrals`: the documented create. Required: type, customerProfile, consent, details.
    /// The result is `Active`/`Accepted`, `Outgoing`, accepted at creation; a given engagementId is kept.
    func create(_ request: SandboxRequest, caller: SandboxCaller) async throws -> SandboxResponse {
        let body = try jsonBody(request)
        if let missing = ReferralValidator.missingForCreate(.object(body)) {
            throw APIError.field(missing, "is required to create a referral", code: "MissingField")
        }
        // A client's values for the fields the server sets are ignored.
        let clientFields = JSONObject(body.filter { !ServerSetFields.contains($0.key) }.map { ($0.key, $0.value) })
        try Self.rejectInvalid(.object(clientFields), baseline: nil)

        let id = ids.next()
        let now = clock.now()
        var referral = JSONObject()
        referral["id"] = .string(id)
        referral["organizationId"] = .string(configuration.organizationId)
        referral["organizationName"] = .string(configuration.organizationName)
        // Null or empty is absent, as a typed client sends an unset one.
        let givenEngagement = clientFields["engagementId"]?.stringValue.flatMap { $0.trimming(" \t").isEmpty ? nil : $0 }
        referral["engagementId"] = .string(givenEngagement ?? ids.next())
        referral["createdDateTime"] = .string(now)
        referral["updatedDateTime"] = .string(now)
        referral["acceptedDateTime"] = .string(now)
        for (key, value) in clientFields where key != "engagementId" { referral[key] = value }
        // A Referral User who creates a referral is on its team, or they could not see it *(assumed)*.
        if caller.user.role == .user, !caller.mayAccess(.object(referral)) {
            let member: JSONValue = ["email": .string(caller.user.email)]
            referral["team"] = .array((referral["team"]?.arrayValue ?? []) + [member])
        }
        referral["status"] = "Active"
        referral["substatus"] = "Accepted"
        referral["direction"] = "Outgoing"
        referral["eTag"] = .string(newETag())
        let base = baseURL(for: request)
        referral["links"] = ProductionShape.links(base: base, id: id, engagementId: referral["engagementId"]?.stringValue ?? "")
        let stored = ProductionShape.withLists(.object(referral))
        try StorableReferral.check(stored, maxBytes: configuration.maxBodyBytes)
        try await store.insert(stored, id: id)
        let location = base + ReferralsRoutes.itemPath(id)
        // 200, as the service documents it ("The request was successful. Referral created.").
        return .json(200, stored, headers: [(HeaderName.location, location)] + eTagHeader(stored))
    }

    func newETag() -> String { "\"" + ids.next() + "\"" }

    /// 400 naming every invalid field the request changed (type, enum value, transition from
    /// `baseline`); values stored as they are pass (the service never refuses its own), and so
    /// do warnings.
    static func rejectInvalid(_ referral: JSONValue, baseline: JSONValue?) throws(APIError) {
        // A required field the referral had cannot be nulled: it could not be PUT back after.
        if let baseline {
            let had = ReferralValidator.missingRequired(baseline)
            let lost = ReferralValidator.missingRequired(referral).filter { !had.contains($0) }
            if !lost.isEmpty {
                throw APIError(
                    400, "MissingField", "\(lost.joined(separator: ", ")): required; a referral cannot be without it",
                    fields: lost.map { ErrorBody.FieldError(field: $0, message: "is required") })
            }
        }
        let issues = ReferralValidator.issuesOfChanges(referral, baseline: baseline).filter { issue in
            issue.severity == .error && !issue.message.hasPrefix("is read-only")
        }
        guard let first = issues.first else { return }
        let fields = issues.map { ErrorBody.FieldError(field: $0.path.description, message: $0.message) }
        // A move between known statuses is a transition; an unknown status is a bad value.
        let known = referral.objectValue?["status"]?.stringValue.flatMap(ReferralStatus.init(rawValue:)) != nil
        let code = first.path.description == "status" && known ? "InvalidTransition" : "InvalidInput"
        throw APIError(400, code, first.description + (issues.count > 1 ? " (and \(issues.count - 1) more)" : ""), fields: fields)
    }
}
