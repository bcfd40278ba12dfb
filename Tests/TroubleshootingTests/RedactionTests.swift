import Client
import Foundation
import ReferralKit
import ReferralsWire
import Testing

@testable import Troubleshooting

/// A recording never holds a secret, in any encoding it can take: each form is planted in a
/// header, a URL, a body or an error text, the recording is written, and the file is searched.
@Suite struct RedactionTests {
    /// A token with the characters that encodings change (`/`, `+`, `=`, `~`).
    static let token = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0/dG9rZW4+aGVyZQ==.sig~nature_0123456789"
    static let refreshToken = "0.AVYA-refresh/token+value=="

    static func temporaryFile() -> String { NSTemporaryDirectory() + "refsh-har-" + UUID().uuidString + ".har" }

    static func exchange(url: String, headers: [(String, String)] = [], body: String? = nil, response: String = "{}", status: Int = 200)
        -> ExchangeRecord
    {
        ExchangeRecord(
            kind: .api, started: 1_796_000_000, duration: 0.012, attempt: 1,
            request: HTTPRequestData(
                method: body == nil ? "GET" : "POST", url: url, headers: headers.map { ($0.0, $0.1) }, body: body.map { Array($0.utf8) }),
            outcome: .response(
                HTTPResponseData(status: status, headers: [("Content-Type", "application/json")], body: Array(response.utf8))))
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
    static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }

