/// The texts of `help <topic>`.
public enum HelpTopics {
    /// Public so completion can offer them.
    public static var topicNames: [String] { names }
    static let names = ["paths", "values", "scripts", "if", "for", "try", "conditions", "transitions", "exit-codes"]

    static func text(_ name: String) -> String? {
        switch name {
        case "paths": paths
        case "values": values
        case "scripts": scripts
        case "if": ifBlocks
        case "for": forLoops
        case "try": tryBlocks
        case "conditions": conditions
        case "transitions": transitions
        case "exit-codes": exitCodes
        default: nil
        }
    }

    static let paths = """
        Paths name a place in the referral:
          details.dealValue               a member of a member
          customerProfile.team[0].email   an array element (from 0)
          team[-1]                        the last element
          "odd key".x  ['odd key'].x      names with spaces or punctuation
          /details/dealValue              a JSON Pointer, as in PATCH documents
          .                               the whole referral
        Names match exactly, else ignoring case (Details.DealValue finds details.dealValue);
        new members keep the spelling given. JSON Pointers match exactly.

        """

    static let values = """
        A value argument is JSON when it is a bare JSON literal (50000, -2.5, true, false, null)
        or an object or array ({"a": 1}, [1, 2]); a quoted word ("50000", 'x') is always a
        string; any other bare word is a string (Closed, USD). $name keeps the JSON type of the
        variable; (get <path>) gives the value at a path. 007 is a string (not a JSON number).

        """

    static let scripts = """
        One command per line, or several separated by ';'. '#' starts a comment; '\\' at the end
        of a line continues it; a JSON object or array may span lines.
        Quoting: "double" (escapes \\n \\t \\" \\\\ \\$ \\u{…}, $variables), 'single' (as written).
        Variables: let name value, $name, ${name.path}, $1 … (script arguments), $0, $env.HOME,
        refsh --var name=value. Substitution: (get details.dealValue).
        Blocks: if <condition> … else if … else … end; for <name> in <list> … end;
        try … catch … end.
        A script is parsed whole before it runs; the first failing command stops it
        (option errexit off to continue) with FILE:LINE:COLUMN: error: message.

        """

    static let tryBlocks = """
        try … catch … end runs the catch block when a command in the try block fails (at any
        depth: in an if, a for, a sourced file), instead of reporting the failure and stopping:

          try
            patch
          catch
            if $error.exit == 4; rebase; patch; else; throw; end
          end

        In the catch block $error holds the failure: $error.exit (the exit code it would have
        given: 4 for a conflict, whether the service answered 412 or refsh saw the eTag was stale
        before sending, 5 for the service, see help exit-codes), $error.status (the HTTP status, or
        null), $error.code (the service's error code, or null), $error.message (the
        line refsh would have printed), $error.kind and $error.requestId. The rest of the try
        block is skipped; after 'end' the script goes on; $error is the catch block's only.
        'throw' in a catch block re-raises the caught error (help throw). 'try … end' with no
        catch only keeps a failure from stopping the run. Ctrl-C and a replay that no longer
        matches its recording are not caught. A failure outside a try behaves as always (errexit).

        """

    static let ifBlocks = """
        if <condition> … end runs its lines only when the condition holds (see help conditions):

          if details.dealValue >= 50000
            transition Active
          else if status == New
            echo "not accepted yet"
          else
            echo nothing to do
          end

        'else if <condition>' may repeat; 'else' and 'end' stand alone. Blocks nest, and may sit on
        one line between ';' (if status == New; transition Active; end). A script is parsed whole
        before it runs, so an 'if' without 'end' is a syntax error (exit 2) and nothing runs;
        interactively an open block asks for more lines (...>).

        """

    static let forLoops = """
        for <name> in <list> … end runs its lines once per item, with $name set to the item:

          for member in (get team)
            echo ${member.email}
          end
          for referral in (list --status New)
            echo ${referral.id} ${referral.customerProfile.name}
          end
          for s in [Active, Closed, 'two words', 3]
            echo $s
          end

        The list is a list literal (bare items read like bare words), a JSON array, a variable or
        ( … ) holding an array (one item per element; (list) gives every referral, all pages), or
        several words (for w in a b c). $name keeps each item's JSON type; after the loop it has
        its old value again (or none).

        for --jobs N [--journal FILE] <name> in <list> … end runs N iterations at a time (1 to 64):
          for --jobs 8 --journal closed.log r in (list --filter "status eq 'New'")
            load ${r.id}
            transition Closed Lost "expired"
            patch
          end
        Each iteration has its own working referral (none loaded at first) and undo history, and
        reads the variables as they were when the loop started; what it sets (let, the working
        copy) does not leak out, and after the loop the session's referral is as it was. Each
        iteration's output is kept together and printed in list order. With errexit on, the first
        failure starts no new iteration, lets the running ones finish, and the loop fails with it;
        with option errexit off every item runs and the loop ends with a summary on standard error
        (7,998 done, 2 failed) listing each failure with its item and error. Every request goes
        through the session's one throttle: a 429 pauses all iterations for its Retry-After, a 429
        or 503 halves the concurrency (grown back by one per window of successes), and --rate N or
        option rate N caps the requests a second. --journal FILE appends each finished item (a
        string itself, an object its id) and syncs it to disk; a rerun with the same file skips
        those and says how many. On a terminal, loops over more than 20 items show a progress line
        on standard error. The list must be a list here: [x] for one item (docs/bulk.md).

        """

    static let conditions = """
        Conditions, used by if, else if and assert:
          left == right   also != < <= > >=: numbers compare by value (5 == 5.0), strings by text
          left in [A, B]  membership in a list literal or an array value
          exists path     the path is in the working referral (even when it is null)
          not c           c and c, c or c: 'and' binds tighter than 'or'; there are no parentheses
          operand         alone: true unless it is false, null or missing
        On the left, a bare word that is not a JSON literal is a path into the working referral
        (details.dealValue, status); anything else ($name, (get …), 5, "quoted") is a value. The
        right side is a value, read as in help values: Closed is the string "Closed". Text compares
        case-sensitively. A missing path is never equal to, less or greater than anything, and
        makes != true; ordering a number against a string is an error.
        assert <condition> ["message"] fails with exit code 3 and shows the actual values:
        assertion failed: details.dealValue == 50000 (details.dealValue is 25000).

        """

    static let transitions = """
        from     may move to            substatus allowed for the target status
        New      New, Active, Closed    New: Pending, Received
        Active   Active, Closed         Active: Accepted
        Closed   Closed                 Closed: Won, Lost, Declined, Expired
        Any other move is refused before anything is sent.

        """

    static let exitCodes = ExitCode.documented.map { entry in
        let code = String(entry.code.rawValue)
        return code + String(repeating: " ", count: 5 - code.count) + entry.meaning + "\n"
    }.joined()
}
