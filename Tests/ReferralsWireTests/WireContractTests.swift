import Foundation
import ReferralKit
import ReferralsWire
import Testing

/// The wire contract both sides share: what the sandbox writes, the client reads back.
@Suite struct WireContractTests {
    static let fields = [
        ErrorBody.FieldError(field: "details.dealValue", message: "must be a number"),
        ErrorBody.FieldError(field: "status", message: "cannot move from Closed"),
    ]

    @Test(arguments: ErrorBody.Shape.allCases)
    func anErrorBodyReadsBackAsItWasWritten(shape: ErrorBody.Shape) throws {
        let written = ErrorBody(code: "InvalidInput", message: "details.dealValue: must be a number", fields: Self.fields)
        let text = JSONPrinter.compact.print(written.json(shape))
        let read = try #require(ErrorBody.read(try JSONParser.parse(text)))
        #expect(read.code == "InvalidInput")
        #expect(read.message == "details.dealValue: must be a number")
        #expect(read.targets == ["details.dealValue", "status"])
    }

    @Test func theReferralsShapeIsNestedUnderErrorWithTheFieldAsTarget() throws {
        let body = ErrorBody(code: "preconditionFailed", message: "stale", fields: [.init(field: "ETag", message: "")])
        let text = JSONPrinter.compact.print(body.json(.referrals))
        #expect(text == #"{"error":{"code":"preconditionFailed","message":"stale","target":"ETag","innerError":null}}"#)
    }

    /// The real 412 the corrections quote reads back with its target and inner code.
    @Test func aProductionPreconditionFailureReadsBack() throws {
        let text =
            #"{"error": {"code": "preconditionFailed", "message": "A precondition provided in the request (such as an if-match header) does not match the resource's current state.", "target": "ETag", "innerError": {"code": "99918", "message": "One of the specified pre-condition is not met. Etag value did not Match", "details": null}}}"#
        let body = try #require(ErrorBody.read(try JSONParser.parse(text)))
        #expect(body.code == "preconditionFailed")
        #expect(body.targets == ["ETag"])
        #expect(body.inner?.code == "99918")
        #expect(JSONPrinter.compact.print(body.json(.referrals)) == JSONPrinter.compact.print(try JSONParser.parse(text)))
    }

    @Test(arguments: [
        (400, "invalidRequest"), (401, "unauthenticated"), (403, "accessDenied"), (404, "itemNotFound"), (409, "resourceModified"),
        (412, "preconditionFailed"), (500, "generalException"), (503, "serviceNotAvailable"),
    ])
    func everyStatusHasItsDocumentedCode(status: Int, code: String) {
        #expect(ErrorBody.referralsCode(status: status) == code)
    }

    @Test func thePartnerCenterShapeListsFieldsInData() throws {
        let body = ErrorBody(code: "InvalidInput", message: "bad", fields: [Self.fields[0]], source: "Referrals Sandbox")
        let text = JSONPrinter.compact.print(body.json(.partnerCenter))
        #expect(
            text
                == #"{"code":"InvalidInput","description":"bad","data":[{"field":"details.dealValue","message":"must be a number"}],"source":"Referrals Sandbox"}"#
        )
    }

    @Test func aNumericCodeIsReadAsItsLiteral() throws {
        let read = try #require(ErrorBody.read(try JSONParser.parse(#"{"code": 2055, "description": "Etag is no longer valid"}"#)))
        #expect(read.code == "2055")
        #expect(read.message == "Etag is no longer valid")
    }

    @Test func longMessagesAreCutToTheDocumentedLimit() {
        let body = ErrorBody(code: "x", message: String(repeating: "a", count: 5000))
        #expect(body.message?.count == ErrorBody.maximumMessageLength)
    }

    @Test func aListPageReadsBackAsItWasWritten() throws {
        let page = ListPage(referrals: [["id": "a"], ["id": "b"]], count: 7, nextLink: "https://x/v1.0/engagements/referrals?$skiptoken=s2.y")
        let text = JSONPrinter.compact.print(page.json(context: ReferralsRoutes.listContext(base: "https://x")))
        #expect(text.hasPrefix(#"{"@odata.context":"https://x/v1.0/engagements/$metadata#Referrals","@odata.count":7,"value":"#))
        #expect(ListPage.read(try JSONParser.parse(text)) == page)
        #expect(ListPage.read(try JSONParser.parse(#"{"items": []}"#)) == nil)
    }

    @Test func serverSetFieldsComeFromTheSchema() {
        let readOnly = ReferralSchema.fields.filter(\.isReadOnly).map(\.name)
        #expect(ServerSetFields.names == readOnly)
        for name in ["id", "eTag", "links", "createdDateTime", "closedDateTime", "tags", "@odata.context"] {
            #expect(ServerSetFields.contains(name), "\(name)")
        }
        for name in ["status", "details", "customerProfile", "engagementId"] {
            #expect(!ServerSetFields.contains(name), "\(name)")
        }
    }

    @Test func aCreateBodyLeavesOutEveryServerSetField() throws {
        let referral = try JSONParser.parse(
            #"{"@odata.context": "c", "id": "i", "eTag": "e", "links": {}, "closedDateTime": "d", "name": "n", "status": "New"}"#)
        #expect(JSONPrinter.compact.print(ServerSetFields.createBody(referral)) == #"{"name":"n","status":"New"}"#)
    }

    @Test func aReplaceBodyDropsLinksAndODataAnnotationsOnly() throws {
        let referral = try JSONParser.parse(#"{"@odata.context": "c", "id": "i", "eTag": "e", "links": {}, "name": "n"}"#)
        #expect(JSONPrinter.compact.print(ServerSetFields.replaceBody(referral)) == #"{"id":"i","eTag":"e","name":"n"}"#)
    }

    @Test func collectionURLsAreTheEndpointWithTheCollectionPathOnce() {
        #expect(ReferralsRoutes.collectionURL(endpoint: "https://h/") == "https://h/v1.0/engagements/referrals")
        #expect(ReferralsRoutes.collectionURL(endpoint: "https://h/v1.0/engagements/referrals") == "https://h/v1.0/engagements/referrals")
        #expect(ReferralsRoutes.itemPath("a b") == "/v1.0/engagements/referrals/a%20b")
    }
}
