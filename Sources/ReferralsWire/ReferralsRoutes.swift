import ReferralKit

/// The paths and URLs of the Referrals API, as the client sends them and the sandbox routes them.
public enum ReferralsRoutes {
    /// The collection: `GET` lists, `POST` creates.
    public static let collectionPath = "/v1.0/engagements/referrals"
    /// The OData metadata document the answers' `@odata.context` points into.
    public static let metadataPath = "/v1.0/engagements/$metadata"
    /// The sandbox's admin surface (`/_sandbox/requests`, `faults`, `reset`), never the real service's.
    public static let adminPrefix = "/_sandbox/"
    /// The sandbox's OpenAPI document.
    public static let openAPIPath = "/openapi.json"

    /// The path of one referral: the collection, `/`, the percent-encoded id.
    public static func itemPath(_ id: String) -> String { collectionPath + "/" + PercentEncoding.encode(id) }

    /// The collection URL for an endpoint given as a base URL, with or without the collection path.
    public static func collectionURL(endpoint: String) -> String {
        var url = endpoint
        while url.hasSuffix("/") { url.removeLast() }
        return url.hasSuffix(collectionPath) ? url : url + collectionPath
    }

    /// `@odata.context` of a list answer at `base` (`scheme://host[:port]`).
    public static func listContext(base: String) -> String { base + metadataPath + "#Referrals" }

    /// `@odata.context` of one referral at `base`.
    public static func entityContext(base: String) -> String { base + metadataPath + "#Referrals/$entity" }
}
