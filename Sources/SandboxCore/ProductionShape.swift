import ReferralKit
import ReferralsWire

/// Referrals in the shape production answers them in (docs/api-contract.md, "Lists and nulls"):
/// every documented list present, `[]` when empty, so `add /team/-` and `add /registrations/-`
/// work on any referral; and `links` (`self`, `relatedReferrals`) on every answer.
enum ProductionShape {
    /// Top-level lists production always answers.
    static let lists = ["team", "target", "registrations", "tags"]
    /// Lists inside `customerProfile`.
    static let customerLists = ["team", "ids"]
    /// Lists inside `details.requirements` (the connector appends to `solutions/-`).
    static let requirementLists = ["industries", "products", "services", "solutions"]

    /// `referral` with each documented list it lacks (or holds as `null`) as `[]`, and every
    /// other documented field it lacks, at the top level and in `customerProfile` and
    /// `details`, as `null`, as production answers unset fields.
    static func withLists(_ referral: JSONValue) -> JSONValue {
        guard case .object(var object) = referral else { return referral }
        for key in lists where object[key] == nil || object[key] == .null { object[key] = [] }
        withNulls(&object, fields: ReferralSchema.fields)
        for (name, listNames) in [("customerProfile", customerLists), ("details", [])] {
            guard case .object(var inner)? = object[name], let field = ReferralSchema.fields.first(where: { $0.name == name }),
                case .object(let fields) = field.type
            else { continue }
            for key in listNames where inner[key] == nil || inner[key] == .null { inner[key] = [] }
            withNulls(&inner, fields: fields)
            if name == "details" {
                // Every list, the requirements' too, so `add /details/requirements/solutions/-` works
                // on any referral *(assumed: the requirements object as production's model answers it)*.
                var requirements = inner["requirements"]?.objectValue ?? JSONObject()
                for key in requirementLists where requirements[key] == nil || requirements[key] == .null { requirements[key] = [] }
                if case .object(let requirementFields)? = fields.named("requirements")?.type { withNulls(&requirements, fields: requirementFields) }
                inner["requirements"] = .object(requirements)
            }
            object[name] = .object(inner)
        }
        return .object(object)
    }

    /// Adds `null` for each of `fields` that `object` lacks (`links` aside: it is added with its value).
    private static func withNulls(_ object: inout JSONObject, fields: FieldSet) {
        for field in fields where object[field.name] == nil && field.name != "links" { object[field.name] = .null }
    }

    /// `referral` with `links` to itself and its engagement's referrals at `base`, when it has none.
    static func withLinks(_ referral: JSONValue, base: String) -> JSONValue {
        guard case .object(var object) = referral, object["links"] == nil || object["links"] == .null,
            let id = object["id"]?.stringValue
        else { return referral }
        object["links"] = links(base: base, id: id, engagementId: object["engagementId"]?.stringValue ?? "")
        return .object(object)
    }

    /// The `links` member: `self` and `relatedReferrals` (the engagement's referrals). The GUID
    /// is quoted here, where the service's own link leaves it unquoted (docs/api-choices.md).
    static func links(base: String, id: String, engagementId: String) -> JSONValue {
        let collection = base + ReferralsRoutes.collectionPath
        return [
            "relatedReferrals": [
                "uri": .string(collection + "?$filter=" + PercentEncoding.encode("engagementId eq '\(engagementId)'")), "method": "GET",
            ],
            "self": ["uri": .string(collection + "/" + id), "method": "GET"],
        ]
    }

    /// How long a New referral nobody answers stays New (then it is Closed/Expired).
    static let expirySeconds: Double = 14 * 86_400

