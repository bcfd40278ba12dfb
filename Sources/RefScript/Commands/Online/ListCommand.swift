import ReferralKit
import ReferralsWire

/// `list [--status S] [--filter F] [--top N] [--all] [--json]`: referrals on the service.
public enum ListCommand: ScriptCommand {
    public static let spec = CommandSpec(
        name: "list", synopsis: "list [--status <status>] [--filter <odata>] [--top <n>] [--all] [--json|--count|--curl]",
        summary: "List referrals as a table (id, status, deal value, customer, updated).",
        help: """
            Without --all, prints the first page (at most --top rows) and says how to see more.
            --all follows `@odata.nextLink` to the end. --status S adds `status eq 'S'` to the
            filter; --filter takes an OData expression as the API documents it, e.g.
            "customerProfile/address/country eq 'US'". --json prints the referrals as a JSON
            array instead (a first page, with the same note on standard error when there are
            more); --count prints how many there are, all pages followed (with --top, at most
            that many). Inside ( … ) the list is the value: every referral, all pages followed,
            with --top until that many; with --count, their number. Ids listed can be completed
            with Tab and shortened to 8 characters in `load`.
            """,
        examples: [
            "list", "list --status Active --top 20", "list --all --json",
            "list --filter \"substatus eq 'Won'\"", "let ids (list --status New)",
        ],
        flags: [
            FlagSpec("status", "only referrals with this status", value: "status", choices: ReferralStatus.allCases.map(\.rawValue)),
            FlagSpec("filter", "an OData $filter expression", value: "odata"),
            FlagSpec("top", "at most this many rows in all (--all too)", value: "n", numbers: 1...10_000),
            FlagSpec("all", "follow nextLink to the last page"),
            FlagSpec("json", "print JSON instead of a table"),
            FlagSpec("count", "print only how many referrals there are (every page)"),
            FlagSpec("curl", "print the first page's GET as a curl command instead of sending it"),
        ], givesValue: true)

    public static func run(_ call: CommandCall, _ interpreter: inout Interpreter) async throws(RefScriptError) -> CommandOutcome {
        var filters: [String] = []
        if let status = try await call.flagText("status", &interpreter) {
            guard let known = ReferralStatus(named: status) else {
                let names = ReferralStatus.allCases.map(\.rawValue)
                let hint = EditDistance.closest(to: status, in: names).map { "did you mean \($0)? " } ?? ""
                throw RefScriptError(.command, "--status: unknown status '\(status)' (\(hint)one of \(names.joined(separator: ", ")))")
            }
            filters.append("status eq '\(known.rawValue)'")
        }
        if let filter = try await call.flagText("filter", &interpreter) { filters.append(filters.isEmpty ? filter : "(\(filter))") }
        let top = try await call.flagInt("top", &interpreter)
        let all = call.flag("all")
        var query = ListQuery(filter: filters.isEmpty ? nil : filters.joined(separator: " and "), top: top)
        if call.flag("curl") {
            try await interpreter.printCurl(.list(query))
            return .done
        }
        var referrals: [JSONValue] = []
        var page = try await interpreter.online.list(query)
        referrals += page.referrals
        // A value or a count is the whole list (or --top of it): a page of it would silently lose
        // referrals.
        let whole = call.capturing || call.flag("count")
        // --top is a total with --all too, whether the service reads $top per page or for the
        // whole list (the sandbox does the latter; the spec leaves it open).
        while all || whole, referrals.count < (top ?? Int.max), let next = page.nextLink {
            query = ListQuery(nextLink: next)
            page = try await interpreter.online.list(query)
            referrals += page.referrals
        }
        if let top { referrals = Array(referrals.prefix(top)) }
        let more = !all && !whole && page.nextLink != nil
        interpreter.online.noteSeen(referrals: referrals)
        if call.capturing { return .value(call.flag("count") ? .number(JSONNumber(referrals.count)) : .array(referrals)) }
        let output = interpreter.world.output
        if call.flag("count") {
            output.write("\(referrals.count)\n")
            return .done
        }
        if call.flag("json") || interpreter.options.output == .json {
            output.write(interpreter.printer.print(.array(referrals)) + "\n")
            // The JSON stays one array for a reader; the person running it learns it is a page.
            if more { output.writeError("note: \(referrals.count) referrals shown; list --all for every page\n") }
            return .done
        }
        output.write(ReferralTable.render(referrals))
        let shown = referrals.count
        // Only a nextLink says there is more: the service's @odata.count is not a reliable total
        // (a documented page shows a count of 1 with a nextLink).
        if more {
            output.write("\(shown) referrals shown; list --all for every page\n")
        } else if !all, let top, shown >= top {
            output.write("\(shown) referral\(shown == 1 ? "" : "s") (--top \(top)); there may be more: list --all for every page\n")
        } else {
            output.write("\(shown) referral\(shown == 1 ? "" : "s")\n")
        }
        return .done
    }
}
