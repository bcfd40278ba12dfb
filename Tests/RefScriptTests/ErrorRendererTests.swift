import ReferralKit
import ReferralsWire
import Testing

@testable import RefScript

/// A service error stays data until the renderer: one line for people, one object for machines.
@Suite struct ErrorRendererTests {
    static let badInput = ServiceError(
        .rejected, "expected a number", origin: .response(status: 400), method: "PATCH", code: "InvalidInput",
        targets: ["details.dealValue"], requestId: "req-1")

    @Test func aRefusalIsOneLineWithStatusCodeFieldAndRequestId() {
        #expect(
            RefScriptError(service: Self.badInput).message
                == "PATCH 400 Bad Request: InvalidInput: expected a number (field details.dealValue) [request req-1]")
        #expect(RefScriptError(service: Self.badInput).exitCode == .commandFailed)
    }

    @Test func retriesAreCountedAndAFieldNamedInTheMessageIsNotRepeated() {
        let error = ServiceError(
            .unavailable, "details.dealValue: down", origin: .response(status: 503), method: "GET", code: "ServiceUnavailable",
            targets: ["details.dealValue"], attempts: 5, requestId: "req-1")
        #expect(
            RefScriptError(service: error).message
                == "GET 503 Service Unavailable: ServiceUnavailable: details.dealValue: down after 5 attempts [request req-1]")
        #expect(RefScriptError(service: error).exitCode == .service)
    }

    @Test func aLostCreateSaysItMayHaveLanded() {
        let error = ServiceError(
            .unavailable, "no response in time", origin: .transport(path: "/v1.0/engagements/referrals"), method: "POST",
            attempts: 1, requestId: "r", mayHaveCreated: true)
        #expect(
            RefScriptError(service: error).message
                == "POST /v1.0/engagements/referrals: no response in time; the referral may have been created: create again sends the same MS-RequestId (no second referral), or list to check [request r]"
        )
    }

    @Test func aConflictCarriesTheRebaseAdviceAsPartOfItsRendering() {
        let stale = ServiceError(.conflict, "stale", origin: .response(status: 412), method: "PATCH", code: "PreconditionFailed", requestId: "q")
        let error = RefScriptError(service: stale, advice: .rebaseThenRetry(command: "patch"))
        #expect(error.exitCode == .conflict)
        #expect(
            error.message
                == "PATCH 412 Precondition Failed: PreconditionFailed: stale [request q]; your edits are kept: run rebase to re-apply them on the server's copy, then patch again"
        )
        let json = ErrorRenderer.json(error)
        let object = json.objectValue?["error"]?.objectValue
        #expect(object?["kind"] == "conflict")
        #expect(object?["exitCode"] == .int(4))
        #expect(object?["advice"] == "rebase")
        let service = object?["service"]?.objectValue
        #expect(service?["status"] == .int(412))
        #expect(service?["code"] == "PreconditionFailed")
        #expect(service?["message"] == "stale")
        #expect(service?["requestId"] == "q")
        #expect(service?["method"] == "PATCH")
    }

    @Test func aLocatedErrorNamesItsFileLineAndColumnInBothForms() {
        let error = RefScriptError(.command, "no working referral", at: SourceLocation(file: "a.refscript", line: 3, column: 5))
        #expect(ErrorRenderer.render(error) == "a.refscript:3:5: error: no working referral")
        let object = ErrorRenderer.json(error).objectValue?["error"]?.objectValue
        #expect(object?["file"] == "a.refscript")
        #expect(object?["line"] == .int(3))
        #expect(object?["column"] == .int(5))
        #expect(object?["service"] == nil)
    }

    @Test func aServicesMessageAndACustomersNameCannotDriveTheTerminal() {
        let hostile = ServiceError(
            .rejected, "bad \u{1B}]0;PWNED\u{7}\u{1B}[31mRED\r\u{1B}[Kfake: all good\nline two", origin: .response(status: 400),
            method: "GET")
        #expect(
            ErrorRenderer.render(RefScriptError(service: hostile))
                == #"error: GET 400 Bad Request: bad \x1B]0;PWNED\x07\x1B[31mRED\r\x1B[Kfake: all good\nline two"#)
        #expect(ErrorRenderer.renderWarning("a\u{9B}b\u{7F}") == #"warning: a\x9Bb\x7F"#)
        let row = ReferralTable.row(["id": "r1", "customerProfile": ["name": "Evil\u{1B}[2JCo"]])
        #expect(row.contains(#"Evil\x1B[2JCo"#))
        // A bidirectional override would show the rest of the row in another order than it is.
        let reordered = ReferralTable.row(["id": "r1", "customerProfile": ["name": "Con\u{202E}oso\u{2066}x"]])
        #expect(reordered.contains(#"Con\u{202E}oso\u{2066}x"#), "\(reordered)")
        #expect(ErrorRenderer.render(RefScriptError(.command, "tab\tstays", at: nil)) == "error: tab\tstays")
    }
}
