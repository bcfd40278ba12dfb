import LineEditor
import RefScript
import ReferralKit

/// Tab completion for the shell, from the same command table `help` reads: command names (with
/// their summaries), flags, paths of the working referral, enum values, the statuses `transition`
/// may move to from the current one, option values and file names.
public final class ShellCompleter: LineCompleter {
    /// The interpreter as of the last prompt (working referral, registry, files).
    public var interpreter: Interpreter

    public init(interpreter: Interpreter) { self.interpreter = interpreter }

    public func complete(_ text: String) -> (wordLength: Int, candidates: [(word: String, description: String?)]) {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if text.isEmpty || text.hasSuffix(" ") { words.append("") }
        let current = words.last ?? ""
        let candidates = self.candidates(words: words, current: current)
            .filter { $0.word.lowercased().hasPrefix(current.lowercased()) && $0.word != current }
        return (current.count, candidates)
    }

    private func candidates(words: [String], current: String) -> [(word: String, description: String?)] {
        let registry = interpreter.registry
        guard words.count > 1 else {
            return registry.commands.map { ($0.spec.name, $0.spec.summary) }
        }
        if words[0] == "for", current.hasPrefix("--") {
            return [("--jobs", "run N iterations at a time (help for)"), ("--journal", "keep finished items in FILE; a rerun skips them")]
        }
        guard let command = registry.command(named: words[0]) else { return [] }
        let spec = command.spec
        if current.hasPrefix("--") { return spec.flags.map { ("--" + $0.name, $0.summary) } }
        let earlier = words.dropFirst().dropLast().filter { !$0.hasPrefix("--") }
        let index = earlier.count
        guard !spec.arguments.isEmpty else { return [] }
        let argument = spec.arguments[min(index, spec.arguments.count - 1)]
        if index >= spec.arguments.count, !argument.isVariadic { return [] }
        switch argument.kind {
        case .path: return paths(current)
        case .value: return values(forPath: earlier.first)
        case .status: return statuses()
        case .substatus:
            let status = earlier.last.flatMap { word in ReferralStatus(named: word) }
            return (status.map(ReferralTransitions.substatuses(for:)) ?? []).map { ($0.rawValue, nil) }
        case .file: return files(current)
        case .choice(let choices): return choices.map { ($0, nil) }
        case .command:
            return registry.commands.map { ($0.spec.name, $0.spec.summary) } + HelpTopics.topicNames.map { ($0, "topic") }
        case .text, .variableName: return []
        case .referralId: return referralIds()
        }
    }

    /// Ids seen in `list` and `load`, sorted (as typing narrows them), each with its status and
    /// customer in aligned columns.
    private func referralIds() -> [(word: String, description: String?)] {
        let ids = interpreter.online.seenIds.sorted()
        // A summary reads "status  customer": split it, so the customers line up.
        let summaries = ids.map { id -> (status: String, customer: String)? in
            guard let summary = interpreter.online.seenSummaries[id] else { return nil }
            guard let gap = summary.range(of: "  ") else { return (summary, "") }
            return (String(summary[..<gap.lowerBound]), String(summary[gap.upperBound...]))
        }
        let width = summaries.map { $0?.status.count ?? 0 }.max() ?? 0
        return zip(ids, summaries).map { id, summary in
            guard let summary else { return (id, nil) }
            let padding = String(repeating: " ", count: width - summary.status.count)
            return (id, summary.customer.isEmpty ? summary.status : summary.status + padding + "  " + summary.customer)
        }
    }

    /// Statuses `transition` may move to from the working referral's status.
    private func statuses() -> [(word: String, description: String?)] {
        let from = interpreter.session.working.flatMap(ReferralDocument.status(of:))
        let targets = from.map(ReferralTransitions.targets(from:)) ?? ReferralStatus.allCases
        return targets.map { target in
            (target.rawValue, ReferralTransitions.substatuses(for: target).map(\.rawValue).joined(separator: ", "))
        }
    }

    /// Enum values of the field a `set`/`append` path names.
    private func values(forPath pathText: String?) -> [(word: String, description: String?)] {
        guard let pathText, let path = try? JSONPathParser.parse(pathText) else { return [] }
        let resolved = interpreter.session.working?.bestEffortResolved(path) ?? path
        guard case .enumeration(let definition)? = ReferralSchema.field(at: resolved)?.type else { return [] }
        return definition.values.map { ($0.contains(" ") ? "'\($0)'" : $0, nil) }
    }

    /// Paths of the working referral: members (existing and documented) and array indices.
    private func paths(_ prefix: String) -> [(word: String, description: String?)] {
        guard let working = interpreter.session.working else { return [] }
        let cut = prefix.lastIndex { $0 == "." || $0 == "[" }
        let parentText = cut.map { String(prefix[..<$0]) } ?? ""
        let parentPath = (try? JSONPathParser.parse(parentText)) ?? .root
        guard let parent = working.lookup(parentPath) else { return [] }
        if let cut, prefix[cut] == "[" {
            return (parent.arrayValue ?? []).enumerated().map { index, element in
                let suffix = element.objectValue != nil ? "." : element.arrayValue != nil ? "[" : ""
                return ("\(parentText)[\(index)]" + suffix, String(JSONPrinter.compact.print(element).prefix(40)))
            }
        }
        let lead = parentText.isEmpty ? "" : parentText + "."
        var names = parent.objectValue?.keys ?? []
        for documented in ReferralSchema.memberNames(at: working.bestEffortResolved(parentPath)) where !names.contains(documented) {
            names.append(documented)
        }
        return names.map { name in
            let child = parent.objectValue?[name]
            let suffix = child?.objectValue != nil ? "." : child?.arrayValue != nil ? "[" : ""
            let preview = child.map { String(JSONPrinter.compact.print($0).prefix(40)) }
            return (lead + name + suffix, preview)
        }
    }

    private func files(_ prefix: String) -> [(word: String, description: String?)] {
        let slash = prefix.lastIndex(of: "/")
        let directory = slash.map { String(prefix[...$0]) } ?? ""
        return interpreter.world.files.entries(in: directory).map { (directory + $0, nil) }
    }
}