    @Test func everyEncodingOfEveryKeptSecretIsTakenOutOfTheFile() async throws {
        let keeper = SecretKeeper()
        keeper.remember(Secret(Self.token))
        keeper.remember(Secret(Self.refreshToken))
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = HARRecorder(path: path, creatorVersion: "0.9.0", keeper: keeper, redactsPII: false) { _ in }
        try await recorder.start()
        let percent = Self.token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let jsonEscaped = Self.token.replacingOccurrences(of: "/", with: "\\/")
        let urlSafe = Self.base64(Self.token).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let planted: [ExchangeRecord] = [
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", headers: [("Authorization", "Bearer " + Self.token)]),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals?token=" + Self.token),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals?token=" + percent),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals?t=" + percent.lowercased()),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", body: "{\"notes\":\"" + jsonEscaped + "\"}"),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", headers: [("X-Echo", Self.base64(Self.token))]),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", headers: [("X-Basic", "Basic " + Self.base64("u:" + Self.token))]),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", headers: [("X-Basic", "Basic " + Self.base64("us:" + Self.token))]),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", body: "{\"b\":\"" + urlSafe + "\"}"),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", headers: [("X-Hex", Self.hex(Self.token))]),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", headers: [("X-Upper", Self.token.uppercased())]),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", body: "token=" + Self.refreshToken.lowercased()),
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", body: "dump: " + Self.hex(Self.refreshToken).uppercased()),
            Self.exchange(
                url: "https://api.test/v1.0/engagements/referrals", response: "{\"error\":\"bad token " + Self.refreshToken + "\"}", status: 401),
            ExchangeRecord(
                kind: .api, started: 1_796_000_000, duration: 0.5, attempt: 2,
                request: HTTPRequestData(method: "GET", url: "https://api.test/v1.0/engagements/referrals", headers: []),
                outcome: .failure(TransportFailure(mayHaveBeenProcessed: true, "connection reset while sending Bearer " + Self.token))),
        ]
        for record in planted { await recorder.append(record) }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for form in SecretForms.forms(of: Self.token) + SecretForms.forms(of: Self.refreshToken) + [
            percent, jsonEscaped, urlSafe, Self.hex(Self.token), Self.hex(Self.refreshToken).uppercased(), Self.token.uppercased(),
            Self.refreshToken.lowercased(),
        ] {
            #expect(!text.contains(form), "the recording holds a form of a secret: \(form)")
        }
        #expect(text.contains("Bearer <redacted>"))
        let har = try JSONParser.parse(text)
        #expect(har.objectValue?["log"]?.objectValue?["entries"]?.arrayValue?.count == planted.count)
        #expect(har.objectValue?["log"]?.objectValue?["comment"]?.stringValue?.contains("base64") == true)
    }

    /// A value the session makes its token after a request that held it was recorded (`let t
    /// (get …)`, then `token $t`) is out of the file once the recording ends, and the file is
    /// still a HAR.
    @Test func aSecretLearntLaterIsTakenOutWhenTheRecordingEnds() async throws {
        let keeper = SecretKeeper()
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = HARRecorder(path: path, creatorVersion: "0.9.0", keeper: keeper, redactsPII: false) { _ in }
        try await recorder.start()
        let later = "Lt5Rw8Qz2Xc4Vb7Nm1Kj3Hg6Fd9Sa0Pe"
        await recorder.append(Self.exchange(url: "https://api.test/v1.0/engagements/referrals?$filter=" + later, body: "{\"n\":\"" + later + "\"}"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains(later), "not a secret yet when written")
        keeper.remember(Secret(later))
        try await recorder.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(later.prefix(16)), "\(text)")
        #expect(text.contains("<redacted>"))
        #expect((try? JSONParser.parse(text)) != nil, "still JSON")
    }

    @Test func tokenFieldsInBodiesAreTakenOutEvenWhenTheKeeperDoesNotKnowThemYet() {
        let keeper = SecretKeeper()
        let redactor = ExchangeRedactor(keeper: keeper)
        let answer = #"{"token_type":"Bearer","access_token":"brand-new-access-token-1234","refresh_token":"brand-new-refresh-5678"}"#
        let form = "grant_type=refresh_token&refresh_token=old-refresh-token-abcdef&client_id=app"
        var record = Self.exchange(
            url: "https://login.test/token", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: form, response: answer)
        record.kind = .identity
        let redacted = redactor.redact(record)
        let shown = (redacted.requestBody?.text ?? "") + (redacted.responseBody?.text ?? "")
        for secret in ["brand-new-access-token-1234", "brand-new-refresh-5678", "old-refresh-token-abcdef"] {
            #expect(!shown.contains(secret))
        }
        #expect(shown.contains("client_id=app"))
        #expect(keeper.occurs(in: "later: brand-new-access-token-1234"), "a token seen in a body is kept out of everything after")
    }

    @Test func theTraceShowsAuthorizationRedactedAndColoursOnlyWhenAsked() {
        let keeper = SecretKeeper()
        let record = Self.exchange(
            url: "https://api.test/v1.0/engagements/referrals/1", headers: [("Authorization", "Bearer " + Self.token), ("MS-RequestId", "r-1")],
            response: "{\"id\":\"1\"}")
        let redacted = ExchangeRedactor(keeper: keeper).redact(record)
        let plain = TraceFormatter(bodies: true, colors: false).block(redacted)
        #expect(plain.contains("Authorization: Bearer <redacted>"))
        #expect(!plain.contains(Self.token))
        #expect(plain.contains("→ GET https://api.test/v1.0/engagements/referrals/1  attempt 1"))
        #expect(plain.contains("← 200 OK  12.0 ms"))
        #expect(plain.contains("  {\n    \"id\": \"1\"\n  }"))
        #expect(!plain.contains("\u{1B}["))
        #expect(TraceFormatter(bodies: false, colors: true).block(redacted).contains("\u{1B}[32;1m← 200 OK"))
        #expect(!TraceFormatter(bodies: false, colors: false).block(redacted).contains("\"id\""))
    }

    @Test func aLongBodyIsCutWithANote() {
        let big = "{\"notes\":\"" + String(repeating: "x", count: 70_000) + "\"}"
        let redacted = ExchangeRedactor(keeper: SecretKeeper()).redact(
            Self.exchange(url: "https://api.test/v1.0/engagements/referrals", response: big))
        let block = TraceFormatter(bodies: true, colors: false).block(redacted)
        #expect(block.contains("… (cut: \(big.utf8.count) bytes in all, the first 65536 shown)"))
        #expect(block.utf8.count < 70_000)
    }
}

