import ReferralKit
import ReferralsWire

extension ReferralsAPI {
    /// `PUT /referrals/{id}` (obsolete): the whole referral without `links`, `If-Match` required.
    func replace(_ id: String, _ request: SandboxRequest, caller: SandboxCaller) async throws -> SandboxResponse {
        guard let ifMatch = request.combinedHeader(HeaderName.ifMatch) else {
            throw APIError.about("If-Match", 428, "PreconditionRequired", "PUT needs an If-Match header with the referral's eTag")
        }
        let body = try jsonBody(request)
        // A PUT replaces the whole referral: one without its required fields would strip them.
        let missing = ReferralValidator.missingRequired(.object(body))
        if !missing.isEmpty {
            throw APIError(
                400, "MissingField", "\(missing.joined(separator: ", ")): required in a PUT, which replaces the whole referral",
                fields: missing.map { ErrorBody.FieldError(field: $0, message: "is required") })
        }
        if body["links"] != nil {
            throw APIError.field("links", "is read-only and must not be sent; remove it from the body")
        }
        let incoming = JSONObject(body.filter { !$0.key.hasPrefix("@odata.") }.map { ($0.key, $0.value) })
        // A malformed body is a 400 before any concurrency check, as model validation runs first.
        try Self.rejectInvalid(.object(incoming), baseline: nil)
        let now = clock.now()
        let eTag = newETag()
        let stored = try await store.update(id: id) { (stored) throws(APIError) -> JSONValue in
            guard caller.mayAccess(stored) else { throw caller.denied }
            let current = self.current(stored, now: now)  // as GET answered it, its eTag too
            try Self.checkETag(ifMatch, current)
            let currentObject = current.objectValue ?? JSONObject()
            for key in ServerSetFields.names where key != "links" && key != "eTag" && key != "updatedDateTime" {
                if let given = incoming[key], !given.isNull, !Self.same(given, currentObject[key]) {
                    throw APIError.field(key, "is read-only and differs from the stored value")
                }
            }
            var next = incoming
            for key in ServerSetFields.names where key != "links" { next[key] = currentObject[key] }
            next["updatedDateTime"] = .string(now)
            next["eTag"] = .string(eTag)
            next["links"] = currentObject["links"]
            if next["links"] == nil { next.removeValue(forKey: "links") }
            try Self.rejectInvalid(.object(next), baseline: current)
            let kept = ProductionShape.keepingStoredExpiration(.object(next), current: current, stored: stored)
            let result = ProductionShape.stampingDates(ProductionShape.withLists(kept), from: current, now: now)
            try StorableReferral.check(result, maxBytes: self.configuration.maxBodyBytes)
            return result
        }
        return .json(200, ProductionShape.withLinks(stored, base: baseURL(for: request)), headers: eTagHeader(stored))
    }

