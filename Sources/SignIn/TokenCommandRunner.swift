import Foundation
import ReferralKit
import ReferralsWire
import Synchronization

/// Runs a credential helper (`--token-command`, e.g. `az account get-access-token --resource
/// https://api.partner.microsoft.com`) with `/bin/sh -c` and reads the token it prints: plain text,
/// or the Azure CLI's JSON (`accessToken` and `expiresOn` or `expires_on`). A failure is one line
/// with the exit status and the helper's last line of standard error, never its output.
public struct TokenCommandRunner: Sendable {
    /// The longest a helper may run.
    public var timeoutSeconds: Double = 120
    static let maximumOutput = 1 << 20

    public init() {}

    /// The token `command` prints, with its expiry when it says one (seconds since 1970).
    public func token(from command: String, keeper: SecretKeeper) async throws(ServiceError) -> (token: Secret, expires: Double?) {
        let (status, output, errors) = try await run(command)
        let lastError = errors.split(whereSeparator: \.isNewline).last.map { keeper.redact(String($0.prefix(300))) }
        guard status == 0 else {
            let why = lastError.map { ": \($0)" } ?? " and printed nothing on standard error"
            throw ServiceError(.rejected, "the token command failed (exit status \(status))\(why)", origin: .client)
        }
        return try Self.parse(output, keeper: keeper)
    }

    /// The token in a helper's output: the Azure CLI's JSON, or the whole output as the token.
    static func parse(_ output: String, keeper: SecretKeeper) throws(ServiceError) -> (token: Secret, expires: Double?) {
        let text = output.trimming(" \t\r\n")
        guard !text.isEmpty else { throw ServiceError(.rejected, "the token command printed nothing", origin: .client) }
        var raw = text
        var expires: Double?
        if text.hasPrefix("{") {
            guard let object = JSONParser.parseIfPossible(Array(text.utf8))?.objectValue else {
                throw ServiceError(.rejected, "the token command printed JSON that does not parse", origin: .client)
            }
            guard let token = (object["accessToken"] ?? object["access_token"])?.stringValue else {
                throw ServiceError(.rejected, "the token command's JSON has no accessToken (the Azure CLI's form)", origin: .client)
            }
            raw = token
            expires = Self.expiry(object)
        }
        switch BearerTokenText.cleaned(raw) {
        case .success(let token):
            let secret = Secret(token)
            keeper.remember(secret)
            return (secret, expires ?? TokenClaims.of(token)?.expires)
        case .failure(let refusal):
            keeper.remember(Secret(raw.trimming(" \t\r\n")))
            throw ServiceError(.rejected, "the token command's output is not a token: \(refusal.message)", origin: .client)
        }
    }

    /// `expires_on` (seconds since 1970, newer Azure CLIs) or `expiresOn` (`2026-12-03 12:34:56.000000`, local time).
    static func expiry(_ object: JSONObject) -> Double? {
        if let epoch = object["expires_on"].flatMap({ $0.numberValue?.doubleValue ?? $0.stringValue.flatMap(Double.init) }) { return epoch }
        guard let text = object["expiresOn"]?.stringValue else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        for format in ["yyyy-MM-dd HH:mm:ss.SSSSSS", "yyyy-MM-dd HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        }
        return ISO8601DateFormatter().date(from: text)?.timeIntervalSince1970
    }

    /// Runs `command`, its standard input empty, and returns its exit status and what it printed.
    func run(_ command: String) async throws(ServiceError) -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ServiceError(.rejected, "the token command could not start: \(error.localizedDescription)", origin: .client)
        }
        let timeout = timeoutSeconds
        let result: (Int32, String, String, Bool) = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
                let errorData = Mutex(Data())
                let reader = DispatchWorkItem { errorData.withLock { $0 = errors.fileHandleForReading.readDataToEndOfFile() } }
                DispatchQueue.global().async(execute: reader)
                let outputData = output.fileHandleForReading.readData(ofLength: Self.maximumOutput)
                process.waitUntilExit()
                reader.wait()
                let timedOut = !timer.isCancelled && process.terminationReason == .uncaughtSignal
                timer.cancel()
                continuation.resume(
                    returning: (
                        process.terminationStatus, String(decoding: outputData, as: UTF8.self),
                        String(decoding: errorData.withLock { $0 }.prefix(65_536), as: UTF8.self), timedOut
                    ))
            }
        }
        if result.3 { throw ServiceError(.rejected, "the token command did not finish within \(Int(timeout)) s", origin: .client) }
        return (result.0, result.1, result.2)
    }
}
