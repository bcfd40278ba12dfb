import Testing

@testable import ReferralKit

private func path(_ text: String) throws -> JSONPath { try JSONPathParser.parse(text) }

private let sample: JSONValue = [
    "details": ["dealValue": 100, "notes": "n"],
    "customerProfile": ["team": [["email": "a@x"], ["email": "b@x"]]],
    "team": [["firstName": "John"]],
    "odd key": ["x": 1],
    "@odata.context": "ctx",
]

@Suite struct JSONPathParsingTests {
    @Test(arguments: [
        ("details.dealValue", [JSONPath.Component.key("details"), .key("dealValue")]),
        ("customerProfile.team[0].email", [.key("customerProfile"), .key("team"), .index(0), .key("email")]),
        ("team[-1]", [.key("team"), .index(-1)]),
        (#""odd key".x"#, [.key("odd key"), .key("x")]),
        ("['odd key'].x", [.key("odd key"), .key("x")]),
        (".details", [.key("details")]),
        ("@odata.context", [.key("@odata.context")]),
        ("/details/dealValue", [.key("details"), .key("dealValue")]),
        ("/team/0/a~1b~0c", [.key("team"), .index(0), .key("a/b~c")]),
        ("[2][3]", [.index(2), .index(3)]),
        (".", []),
    ])
    func parses(text: String, components: [JSONPath.Component]) throws {
        #expect(try path(text).components == components)
    }

    @Test func printsBackInRefshNotationAndAsPointer() throws {
        let p = JSONPath([.key("customerProfile"), .key("team"), .index(0), .key("odd key")])
        #expect(p.description == #"customerProfile.team[0]."odd key""#)
        #expect(p.pointer == "/customerProfile/team/0/odd key")
        #expect(try path(p.description).components == p.components)
    }

    @Test(arguments: [
        ("details..x", "column 9: unexpected '.' in path: expected a member name"),
        ("team[", "column 5: expected an index between '[' and ']'"),
        ("team[x]", "column 6: unexpected 'x' in index: expected digits"),
        ("team[1", "column 7: expected ']' to close the index opened at column 5"),
        (#""abc"#, "column 1: unterminated quoted member name"),
        ("a b", "column 2: expected '.' or '[' after a, found ' '"),
        ("/a/~2", "column 4: '~' must be followed by 0 or 1 in a JSON Pointer"),
    ])
    func syntaxErrorsHaveColumns(text: String, expected: String) {
        let error = #expect(throws: PathSyntaxError.self) { try path(text) }
        #expect(error?.description == expected)
    }
}

@Suite struct JSONPathOperationTests {
    @Test func getFindsKeysIgnoringCaseAndIndicesFromTheEnd() throws {
        #expect(try sample.value(at: path("Details.DealValue")) == 100)
        #expect(try sample.value(at: path("customerProfile.team[-1].email")) == "b@x")
        #expect(try sample.value(at: path(#""odd key".x"#)) == 1)
        #expect(try sample.value(at: path("@odata.context")) == "ctx")
        #expect(try sample.resolve(path("DETAILS.dealvalue")).description == "details.dealValue")
        #expect(try sample.value(at: .root) == sample)
    }

    @Test(arguments: [
        ("team[7]", "team[7]: index out of range (team has 1 member)"),
        ("customerProfile.team[2].email", "customerProfile.team[2]: index out of range (customerProfile.team has 2 members)"),
        ("details.dealValu", "details.dealValu: no such member (did you mean dealValue?)"),
        ("details.dealValue.x", "details.dealValue.x: details.dealValue is a number, not an object"),
        ("details[0]", "details[0]: details is an object, not an array"),
        ("team.firstName", "team.firstName: team is an array, not an object (use an index such as [0])"),
        ("details.notes[0]", "details.notes[0]: details.notes is a string, not an array"),
    ])
    func getErrorsSayWhichStepFailed(text: String, expected: String) throws {
        let p = try path(text)
        let error = #expect(throws: PathError.self) { try sample.value(at: p) }
        #expect(error?.description == expected)
        #expect(sample.lookup(p) == nil)
    }

    @Test func bestEffortResolutionSpellsWhatExistsAndKeepsTheRest() throws {
        // Mis-cased steps take the value's spelling, from the first one on; missing steps stay as given.
        let mixed = sample.bestEffortResolution(of: try path("details.DEALVALUE"))
        #expect(mixed.path.description == "details.dealValue")
        #expect(mixed.existingSteps == 2 && mixed.value == 100)
        let partly = sample.bestEffortResolution(of: try path("DETAILS.New.deeper"))
        #expect(partly.path.description == "details.New.deeper")
        #expect(partly.existingSteps == 1 && partly.value == nil)
        #expect(partly.replacedBySet.description == "details.New")
        let negative = sample.bestEffortResolution(of: try path("customerProfile.team[-1].EMAIL"))
        #expect(negative.path.description == "customerProfile.team[1].email")
        let exact = sample.bestEffortResolution(of: try path("details.dealValue"))
        #expect(exact.path.description == "details.dealValue" && exact.existingSteps == 2)
    }

    @Test func setReplacesKeepingSpellingAndCreatesMissingObjects() throws {
        var v = sample
        try v.set(50000, at: path("DETAILS.DEALVALUE"))
        #expect(v.objectValue?["details"]?.objectValue?.keys == ["dealValue", "notes"])
        #expect(try v.value(at: path("details.dealValue")) == 50000)
        try v.set("x", at: path("details.requirements.offers.NewKey"))
        #expect(try v.value(at: path("details.requirements")) == ["offers": ["NewKey": "x"]])
        try v.set("c@x", at: path("customerProfile.team[-1].email"))
        #expect(try v.value(at: path("customerProfile.team[1].email")) == "c@x")
        try v.set("Wön", at: path("name"))
        #expect(v.objectValue?.keys.last == "name")
    }

    @Test func setErrors() throws {
        var v = sample
        #expect(throws: PathError(path: "team[1]", reason: "index out of range (team has 1 member) (use append to add an element)")) {
            try v.set(1, at: path("team[1]"))
        }
        #expect(throws: PathError(path: "details.notes.x", reason: "details.notes is a string, not an object")) {
            try v.set(1, at: path("details.notes.x"))
        }
        #expect(throws: PathError(path: "details.things", reason: "no such member (use append to create an array)")) {
            try v.set(1, at: path("details.things[0]"))
        }
        #expect(throws: PathError(path: "newObject.inner", reason: "no such member (use append to create an array)")) {
            try v.set(1, at: path("newObject.inner[0]"))
        }
        #expect(v.isIdentical(to: sample), "a failed set leaves the value untouched, adding no object on the way")
    }

    @Test func unsetRemovesMembersAndElements() throws {
        var v = sample
        #expect(try v.unset(path("details.notes")) == "n")
        #expect(v.objectValue?["details"] == ["dealValue": 100])
        #expect(try v.unset(path("customerProfile.team[0]")) == ["email": "a@x"])
        #expect(try v.value(at: path("customerProfile.team")) == [["email": "b@x"]])
        #expect(throws: PathError(path: "details.nope", reason: "no such member")) { try v.unset(path("details.nope")) }
        #expect(throws: PathError(path: "team[3]", reason: "index out of range (team has 1 member)")) { try v.unset(path("team[3]")) }
    }

    @Test func appendCreatesOrExtendsArrays() throws {
        var v = sample
        try v.append(["firstName": "Sue"], to: path("team"))
        #expect(try v.value(at: path("team[-1].firstName")) == "Sue")
        try v.append(["id": "Azure"], to: path("details.requirements.products"))
        #expect(try v.value(at: path("details.requirements.products")) == [["id": "Azure"]])
        #expect(throws: PathError(path: "details.notes", reason: "is a string, not an array")) {
            try v.append(1, to: path("details.notes"))
        }
    }

    @Test func insertPlacesBeforeTheIndex() throws {
        var v: JSONValue = ["a": [1, 3]]
        try v.insert(2, at: path("a[1]"))
        try v.insert(0, at: path("a[0]"))
        try v.insert(4, at: path("a[4]"))
        #expect(v == ["a": [0, 1, 2, 3, 4]])
        #expect(throws: PathError(path: "a[9]", reason: "index out of range (a has 5 members)")) { try v.insert(9, at: path("a[9]")) }
        #expect(throws: PathError(path: "a", reason: "insert needs a path ending in an index, such as team[0]")) {
            try v.insert(9, at: path("a"))
        }
    }

    /// The service sends null for lists and objects that are not set (correction 3): a null is
    /// an empty list to append or insert into, and an object that set creates on the way.
    @Test func aNullIsAnEmptyListOrObjectToWriteInto() throws {
        var v: JSONValue = ["team": .null, "customerProfile": ["address": .null], "details": ["requirements": ["products": .null]]]
        try v.append(["email": "z@z.com"], to: path("team"))
        #expect(try v.value(at: path("team")) == [["email": "z@z.com"]])
        try v.insert(["id": "Azure"], at: path("details.requirements.products[0]"))
        #expect(try v.value(at: path("details.requirements.products")) == [["id": "Azure"]])
        try v.set("Oslo", at: path("customerProfile.address.city"))
        #expect(try v.value(at: path("customerProfile.address")) == ["city": "Oslo"])
        var nulls: JSONValue = ["a": .null]
        #expect(throws: PathError(path: "a[1]", reason: "index out of range (a has 0 members)")) { try nulls.insert(1, at: path("a[1]")) }
        try nulls.set(.null, at: path("a"))
        #expect(nulls == ["a": .null], "a null itself is still set as null")
        var elements: JSONValue = ["team": [.null]]
        #expect(throws: PathError(path: "team[0].email", reason: "team[0] is a null, not an object")) {
            try elements.set("a@b.com", at: path("team[0].email"))
        }
    }

    @Test func ambiguousCaseIsAnError() throws {
        let v: JSONValue = ["Name": 1, "NAME": 2]
        #expect(try v.value(at: path("Name")) == 1)
        #expect(throws: PathError(path: "name", reason: "ambiguous: matches Name and NAME (spell the case exactly)")) {
            try v.value(at: path("name"))
        }
    }

    @Test func pointersAreCaseSensitive() throws {
        let v: JSONValue = ["dealValue": 1]
        #expect(v.lookup(try path("/DealValue")) == nil)
        #expect(v.lookup(try path("/dealValue")) == 1)
    }
}

/// Absolute URLs as the client and the endpoint policy read them.
@Suite struct AbsoluteURLTests {
    @Test(arguments: [
        (
            "https://api.partnercenter.microsoft.com/v1.0/engagements/referrals?$top=5", "https://api.partnercenter.microsoft.com",
            "/v1.0/engagements/referrals?$top=5", "api.partnercenter.microsoft.com"
        ),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123", "/", "127.0.0.1"),
        ("http://[::1]:80/x", "http://[::1]:80", "/x", "::1"),
        ("https://user:pw@Example.COM:443?q=1", "https://user:pw@Example.COM:443", "?q=1", "example.com"),
    ])
    func parts(url: String, origin: String, path: String, host: String) throws {
        let parsed = try #require(AbsoluteURL(url))
        #expect(parsed.origin == origin)
        #expect(parsed.pathAndQuery == path)
        #expect(parsed.host == host)
    }

    @Test func relativeTextIsNotAnAbsoluteURL() {
        #expect(AbsoluteURL("/v1.0/engagements/referrals") == nil)
        #expect(AbsoluteURL("sandbox") == nil)
    }
}
