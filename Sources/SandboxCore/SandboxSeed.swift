import Foundation
import ReferralKit

/// The referrals a new sandbox starts with: the documentation's example, as it was before the
/// documented update (so the design card's `load` / `set` / `transition Closed Won` / `put` works
/// on it), plus a deterministic generated set covering every allowed status and substatus, both
/// directions and types, and engagements shared by several referrals.
public enum SandboxSeed {
    /// The documentation's example referral id.
    public static let documentedId = "49d90c72-3326-4f61-aacc-2cb57970448c"

    /// `1 + count` referrals; the same `seed` always gives the same set.
    public static func referrals(count: Int, seed: UInt64 = 1) -> [JSONValue] {
        var rng = SplitMix64(seed: seed)
        return ([documented] + (0..<max(0, count)).map { generated($0, &rng) }).map(ProductionShape.withLists)
    }

    static let combinations: [(String, String)] = [
        ("New", "Pending"), ("New", "Received"), ("Active", "Accepted"),
        ("Closed", "Won"), ("Closed", "Lost"), ("Closed", "Declined"), ("Closed", "Expired"),
    ]
    static let firstNames = ["Sue", "Joe", "Ann", "Raj", "Mia", "Lars", "Yuki", "Omar", "Eva", "Liam"]
    static let lastNames = ["Smith", "Hansen", "Kowalski", "Ng", "Garcia", "Okafor", "Berg", "Ito"]
    static let companies = ["Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Adventure Works", "Litware", "Proseware"]
    static let countries = ["US", "NO", "DE", "JP", "IN", "BR", "GB", "FR"]

    static func generated(_ index: Int, _ rng: inout SplitMix64) -> JSONValue {
        let (status, substatus) = combinations[index % combinations.count]
        let odd = index % 10 == 3
        let id = rng.uuid()
        let engagement = index % 3 == 2 ? "00000000-0000-4000-8000-" + String(format12(index - 1)) : rng.uuid()
        let day = 1 + index % 28, month = 1 + (index / 28) % 12
        let created = String(format: "2024-%02d-%02dT%02d:%02d:00.0000000Z", month, day, index % 24, index % 60)
        let updated = String(format: "2024-%02d-%02dT%02d:%02d:30.0000000Z", month, min(28, day + 1), index % 24, index % 60)
        let company = companies[rng.below(companies.count)] + " \(index)"
        let first = firstNames[rng.below(firstNames.count)], last = lastNames[rng.below(lastNames.count)]
        let email = "\(first.lowercased()).\(last.lowercased())\(index)@\(company.split(separator: " ")[0].lowercased()).example"
        var referral = JSONObject()
        referral["id"] = .string(id)
        referral["engagementId"] = .string(index % 3 == 1 ? "00000000-0000-4000-8000-" + format12(index) : engagement)
        referral["organizationId"] = "7d23e5ca-19dc-4eaa-aac8-5e6b559f0d1d"
        referral["organizationName"] = "Contoso Company"
        referral["name"] = .string("\(company) opportunity")
        referral["createdDateTime"] = .string(created)
        referral["updatedDateTime"] = .string(updated)
        // The dates the service keeps (correction 7): accepted when a referral was accepted (at
        // creation for outgoing ones, a moment later for received ones), closed when it closed.
        // A referral the organization created itself (outgoing) is accepted at creation, so it is
        // never New, Declined or Expired: those are received referrals' states.
        let outgoing = index % 2 == 1 && (status == "Active" || substatus == "Won" || substatus == "Lost")
        if status == "Active" || substatus == "Won" || substatus == "Lost" {
            referral["acceptedDateTime"] = .string(
                outgoing ? created : String(format: "2024-%02d-%02dT%02d:%02d:15.0000000Z", month, day, index % 24, index % 60))
        }
        if status == "Closed" { referral["closedDateTime"] = .string(updated) }
        // An unanswered New referral expires 14 days after its creation, closed and updated then.
        if substatus == "Expired", let start = SandboxTime.seconds(created) {
            let expired = JSONValue.string(SandboxTime.text(start + ProductionShape.expirySeconds))
            referral["updatedDateTime"] = expired
            referral["closedDateTime"] = expired
        }
        referral["expirationDateTime"] = .string(String(format: "2024-%02d-%02dT00:00:00Z", month, min(28, day + 14)))
        referral["status"] = .string(status)
        referral["substatus"] = .string(substatus)
        if status == "Closed" { referral["statusReason"] = .string("Closed as \(substatus)") }
        referral["direction"] = outgoing ? "Outgoing" : "Incoming"
        referral["type"] = index % 5 == 0 ? "Shared" : "Independent"
        referral["qualification"] = .string(["None", "Direct", "MarketingQualified", "SalesQualified"][index % 4])
        referral["customerProfile"] = [
            "name": .string(company),
            "address": ["city": "Springfield", "country": .string(countries[index % countries.count])],
            "size": .string(odd ? "" : ReferralEnums.customerSize.values[index % ReferralEnums.customerSize.values.count]),
            "team": [["firstName": .string(first), "lastName": .string(last), "email": .string(email)]],
            "ids": [],
        ]
        referral["consent"] = ["consentToToShareInfoWithOthers": .bool(index % 2 == 0), "consentToContact": true]
        referral["details"] = [
            "notes": .string("Generated referral \(index)."),
            "dealValue": .int(1000 * (1 + rng.below(200))),
            "currency": "USD",
            "requirements": [
                "products": [["id": .string(ReferralEnums.products.values[index % ReferralEnums.products.values.count])]],
                "services": [["id": .string(ReferralEnums.services.values[index % ReferralEnums.services.values.count])]],
            ],
        ]
        referral["team"] = [["firstName": "John", "lastName": "Doe", "email": "john.doe@microsoft.example"]]
        // Values production really sends, outside the documented lists: an empty customer size
        // and a numeric sales stage (docs/api-contract.md, "Open values").
        if odd { referral["salesStage"] = "100" }
        referral["eTag"] = .string("\"" + rng.uuid() + "\"")
        return .object(referral)
    }

