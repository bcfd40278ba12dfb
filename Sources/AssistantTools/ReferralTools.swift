import MCP

/// The tools `refsh mcp` offers (docs/mcp.md), each saying what it may change.
enum ReferralTools {
    static let list = "list_referrals"
    static let get = "get_referral"
    static let preview = "preview_change"
    static let apply = "apply_change"
    static let requests = "session_requests"

    static let changeProperties: [String: Value] = [
        "id": .object(["type": "string", "description": "The referral's id (a GUID)."]),
        "set": .object([
            "type": "object",
            "description":
                "Values to set, by refsh path (details.dealValue, customerProfile.team[0].email) to any JSON value; checked against the Referral schema; read-only fields (id, eTag, createdDateTime, ...) are refused.",
        ]),
        "transition": .object([
            "type": "object",
            "description": "A status change, checked against the transition table: {status, substatus?, reason?}.",
            "properties": .object([
                "status": .object(["type": "string"]), "substatus": .object(["type": "string"]), "reason": .object(["type": "string"]),
            ]),
            "required": .array(["status"]),
        ]),
    ]

    /// Every tool, with its input schema.
    static func all(allowWrites: Bool) -> [Tool] {
        [
            Tool(
                name: list,
                description:
                    "List referrals (leads and opportunities) of the Partner Center Referrals API, in the service's order. Changes nothing. Filter with an OData $filter expression and/or a status; top is 1 to 100 (default 20).",
                inputSchema: .object([
                    "type": "object",
                    "properties": .object([
                        "filter": .object(["type": "string", "description": "An OData $filter, e.g. \"substatus eq 'Won'\"."]),
                        "status": .object(["type": "string", "enum": .array(["New", "Active", "Closed"])]),
                        "top": .object(["type": "integer", "minimum": 1, "maximum": 100]),
                    ]),
                ]), annotations: .init(readOnlyHint: true, openWorldHint: true)),
            Tool(
                name: get, description: "Get one referral with its eTag. Changes nothing.",
                inputSchema: .object(["type": "object", "properties": .object(["id": changeProperties["id"] ?? .null]), "required": .array(["id"])]),
                annotations: .init(readOnlyHint: true, openWorldHint: true)),
            Tool(
                name: preview,
                description:
                    "Show the change that apply_change would make to a referral (the diff and the JSON Patch, validated as refsh validates), without sending it. Changes nothing.",
                inputSchema: changeSchema(withIfMatch: false), annotations: .init(readOnlyHint: true, openWorldHint: true)),
            Tool(
                name: apply,
                description: (allowWrites
                    ? "Change a referral on the service: sets values and/or moves its status, validated first, sent as a JSON Patch with If-Match: ifMatch, the eTag get_referral or preview_change returned (required). Returns the diff and the new eTag. A 412 (someone else changed it) returns the conflict and writes nothing; it is never retried blindly."
                    : "Change a referral on the service. Refused: this server was started read-only (refsh mcp without --allow-writes); use preview_change to see a change."),
                inputSchema: changeSchema(withIfMatch: true),
                annotations: .init(readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true)),
            Tool(
                name: requests,
                description:
                    "The requests this session sent (method, path, status, MS-RequestId) and its MS-CorrelationId, for a support ticket. Changes nothing.",
                inputSchema: .object(["type": "object", "properties": .object([:])]), annotations: .init(readOnlyHint: true)),
        ]
    }

    static func changeSchema(withIfMatch: Bool) -> Value {
        var properties = changeProperties
        if withIfMatch {
            properties["ifMatch"] = .object([
                "type": "string",
                "description":
                    "The eTag the change was planned against (from get_referral or preview_change); refused as a conflict if the referral has moved on.",
            ])
        }
        return .object(["type": "object", "properties": .object(properties), "required": .array(withIfMatch ? ["id", "ifMatch"] : ["id"])])
    }
}
