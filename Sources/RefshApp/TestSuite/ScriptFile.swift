import ReferralKit
import ReferralsWire
import SafeFiles

/// A file of a suite as read once, before anything runs: its text, or the line saying why it
/// cannot be run.
enum ScriptFile {
    case text(file: String, String)
    case unreadable(String)

    /// `file` read (at most 256 MiB) and checked to be UTF-8 text.
    static func read(_ file: String) -> ScriptFile {
        switch BoundedReader.readFile(file) {
        case .failure(let failure):
            return .unreadable(SecretShape.masked("refsh test: cannot read \(file): \(failure.message)"))
        case .success(let data):
            guard let text = String(validating: data, as: UTF8.self) else {
                return .unreadable(UTF8Position.error(in: data, name: file) ?? "refsh test: \(file) is not UTF-8 text")
            }
            return .text(file: file, text)
        }
    }
}
