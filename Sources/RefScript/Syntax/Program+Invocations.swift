/// Walks a checked syntax tree: what a program would run, wherever it is written.
extension Program {
    /// Every invocation at any depth, in source order (a command before its substitutions).
    ///
    /// That is the top-level commands, the bodies of `if`/`else` and `for`, and the `( … )`
    /// substitutions inside any word: arguments, flag values, conditions (of `if` and of
    /// `assert`), loop lists, and substitutions inside substitutions.
    public var invocations: [Invocation] {
        var walk = SyntaxWalk()
        walk.visit(statements)
        return walk.invocations
    }

    /// Every argument at any depth: positional arguments, flag values, condition operands and
    /// lists, loop items, those of substituted commands too.
    public var arguments: [Argument] {
        var walk = SyntaxWalk()
        walk.visit(statements)
        return walk.arguments
    }

    /// Whether any invocation, at any depth, runs `command` (under its name or an alias).
    public func containsCommand(_ command: any ScriptCommand.Type) -> Bool {
        invocations.contains { ObjectIdentifier($0.command) == ObjectIdentifier(command) }
    }
}

/// Collects the invocations and arguments of statements, recursing into blocks and words.
private struct SyntaxWalk {
    var invocations: [Invocation] = []
    var arguments: [Argument] = []

    mutating func visit(_ statements: [Statement]) {
        for statement in statements {
            switch statement {
            case .command(let invocation):
                visit(invocation)
            case .conditional(let branches, let otherwise, _):
                for branch in branches {
                    visit(branch.condition)
                    visit(branch.body)
                }
                if let otherwise { visit(otherwise) }
            case .loop(_, let items, let body, let parallel, _):
                items.forEach { visit($0) }
                if let jobs = parallel?.jobs { visit(jobs) }
                if let journal = parallel?.journal { visit(journal) }
                visit(body)
            case .attempt(let body, let handler, _):
                visit(body)
                visit(handler)
            }
        }
    }

    mutating func visit(_ invocation: Invocation) {
        invocations.append(invocation)
        visit(invocation.nameWord)
        for name in invocation.flags.keys.sorted() {
            if let value = invocation.flags[name], let value { visit(value) }
        }
        if let condition = invocation.condition { visit(condition) }
        invocation.arguments.forEach { visit($0) }
    }

    mutating func visit(_ condition: Condition) {
        switch condition {
        case .compare(let left, _, let right):
            visit(left.argument)
            visit(right.argument)
        case .member(let left, let list):
            visit(left.argument)
            visit(list)
        case .exists(let path): visit(path)
        case .truthy(let operand): visit(operand.argument)
        case .not(let inner): visit(inner)
        case .and(let list), .or(let list):
            for condition in list { visit(condition) }
        }
    }

    mutating func visit(_ argument: Argument) {
        arguments.append(argument)
        visit(argument.word)
    }

    mutating func visit(_ word: Word) {
        for part in word.parts {
            if case .substitution(let invocation) = part { visit(invocation) }
        }
    }
}
