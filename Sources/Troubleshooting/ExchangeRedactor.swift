import Client
import Foundation
import ReferralKit
import ReferralsWire

/// Takes the secrets out of an exchange before anything shows or keeps it: `Authorization` and
/// cookies wholly, every secret the ``SecretKeeper`` holds in every form it can take (raw,
/// percent-encoded, JSON-escaped, base64, hex, case-folded, a run of 16 bytes of it or more),
/// and the values of token fields in JSON and form
/// bodies (`access_token`, `refresh_token`, `device_code`, ...), whose tokens the keeper may not
/// know yet. With ``PIIPseudonyms`` it also replaces customer contact data.
public struct ExchangeRedactor: Sendable {
    public let keeper: SecretKeeper
    public let pseudonyms: PIIPseudonyms?

    /// Headers whose whole value is a credential.
    static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-ms-token"]
    /// Body fields that hold a credential, in JSON and in forms.
    static let secretFields: Set<String> = [
        "access_token", "refresh_token", "id_token", "device_code", "client_secret", "client_assertion", "assertion", "password",
        "accessToken", "refreshToken", "idToken",
    ]

    public init(keeper: SecretKeeper, pseudonyms: PIIPseudonyms? = nil) {
        self.keeper = keeper
        self.pseudonyms = pseudonyms
    }

    /// `record` as it may be shown or kept.
    public func redact(_ record: ExchangeRecord) -> RedactedExchange {
        var redactedPaths: [String] = []
        let requestBody = record.request.body.flatMap { bytes in
            body(bytes, mimeType: record.request.header(HeaderName.contentType), paths: &redactedPaths)
        }
        var ignored: [String] = []
        var status = 0
        var responseHeaders: [(name: String, value: String)] = []
        var responseBody: RedactedExchange.Body?
        var failure: String?
        var mayHaveBeenProcessed = false
        var isPermanent = false
        switch record.outcome {
        case .response(let response):
            status = response.status
            responseHeaders = headers(response.headers)
            if !response.body.isEmpty {
                responseBody = body(response.body, mimeType: response.header(HeaderName.contentType), paths: &ignored)
            }
        case .failure(let error):
            failure = text(error.message)
            mayHaveBeenProcessed = error.mayHaveBeenProcessed
            isPermanent = error.isPermanent
        }
        var redacted = RedactedExchange(
            kind: record.kind, started: record.started, duration: record.duration, attempt: record.attempt, method: record.request.method,
            url: text(record.request.url, url: true), requestHeaders: headers(record.request.headers), requestBody: requestBody,
            redactedRequestPaths: redactedPaths, status: status, responseHeaders: responseHeaders, responseBody: responseBody,
            failure: failure, mayHaveBeenProcessed: mayHaveBeenProcessed)
        redacted.isPermanent = isPermanent
        redacted.strand = record.strand
        return redacted
    }

    /// Free text (a URL, a header value, an error) without secrets or known contact data; in a
    /// URL (`url`), pseudonyms are percent-encoded, so it stays a valid URL.
    public func text(_ text: String, url: Bool = false) -> String {
        let scrubbed = keeper.redact(text)
        return pseudonyms?.replacingKnown(in: scrubbed, url: url) ?? scrubbed
    }

    func headers(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        headers.map { header in
            let name = header.name.lowercased()
            guard Self.credentialHeaders.contains(name) else { return (header.name, text(header.value)) }
            let scheme = header.value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            let shown = name.hasSuffix("authorization") && header.value.contains(" ") ? scheme + " <redacted>" : "<redacted>"
            return (header.name, shown)
        }
    }

    /// A body as text with its secrets (and contact data) replaced; `paths` gets the JSON
    /// pointers of the values replaced structurally.
    func body(_ bytes: [UInt8], mimeType: String?, paths: inout [String]) -> RedactedExchange.Body {
        let type = mimeType ?? ""
        guard let raw = String(validating: bytes, as: UTF8.self) else {
            let encoded = Data(bytes).base64EncodedString()
            return RedactedExchange.Body(text: keeper.redact(encoded), mimeType: type, isBase64: true, size: bytes.count)
        }
        var shown = raw
        if let value = JSONParser.parseIfPossible(bytes) {
            var changed = false
            var replaced = value
            redactFields(&replaced, pointer: "", changed: &changed, paths: &paths)
            if let pseudonyms {
                let (pseudonymised, pseudonymPaths) = pseudonyms.pseudonymise(replaced)
                if !pseudonymPaths.isEmpty {
                    replaced = pseudonymised
                    paths += pseudonymPaths
                    changed = true
                }
            }
            if changed { shown = JSONPrinter.compact.print(replaced) }
        } else if type.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            shown = formWithoutSecrets(raw)
        }
        return RedactedExchange.Body(text: text(shown), mimeType: type, isBase64: false, size: bytes.count)
    }

    /// Replaces the values of secret fields, at any depth.
    private func redactFields(_ value: inout JSONValue, pointer: String, changed: inout Bool, paths: inout [String]) {
        switch value {
        case .object(var object):
            for key in object.keys {
                let child = pointer + "/" + JSONPointer.escape(key)
                object.updateMember(key) { member in
                    if Self.secretFields.contains(key), case .string(let secret) = member, !secret.isEmpty {
                        keeper.remember(Secret(secret))
                        member = .string("<redacted>")
                        changed = true
                        paths.append(child)
                    } else {
                        redactFields(&member, pointer: child, changed: &changed, paths: &paths)
                    }
                }
            }
            value = .object(object)
        case .array(var items):
            for index in items.indices { redactFields(&items[index], pointer: pointer + "/\(index)", changed: &changed, paths: &paths) }
            value = .array(items)
        case .string, .number, .bool, .null: break
        }
    }

    private func formWithoutSecrets(_ form: String) -> String {
        let items = PercentEncoding.queryItems(form).map { item in
            guard Self.secretFields.contains(item.0), !item.1.isEmpty else { return item }
            keeper.remember(Secret(item.1))
            return (item.0, "<redacted>")
        }
        return items.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
    }
}

/// JSON Pointer (RFC 6901) spelling of keys.
enum JSONPointer {
    /// `key` as one step of a pointer (`a/b` → `a~1b`), as ``JSONPath/pointer`` spells it.
    static func escape(_ key: String) -> String { String(JSONPath([.key(key)]).pointer.dropFirst()) }

    static func unescape(_ token: Substring) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// The keys and indices of a pointer (`/a/0/b` → `a`, `0`, `b`).
    static func tokens(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(unescape)
    }
}
