/// The referral's lifecycle state (`status`).
public enum ReferralStatus: String, Sendable, CaseIterable, Hashable {
    case none = "None", new = "New", active = "Active", closed = "Closed"

    /// The status `text` names, whatever its case (`closed`, `CLOSED`).
    public init?(named text: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = match
    }
}

/// The detail within a status (`substatus`).
public enum ReferralSubstatus: String, Sendable, CaseIterable, Hashable {
    case none = "None", pending = "Pending", received = "Received", accepted = "Accepted"
    case won = "Won", lost = "Lost", declined = "Declined", expired = "Expired"

    /// The substatus `text` names, whatever its case (`won`, `WON`).
    public init?(named text: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = match
    }
}

/// A closed list of string values a field may take, by its API name.
public struct EnumDefinition: Sendable, Hashable {
    /// The API's name for the enum, e.g. "ReferralStatus".
    public var name: String
    /// Allowed values, exact spelling.
    public var values: [String]
    /// Open lists (documented tag values the service revises yearly) warn instead of failing.
    public var isOpen: Bool

    public init(_ name: String, _ values: [String], isOpen: Bool = false) {
        self.name = name
        self.values = values
        self.isOpen = isOpen
    }
}

/// Every enum of the Referrals API, as docs/api-contract.md lists them.
public enum ReferralEnums {
    public static let status = EnumDefinition("ReferralStatus", ReferralStatus.allCases.map(\.rawValue))
    public static let substatus = EnumDefinition("ReferralSubstatus", ReferralSubstatus.allCases.map(\.rawValue))
    public static let direction = EnumDefinition("ReferralDirection", ["Incoming", "Outgoing"])
    public static let type = EnumDefinition("ReferralType", ["Independent", "Shared"])
    public static let qualification = EnumDefinition(
        "ReferralQualification", ["None", "Direct", "MarketingQualified", "SalesQualified"])
    public static let targetType = EnumDefinition("TargetType", ["None", "BusinessProfileLocation", "SolutionProfile"])
    public static let solutionType = EnumDefinition("SolutionType", ["None", "Category", "Name"])
    /// Open: the connector types it as a plain string, and production sends values such as "100".
    public static let salesStage = EnumDefinition("SalesStage", ["Qualify", "Develop", "Propose", "Close"], isOpen: true)
    public static let customerSize = EnumDefinition(
        "CustomerSize",
        [
            "1to50employees", "51to500employees", "Morethan500employees", "1to9employees", "10to50employees",
            "51to250employees", "251to1000employees", "1001to5000employees", "5001to10000employees",
            "10001to20000employees", "Morethan20000employees",
        ], isOpen: true)  // open: the connector types it as a plain string; production sends "" too
    /// `customerProfile.ids[].profileType` (Correction 4 of the contract).
    public static let profileType = EnumDefinition("ProfileType", ["Duns", "External"])
    public static let assistanceRequestCode = EnumDefinition(
        "AssistanceRequestCode",
        [
            "Unknown", "GeneralOrOther", "CustomerTechnicalArchitecture", "ProofOfConceptOrDemo",
            "QuotesOrLicensing", "PostSalesCustomerSuccess", "WorkloadSpecificValueProposition",
        ])
    public static let products = EnumDefinition(
        "Product",
        [
            "Azure", "EnterpriseMobilityAndSecurity", "Exchange", "DeveloperTools", "Dynamics365Business",
            "Dynamics365Enterprise", "DynamicsAX,GP,NAV,SL", "Microsoft365", "Office", "PowerBI", "Project",
            "SharePoint", "SkypeForBusiness", "Surface", "SurfaceHub", "SQL", "Teams", "Visio", "Windows", "Yammer",
        ], isOpen: true)
    public static let services = EnumDefinition(
        "Service",
        [
            "ConsultingAndProfessional", "CustomSolution(ISV)", "DeploymentOrMigration", "Hardware", "Integration",
            "IPServices(ISV)", "LearningAndCertification", "Licensing", "ManagedServices", "ProjectServices",
        ], isOpen: true)
    public static let industries = EnumDefinition(
        "Industry",
        [
            "Agriculture, Forestry, & Fishing", "Communications & Media", "Education", "Financial Services", "Government",
            "Healthcare", "Hospitality", "Manufacturing", "Power & Utilities", "Public Safety and National Security",
            "Retail & Consumer Goods", "Services", "Travel & Transportation", "Wholesale & Distribution",
        ], isOpen: true)
}
