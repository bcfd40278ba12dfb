import ReferralKit
import Testing

@testable import ReferralsWire

/// What the client keeps of the service's answers and sends in its own requests.
@Suite struct ServerSetFieldsTests {
    @Test func annotationsGoAndTheOtherMembersKeepTheirOrder() throws {
        let answer = try JSONParser.parse(
            #"{"@odata.context":"x","id":"1","status":"Active","@odata.etag":"W/1","details":{"@odata.type":"kept"},"eTag":"e"}"#)
        let referral = ServerSetFields.withoutAnnotations(answer)
        #expect(JSONPrinter.compact.print(referral) == #"{"id":"1","status":"Active","details":{"@odata.type":"kept"},"eTag":"e"}"#)
        let plain = try JSONParser.parse(#"{"b":1,"a":2}"#)
        #expect(JSONPrinter.compact.print(ServerSetFields.withoutAnnotations(plain)) == #"{"b":1,"a":2}"#)
        #expect(ServerSetFields.withoutAnnotations(.array([1])) == .array([1]))
    }
}
