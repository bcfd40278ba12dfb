/// The Referral resource as docs/api-contract.md describes it: every field, its type, and which are read-only.
/// Fields not listed here are still allowed: the client carries them untouched.
public enum ReferralSchema {
    private typealias F = FieldSchema

    static let member: FieldType = .object([
        F("firstName", .string), F("lastName", .string), F("email", .string), F("phoneNumber", .string),
        F("contactPreference", .object([F("locale", .string), F("disableNotifications", .boolean)])),
    ])

    static let address: FieldType = .object([
        F("addressLine1", .string), F("addressLine2", .string), F("city", .string), F("state", .string),
        F("postalCode", .string), F("country", .code(length: 2, standard: "ISO 3166")), F("region", .string),
    ])

    /// The top-level fields.
    public static let fields: FieldSet = [
        F("id", .string, readOnly: true),
        F("engagementId", .string),
        F("organizationId", .string, readOnly: true),
        F("organizationName", .string, readOnly: true),
        F("name", .string),
        F("externalReferenceId", .string),
        F("createdDateTime", .dateTime, readOnly: true),
        F("updatedDateTime", .dateTime, readOnly: true),
        F("expirationDateTime", .dateTime),
        F("acceptedDateTime", .dateTime, readOnly: true),
        F("closedDateTime", .dateTime, readOnly: true),
        F("direction", .enumeration(ReferralEnums.direction), readOnly: true),
        F("status", .enumeration(ReferralEnums.status)),
        F("substatus", .enumeration(ReferralEnums.substatus)),
        F("statusReason", .string),
        F("type", .enumeration(ReferralEnums.type)),
        F("qualification", .enumeration(ReferralEnums.qualification)),
        F("target", .array(.object([F("type", .enumeration(ReferralEnums.targetType)), F("id", .string)]))),
        F(
            "customerProfile",
            .object([
                F("id", .string), F("name", .string), F("address", address),
                F("size", .enumeration(ReferralEnums.customerSize)), F("team", .array(member)),
                F("ids", .array(.object([F("profileType", .enumeration(ReferralEnums.profileType)), F("id", .string)]))),
            ])),
        F(
            "consent",
            .object([
                F("consentToToShareInfoWithOthers", .boolean), F("consentToContact", .boolean),
                F("consentToShareReferralWithMicrosoftSellers", .boolean),
            ])),
        F(
            "details",
            .object([
                F("notes", .string), F("dealValue", .decimal), F("currency", .code(length: 3, standard: "ISO 4217")),
                F("closingDateTime", .dateTime), F("customerAction", .string), F("customerRequestedContact", .boolean),
                F(
                    "requirements",
                    .object([
                        F("industries", .array(.object([F("id", .enumeration(ReferralEnums.industries))]))),
                        F("products", .array(.object([F("id", .enumeration(ReferralEnums.products))]))),
                        F("services", .array(.object([F("id", .enumeration(ReferralEnums.services))]))),
                        F(
                            "solutions",
                            .array(
                                .object([
                                    F("id", .string), F("name", .string), F("type", .enumeration(ReferralEnums.solutionType)),
                                ]))),
                        F("offers", .anyValue),
                    ])),
            ])),
        F("team", .array(member)),
        F(
            "inviteContext",
            .object([
                F("notes", .string),
                F("invitedBy", .object([F("organizationId", .string), F("organizationName", .string)])),
                F("assistanceRequestCode", .enumeration(ReferralEnums.assistanceRequestCode)),
            ])),
        F("eTag", .string, readOnly: true),
        F("links", .anyValue, readOnly: true),
        F("campaignId", .string),
        F("referralProgram", .string),
        F("salesStage", .enumeration(ReferralEnums.salesStage)),
        F("favorite", .boolean),
        F("trackingInfo", .object([F("microsoftMsxId", .string)])),
        F("offerId", .string, readOnly: true),
        F("quality", .anyValue, readOnly: true),
        F("isSpam", .anyValue, readOnly: true),
        F("tags", .anyValue, readOnly: true),
        F("registrations", .anyValue),
        // The connector's newer fields: strings refsh carries and the sandbox filters, selects and sorts on.
        F("mpnId", .string), F("callToAction", .string), F("referralSource", .string), F("registrationStatus", .string),
        F("lastModifiedVia", .string), F("lastRunId", .string),
    ]

    /// Fields a create (POST) must carry.
    public static let requiredForCreate = ["type", "customerProfile", "consent", "details"]

    /// The schema of the field at `path` (indices step into array elements), or `nil` when the
    /// path leaves the documented schema.
    public static func field(at path: JSONPath) -> FieldSchema? {
        var fields = Self.fields
        var current: FieldSchema?
        for component in path.components {
            switch component {
            case .key(let name):
                guard let field = fields.named(ignoringCase: name) else { return nil }
                current = field
                fields = if case .object(let inner) = field.type { inner } else { [] }
            case .index:
                guard case .array(let element)? = current?.type else { return nil }
                current = FieldSchema(current?.name ?? "", element, readOnly: current?.isReadOnly ?? false)
                fields = if case .object(let inner) = element { inner } else { [] }
            }
        }
        return current
    }

    /// The top-level field called `name` (exactly, else ignoring case).
    public static func field(named name: String) -> FieldSchema? {
        fields.named(ignoringCase: name)
    }

    /// Member names of the object at `path` that the schema documents (for completion).
    public static func memberNames(at path: JSONPath) -> [String] {
        if path.isRoot { return fields.map(\.name) }
        guard let field = field(at: path) else { return [] }
        if case .object(let inner) = field.type { return inner.map(\.name) }
        return []
    }
}
