import Client
import ReferralKit
import ReferralsWire
import Synchronization
import Testing

@testable import SignIn

/// Whatever an identity endpoint answers, refsh says so in one line and exits 5, never crashes.
@Suite struct MalformedAnswerTests {
    /// Answers every request with `response`.
    struct Fixed: HTTPTransport {
        let response: HTTPResponseData
        func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData { response }
        func shutdown() async {}
    }

    static let answers: [(String, [UInt8], String)] = [
        ("not JSON", Array("<html>maintenance</html>".utf8), "a body that is not JSON"),
        ("truncated", Array(#"{"device_code":"abc","user_co"#.utf8), "a body that is not JSON"),
        ("huge", Array(repeating: UInt8(ascii: " "), count: 300 * 1024), "larger than 256 KiB"),
        ("no device code", Array(#"{"user_code":"ABC"}"#.utf8), "no device_code"),
        (
            "a control character in the code", Array(#"{"device_code":"d","user_code":"A\u001b[2J","verification_uri":"https://x"}"#.utf8),
            "no usable user_code"
        ),
        ("a page that is not a URL", Array(#"{"device_code":"d","user_code":"ABC","verification_uri":"javascript:x"}"#.utf8), "no usable user_code"),
    ]

    /// The error a device-code sign-in through `transport` ends with (a sign-in that succeeds is
    /// recorded as an issue, and gives `nil`).
    static func failedSignIn(through transport: any HTTPTransport, _ name: String) async -> ServiceError? {
        let keeper = SecretKeeper()
        let flow = DeviceCodeLogin(
            client: IdentityClient(makeTransport: { transport }, keeper: keeper), keeper: keeper, sleeper: SteppingSleeper { _ in },
            now: { 0 })
        let endpoint = IdentityEndpoint(authority: "https://login.example.com", tenant: "t", clientId: "c", scope: "s")
        do {
            _ = try await flow.run(endpoint) { _ in }
            Issue.record("\(name) should fail")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: answers)
    func eachIsOneLineAndAServiceError(name: String, body: [UInt8], expected: String) async throws {
        let transport = Fixed(response: HTTPResponseData(status: 200, headers: [("Content-Type", "application/json")], body: body))
        let error = await Self.failedSignIn(through: transport, name)
        #expect(error?.kind == .unavailable, "\(name): exit 5")
        #expect(error?.message.contains(expected) == true, "\(name): \(error?.message ?? "")")
        #expect(error?.message.contains("\n") == false)
    }

    /// Answers the device-code request as Entra does, then every poll with `poll`, counting polls.
    final class ThenPolls: HTTPTransport {
        let poll: Result<HTTPResponseData, TransportFailure>
        let polls = Mutex(0)
        init(poll: Result<HTTPResponseData, TransportFailure>) { self.poll = poll }
        func send(_ request: HTTPRequestData, timeoutSeconds: Double) async throws(TransportFailure) -> HTTPResponseData {
            if request.url.hasSuffix("/devicecode") {
                let grant =
                    #"{"device_code":"dc-0123456789","user_code":"ABCD1234","verification_uri":"https://x.example","expires_in":900,"interval":1}"#
                return HTTPResponseData(status: 200, headers: [], body: Array(grant.utf8))
            }
            polls.withLock { $0 += 1 }
            return try poll.get()
        }
        func shutdown() async {}
    }

    @Test(arguments: [
        (
            "an HTML page",
            Result<HTTPResponseData, TransportFailure>.success(HTTPResponseData(status: 200, headers: [], body: Array("<html>hi</html>".utf8))), 1
        ),
        ("a 400 page", .success(HTTPResponseData(status: 400, headers: [], body: Array("<html>no</html>".utf8))), 1),
        ("a JSON 503", .success(HTTPResponseData(status: 503, headers: [], body: Array(#"{"status":"down"}"#.utf8))), 5),
        ("no answer", .failure(TransportFailure(mayHaveBeenProcessed: false, "connection refused")), 5),
    ])
    func pollsThatCannotSucceedEndTheSignInInsteadOfWaitingInSilence(
        name: String, poll: Result<HTTPResponseData, TransportFailure>, expectedPolls: Int
    ) async throws {
        let transport = ThenPolls(poll: poll)
        let error = await Self.failedSignIn(through: transport, name)
        #expect(error?.kind == .unavailable, "\(name): exit 5")
        #expect(error?.message.contains("\n") == false)
        #expect(transport.polls.withLock { $0 } == expectedPolls, "\(name)")
    }

    @Test func aTokenAnswerWithAMalformedTokenIsRefusedWithoutShowingIt() throws {
        let keeper = SecretKeeper()
        let object = try #require(JSONParser.parse(#"{"access_token":"has a space","token_type":"Bearer"}"#).objectValue)
        do {
            _ = try TokenAnswer.read(object, keeper: keeper)
            Issue.record("should fail")
        } catch {
            #expect(error.message == "the identity endpoint's access_token is not a token (one word of printable ASCII)")
        }
    }

    @Test func anErrorAnswerReachesTheTerminalWithoutControlCharacters() throws {
        let body = try JSONParser.parse(
            #"{"error":"invalid_grant\u001b[31m","error_description":"AADSTS50173: bad\r\n\u001b[2Jthing\u2028x Trace ID: 1"}"#)
        let error = try #require(EntraError.parse(body))
        #expect(error.error == "invalid_grant [31m")
        #expect(error.description == "bad [2Jthing x")
        #expect(error.number == 50173)
        #expect(!error.message.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }
}
