import Foundation
import ReferralKit
import ReferralsWire
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

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
        if status != 0 {
            // What a failed helper printed may still be a token (printed, then something failed):
            // one token-shaped word of token length is kept out of the message and everything
            // after it. Other output is not: a word of it could be any word ("Accepted").
            if case .success(let token) = BearerTokenText.cleaned(output.trimming(" \t\r\n")), token.utf8.count >= SecretKeeper.minimumLength {
                keeper.remember(Secret(token))
            }
        }
        // A word that looks like a token is not quoted either: `/bin/sh: 1: eyJ…: not found` when
        // the token itself was given as the command.
        let lastError = errors.split(whereSeparator: \.isNewline).last.map { SecretShape.masked(keeper.redact(String($0.prefix(300)))) }
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
        if let epoch = plausibleTime(object["expires_on"]?.seconds) {
            return epoch
        }
        guard let text = object["expiresOn"]?.stringValue else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        for format in ["yyyy-MM-dd HH:mm:ss.SSSSSS", "yyyy-MM-dd HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return plausibleTime(date.timeIntervalSince1970) }
        }
        return plausibleTime(ISO8601DateFormatter().date(from: text)?.timeIntervalSince1970)
    }

    /// Runs `command`, its standard input empty, and returns its exit status and what it printed
    /// (at most 1 MiB of output and 64 KiB of errors are kept). It is stopped when it runs past
    /// the timeout or the user presses Ctrl-C; a helper that leaves a child holding its output
    /// open is not waited for past that.
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
        let cancelled = Mutex(false)
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        let outcome: CommandOutcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    let read = Self.drain(
                        output.fileHandleForReading.fileDescriptor, errors.fileHandleForReading.fileDescriptor, until: deadline,
                        stop: { cancelled.withLock { $0 } })
                    if case .finished = read {
                        process.waitUntilExit()
                    } else if process.isRunning {
                        process.terminate()
                    }
                    let status = process.isRunning ? -1 : process.terminationStatus
                    continuation.resume(returning: CommandOutcome(read: read, status: status))
                }
            }
        } onCancel: {
            cancelled.withLock { $0 = true }
        }
        switch outcome.read {
        case .timedOut:
            let limit = timeoutSeconds >= 1 ? "\(Int(timeoutSeconds))" : "\(timeoutSeconds)"
            throw ServiceError(.rejected, "the token command did not finish within \(limit) s", origin: .client)
        case .stopped:
            throw ServiceError(.cancelled, "the token command was stopped", origin: .client)
        case .finished(let out, let err):
            return (outcome.status, out, err)
        }
    }

    struct CommandOutcome: Sendable {
        var read: Drained
        var status: Int32
    }

    enum Drained: Sendable {
        case finished(String, String)
        case timedOut
        case stopped
    }

    /// Reads both descriptors until both reach their end, keeping the first bytes of each.
    static func drain(_ out: Int32, _ err: Int32, until deadline: Date, stop: () -> Bool) -> Drained {
        var buffers: [Int32: [UInt8]] = [out: [], err: []]
        let limits: [Int32: Int] = [out: maximumOutput, err: 65_536]
        var open: Set<Int32> = [out, err]
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            if stop() { return .stopped }
            if Date() > deadline { return .timedOut }
            var watched = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&watched, nfds_t(watched.count), 100)
            if ready < 0, errno != EINTR { break }
            for entry in watched where entry.revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count <= 0 {
                    if count == 0 || errno != EINTR { open.remove(entry.fd) }
                    continue
                }
                let room = (limits[entry.fd] ?? 0) - (buffers[entry.fd]?.count ?? 0)
                if room > 0 { buffers[entry.fd]?.append(contentsOf: chunk.prefix(min(room, count))) }
            }
        }
        return .finished(String(decoding: buffers[out] ?? [], as: UTF8.self), String(decoding: buffers[err] ?? [], as: UTF8.self))
    }
}
