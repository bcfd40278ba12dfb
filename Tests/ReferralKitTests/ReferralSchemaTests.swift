import Testing

@testable import ReferralKit

@Suite struct TransitionTests {
    static let allowed: [(ReferralStatus, ReferralStatus, ReferralSubstatus)] = [
        (.new, .new, .pending), (.new, .new, .received), (.new, .active, .accepted),
        (.new, .closed, .won), (.new, .closed, .lost), (.new, .closed, .declined), (.new, .closed, .expired),
        (.active, .active, .accepted),
        (.active, .closed, .won), (.active, .closed, .lost), (.active, .closed, .declined), (.active, .closed, .expired),
        (.closed, .closed, .won), (.closed, .closed, .lost), (.closed, .closed, .declined), (.closed, .closed, .expired),
    ]

    @Test func everyMoveOfTheTableIsAllowed() throws {
        for (from, to, sub) in Self.allowed {
            #expect(throws: Never.self, "\(from) → \(to)/\(sub)") {
                try ReferralTransitions.check(from: from, to: to, substatus: sub)
            }
        }
    }

    @Test func everyOtherMoveIsRefused() {
        var refused = 0
        for from in ReferralStatus.allCases {
            for to in ReferralStatus.allCases {
                for sub in ReferralSubstatus.allCases where !Self.allowed.contains(where: { $0 == (from, to, sub) }) {
                    #expect(throws: TransitionError.self, "\(from) → \(to)/\(sub)") {
                        try ReferralTransitions.check(from: from, to: to, substatus: sub)
                    }
                    refused += 1
                }
            }
        }
        #expect(refused == 4 * 4 * 8 - Self.allowed.count)
    }

    @Test(arguments: [
        (ReferralStatus.closed, ReferralStatus.active, ReferralSubstatus.accepted, "cannot move from Closed to Active: it may move to Closed"),
        (.active, .new, .pending, "cannot move from Active to New: it may move to Active or Closed"),
        (.new, .closed, .pending, "substatus Pending is not allowed with status Closed (allowed: Won, Lost, Declined or Expired)"),
        (.new, .active, .won, "substatus Won is not allowed with status Active (allowed: Accepted)"),
        (.none, .new, .pending, "cannot move from None to New: it cannot move at all"),
    ])
    func refusalsExplainTheTable(from: ReferralStatus, to: ReferralStatus, sub: ReferralSubstatus, message: String) {
        #expect(throws: TransitionError(message: message)) { try ReferralTransitions.check(from: from, to: to, substatus: sub) }
    }

    @Test func missingSubstatusListsTheChoices() {
        #expect(throws: TransitionError(message: "status Closed needs a substatus: Won, Lost, Declined or Expired")) {
            try ReferralTransitions.check(from: .active, to: .closed, substatus: nil)
        }
    }
}

@Suite struct ValidationTests {
    func fixture() throws -> JSONValue { try JSONParser.parse(try Fixtures.text("put-response-body.json")) }

    func messages(_ referral: JSONValue, baseline: JSONValue? = nil) -> [String] {
        ReferralValidator.validate(referral, baseline: baseline).map { "\($0.severity.rawValue): \($0)" }
    }

    @Test func documentedFixturesAreValid() throws {
        let response = try fixture()
        #expect(messages(response, baseline: response).isEmpty)
        #expect(messages(try JSONParser.parse(try Fixtures.text("put-request-body.json"))).isEmpty)
    }

