import Foundation
import RefScript

#if canImport(Glibc)
import Glibc
#endif

/// Seen referral ids in files, one per endpoint, under `$XDG_STATE_HOME/refsh/seen/`: one id a
/// line, appended as they are seen, read back newest last and compacted when the file grows.
public struct SeenIdFile: SeenIdStore {
    /// The folder of the files.
    public let directory: String
    /// How many ids are kept per endpoint.
    static let limit = 5000

    public init(directory: String) { self.directory = directory }

    /// `$XDG_STATE_HOME/refsh/seen`, else `~/.local/state/refsh/seen`.
    public static func directory(environment: any EnvironmentReader) -> String? {
        StateFolder.path(environment.value).map { $0 + "/seen" }
    }

    public func ids(endpoint: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path(endpoint)) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter(Self.isId)
        var seen = Set<String>()
        var newestFirst: [String] = []
        for id in lines.reversed() where seen.insert(id).inserted {
            newestFirst.append(id)
            if newestFirst.count == Self.limit { break }
        }
        let ids = Array(newestFirst.reversed())
        if lines.count > 2 * Self.limit { write(ids, to: path(endpoint)) }
        return ids
    }

    public func add(_ ids: [String], endpoint: String) {
        let text = ids.filter(Self.isId).map { $0 + "\n" }.joined()
        guard !text.isEmpty else { return }
        // O_APPEND: two sessions appending at once each add their lines whole.
        var descriptor = open(path(endpoint), O_WRONLY | O_APPEND | O_CREAT, 0o600)
        if descriptor < 0, errno == ENOENT {  // the first id of all: make the folder
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            descriptor = open(path(endpoint), O_WRONLY | O_APPEND | O_CREAT, 0o600)
        }
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = text.withCString { Glibc.write(descriptor, $0, strlen($0)) }
    }

    /// The file of `endpoint`: its name with anything but letters, digits, `.` and `-` as `_`.
    func path(_ endpoint: String) -> String {
        let name = String(endpoint.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "_" })
        return directory + "/" + (name.isEmpty ? "_" : name)
    }

    /// Whether a line is an id worth keeping (the file may have been edited by hand).
    static func isId(_ line: String) -> Bool {
        !line.isEmpty && line.count <= 100 && !line.contains(where: { $0.isWhitespace })
    }

    private func write(_ ids: [String], to file: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? Data(ids.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
    }
}
