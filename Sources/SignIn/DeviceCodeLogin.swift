import Client
import Foundation
import ReferralKit
import ReferralsWire

/// The OAuth 2.0 device authorization grant (RFC 8628) against Microsoft Entra ID: asks for a
/// device code, tells the user where to enter it, and polls the token endpoint at the interval
/// it was given (5 s longer after each `slow_down`) until the sign-in is approved, declined or
/// expired, or the user presses Ctrl-C.
public struct DeviceCodeLogin: Sendable {
    let client: IdentityClient
    let sleeper: any Sleeper
    let keeper: SecretKeeper
    /// Seconds since 1970, now.
    let now: @Sendable () -> Double

    public init(client: IdentityClient, keeper: SecretKeeper, sleeper: any Sleeper = TaskSleeper(), now: @escaping @Sendable () -> Double) {
        self.client = client
        self.keeper = keeper
        self.sleeper = sleeper
        self.now = now
    }

    /// Runs the flow; `tell` shows the user the page and the code (standard error).
    /// Polls that fail in a row (the network, a 5xx) before the sign-in gives up with the last.
    static let failuresInARow = 5

    /// Whether a failed poll may pass: no answer came, or a server failed (5xx). An answer that
    /// is not Entra's (an HTML page, an oversized body) will not change by asking again.
    static func mayPass(_ error: ServiceError) -> Bool {
        switch error.origin {
        case .transport: true
        case .malformedAnswer(let status): status >= 500
        default: false
        }
    }

    public func run(_ endpoint: IdentityEndpoint, tell: (String) -> Void) async throws(ServiceError) -> TokenAnswer {
        // Without offline_access there is no refresh token to cache: ask for it whatever the scope.
        let scope = endpoint.scope.split(separator: " ").contains("offline_access") ? endpoint.scope : endpoint.scope + " offline_access"
        let form = [("client_id", endpoint.clientId), ("scope", scope)]
        let started: JSONObject
        switch try await client.post("devicecode", form: form, to: endpoint, success: "device_code") {
        case .success(let object): started = object
        case .failure(let error, _): throw ServiceError(.rejected, error.message, origin: .client)
        }
        let grant = try DeviceCodeGrant.read(started, keeper: keeper)
        tell(grant.instructions(now: now()))
        var interval = grant.interval
        let deadline = now() + grant.expiresIn
        let poll = [
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("client_id", endpoint.clientId),
            ("device_code", grant.deviceCode.reveal()),
        ]
        var failures = 0
        while true {
            await sleeper.sleep(seconds: interval)
            if Task.isCancelled { throw ServiceError(.cancelled, "login cancelled; nothing was saved", origin: .client) }
            if now() > deadline {
                throw ServiceError(.rejected, "sign-in failed: the code expired before the sign-in was approved; run login again", origin: .client)
            }
            let answer: IdentityClient.Answer
            do {
                answer = try await client.post("token", form: poll, to: endpoint, success: "access_token")
            } catch  where error.kind == .unavailable && Self.mayPass(error) {
                // The network or Entra failed for a moment: the code is still good until its
                // deadline. Not for long, though: a user waiting in silence cannot tell.
                failures += 1
                if failures >= Self.failuresInARow { throw error }
                continue
            }
            switch answer {
            case .success(let object):
                return try TokenAnswer.read(object, keeper: keeper)
            case .failure(let error, _) where error.error == "authorization_pending":
                failures = 0
                continue
            case .failure(let error, let status) where error.error == "temporarily_unavailable" || status >= 500:
                failures += 1
                if failures >= Self.failuresInARow {
                    throw ServiceError(
                        .unavailable, "sign-in failed: " + error.message, origin: .malformedAnswer(status: status), method: "POST token")
                }
                continue
            case .failure(let error, _) where error.error == "slow_down":
                interval += 5
            case .failure(let error, _):
                throw ServiceError(.rejected, error.message, origin: .client)
            }
        }
    }
}

/// The device-code answer: the code to poll with (a secret), the code the user types, the page.
struct DeviceCodeGrant: Sendable {
    var deviceCode: Secret
    var userCode: String
    var verificationURI: String
    var expiresIn: Double
    var interval: Double

    static func read(_ object: JSONObject, keeper: SecretKeeper) throws(ServiceError) -> DeviceCodeGrant {
        func printable(_ name: String, limit: Int) -> String? {
            guard let text = object[name]?.stringValue, !text.isEmpty, text.utf8.count <= limit,
                text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
            else { return nil }
            return text
        }
        func seconds(_ name: String) -> Double? { object[name]?.seconds }
        guard let deviceCode = printable("device_code", limit: 8192) else {
            throw ServiceError(.unavailable, "the device-code answer has no usable device_code", origin: .malformedAnswer(status: 200))
        }
        keeper.remember(Secret(deviceCode))
        // Entra's v2.0 endpoint says verification_uri; its v1 endpoint verification_url.
        guard let userCode = printable("user_code", limit: 64),
            let page = printable("verification_uri", limit: 2048) ?? printable("verification_url", limit: 2048),
            page.lowercased().hasPrefix("https://") || page.lowercased().hasPrefix("http://")
        else {
            throw ServiceError(
                .unavailable, "the device-code answer has no usable user_code and verification_uri", origin: .malformedAnswer(status: 200))
        }
        let expiresIn = max(1, min(seconds("expires_in") ?? 900, 86_400))
        let interval = max(1, min(seconds("interval") ?? 5, 60))
        return DeviceCodeGrant(deviceCode: Secret(deviceCode), userCode: userCode, verificationURI: page, expiresIn: expiresIn, interval: interval)
    }

    /// `To sign in, open <page> and enter the code <code> (expires in 15 minutes, at 11:20 UTC)`.
    func instructions(now: Double) -> String {
        let minutes = Int((expiresIn / 60).rounded())
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm"
        let at = formatter.string(from: Date(timeIntervalSince1970: now + expiresIn))
        let span = minutes >= 1 ? "\(minutes) minute\(minutes == 1 ? "" : "s")" : "\(Int(expiresIn)) seconds"
        return "To sign in, open \(verificationURI) and enter the code \(userCode) (it expires in \(span), at \(at) UTC)\n"
    }
}
