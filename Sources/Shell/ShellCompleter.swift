import LineEditor
import RefScript
import ReferralKit
import ReferralsWire

/// Tab completion for the shell, from the same command table `help` reads: command names (with
/// their summaries), flags, paths of the working referral, enum values, the statuses `transition`
/// may move to from the current one, option values and file names.
public final class ShellCompleter: LineCompleter {
    /// The interpreter as of the last prompt (working referral, registry, files).
    public var interpreter: Interpreter

    public init(interpreter: Interpreter) { self.interpreter = interpreter }

    /// The command after the last `;` or `(` is the one completed (``CompletionLine``). A
    /// candidate that needs quotes gets them (`'my deal.json'`, `details."odd key"`) and matches
    /// what was typed with or without them; the editor then replaces the whole word.
    public func complete(_ text: String) -> (wordLength: Int, candidates: [(word: String, description: String?)]) {
        let line = CompletionLine(text)
        let current = line.current
        let (typed, typedText) = (current.lowercased(), line.currentText.lowercased())
        let candidates = self.candidates(words: line.words, current: line.currentText).compactMap { candidate -> (String, String?)? in
            let word = candidate.quoted ?? (candidate.isFile ? CompletionLine.fileWord(candidate.text, openQuote: line.openQuote) : candidate.text)
            guard word != current, word.lowercased().hasPrefix(typed) || candidate.text.lowercased().hasPrefix(typedText) else { return nil }
            // A description may quote the service's data (a customer's name): its control
            // characters are written out, as `list` writes them, so it cannot drive the terminal.
            return (word, candidate.description.map(VisibleText.of))
        }
        return (current.count, candidates)
    }

    /// A candidate as the language reads it, and how it is written as a word when that differs.
    struct Candidate {
        var text: String
        var description: String?
        /// The word with the quotes a path's member names need.
        var quoted: String?
        /// A file name, quoted as it needs (``CompletionLine/fileWord(_:openQuote:)``).
        var isFile = false

        init(_ text: String, _ description: String? = nil, quoted: String? = nil, isFile: Bool = false) {
            (self.text, self.description, self.quoted, self.isFile) = (text, description, quoted, isFile)
        }
    }