    static func format12(_ n: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, 12 - text.count)) + text
    }

    /// The documentation's example referral, Active/Accepted at 25000, incoming from Microsoft
    /// (accepted when it was last updated, the moment it was made).
    static let documented: JSONValue = {
        var referral = (try? JSONParser.parse(documentedText)) ?? .null
        try? referral.set("Active", at: JSONPath([.key("status")]))
        try? referral.set("Accepted", at: JSONPath([.key("substatus")]))
        try? referral.set("", at: JSONPath([.key("statusReason")]))
        try? referral.set(25000, at: JSONPath([.key("details"), .key("dealValue")]))
        try? referral.set("Incoming", at: JSONPath([.key("direction")]))
        return referral
    }()

    static let documentedText = #"""
        {"id": "49d90c72-3326-4f61-aacc-2cb57970448c", "engagementId": "37ef26aa-1d15-4533-9f93-a69bd33ab1e5",
         "organizationId": "7d23e5ca-19dc-4eaa-aac8-5e6b559f0d1d", "organizationName": "Contoso Company",
         "createdDateTime": "2018-11-06T18:40:42.6178337Z", "updatedDateTime": "2018-11-06T18:40:42.6178337Z",
         "acceptedDateTime": "2018-11-06T18:40:42.6178337Z",
         "expirationDateTime": "2018-11-14T00:00:00Z", "status": "Closed", "substatus": "Won",
         "statusReason": "Customer engagement was a success!", "qualification": "SalesQualified", "type": "Independent",
         "target": [{"type": "BusinessProfileLocation", "id": "01e2abcd-52b0-4af3-a3ae-1fd1530b3563"}],
         "customerProfile": {"name": "Contoso Customer Inc", "address": {"addressLine1": "One Microsoft Way", "addressLine2": "34",
           "city": "Redmond", "state": "WA", "postalCode": "98052", "country": "US"}, "size": "10to50employees",
           "team": [{"contactPreference": {"locale": "en-us", "disableNotifications": false}, "firstName": "Sue", "lastName": "Smith",
             "phoneNumber": "1234567890", "email": "sue.smith@contoso.com"},
            {"contactPreference": {"locale": "en-us", "disableNotifications": false}, "firstName": "Joe", "lastName": "Hansen",
             "phoneNumber": "4035698759", "email": "joe.hansen@contoso.com"}], "ids": []},
         "consent": {"consentToToShareInfoWithOthers": true, "consentToContact": true},
         "details": {"notes": "Customer is looking to leverage Dynamics 365 to manage their supply chain. There is also a need to leverage a set of custom apps to enable their business processes.",
           "dealValue": 50000, "currency": "USD", "closingDateTime": "2018-11-14T00:00:00Z",
           "requirements": {"industries": [{"id": "Manufacturing"}], "products": [{"id": "Dynamics365Enterprise"}],
             "services": [{"id": "DeploymentOrMigration"}],
             "solutions": [{"name": "Dynamics 365 for Field Service", "type": "Category", "id": "Dynamics365forFieldService"}]}},
         "team": [{"contactPreference": {"locale": "en-us", "disableNotifications": false}, "firstName": "John", "lastName": "Doe",
           "phoneNumber": "1231231234", "email": "john.doe@microsoft.com"}],
         "inviteContext": {"notes": "Hi ABC Partner, hoping you can help this customer. Thanks, John @ Microsoft",
           "invitedBy": {"organizationId": "msft"}},
         "eTag": "\"2500ec5a-0000-0000-0000-5bf4967d0000\""}
        """#
}

/// Helpers for seed data on the shared deterministic generator.
extension SplitMix64 {
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A version-4-shaped UUID string.
    mutating func uuid() -> String {
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text.suffix(digits)
        }
        let a = next(), b = next()
        return
            "\(hex(a >> 32, 8))-\(hex((a >> 16) & 0xFFFF, 4))-4\(hex(a & 0xFFF, 3))-\(hex(0x8000 | (b >> 48) & 0x3FFF, 4))-\(hex(b & 0xFFFF_FFFF_FFFF, 12))"
    }
}

extension SandboxSeed {
    /// Stores the seed set in `store` when it is empty; returns how many referrals it holds.
    @discardableResult
    public static func fill(_ store: any ReferralStore, count: Int, seed: UInt64 = 1) async throws -> Int {
        if try await store.count() == 0 {
            try await store.seedIfEmpty(referrals(count: count, seed: seed).map { (ReferralDocument.id(of: $0) ?? "", $0) })
        }
        return try await store.count()
    }
}