    /// `referral` as of `now` (seconds since 1970): a New one nobody answered for 14 days is
    /// Closed/Expired, closed when it expired. The days count from its creation, or from `since`
    /// (when the sandbox started) for referrals older than that, so a sandbox seeded long ago
    /// still has New leads until its clock is moved on *(assumed; docs/sandbox.md)*.
    static func expired(_ referral: JSONValue, now: Double, since: Double) -> JSONValue {
        guard let (expiry, declared) = expiryAndSource(of: referral, since: since), case .object(var object) = referral else { return referral }
        let at = JSONValue.string(SandboxTime.text(expiry))
        // A New referral says when it will expire: the moment the sandbox applies (one a client
        // wrote stays as written).
        if !declared { object["expirationDateTime"] = at }
        guard now >= expiry else { return .object(object) }
        object["status"] = "Closed"
        object["substatus"] = "Expired"
        object["closedDateTime"] = at
        object["updatedDateTime"] = at
        // Expiring changed the referral, as the service's own job would: its eTag is another, so
        // a client holding the New one gets 412 and reads it again (the same one every time).
        if let eTag = object["eTag"]?.stringValue { object["eTag"] = .string(expiredETag(of: eTag)) }
        return .object(object)
    }

    /// The eTag a referral stored with `eTag` answers with once it expired: a quoted GUID drawn
    /// from it (two 64-bit FNV-1a hashes, written as every sandbox id is), the same for the same eTag.
    static func expiredETag(of eTag: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in Array("expired:".utf8) + Array(eTag.utf8) {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        return "\"" + RandomIdentifiers.format(high: fnv(0xcbf2_9ce4_8422_2325), low: fnv(0x8422_2325_cbf2_9ce4)) + "\""
    }

    /// When `referral`, as stored, expires (see ``expired(_:now:since:)``): for a New one, at its
    /// `expirationDateTime` when that is no earlier than `since`, else 14 days after its creation
    /// or `since`, whichever is later; `nil` for any other.
    static func expiry(of referral: JSONValue, since: Double) -> Double? { expiryAndSource(of: referral, since: since)?.at }

    /// ``expiry(of:since:)``, and whether the moment is the referral's own `expirationDateTime`
    /// (compared with `since` in ticks, as written), read once.
    private static func expiryAndSource(of referral: JSONValue, since: Double) -> (at: Double, declared: Bool)? {
        guard case .object(let object) = referral, object["status"] == "New" else { return nil }
        if let ticks = object["expirationDateTime"]?.stringValue.flatMap(DateTimeFormat.ticks), ticks >= Int64((since * 10_000_000).rounded(.up)) {
            return (Double(ticks) / 10_000_000, true)
        }
        let created = object["createdDateTime"]?.stringValue.flatMap(SandboxTime.seconds) ?? since
        return (max(created, since) + expirySeconds, false)
    }

    /// `next`, a write's result, with the stored `expirationDateTime` back where the write kept
    /// the one the sandbox showed (`current`): the computed moment is not made the referral's
    /// own, so a restart later (a new start) counts its days again as for every other referral.
    static func keepingStoredExpiration(_ next: JSONValue, current: JSONValue, stored: JSONValue) -> JSONValue {
        guard case .object(var object) = next, let shown = current.objectValue?["expirationDateTime"],
            shown != stored.objectValue?["expirationDateTime"], object["expirationDateTime"] == shown
        else { return next }
        object["expirationDateTime"] = stored.objectValue?["expirationDateTime"] ?? .null
        return .object(object)
    }

    /// `next` with the dates the service keeps on a change from `current`: `acceptedDateTime`
    /// when it becomes Active/Accepted, `closedDateTime` when it becomes Closed.
    static func stampingDates(_ next: JSONValue, from current: JSONValue, now: String) -> JSONValue {
        guard case .object(var object) = next else { return next }
        let before = current.objectValue?["status"]?.stringValue, after = object["status"]?.stringValue
        if after == "Active", object["substatus"] == "Accepted", before != "Active" { object["acceptedDateTime"] = .string(now) }
        if after == "Closed", before != "Closed" { object["closedDateTime"] = .string(now) }
        return .object(object)
    }
}
