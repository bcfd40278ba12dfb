import ReferralKit
import ReferralsWire

extension ReferralsAPI {
    /// `$expand` is accepted (the connector sends it) and changes nothing: a referral has no
    /// navigation properties to expand.
    static let listOptions: Set<String> = ["$filter", "$orderby", "$top", "$skip", "$select", "$count", "$skiptoken", "$expand"]

    /// Collections the schema leaves untyped (lists production always answers, `links`, `offers`).
    static let untypedCollections = Set(ProductionShape.lists + ["links", "offers"])

    /// The options a single referral takes (`GET /referrals/{id}`): OData applies `$select` and
    /// `$expand` to one entity, and refuses the collection's options there.
    static let singleOptions: Set<String> = ["$select", "$expand"]

    /// The `$select` of a `GET /referrals/{id}`, if any; 400 for an option a single referral does
    /// not take, or one given twice.
    func singleSelection(_ request: SandboxRequest) throws(APIError) -> [String]? {
        var named = Set<String>()
        for item in request.query where item.name.hasPrefix("$") {
            guard Self.singleOptions.contains(item.name) else {
                throw APIError.about(
                    item.name, 400, "InvalidQuery",
                    "query option \(item.name) does not apply to a single referral (supported: \(Self.singleOptions.sorted().joined(separator: ", ")))"
                )
            }
            guard named.insert(item.name).inserted else {
                throw APIError.repeatedOption(item.name)
            }
        }
        return try selection(request.queryValue("$select"))
    }

    /// `GET /referrals`: `$filter`, `$orderby`, `$top`, `$skip`, `$select`, `$count`, pages of
    /// `pageSize` with an absolute `@odata.nextLink` carrying an opaque `$skiptoken`.
    func list(_ request: SandboxRequest, caller: SandboxCaller) async throws -> SandboxResponse {
        for item in request.query where item.name.hasPrefix("$") && !Self.listOptions.contains(item.name) {
            throw APIError.about(
                item.name, 400, "InvalidQuery", "unknown query option \(item.name) (supported: \(Self.listOptions.sorted().joined(separator: ", ")))")
        }
        var named = Set<String>()
        for item in request.query where item.name.hasPrefix("$") && !named.insert(item.name).inserted {
            // OData's own words: the service would otherwise pick one of two filters silently.
            throw APIError.repeatedOption(item.name)
        }
        let filter = try request.queryValue("$filter").map { (text) throws(APIError) -> ODataFilter in
            do {
                let parsed = try ODataFilterParser.parse(text)
                if let unknown = parsed.unknownProperty() {
                    throw APIError.about("$filter", 400, "InvalidFilter", "$filter: unknown property '\(unknown)'")
                }
                if let mismatch = parsed.typeMismatch() {
                    throw APIError.about("$filter", 400, "InvalidFilter", "$filter: \(mismatch)")
                }
                if let value = parsed.nonCondition() {
                    throw APIError.about(
                        "$filter", 400, "InvalidFilter", "$filter: '\(value)' is a value, not a condition (compare it, as \(value) eq …)")
                }
                return parsed
            } catch let error as ODataSyntaxError {
                throw APIError.about("$filter", 400, "InvalidFilter", "$filter: \(error.description)")
            } catch let error as APIError {
                throw error
            } catch {
                throw APIError.about("$filter", 400, "InvalidFilter", "$filter: \(error)")
            }
        }
        let order = try orderBy(request.queryValue("$orderby"))
        let top = try nonNegative(request, "$top")
        let skip = try nonNegative(request, "$skip") ?? 0
        let offset = try request.queryValue("$skiptoken").map { token throws(APIError) in try Self.decodeSkipToken(token, query: request.query) } ?? 0
        let select = try selection(request.queryValue("$select"))
        if let count = request.queryValue("$count"), count != "true", count != "false" {
            throw APIError.about("$count", 400, "InvalidQuery", "$count must be true or false")
        }

        let query = ListSnapshot.Query(caller: caller, filter: request.queryValue("$filter"), order: request.queryValue("$orderby"))
        let (window, pageReferrals) = try await matches(query, filter: filter, order: order, now: clock.now(), continuing: offset > 0) { count in
            ListWindow(count: count, skip: skip, top: top, offset: offset, pageSize: configuration.pageSize)
        }
        let base = baseURL(for: request)
        let page = pageReferrals.map { referral in
            let shaped = ProductionShape.withLinks(referral, base: base)
            return select.map(Self.project(shaped)) ?? shaped
        }

        var nextLink: String?
        if window.page.upperBound < window.end {
            var query = request.query.filter { $0.name != "$skiptoken" }.map { ($0.name, $0.value) }
            query.append(("$skiptoken", Self.encodeSkipToken(window.page.upperBound - window.start, query: request.query)))
            nextLink = baseURL(for: request) + ReferralsRoutes.collectionPath + "?" + PercentEncoding.query(query)
        }
        let body = ListPage(referrals: page, count: window.count, nextLink: nextLink)
        return .json(200, body.json(context: ReferralsRoutes.listContext(base: baseURL(for: request))))
    }

    /// The query a skip token continues, as one text: its items but `$skiptoken`, sorted, so a
    /// proxy that reorders them changes nothing.
    static func continued(_ query: [(name: String, value: String)]) -> String {
        query.filter { $0.name != "$skiptoken" }.map { $0.name + "=" + $0.value }.sorted().joined(separator: "&")
    }

    /// The largest `$top` or `$skip` taken (far more referrals than an organization has).
    static let largestNumber = 1_000_000_000

