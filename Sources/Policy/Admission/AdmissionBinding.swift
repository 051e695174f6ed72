import Diagnostics
import Rendering

/// A ValidatingAdmissionPolicyBinding: which policy applies where, with which params, and what
/// a failed validation does.
struct AdmissionBinding: Sendable {
    enum Action: String, Sendable, CaseIterable {
        case deny = "Deny", warn = "Warn", audit = "Audit"

        /// A denial blocks the change (error); a warning is shown to the client; an audit
        /// entry is only recorded.
        var severity: Severity {
            switch self {
            case .deny: return .error
            case .warn: return .warning
            case .audit: return .info
            }
        }
    }

    /// `spec.paramRef`.
    struct ParamReference: Sendable {
        var name: String?
        var namespace: String?
        var selector: LabelSelector?
        /// `parameterNotFoundAction: Deny` (the default): no params is an error of the policy.
        var deniesWhenNotFound: Bool
        var origin: Origin?
    }

    let subject: PolicySubject
    var name: String { subject.name }
    let policyName: String
    let paramRef: ParamReference?
    /// `spec.matchResources`, which can only narrow what the policy matches.
    let matchResources: MatchResources?
    let actions: Set<Action>

    /// The strongest action decides how much a finding matters.
    var severity: Severity { actions.map(\.severity).max() ?? .error }

    init(_ subject: PolicySubject) throws(AdmissionConfigurationError) {
        self.subject = subject
        let object = subject.object
        guard !subject.name.isEmpty else { throw AdmissionConfigurationError("metadata.name is required", at: object.origin) }
        guard let spec = object["spec"], spec.isMapping else { throw AdmissionConfigurationError("spec is required", at: object.origin) }
        guard let policyName = spec["policyName"]?.text, !policyName.isEmpty else {
            throw AdmissionConfigurationError("policyName is required", at: spec.origin)
        }
        self.policyName = policyName

        var actions = Set<Action>()
        for node in spec["validationActions"]?.elements ?? [] {
            guard let action = node.text.flatMap(Action.init(rawValue:)) else {
                throw AdmissionConfigurationError("validationActions may hold Deny, Warn and Audit, not \(node.text ?? "this")",
                                                  at: node.origin)
            }
            actions.insert(action)
        }
        guard !actions.isEmpty else {
            throw AdmissionConfigurationError("validationActions is required", at: spec["validationActions"]?.origin ?? spec.origin)
        }
        guard !(actions.contains(.deny) && actions.contains(.warn)) else {
            throw AdmissionConfigurationError("validationActions may not contain both Deny and Warn",
                                              at: spec["validationActions"]?.origin)
        }
        self.actions = actions

        if let resources = spec["matchResources"], !resources.isNull {
            matchResources = try MatchResources(resources)
        } else {
            matchResources = nil
        }
        paramRef = try spec["paramRef"].flatMap { (node: Node) throws(AdmissionConfigurationError) in
            node.isNull ? nil : try Self.paramReference(node)
        }
    }

    private static func paramReference(_ node: Node) throws(AdmissionConfigurationError) -> ParamReference {
        let name = node["name"]?.text.flatMap { $0.isEmpty ? nil : $0 }
        var selector: LabelSelector?
        if let selectorNode = node["selector"], !selectorNode.isNull {
            do {
                selector = try LabelSelector.parsing(selector: selectorNode)
            } catch {
                throw AdmissionConfigurationError("paramRef.selector: \(error.message)", at: error.origin ?? selectorNode.origin)
            }
        }
        guard (name == nil) != (selector == nil) else {
            throw AdmissionConfigurationError("paramRef needs exactly one of name and selector", at: node.origin)
        }
        let action = node["parameterNotFoundAction"]?.text ?? "Deny"
        guard action == "Deny" || action == "Allow" else {
            throw AdmissionConfigurationError("parameterNotFoundAction must be Deny or Allow, not \(action)",
                                              at: node["parameterNotFoundAction"]?.origin)
        }
        return ParamReference(name: name, namespace: node["namespace"]?.text.flatMap { $0.isEmpty ? nil : $0 },
                              selector: selector, deniesWhenNotFound: action == "Deny", origin: node.origin)
    }
}