    private func candidates(words: [String], current: String) -> [Candidate] {
        let registry = interpreter.registry
        let plain = { (pairs: [(String, String?)]) in pairs.map { Candidate($0.0, $0.1) } }
        guard words.count > 1 else {
            return registry.commands.map { Candidate($0.spec.name, $0.spec.summary) }
        }
        // A path where a condition's left side goes: after `if`, `else if`, `assert`, `wait
        // until`, and after `and`, `or`, `not`, `exists` in one (not a quoted text or a variable).
        if ["if", "else", "assert", "wait"].contains(words[0]), let previous = words.dropLast().last,
            ["if", "assert", "until", "and", "or", "not", "exists"].contains(previous),
            !(current.first.map { "$'\"".contains($0) } ?? false)
        {
            return paths(current)
        }
        if words[0] == "for", current.hasPrefix("--") {
            return [
                Candidate("--jobs", "run N iterations at a time (help for)"),
                Candidate("--journal", "keep finished items in FILE; a rerun skips them"),
            ]
        }
        guard let command = registry.command(named: words[0]) else { return [] }
        let spec = command.spec
        if current.hasPrefix("--") { return spec.flags.map { Candidate("--" + $0.name, $0.summary) } }
        // A flag's value: what the flag offers (`list --status A`), nothing else.
        let valued = Set(spec.flags.filter { $0.valueName != nil }.map { "--" + $0.name })
        if let previous = words.dropLast().last, valued.contains(previous) {
            return spec.flags.first { "--" + $0.name == previous }.map { $0.choices.map { Candidate($0) } } ?? []
        }
        // The positional words before this one: flags and their values do not count.
        var earlier: [String] = []
        var afterValued = false
        for word in words.dropFirst().dropLast() {
            if afterValued {
                afterValued = false
            } else if word.hasPrefix("--") {
                afterValued = valued.contains(word)
            } else {
                earlier.append(word)
            }
        }
        let index = earlier.count
        guard !spec.arguments.isEmpty else { return [] }
        let argument = spec.arguments[min(index, spec.arguments.count - 1)]
        if index >= spec.arguments.count, !argument.isVariadic { return [] }
        switch argument.kind {
        // `append` takes the array itself (`append customerProfile.team …`), not an element.
        case .path: return paths(current, arraysWhole: spec.name == "append")
        case .value: return plain(values(forPath: earlier.first))
        case .status: return plain(statuses())
        case .substatus:
            let status = earlier.last.flatMap { word in ReferralStatus(named: word) }
            return (status.map(ReferralTransitions.substatuses(for:)) ?? []).map { Candidate($0.rawValue) }
        case .file: return files(current)
        case .choice where spec.name == "option" && index == 1:
            // The values of the option named before, not every option's.
            return (earlier.first.flatMap(Options.choices(for:)) ?? []).map { Candidate($0) }
        case .choice(let choices): return choices.map { Candidate($0) }
        case .command:
            return registry.commands.map { Candidate($0.spec.name, $0.spec.summary) } + HelpTopics.topicNames.map { Candidate($0, "topic") }
        case .text, .variableName: return []
        case .referralId: return plain(referralIds())
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

    /// Paths of the working referral: members (existing and documented) and array indices; a
    /// member name that is not a bare word is written quoted (`details."odd key"`).
    private func paths(_ prefix: String, arraysWhole: Bool = false) -> [Candidate] {
        guard let working = interpreter.session.working else { return [] }
        if prefix.hasPrefix("/") { return pointers(prefix, in: working) }
        let cut = prefix.lastIndex { $0 == "." || $0 == "[" }
        let parentText = cut.map { String(prefix[..<$0]) } ?? ""
        let parentPath = (try? JSONPathParser.parse(parentText)) ?? .root
        guard let parent = working.lookup(parentPath) else { return [] }
        if let cut, prefix[cut] == "[" {
            return (parent.arrayValue ?? []).enumerated().map { index, element in
                let suffix = element.objectValue != nil ? "." : element.arrayValue != nil ? "[" : ""
                return Candidate("\(parentText)[\(index)]" + suffix, String(JSONPrinter.compact.print(element).prefix(40)))
            }
        }
        let lead = parentText.isEmpty ? "" : parentText + "."
        var names = parent.objectValue?.keys ?? []
        for documented in ReferralSchema.memberNames(at: working.bestEffortResolved(parentPath)) where !names.contains(documented) {
            names.append(documented)
        }
        return names.map { name in
            let child = parent.objectValue?[name]
            let suffix = child?.objectValue != nil ? "." : child?.arrayValue != nil && !arraysWhole ? "[" : ""
            let preview = child.map { String(JSONPrinter.compact.print($0).prefix(40)) }
            let quoted = JSONPath.isBareKey(name) ? nil : lead + JSONPrinter.quoted(name) + suffix
            return Candidate(lead + name + suffix, preview, quoted: quoted)
        }
    }

    /// JSON Pointers (`/details/dealValue`) of the working referral: each step of the parent
    /// pointer typed so far, then its members (RFC 6901 escapes, exact case) or indices. A pointer
    /// that needs quotes as a word is quoted whole, as the language reads a pointer.
    private func pointers(_ prefix: String, in working: JSONValue) -> [Candidate] {
        guard let cut = prefix.lastIndex(of: "/") else { return [] }
        let parentText = String(prefix[..<cut])
        let parsed = parentText.isEmpty ? JSONPath.root : try? JSONPathParser.parsePointer(parentText)
        guard let parentPath = parsed, let parent = working.lookup(parentPath) else { return [] }
        func candidate(_ step: String, _ child: JSONValue?) -> Candidate {
            let suffix = child?.objectValue != nil || child?.arrayValue != nil ? "/" : ""
            let preview = child.map { String(JSONPrinter.compact.print($0).prefix(40)) }
            return Candidate(parentText + "/" + step + suffix, preview, isFile: true)
        }
        if let elements = parent.arrayValue {
            return elements.enumerated().map { candidate(String($0.offset), $0.element) }
        }
        var names = parent.objectValue?.keys ?? []
        for documented in ReferralSchema.memberNames(at: working.bestEffortResolved(parentPath)) where !names.contains(documented) {
            names.append(documented)
        }
        return names.map { candidate(JSONPath.pointerEscaped($0), parent.objectValue?[$0]) }
    }

    /// Files and folders (with `/`) whose names start with `prefix`, as the language reads it.
    private func files(_ prefix: String) -> [Candidate] {
        let slash = prefix.lastIndex(of: "/")
        let directory = slash.map { String(prefix[...$0]) } ?? ""
        return interpreter.world.files.entries(in: directory).map { Candidate(directory + $0, isFile: true) }
    }
}