    private func nonNegative(_ request: SandboxRequest, _ name: String) throws(APIError) -> Int? {
        guard let text = request.queryValue(name) else { return nil }
        guard text.count <= 10, let value = Int(text), (0...Self.largestNumber).contains(value) else {
            throw APIError.about(
                name, 400, "InvalidQuery", "\(name) must be a whole number from 0 to \(Self.largestNumber), not '\(text.prefix(40))'")
        }
        return value
    }

    /// `a + b`, at most `Int.max`.
    static func sum(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : result
    }

    /// `$orderby`: comma-separated keys, each a documented property (`/` for nested ones) and
    /// `asc` or `desc`.
    private func orderBy(_ text: String?) throws(APIError) -> [(path: JSONPath, descending: Bool)] {
        guard let text else { return [] }
        // Every key holds a property: an empty one (`createdDateTime desc,`) is refused, as OData does.
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { (key) throws(APIError) -> (path: JSONPath, descending: Bool) in
            let words = key.split(separator: " ").map(String.init)
            // Names as the schema spells them (`CreatedDateTime` sorts by createdDateTime, as it is matched).
            let canonical = words.first.map { CanonicalNames.pointer("/" + $0).dropFirst() } ?? ""
            let components = canonical.split(separator: "/").map { JSONPath.Component.key(String($0)) }
            // A key sorts by a single value: a collection or an object does not sort, nor do the
            // lists and `links` the schema leaves untyped (correction 4).
            let sortable: Bool =
                switch ReferralSchema.field(at: JSONPath(components))?.type {
                case .object?, .array?, nil: false
                case .anyValue?: !Self.untypedCollections.contains(canonical.split(separator: "/").last.map(String.init) ?? "")
                default: true
                }
            guard (1...2).contains(words.count), words.count == 1 || ["asc", "desc"].contains(words[1].lowercased()),
                !components.isEmpty, sortable
            else {
                throw APIError.about(
                    "$orderby", 400, "InvalidQuery", "$orderby takes documented properties, each asc or desc; not '\(key.trimming(" "))'")
            }
            return (JSONPath(components, exactKeys: true), words.count == 2 && words[1].lowercased() == "desc")
        }
    }

    private func selection(_ text: String?) throws(APIError) -> [String]? {
        guard let text else { return nil }
        // Names in any case (correction 6), answered as the schema spells them.
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { (given) throws(APIError) -> String in
            let name = given.trimming(" ")
            guard let field = ReferralSchema.fields.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw APIError.about("$select", 400, "InvalidQuery", "$select: unknown property '\(name)'")
            }
            return field.name
        }
    }

    static func project(_ referral: JSONValue) -> ([String]) -> JSONValue {
        { names in
            let object = referral.objectValue ?? JSONObject()
            return .object(JSONObject(names.compactMap { name in object[name].map { (name, $0) } }))
        }
    }

    /// `referrals` sorted by each key in turn (numbers by value, other values by their text;
    /// absent and null first), ties kept in store order.
    static func stableSorted(_ referrals: [JSONValue], by keys: [(path: JSONPath, descending: Bool)]) -> [JSONValue] {
        referrals.enumerated().sorted { a, b in
            for key in keys {
                let order = compare(a.element.lookup(key.path), b.element.lookup(key.path))
                if order != 0 { return key.descending ? order > 0 : order < 0 }
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// -1, 0 or 1: how `x` sorts against `y`.
    static func compare(_ x: JSONValue?, _ y: JSONValue?) -> Int {
        switch (x, y) {
        case (nil, nil), (.null?, .null?), (nil, .null?), (.null?, nil): return 0
        case (nil, _), (.null?, _): return -1
        case (_, nil), (_, .null?): return 1
        case (.number(let a)?, .number(let b)?):
            let (p, q) = (Double(a.literal) ?? 0, Double(b.literal) ?? 0)
            return p == q ? 0 : (p < q ? -1 : 1)
        case (.string(let a)?, .string(let b)?):
            // Date-times sort as the instants they name, as $filter compares them.
            if let p = DateTimeFormat.ticks(a), let q = DateTimeFormat.ticks(b) { return p == q ? 0 : (p < q ? -1 : 1) }
            return a == b ? 0 : (a < b ? -1 : 1)
        case (let a?, let b?):
            let (p, q) = (a.stringValue ?? JSONPrinter.compact.print(a), b.stringValue ?? JSONPrinter.compact.print(b))
            return p == q ? 0 : (p < q ? -1 : 1)
        }
    }

    /// The skip token is opaque to clients: the offset in the filtered window, in base 36, and
    /// an HMAC-SHA256 of it and of the query it continues (every item but `$skiptoken`, in name
    /// order) under a key drawn at random when the process starts (truncated to 16 bytes,
    /// base64url). So only this sandbox's own tokens are taken, and only with the query they
    /// were issued for: a forged or edited token, one moved to another `$filter`, or one from
    /// before a restart, is a 400.
    public static func encodeSkipToken(_ offset: Int, query: [(name: String, value: String)]) -> String {
        let text = String(offset, radix: 36)
        return "s" + text + "." + SkipTokenKey.tag(text + "\n" + continued(query))
    }

    public static func decodeSkipToken(_ token: String, query: [(name: String, value: String)]) throws(APIError) -> Int {
        let parts = token.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        guard token.hasPrefix("s"), token.count <= 64, parts.count == 2, parts[0].count <= 12,
            let offset = Int(parts[0], radix: 36), (0...largestNumber).contains(offset),
            SkipTokenKey.tag(String(parts[0]) + "\n" + continued(query)) == String(parts[1])
        else {
            throw APIError.about(
                "$skiptoken", 400, "InvalidQuery", "$skiptoken is not one this service issued for this query: follow @odata.nextLink as it is")
        }
        return offset
    }
}