    @Test func eachOffendingFieldIsNamed() throws {
        var r = try fixture()
        try r.set("50000", at: JSONPathParser.parse("details.dealValue"))
        try r.set("Won", at: JSONPathParser.parse("status"))
        try r.set(true, at: JSONPathParser.parse("customerProfile.team[0].email"))
        try r.set("usd", at: JSONPathParser.parse("details.currency"))
        try r.set("next week", at: JSONPathParser.parse("details.closingDateTime"))
        try r.set("closed", at: JSONPathParser.parse("substatus"))
        try r.set(["id": "Quantum"], at: JSONPathParser.parse("details.requirements.products[0]"))
        try r.set("someone", at: JSONPathParser.parse("organizationName"))
        try r.set(["kept": true], at: JSONPathParser.parse("unknownFutureField"))
        #expect(
            messages(r, baseline: try fixture()) == [
                #"error: status: unknown ReferralStatus value "Won" (allowed: None, New, Active, Closed)"#,
                #"error: substatus: unknown ReferralSubstatus value "closed" (allowed: None, Pending, Received, Accepted, Won, Lost, Declined, Expired)"#,
                #"error: customerProfile.team[0].email: expected a string, got boolean true"#,
                #"error: details.dealValue: expected a number, got string "50000" (write it without quotes: 50000)"#,
                #"error: details.currency: expected a 3-letter ISO 4217 code, got "usd""#,
                #"warning: details.requirements.products[0].id: "Quantum" is not a documented Product value (documented: Azure, EnterpriseMobilityAndSecurity, Exchange, DeveloperTools, Dynamics365Business, Dynamics365Enterprise, DynamicsAX,GP,NAV,SL, Microsoft365, Office, PowerBI, Project, SharePoint, SkypeForBusiness, Surface, SurfaceHub, SQL, Teams, Visio, Windows, Yammer)"#,
                #"error: details.closingDateTime: expected a UTC ISO-8601 date-time string such as 2018-11-14T00:00:00Z, got "next week""#,
                "error: organizationName: is read-only and differs from the server copy",
            ])
    }

    @Test func caseSlipInAnEnumGetsAHint() throws {
        let issues = ReferralValidator.check("closed", at: try JSONPathParser.parse("status"))
        #expect(
            issues.map(\.description) == [
                #"status: unknown ReferralStatus value "closed" (allowed: None, New, Active, Closed); did you mean Closed?"#
            ])
    }

    @Test func transitionIsCheckedAgainstTheBaseline() throws {
        let base = try fixture()  // Closed/Won
        var r = base
        try r.set("Active", at: JSONPathParser.parse("status"))
        try r.set("Accepted", at: JSONPathParser.parse("substatus"))
        #expect(messages(r, baseline: base) == ["error: status: cannot move from Closed to Active: it may move to Closed"])
        try r.set("Closed", at: JSONPathParser.parse("status"))
        #expect(
            messages(r, baseline: base) == [
                "error: status: substatus Accepted is not allowed with status Closed (allowed: Won, Lost, Declined or Expired)"
            ])
    }

    @Test func nullsAndUnknownFieldsPass() throws {
        var r = try fixture()
        try r.set(nil, at: JSONPathParser.parse("details.dealValue"))
        try r.set(["deep": [1, 2]], at: JSONPathParser.parse("customerProfile.newThing"))
        #expect(messages(r).isEmpty)
        #expect(ReferralValidator.validate("x").map(\.description) == [".: a referral must be an object, got string"])
    }

    @Test(arguments: [
        "2018-11-14T00:00:00Z", "2018-11-06T18:40:42.6178337Z", "2024-02-29T23:59:59+05:30", "2000-02-29T00:00:00Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.9999999Z", "0001-01-01T01:00:00+01:00", "9999-12-31T22:59:59-01:00",
    ])
    func acceptsDateTimes(text: String) { #expect(DateTimeFormat.isValid(text)) }

    @Test(arguments: [
        "2018-11-14", "2018-13-14T00:00:00Z", "2018-11-14T00:00:00", "2018-11-14T00:00:00.Z", "x", "2018-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z", "2018-04-31T00:00:00Z", "2100-02-29T00:00:00Z",
        // Outside what the service's DateTimeOffset holds, in UTC: year 0 and year 10000.
        "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
    ])
    func refusesOtherDateTimes(text: String) { #expect(!DateTimeFormat.isValid(text)) }

    @Test func fieldsAreFoundExactlyOrElseIgnoringCase() {
        #expect(ReferralSchema.field(at: JSONPath([.key("details"), .key("dealValue")]))?.name == "dealValue")
        #expect(ReferralSchema.field(at: JSONPath([.key("DETAILS"), .key("dealvalue")]))?.name == "dealValue")
        #expect(ReferralSchema.field(named: "ETAG")?.isReadOnly == true)
        #expect(ReferralSchema.field(at: JSONPath([.key("details"), .key("dealValu")])) == nil)
        #expect(ReferralSchema.field(named: "") == nil)
    }

    @Test func createNeedsTheDocumentedFields() {
        #expect(ReferralValidator.missingForCreate(["type": "Independent"]) == "customerProfile")
        #expect(ReferralValidator.missingForCreate(["type": "Shared", "customerProfile": [:], "consent": [:], "details": [:]]) == nil)
    }
}

/// A write is refused only for what the user changed: values the server sent outside the
/// documented schema are the server's business.
@Suite struct ChangedValuesValidationTests {
    static let server: JSONValue = [
        "status": "Active", "substatus": "Accepted", "salesStage": "100",
        "customerProfile": ["size": "", "team": [["email": "a@b.example"]]],
        "details": ["currency": "dollars", "dealValue": 5],
    ]

    @Test func valuesAsTheServerSentThemNeverCount() throws {
        var working = Self.server
        try working.set(7, at: JSONPathParser.parse("details.dealValue"))
        #expect(ReferralValidator.validate(working, baseline: Self.server).contains { $0.severity == .error }, "validate sees the odd currency")
        #expect(ReferralValidator.issuesOfChanges(working, baseline: Self.server).isEmpty)
    }

    @Test func aChangedValueAndATransitionStillCount() throws {
        var working = Self.server
        try working.set("euros", at: JSONPathParser.parse("details.currency"))
        try working.set("New", at: JSONPathParser.parse("status"))
        let issues = ReferralValidator.issuesOfChanges(working, baseline: Self.server)
        #expect(issues.map(\.path.description).sorted() == ["details.currency", "status"], "\(issues)")
        #expect(ReferralValidator.issuesOfChanges(working, baseline: nil).count >= 2, "a create checks everything")
    }
}
