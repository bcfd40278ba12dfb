import Foundation
import SandboxCore

/// The key the sandbox signs its tokens with, kept next to its store (`<store>.identity-key`,
/// mode 0600), so a signed-in user's refresh token still works after refsh or the sandbox restarts.
public enum IdentityKeyFile {
    /// The signer whose key is in `path`, created with a new random key when the file is missing
    /// or unusable (a new key only signs the user out).
    public static func signer(at path: String) -> SandboxJWT {
        if let data = FileManager.default.contents(atPath: path), let signer = SandboxJWT(keyBytes: Array(data)) { return signer }
        let bytes = SandboxJWT.newKeyBytes()
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if descriptor >= 0 {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor) == 0
            close(descriptor)
            // link, not rename: when another process made the file first, its key stays and is used.
            if written == bytes.count, synced { _ = link(temporary, path) }
            unlink(temporary)
            if let data = FileManager.default.contents(atPath: path), let signer = SandboxJWT(keyBytes: Array(data)) { return signer }
        }
        return SandboxJWT(keyBytes: bytes) ?? SandboxJWT()
    }
}
