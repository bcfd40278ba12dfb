import Client
import Dispatch
import RefScript
import ReferralKit
import ReferralsWire
import SandboxCore
import Troubleshooting

/// The entry points the fuzzer drives (`scripts/fuzz`) and the corpus tests replay: each takes
/// any bytes and must return, whatever they are. A trap, a crash or a sanitizer report is a bug.
public enum FuzzTargets {
    /// The targets by name.
    public static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("json", json), ("path", path), ("refscript", refscript), ("condition", condition), ("odata", odata), ("patch", patch),
        ("sandbox", sandbox), ("har", har),
    ]

    /// The target called `name`.
    public static func named(_ name: String) -> (@Sendable ([UInt8]) -> Void)? { all.first { $0.name == name }?.run }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The JSON parser, and printing back what it read.
    static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes: bytes) else { return }
        _ = JSONPrinter.compact.print(value)
    }

    /// The path parser (both notations) and a lookup and set with what it read.
    static func path(_ bytes: [UInt8]) {
        let text = text(bytes)
        var document: JSONValue = ["details": ["dealValue": 1], "team": [["email": "a@b.c"]]]
        if let path = try? JSONPathParser.parse(text) {
            _ = document.lookup(path)
            try? document.set(1, at: path)
        }
        _ = try? JSONPathParser.parsePointer(text)
    }

    /// The RefScript lexer, parser and checker over a whole script.
    static func refscript(_ bytes: [UInt8]) {
        _ = try? Parser.parse(text(bytes), file: "fuzz.refscript")
    }

    /// The condition parser, through `assert`.
    static func condition(_ bytes: [UInt8]) {
        _ = try? Parser.parse("assert " + text(bytes).replacing("\n", with: " "), file: "fuzz.refscript")
    }

    /// The OData `$filter` parser, and evaluating what it read on a referral.
    static func odata(_ bytes: [UInt8]) {
        guard let filter = try? ODataFilterParser.parse(text(bytes)) else { return }
        _ = filter.unknownProperty()
        _ = filter.matches(["status": "New", "team": [["email": "a@b.c"]], "details": ["dealValue": 5]])
    }

    /// A JSON Patch document read and applied to a referral.
    static func patch(_ bytes: [UInt8]) {
        guard let json = try? JSONParser.parse(bytes: bytes), let patch = try? JSONPatch(json: json) else { return }
        _ = try? patch.apply(to: ["status": "New", "team": [], "details": ["dealValue": 5, "currency": "USD"]])
    }

    /// The HAR reader, then replay's matching of each recorded request against itself and a
    /// fixed one, and the redactor (with pseudonyms) over each recorded answer.
    static func har(_ bytes: [UInt8]) {
        guard let recording = try? HARReader.read(bytes) else { return }
        let script = ReplayScript(recording: recording, name: "fuzz.har")
        let redactor = ExchangeRedactor(keeper: SecretKeeper(), pseudonyms: PIIPseudonyms())
        for exchange in recording.exchanges.prefix(64) {
            let query = exchange.query.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
            let url = "http://127.0.0.1:1" + PercentEncoding.encode(exchange.path).replacing("%2F", with: "/") + (query.isEmpty ? "" : "?" + query)
            var headers: [(name: String, value: String)] = []
            if let ifMatch = exchange.ifMatch { headers.append((HeaderName.ifMatch, ifMatch)) }
            let request = HTTPRequestData(method: exchange.method, url: url, headers: headers, body: exchange.body)
            _ = try? script.answer(request)
            _ = try? script.answer(HTTPRequestData(method: "GET", url: "http://127.0.0.1:1/v1.0/engagements/referrals", headers: []))
            if case .response(let response) = exchange.outcome {
                let record = ExchangeRecord(kind: .api, started: 0, duration: 0, attempt: 1, request: request, outcome: .response(response))
                _ = TraceFormatter(bodies: true, colors: false).block(redactor.redact(record))
            }
        }
    }

    /// The sandbox's request handler: the first line is `METHOD path?query`, the rest the body.
    /// (The fuzzer calls it on its own thread and waits; tests call ``sandboxRequest(_:)``.)
    static func sandbox(_ bytes: [UInt8]) {
        let done = DispatchSemaphore(value: 0)
        Task {
            await sandboxRequest(bytes)
            done.signal()
        }
        done.wait()
    }

    /// One run of the sandbox target.
    public static func sandboxRequest(_ bytes: [UInt8]) async {
        let split = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        let line = text(Array(bytes[..<split])).split(separator: " ", maxSplits: 1).map(String.init)
        let body = split < bytes.endIndex ? Array(bytes[bytes.index(after: split)...]) : []
        let target = line.count > 1 ? line[1] : "/v1.0/engagements/referrals"
        let pathAndQuery = target.split(separator: "?", maxSplits: 1).map(String.init)
        let request = SandboxRequest(
            method: line.first ?? "GET", path: "/v1.0/engagements/referrals" + (pathAndQuery.first ?? ""),
            query: pathAndQuery.count > 1 ? PercentEncoding.queryItems(pathAndQuery[1]) : [],
            headers: [("Authorization", "Bearer fuzz"), ("Content-Type", "application/json"), ("If-Match", "\"e0\"")], body: body)
        _ = await SeededSandbox.shared.api().handle(request)
    }
}

/// One sandbox for every run, seeded on first use.
actor SeededSandbox {
    static let shared = SeededSandbox()
    private var made: ReferralsAPI?

    func api() async -> ReferralsAPI {
        if let made { return made }
        let store = MemoryReferralStore()
        _ = try? await SandboxSeed.fill(store, count: 20)
        let api = ReferralsAPI(store: store, configuration: SandboxConfiguration(baseURL: "http://127.0.0.1:1"))
        made = api
        return api
    }
}
