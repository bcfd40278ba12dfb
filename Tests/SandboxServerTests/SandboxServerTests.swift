import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReferralKit
import SandboxCore
import SandboxServer
import Testing

/// The same scenarios run in-process (router) and over a real socket (live), as the sandbox
/// must behave the same either way.
@Suite struct SandboxServerTests {
    enum Mode: String, CaseIterable, Sendable { case router, live }

    func withSandbox(_ mode: Mode, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let store = MemoryReferralStore()
        try await SandboxSeed.fill(store, count: 30)
        let api = ReferralsAPI(store: store, configuration: SandboxConfiguration(baseURL: "http://sandbox.invalid", token: "t"))
        let app = SandboxServer.application(api: api)
        try await app.test(mode == .router ? .router : .live, body)
    }

    static let auth: HTTPFields = [.authorization: "Bearer t"]

    func json(_ response: TestResponse) -> JSONValue? {
        try? JSONParser.parse(bytes: Array(response.body.readableBytesView))
    }

    @Test(arguments: Mode.allCases)
    func listsWithAFilterAndFollowsTheNextLink(mode: Mode) async throws {
        try await withSandbox(mode) { client in
            let filter = "status%20eq%20'New'%20and%20direction%20eq%20'Incoming'"
            let response = try await client.execute(uri: "/v1.0/engagements/referrals?$filter=\(filter)&$top=2", method: .get, headers: Self.auth)
            #expect(response.status == .ok)
            let body = json(response)?.objectValue
            #expect(body?["value"]?.arrayValue?.count == 2)
            let total = body?["@odata.count"]?.numberValue?.intValue ?? 0
            #expect(total >= 2)
            let plus = try await client.execute(uri: "/v1.0/engagements/referrals?$filter=status+eq+'Closed'", method: .get, headers: Self.auth)
            #expect(json(plus)?.objectValue?["@odata.count"]?.numberValue?.intValue ?? 0 > 0)
        }
    }

    @Test(arguments: Mode.allCases)
    func designCardUpdateWithIfMatchThenStaleIs412(mode: Mode) async throws {
        try await withSandbox(mode) { client in
            let path = "/v1.0/engagements/referrals/\(SandboxSeed.documentedId)"
            let get = try await client.execute(uri: path, method: .get, headers: Self.auth)
            #expect(get.status == .ok)
            let eTag = try #require(get.headers[.eTag])
            var headers = Self.auth
            headers[.ifMatch] = eTag
            headers[.contentType] = "application/json"
            let patch =
                #"[{"op":"replace","path":"/details/dealValue","value":50000},{"op":"replace","path":"/status","value":"Closed"},{"op":"replace","path":"/substatus","value":"Won"}]"#
            let updated = try await client.execute(uri: path, method: .patch, headers: headers, body: ByteBuffer(string: patch))
            #expect(updated.status == .noContent)
            let newETag = try #require(updated.headers[.eTag])
            #expect(newETag != eTag)
            let stale = try await client.execute(uri: path, method: .patch, headers: headers, body: ByteBuffer(string: patch))
            #expect(stale.status == .preconditionFailed)
            let error = json(stale)?.objectValue?["error"]?.objectValue
            #expect(error?["code"] == "preconditionFailed")
            #expect(error?["target"] == "ETag")
            #expect(error?["innerError"]?.objectValue?["code"] == "99918")
        }
    }

    @Test(arguments: Mode.allCases)
    func refusalsUseTheErrorSchema(mode: Mode) async throws {
        try await withSandbox(mode) { client in
            let noToken = try await client.execute(uri: "/v1.0/engagements/referrals", method: .get)
            #expect(noToken.status == .unauthorized)
            #expect(noToken.headers[.wwwAuthenticate] == "Bearer")
            let tooBig = try await client.execute(
                uri: "/v1.0/engagements/referrals", method: .post, headers: Self.auth,
                body: ByteBuffer(repeating: UInt8(ascii: " "), count: (1 << 20) + 10))
            #expect(tooBig.status == .contentTooLarge)
            let trailingComma = try await client.execute(
                uri: "/v1.0/engagements/referrals", method: .post, headers: Self.auth + [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"type": "Shared",}"#))
            #expect(trailingComma.status == .badRequest)
            #expect(
                json(trailingComma)?.objectValue?["error"]?.objectValue?["message"]
                    == "the body is not valid JSON: line 1, column 18: trailing comma before '}'")
            let unknownOption = try await client.execute(
                uri: "/v1.0/engagements/referrals?$apply=groupby((status))", method: .get, headers: Self.auth)
            #expect(unknownOption.status == .badRequest)
            let stillUp = try await client.execute(uri: "/v1.0/engagements/referrals?$top=1", method: .get, headers: Self.auth)
            #expect(stillUp.status == .ok)
        }
    }

    @Test(arguments: Mode.allCases)
    func createAnswers200WithALocationOnTheRequestsHost(mode: Mode) async throws {
        try await withSandbox(mode) { client in
            var headers = Self.auth
            headers[.contentType] = "application/json"
            let body =
                #"{"type": "Independent", "customerProfile": {"name": "Contoso"}, "consent": {"consentToContact": true}, "details": {"dealValue": 10}}"#
            let created = try await client.execute(
                uri: "/v1.0/engagements/referrals", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(created.status == .ok, "the service answers a create with 200")
            let location = try #require(created.headers[.location])
            #expect(location.contains("/v1.0/engagements/referrals/"))
            // Links use the request's Host (both test clients send "localhost"; curl sends host and port).
            #expect(location.hasPrefix("http://localhost/"))
        }
    }
}
