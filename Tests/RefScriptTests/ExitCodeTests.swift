import RefScript
import ReferralsWire
import Testing

/// Every class of failure has its documented exit code; service failures (conflict, network)
/// map onto the same classes, so online commands report 4 and 5 through the one renderer.
@Suite struct ExitCodeTests {
    @Test func everyErrorKindHasItsDocumentedExitCode() {
        let expected: [(RefScriptError.Kind, Int32)] = [(.command, 1), (.syntax, 2), (.assertion, 3), (.conflict, 4), (.service, 5)]
        for (kind, code) in expected {
            #expect(RefScriptError(kind, "x").exitCode.rawValue == code, "\(kind)")
        }
    }

    @Test func serviceErrorsBecomeConflictServiceOrCommandFailures() {
        #expect(RefScriptError(service: ServiceError(.conflict, "412 PreconditionFailed")).exitCode == .conflict)
        #expect(RefScriptError(service: ServiceError(.unavailable, "503 after 4 tries")).exitCode == .service)
        #expect(RefScriptError(service: ServiceError(.rejected, "404 NotFound")).exitCode == .commandFailed)
        #expect(
            ErrorRenderer.render(
                RefScriptError(service: ServiceError(.conflict, "the referral changed")).located(
                    at: RefScript.SourceLocation(file: "a.refscript", line: 3, column: 1)))
                == "a.refscript:3:1: error: the referral changed")
    }
}