/// A recording whose file cannot be written for a while (a full disk, a folder gone) says so
/// once, keeps every entry in memory, and writes them all when it can again.
@Suite struct RecorderFailureTests {
    @Test func aFailedWriteIsReportedOnceAndNothingIsLost() async throws {
        let scratch = try await ScratchRecording()
        defer { scratch.remove() }
        let (path, told, recorder) = (scratch.path, scratch.told, scratch.recorder)
        await recorder.append(RedactionTests.exchange(url: "https://api.test/v1.0/engagements/referrals/1"))
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)  // the file's place is taken
        await recorder.append(RedactionTests.exchange(url: "https://api.test/v1.0/engagements/referrals/2"))
        await recorder.append(RedactionTests.exchange(url: "https://api.test/v1.0/engagements/referrals/3"))
        #expect(told.lines.count == 1)
        #expect(told.lines.first?.hasPrefix("refsh: cannot write the recording \(path): is a directory; it is kept in memory") == true)
        try FileManager.default.removeItem(atPath: path)
        await recorder.append(RedactionTests.exchange(url: "https://api.test/v1.0/engagements/referrals/4"))
        #expect(told.lines.last == "refsh: the recording \(path) is written again, with every exchange")
        let entries = try JSONParser.parse(String(contentsOfFile: path, encoding: .utf8)).objectValue?["log"]?.objectValue?["entries"]?.arrayValue
        #expect(entries?.count == 4)
    }
}

/// A recording grows in place: after every exchange the file is a whole HAR with every entry so
/// far, and a file replaced or changed behind its back is written whole again.
@Suite struct RecorderInPlaceTests {
    func entries(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n]}}\n"))
        let entries = try JSONParser.parse(text).objectValue?["log"]?.objectValue?["entries"]?.arrayValue ?? []
        return entries.compactMap { $0.objectValue?["request"]?.objectValue?["url"]?.stringValue }
    }

    @Test func everyExchangeIsInTheFileAtOnceAndAReplacedFileIsWrittenWhole() async throws {
        let scratch = try await ScratchRecording()
        defer { scratch.remove() }
        let (folder, path, told, recorder) = (scratch.folder, scratch.path, scratch.told, scratch.recorder)
        #expect(try entries(path) == [])
        let url = { (n: Int) in "https://api.test/v1.0/engagements/referrals/\(n)" }
        for n in 1...5 {
            await recorder.append(RedactionTests.exchange(url: url(n)))
            #expect(try entries(path) == (1...n).map(url), "after exchange \(n)")
        }
        // Replaced behind its back (an editor saving a copy): the next exchange writes it whole.
        let copy = folder + "/copy.har"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try "{}".write(toFile: copy, atomically: false, encoding: .utf8)
        _ = rename(copy, path)
        await recorder.append(RedactionTests.exchange(url: url(6)))
        #expect(try entries(path) == (1...6).map(url))
        // Grown behind its back: the same.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("junk".utf8))
        try handle.close()
        await recorder.append(RedactionTests.exchange(url: url(7)))
        #expect(try entries(path) == (1...7).map(url))
        try await recorder.finish()
        #expect(try entries(path) == (1...7).map(url))
        #expect(told.lines.isEmpty)
    }
}

/// A started recording, `case.har` in a folder of its own, and what it told the user.
struct ScratchRecording {
    let folder = NSTemporaryDirectory() + "refsh-rec-" + UUID().uuidString
    var path: String { folder + "/case.har" }
    let told = Told()
    let recorder: HARRecorder

    init() async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let told = told
        recorder = HARRecorder(path: folder + "/case.har", creatorVersion: "0.9.0", keeper: SecretKeeper(), redactsPII: false) { told.add($0) }
        try await recorder.start()
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// Collects what a component tells the user.
final class Told: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    func add(_ line: String) { lock.withLock { collected.append(line) } }
    var lines: [String] { lock.withLock { collected } }
}