    /// `PATCH /referrals/{id}`: a JSON Patch of `replace` and `add` only, applied atomically;
    /// `If-Match` optional but honoured; 204, or 200 with the referral on `Prefer: return=representation`.
    func update(_ id: String, _ request: SandboxRequest, caller: SandboxCaller) async throws -> SandboxResponse {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: request.body)
        } catch {
            throw APIError(400, "InvalidJson", "the body is not valid JSON: \(error.description)")
        }
        let patch: JSONPatch
        do {
            patch = try JSONPatch(json: Self.lowercasingOps(document))
        } catch {
            throw APIError(400, "InvalidPatch", error.description)
        }
        let operations = try Self.supported(patch)
        let ifMatch = request.combinedHeader(HeaderName.ifMatch)
        let now = clock.now()
        let eTag = newETag()
        let stored = try await store.update(id: id) { (stored) throws(APIError) -> JSONValue in
            guard caller.mayAccess(stored) else { throw caller.denied }
            let current = self.current(stored, now: now)  // as GET answered it: expired, lists present
            let stale = Self.staleness(ifMatch, current)  // an expired referral's eTag is another
            var next: JSONValue
            do throws(JSONPatchError) {
                next = try Self.applied(operations, to: current)
            } catch {
                let pointer = error.operation.flatMap { operations.indices.contains($0) ? operations[$0].path : nil }
                // A documented path that is not there (team/2 of a team now shorter) failed because
                // the referral changed since the client read it: that is what a stale eTag says.
                if let stale, let pointer, Self.isDocumented(pointer) { throw stale }
                // The error's target is the field the failing operation names.
                let target = pointer.flatMap(Self.field(of:))
                throw APIError(
                    400, "InvalidPatch", "\(error)", fields: target.map { [ErrorBody.FieldError(field: $0, message: error.message)] } ?? [])
            }
            guard case .object(var object) = next else { throw APIError(400, "InvalidPatch", "the result must be a referral object") }
            object["updatedDateTime"] = .string(now)
            object["eTag"] = .string(eTag)
            next = .object(object)
            // A malformed body is a 400 even with a stale If-Match, as for PUT (docs/api-choices.md):
            // its values are checked before the eTag, the move it makes from the stored status after.
            if let stale {
                try Self.rejectInvalidValues(next, baseline: current)
                try StorableReferral.check(next, maxBytes: self.configuration.maxBodyBytes)
                throw stale
            }
            try Self.rejectInvalid(next, baseline: current)
            let kept = ProductionShape.keepingStoredExpiration(next, current: current, stored: stored)
            let result = ProductionShape.stampingDates(kept, from: current, now: now)
            try StorableReferral.check(result, maxBytes: self.configuration.maxBodyBytes)
            return result
        }
        if Self.prefersRepresentation(request.header(HeaderName.prefer)) {
            return .json(200, ProductionShape.withLinks(stored, base: baseURL(for: request)), headers: eTagHeader(stored))
        }
        return SandboxResponse(status: 204, headers: eTagHeader(stored))
    }

    /// The document with each operation's `op` in lowercase: ASP.NET Core's JSON Patch reads
    /// `Replace` as `replace`, so the sandbox does too.
    static func lowercasingOps(_ document: JSONValue) -> JSONValue {
        guard case .array(let operations) = document else { return document }
        return .array(
            operations.map { operation in
                guard case .object(var object) = operation, let op = object["op"]?.stringValue else { return operation }
                object["op"] = .string(op.lowercased())
                return .object(object)
            })
    }

    /// Whether a read-only field sent in a PUT is the stored value: equal, or the same instant
    /// written another way (`…Z`, `.000Z`, `+00:00`, as typed clients write a date back).
    static func same(_ given: JSONValue, _ stored: JSONValue?) -> Bool {
        if given == stored { return true }
        guard let a = given.stringValue, let b = stored?.stringValue, let x = DateTimeFormat.ticks(a) else { return false }
        return x == DateTimeFormat.ticks(b)
    }

    /// The operations with values coerced as the service does; 400 for anything but add/replace,
    /// for a path into a read-only field, or for a value its field's type refuses (checked here,
    /// before the referral is looked up, as model validation runs before the team check).
    static func supported(_ patch: JSONPatch) throws(APIError) -> [JSONPatch.Operation] {
        var out: [JSONPatch.Operation] = []
        for (index, operation) in patch.operations.enumerated() {
            let path: String, given: JSONValue
            switch operation {
            case .add(let p, let v), .replace(let p, let v):
                // Member names are matched without regard to case, in the path and in the value.
                (path, given) = (CanonicalNames.pointer(p), v)
            default:
                let message = "'\(operation.name)' is not supported; only replace and add are (use PUT to remove a field)"
                throw APIError(
                    400, "InvalidPatch", "operation \(index): " + message,
                    fields: field(of: operation.path).map { [ErrorBody.FieldError(field: $0, message: message)] } ?? [])
            }
            let parsed: JSONPath
            do {
                parsed = try Self.path(of: path)
            } catch {
                throw APIError(400, "InvalidPatch", "operation \(index): \(error.message)")
            }
            let value = ReferralSchema.field(at: parsed).map { CanonicalNames.apply(given, as: $0.type) } ?? given
            guard case .key(let top)? = parsed.components.first else {
                throw APIError(400, "InvalidPatch", "operation \(index): the whole referral cannot be replaced; use PUT")
            }
            if ServerSetFields.contains(top) {
                throw APIError.field(top, "is read-only")
            }
            let coerced = coercingNumbers(value, at: parsed)
            try rejectInvalidValue(coerced, at: parsed, pointer: path)
            out.append(operation.name == "add" ? .add(path: path, value: coerced) : .replace(path: path, value: coerced))
        }
        return out
    }

    /// `operations` applied to `current` in order. The service returns unset documented fields as
    /// `null` and lets `replace` set them; the sandbox stores such fields as absent, so a `replace`
    /// of a documented field absent at that point is an `add`. A failure names its operation's
    /// index, as ``JSONPatch/apply(to:)`` does.
    static func applied(_ operations: [JSONPatch.Operation], to current: JSONValue) throws(JSONPatchError) -> JSONValue {
        var document = current
        for (index, operation) in operations.enumerated() {
            var effective = operation
            if case .replace(let pointer, let value) = operation, let path = try? JSONPathParser.parsePointer(pointer),
                document.lookup(path) == nil, ReferralSchema.field(at: path) != nil, document.lookup(path.parent) != nil
            {
                effective = .add(path: pointer, value: value)
            }
            do {
                document = try JSONPatch([effective]).apply(to: document)
            } catch {
                throw JSONPatchError(operation: index, message: error.message)
            }
        }
        return document
    }

    /// 400 when `value` is not of the type the schema gives `path`. An element (`/team/-`,
    /// `/team/2`) is checked as a one-element list of its array, and named by its pointer.
    static func rejectInvalidValue(_ value: JSONValue, at path: JSONPath, pointer: String) throws(APIError) {
        // `path(of:)` reads `/team/-` as `team`: the array itself.
        let appended = pointer.hasSuffix("/-")
        let indexed: Bool = if case .index? = path.components.last { true } else { false }
        let array = appended ? path : JSONPath(Array(path.components.dropLast()))
        let element = appended || indexed
        let issues = element ? ReferralValidator.check(.array([value]), at: array) : ReferralValidator.check(value, at: path)
        guard let first = issues.first(where: { $0.severity == .error }) else { return }
        let field = element ? array.description : first.path.description
        let message = element ? "\(pointer): \(first.message)" : first.description
        throw APIError(400, "InvalidInput", message, fields: [ErrorBody.FieldError(field: field, message: first.message)])
    }

    /// A numeric string for a decimal field becomes the number (documented: `"value": "10000"`).
    static func coerce(_ value: JSONValue, at path: JSONPath) -> JSONValue {
        guard case .string(let text) = value, case .decimal? = ReferralSchema.field(at: path)?.type,
            let number = JSONNumber(literal: text)
        else { return value }
        return .number(number)
    }

    /// ``rejectInvalid(_:baseline:)`` for the values alone: a move between known statuses, which
    /// depends on the stored status rather than on the body, is not checked.
    static func rejectInvalidValues(_ referral: JSONValue, baseline: JSONValue) throws(APIError) {
        guard case .object(var unmoved) = baseline, let object = referral.objectValue,
            object["status"]?.stringValue.flatMap(ReferralStatus.init(rawValue:)) != nil,
            object["substatus"]?.stringValue.flatMap(ReferralSubstatus.init(rawValue:)) != nil
        else { return try rejectInvalid(referral, baseline: baseline) }
        for key in ["status", "substatus"] { unmoved[key] = object[key] }
        try rejectInvalid(referral, baseline: .object(unmoved))
    }

    /// The 412 a stale `If-Match` earns against `stored`, if it is stale.
    static func staleness(_ ifMatch: String?, _ stored: JSONValue) -> APIError? {
        guard let ifMatch else { return nil }
        do {
            try checkETag(ifMatch, stored)
            return nil
        } catch {
            return error
        }
    }

    /// The path a patch operation's JSON Pointer names: the array itself for an append (`/team/-`).
    static func path(of pointer: String) throws(PathSyntaxError) -> JSONPath {
        try JSONPathParser.parsePointer(pointer.hasSuffix("/-") ? String(pointer.dropLast(2)) : pointer)
    }

    /// Whether a JSON Pointer names a field the schema documents (`/team/2/email`).
    static func isDocumented(_ pointer: String) -> Bool {
        (try? path(of: pointer)).flatMap { ReferralSchema.field(at: $0) } != nil
    }

    /// The field a JSON Pointer names, as error targets spell fields (`details.dealValue`, `team[0]`);
    /// `nil` for a malformed pointer or the whole referral.
    static func field(of pointer: String) -> String? {
        guard let path = try? path(of: pointer), !path.components.isEmpty else { return nil }
        return path.description
    }

    /// Whether a `Prefer` header asks for the referral back: a `return` preference of
    /// `representation`, quoted or not, in any case, among others and with parameters (RFC 7240).
    static func prefersRepresentation(_ prefer: String?) -> Bool {
        guard let prefer else { return false }
        return prefer.split(separator: ",").contains { preference in
            let nameAndValue = preference.split(separator: ";", maxSplits: 1).first ?? ""
            let parts = nameAndValue.split(separator: "=", maxSplits: 1).map { $0.trimming(" \t") }
            guard parts.count == 2, parts[0].lowercased() == "return" else { return false }
            var value = parts[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.lowercased() == "representation"
        }
    }

    static func checkETag(_ ifMatch: String, _ current: JSONValue) throws(APIError) {
        let stored = ReferralDocument.eTag(of: current) ?? ""
        guard ifMatch == stored || ifMatch == "*" else {
            throw APIError(412, "PreconditionFailed", "the referral changed: If-Match \(ifMatch) is not the current eTag")
        }
    }
}
