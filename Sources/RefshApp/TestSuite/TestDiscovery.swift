import Foundation

/// The `.refscript` files a suite runs: each file given, and every `*.refscript` below each
/// directory given (recursively), in a stable order (by path, bytewise), each file once however
/// many names it is given by.
enum TestDiscovery {
    /// A path that names nothing to run, in one line.
    struct Problem: Error {
        var message: String
    }

    static func files(_ paths: [String]) -> Result<[String], Problem> {
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(Problem(message: "\(path): no such file or directory"))
            }
            if !isDirectory.boolValue {
                found.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let names = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
            let scripts = names.filter { $0.hasSuffix(".refscript") }.map { base + "/" + $0 }.filter {
                var directory: ObjCBool = false
                return FileManager.default.fileExists(atPath: $0, isDirectory: &directory) && !directory.boolValue
            }
            guard !scripts.isEmpty else { return .failure(Problem(message: "\(path): no .refscript files in this directory")) }
            found += scripts.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
        // `./deals/x.refscript` is `deals/x.refscript`: names stay as short as they can.
        let tidy = found.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }
        var seen = Set<String>()
        return .success(tidy.filter { seen.insert(identity(of: $0)).inserted })
    }

    /// The same file however it is named (`x.refscript`, `./x`, an absolute path, a symbolic or
    /// hard link): its device and inode, else its resolved absolute path.
    static func identity(of path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let resolved = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
        // attributesOfItem does not follow a link itself.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
            let device = attributes[.systemNumber] as? NSNumber, let inode = attributes[.systemFileNumber] as? NSNumber
        {
            return "\(device)/\(inode)"
        }
        return resolved
    }
}
