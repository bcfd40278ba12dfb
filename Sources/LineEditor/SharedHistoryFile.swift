import CEditLine

#if canImport(Glibc)
import Glibc
#endif

/// The history file as several shells share it: each change is made to the file as it is on
/// disk now (read, changed, written under an exclusive lock), not written from one shell's
/// memory, which dropped the lines another shell had added since it started. Each shell's Up
/// arrow still walks its own lines, as bash's `histappend` does.
struct SharedHistoryFile {
    let path: String
    let size: Int32

    /// Adds `line` after the lines the file holds now.
    func append(_ line: String) {
        update { disk in refsh_history_enter(disk, line) }
    }

    /// Keeps only the lines of the file for which `keep` is true.
    func keepOnly(_ keep: (String) -> Bool) {
        update { disk in
            let entries = Self.entries(of: disk)
            guard entries.contains(where: { !keep($0) }) else { return }
            _ = refsh_history_clear(disk)
            for entry in entries where keep(entry) { refsh_history_enter(disk, entry) }
        }
    }

    /// The entries of `history`, oldest first.
    static func entries(of history: OpaquePointer) -> [String] {
        var newestFirst: [String] = []
        while let entry = refsh_history_newest(history, Int32(newestFirst.count)) {
            newestFirst.append(String(cString: entry))
        }
        return newestFirst.reversed()
    }

    /// Loads the file into a history of its own, runs `change` on it and saves it, holding an
    /// exclusive lock on `<file>.lock` meanwhile (waited for at most about a second).
    private func update(_ change: (OpaquePointer) -> Void) {
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        defer { if lock >= 0 { close(lock) } }
        var tries = 0
        while lock >= 0, flock(lock, LOCK_EX | LOCK_NB) != 0, tries < 100 {  // a second at most, then without
            tries += 1
            usleep(10_000)
        }
        guard let disk = refsh_history_init(size) else { return }
        defer { history_end(disk) }
        _ = refsh_history_load(disk, path)
        change(disk)
        _ = refsh_history_save(disk, path)
        _ = chmod(path, 0o600)
    }
}
