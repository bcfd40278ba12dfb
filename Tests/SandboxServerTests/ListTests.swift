import ReferralKit
import SandboxCore
import Testing

@Suite struct ListTests {
    func ids(_ response: SandboxResponse) -> [String] {
        response.json?.objectValue?["value"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
    }

    @Test(arguments: [
        ("status eq 'New'", 20),
        ("status ne 'New'", 40),
        ("engagementId eq 'e3'", 9),
        ("customerProfile/address/country eq 'US'", 12),
        ("(type eq 'Shared' and direction eq 'Incoming')", 30),
        ("team/any(t:t/email eq 'sue@contoso.com')", 6),
        ("customerProfile/team/any(m: m/email eq 'c7@x.com')", 1),
        ("team/all(t:t/email eq 'joe@contoso.com')", 54),
        ("updatedDateTime gt 2023-06-01T00:09:00.0000000Z", 59),
        ("details/dealValue ge 5000 and details/dealValue lt 5500", 5),
        ("status eq 'Closed' or substatus eq 'Pending'", 40),
        ("not (status eq 'Closed')", 40),
        ("customerProfile/name eq 'O''Brien'", 0),
        ("details/closingDateTime eq null", 60),
    ])
    func everyDocumentedFilterForm(filter: String, expected: Int) async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(60)
            let response = await sandbox.send("GET", query: [("$filter", filter)])
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json?.objectValue?["@odata.count"] == .int(expected), "\(filter)")
        }
    }

    @Test(arguments: [
        ("status eq", "$filter: position 10: expected a property or a value, found end of filter"),
        ("status eq 'New", "$filter: position 11: string is not closed with '"),
        ("(status eq 'New'", "$filter: position 17: expected ')', found end of filter"),
        ("status eq 'New' xor 1", "$filter: position 17: unexpected 'xor'"),
        ("contains(name, 'x')", "$filter: position 9: function 'contains' is not supported"),
        ("colour eq 'red'", "$filter: unknown property 'colour'"),
        ("team/any(t:t/phone eq '1')", "$filter: unknown property 't/phone'"),
        ("status in ('New')", "$filter: position 8: operator 'in' is not supported here"),
        ("status", "$filter: 'status' is a value, not a condition (compare it, as status eq …)"),
        ("null", "$filter: 'null' is a value, not a condition (compare it, as null eq …)"),
        ("status eq 'New' and details/dealValue", "$filter: 'details/dealValue' is a value, not a condition (compare it, as details/dealValue eq …)"),
        // A literal of a kind the property never holds, and a date that does not exist.
        (
            "createdDateTime gt 2024-13-45T00:00:00Z",
            "$filter: position 20: '2024-13-45T00:00:00Z' is not a date-time (as 2024-01-31T00:00:00Z) or a date (as 2024-01-31)"
        ),
        ("details/dealValue gt '1000'", "$filter: details/dealValue is a number and '1000' a string (write 1000, without quotes)"),
        ("status eq 1", "$filter: status (one of ReferralStatus) cannot be compared with 1 (a number)"),
        (
            "createdDateTime gt 'soon'",
            "$filter: createdDateTime is a date-time and 'soon' is not one (write it as 2024-01-31T00:00:00Z, without quotes)"
        ),
        ("team/any(t: t/email eq 5)", "$filter: t/email (a string) cannot be compared with 5 (a number)"),
        ("1 eq details/dealValue or team eq 'x'", "$filter: team (an array) cannot be compared with 'x' (a string)"),
    ])
    func unreadableFiltersAre400WithThePosition(filter: String, description: String) async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(3)
            let response = await sandbox.send("GET", query: [("$filter", filter)])
            #expect(response.status == 400)
            #expect(response.innerCode == "InvalidFilter")
            #expect(response.errorDescription == description)
        }
    }

    @Test func pagingThrough500FollowsNextLinksVerbatim() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(500)
            var seen: [String] = []
            var response = await sandbox.send("GET", query: [("$orderby", "createdDateTime asc")])
            var pages = 0
            while true {
                pages += 1
                let body = try #require(response.json?.objectValue)
                #expect(body["@odata.count"] == 500)
                seen += ids(response)
                guard let next = body["@odata.nextLink"]?.stringValue else { break }
                #expect(next.hasPrefix(sandbox.expectedBase + "/v1.0/engagements/referrals?"))
                response = await sandbox.follow(next)
            }
            #expect(pages == 5)
            #expect(seen == (0..<500).map { "r\($0)" })
        }
    }

    @Test func topSkipOrderAndSelect() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(10)
            let response = await sandbox.send(
                "GET", query: [("$orderby", "updatedDateTime asc"), ("$skip", "2"), ("$top", "3"), ("$select", "id,status")])
            #expect(ids(response) == ["r7", "r6", "r5"])
            #expect(response.json?.objectValue?["value"]?.arrayValue?.first?.objectValue?.keys == ["id", "status"])
            #expect(response.json?.objectValue?["@odata.nextLink"] == nil)
            let desc = await sandbox.send("GET", query: [("$orderby", "createdDateTime desc"), ("$top", "2")])
            #expect(ids(desc) == ["r9", "r8"])
        }
    }

    @Test func topLargerThanAPageStillPages() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(250)
            let first = await sandbox.send("GET", query: [("$top", "150")])
            #expect(ids(first).count == 100)
            let next = first.json?.objectValue?["@odata.nextLink"]?.stringValue ?? ""
            let second = await sandbox.follow(next)
            #expect(ids(second) == (100..<150).map { "r\($0)" })
            #expect(second.json?.objectValue?["@odata.nextLink"] == nil)
        }
    }

    @Test(arguments: [
        ("$top", "-1"), ("$skip", "x"), ("$orderby", "nosuch"), ("$select", "id,nope"), ("$skiptoken", "forged"),
        ("$apply", "groupby((status))"), ("$count", "maybe"),
        // A key that is a collection or an object, and an empty key, do not sort.
        ("$orderby", "team"), ("$orderby", "details/requirements"), ("$orderby", "createdDateTime desc,"), ("$select", "id,"),
        ("$orderby", "tags"), ("$orderby", "links"),
    ])
    func badQueryOptionsAre400(name: String, value: String) async throws {
        try await TestSandbox.eachTransport { sandbox in
            let response = await sandbox.send("GET", query: [(name, value)])
            #expect(response.status == 400, "\(name)=\(value)")
            #expect(response.innerCode == "InvalidQuery")
            #expect(response.target == name, "the error's target names the option")
        }
    }

    @Test(arguments: ["$filter", "$top", "$orderby"])
    func aQueryOptionGivenTwiceIs400(name: String) async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(3)
            let values = ["$filter": ("status eq 'New'", "status eq 'Closed'"), "$top": ("1", "2"), "$orderby": ("name", "id")]
            let (first, second) = values[name] ?? ("", "")
            let response = await sandbox.send("GET", query: [(name, first), (name, second)])
            #expect(response.status == 400)
            #expect(response.innerCode == "InvalidQuery")
            #expect(response.errorDescription?.contains("'\(name)' was specified more than once") == true)
        }
    }

    @Test func orderByNamesAPropertyInAnyCase() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(5)
            let exact = ids(await sandbox.send("GET", query: [("$orderby", "createdDateTime desc")]))
            let shouted = ids(await sandbox.send("GET", query: [("$orderby", "CreatedDateTime DESC")]))
            #expect(exact.count == 5 && shouted == exact)
            #expect(exact != ids(await sandbox.send("GET", query: [("$orderby", "createdDateTime asc")])))
        }
    }

    /// `$select` names properties in any case, as `$filter` and `$orderby` do (correction 6), and
    /// answers them as the schema spells them.
    @Test func selectNamesPropertiesInAnyCase() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let response = await sandbox.send("GET", query: [("$select", "ID,Status"), ("$top", "1")])
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json?.objectValue?["value"]?.arrayValue?.first?.objectValue?.keys == ["id", "status"])
        }
    }

    /// A single referral takes `$select` and `$expand`, as OData applies them to one entity; the
    /// collection's options and unknown ones are a 400 there too, not silently ignored.
    @Test func aSingleReferralTakesSelectAndRefusesTheCollectionsOptions() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(2)
            let selected = await sandbox.send("GET", "/r1", query: [("$select", "id,Status"), ("$expand", "team")])
            #expect(selected.status == 200, "\(selected.text)")
            #expect(selected.json?.objectValue?.keys == ["@odata.context", "id", "status"])
            #expect(selected.header("ETag") == "\"etag-1\"")
            for (name, value) in [("$top", "1"), ("$filter", "status eq 'New'"), ("$bogus", "1"), ("$select", "nope")] {
                let refused = await sandbox.send("GET", "/r1", query: [(name, value)])
                #expect(refused.status == 400, "\(name)")
                #expect(refused.target == name)
            }
            #expect(await sandbox.send("GET", "/nope", query: [("$top", "1")]).status == 400, "the query is checked first")
        }
    }

    @Test func aBooleanOfNoDeclaredTypeStandsAloneAsACondition() async throws {
        let sandbox = TestSandbox()
        await sandbox.seed(2)
        #expect(await sandbox.send("GET", query: [("$filter", "isSpam")]).status == 200)
        #expect(await sandbox.send("GET", query: [("$filter", "not isSpam")]).status == 200)
    }

    @Test func orderBySortsDateTimesAsInstants() async throws {
        try await TestSandbox.eachTransport { sandbox in
            await sandbox.seed(3)
            // 00:00:00Z, 00:00:00.5Z and 01:00:00+02:00 (23:00 the day before): text order is the reverse.
            for (id, time) in [("r0", "2026-12-31T00:00:00.5Z"), ("r1", "2026-12-31T00:00:00Z"), ("r2", "2026-12-31T01:00:00+02:00")] {
                let patch = #"[{"op":"replace","path":"/details/closingDateTime","value":""# + time + #""}]"#
                #expect(await sandbox.send("PATCH", "/" + id, body: patch).status == 204)
            }
            let sorted = await sandbox.send("GET", query: [("$orderby", "details/closingDateTime asc")])
            #expect(ids(sorted) == ["r2", "r1", "r0"], "\(sorted.text)")
        }
    }
}
