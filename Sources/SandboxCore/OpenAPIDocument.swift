import ReferralKit
import ReferralsWire

/// The OpenAPI 3.0 description of the Referrals API as the sandbox implements it, generated from
/// ``ReferralSchema`` so that the document and the validation can never disagree.
public enum OpenAPIDocument {
    /// The document, with `serverURL` as its server.
    public static func json(serverURL: String = "http://127.0.0.1:8123") -> JSONValue {
        var document = JSONObject()
        document["openapi"] = "3.0.3"
        document["info"] = [
            "title": "Partner Center Referrals API (refsh sandbox)",
            "version": "1.0",
            "description": "Leads and opportunities, as documented by Microsoft and emulated by refsh-sandbox. See docs/sandbox.md.",
        ]
        document["servers"] = [["url": .string(serverURL)]]
        document["security"] = [["bearer": []]]
        document["paths"] = paths
        document["components"] = [
            "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            "schemas": [
                "Referral": referralSchema(requiredForCreate: false),
                "ReferralInput": referralSchema(requiredForCreate: true),
                "ReferralList": [
                    "type": "object",
                    "required": ["value", "@odata.count"],
                    "properties": [
                        "@odata.context": ["type": "string"], "@odata.count": ["type": "integer", "minimum": 0],
                        "@odata.nextLink": ["type": "string"],
                        "value": ["type": "array", "items": ["$ref": "#/components/schemas/Referral"]],
                    ],
                ],
                "PatchOperation": [
                    "type": "object", "required": ["op", "path"],
                    "properties": ["op": ["type": "string", "enum": ["add", "replace"]], "path": ["type": "string"], "value": [:]],
                ],
                "Error": [
                    "description":
                        "The referrals service's error body (refsh-sandbox --error-shape partner-center sends {code, description, data, source} instead).",
                    "type": "object", "required": ["error"],
                    "properties": [
                        "error": [
                            "type": "object", "required": ["code", "message", "target", "innerError"],
                            "properties": [
                                "code": [
                                    "type": "string",
                                    "enum": [
                                        "accessDenied", "generalException", "invalidRequest", "itemNotFound", "preconditionFailed",
                                        "resourceModified", "serviceNotAvailable", "unauthenticated",
                                    ],
                                ],
                                "message": ["type": "string", "maxLength": 1024],
                                "target": ["type": "string", "nullable": true, "description": "the field or header the error is about"],
                                "innerError": [
                                    "type": "object", "nullable": true,
                                    "properties": [
                                        "code": ["type": "string"], "message": ["type": "string"],
                                        "details": ["type": "array", "nullable": true, "items": ["type": "object"]],
                                    ],
                                ],
                            ],
                        ]
                    ],
                ],
                "Throttled": [
                    "description": "The documented 429 body.", "type": "object", "required": ["statusCode", "message"],
                    "properties": ["statusCode": ["type": "integer"], "message": ["type": "string"]],
                ],
            ],
        ]
        return .object(document)
    }

    static func response(_ description: String, _ schema: String? = nil) -> JSONValue {
        guard let schema else { return ["description": .string(description)] }
        return [
            "description": .string(description), "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(schema)")]]],
        ]
    }

    static func errors(_ codes: [Int]) -> [(String, JSONValue)] {
        codes.map { (String($0), response("refused", "Error")) } + [
            ("429", response("throttled: wait Retry-After seconds", "Throttled")), ("default", response("other failures", "Error")),
        ]
    }

    static func query(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "schema": schema, "description": .string(description)]
    }

    static func header(_ name: String, required: Bool) -> JSONValue {
        ["name": .string(name), "in": "header", "required": .bool(required), "schema": ["type": "string"]]
    }

    static let idParameter: JSONValue = ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]

    static func obj(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs)) }

    static func responses(_ success: [(String, JSONValue)], _ codes: [Int]) -> JSONValue { obj(success + errors(codes)) }

    static var paths: JSONValue {
        let listParameters: [JSONValue] = [
            query("$filter", ["type": "string"], "OData filter: eq ne gt ge lt le, and or not, (), / paths, any/all"),
            query(
                "$orderby",
                [
                    "type": "string",
                    "enum": [
                        "createdDateTime", "createdDateTime asc", "createdDateTime desc", "updatedDateTime", "updatedDateTime asc",
                        "updatedDateTime desc",
                    ],
                ], "order"),
            query("$top", ["type": "integer", "minimum": 0], "at most this many"),
            query("$skip", ["type": "integer", "minimum": 0], "skip this many"),
            query("$select", ["type": "string"], "comma-separated top-level properties"),
            query("$count", ["type": "boolean"], "the count is always returned"),
        ]
        let list = obj([
            ("summary", "List referrals"), ("operationId", "listReferrals"), ("parameters", .array(listParameters)),
            ("responses", responses([("200", response("a page of referrals", "ReferralList"))], [400, 401])),
        ])
        let create = obj([
            ("summary", "Create a referral"), ("operationId", "createReferral"),
            ("requestBody", ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/ReferralInput"]]]]),
            ("responses", responses([("200", response("created (the service answers 200, not 201)", "Referral"))], [400, 401, 413, 415])),
        ])
        let get = obj([
            ("summary", "Get a referral by id"), ("operationId", "getReferral"), ("parameters", [idParameter]),
            ("responses", responses([("200", response("the referral", "Referral"))], [401, 404])),
        ])
        let put = obj([
            ("summary", "Replace a referral (obsolete)"), ("operationId", "replaceReferral"),
            ("parameters", [idParameter, header("If-Match", required: true)]),
            ("requestBody", ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Referral"]]]]),
            ("responses", responses([("200", response("replaced", "Referral"))], [400, 401, 404, 412, 413, 415, 428])),
        ])
        let patchBody: JSONValue = ["type": "array", "items": ["$ref": "#/components/schemas/PatchOperation"]]
        let patch = obj([
            ("summary", "Update a referral with a JSON Patch (add and replace only)"), ("operationId", "updateReferral"),
            ("parameters", [idParameter, header("If-Match", required: false), header("Prefer", required: false)]),
            ("requestBody", ["required": true, "content": ["application/json": ["schema": patchBody]]]),
            (
                "responses",
                responses(
                    [("200", response("updated (Prefer: return=representation)", "Referral")), ("204", response("updated"))],
                    [400, 401, 404, 412, 413, 415])
            ),
        ])
        return obj([
            (ReferralsRoutes.collectionPath, obj([("get", list), ("post", create)])),
            (ReferralsRoutes.collectionPath + "/{id}", obj([("get", get), ("put", put), ("patch", patch)])),
        ])
    }

    static func referralSchema(requiredForCreate: Bool) -> JSONValue {
        var schema = object(ReferralSchema.fields)
        if requiredForCreate, case .object(var o) = schema {
            o["required"] = .array(ReferralSchema.requiredForCreate.map { .string($0) })
            schema = .object(o)
        }
        return schema
    }

    static func object(_ fields: FieldSet) -> JSONValue {
        var properties = JSONObject()
        for field in fields {
            var property = schema(field.type).objectValue ?? JSONObject()
            if field.isReadOnly { property["readOnly"] = true }
            property["nullable"] = true
            properties[field.name] = .object(property)
        }
        return ["type": "object", "properties": .object(properties)]
    }

    static func schema(_ type: FieldType) -> JSONValue {
        switch type {
        case .string: return ["type": "string"]
        case .dateTime: return ["type": "string", "format": "date-time"]
        case .decimal:
            return [
                "type": "number", "minimum": .number(JSONNumber(literal: "-79228162514264337593543950335") ?? JSONNumber(0)),
                "maximum": .number(JSONNumber(literal: "79228162514264337593543950335") ?? JSONNumber(0)),
            ]
        case .boolean: return ["type": "boolean"]
        case .enumeration(let e):
            // Every property is nullable; OpenAPI 3.0 then wants null among the enum values too.
            return e.isOpen ? ["type": "string"] : ["type": "string", "enum": .array(e.values.map { .string($0) } + [.null])]
        case .code(let length, _): return ["type": "string", "pattern": .string("^[A-Z]{\(length)}$")]
        case .object(let fields): return object(fields)
        case .array(let element): return ["type": "array", "items": schema(element)]
        case .anyValue: return [:]
        }
    }
}
