import ReferralKit

/// How text from outside a script (`--var`, environment) becomes a value.
public enum ScriptValues {
    /// Like a bare word: `5` is a number, `true` a Boolean, `null` null, anything else a string.
    public static func literal(_ text: String) -> JSONValue { ArgumentPreparer.literalValue(text) }
}
