/// Group, version and kind, as kustomize's `resid.Gvk`.
public struct GVK: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String = "", version: String = "", kind: String = "") {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// Splits `apiVersion` ("apps/v1", "v1") into group and version.
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            self.init(group: String(apiVersion[..<slash]), version: String(apiVersion[apiVersion.index(after: slash)...]), kind: kind)
        } else {
            self.init(group: "", version: apiVersion, kind: kind)
        }
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// kustomize's `Gvk.String()`: `group_version_kind` with `~G`, `~V`, `~K` for empty parts.
    public var description: String {
        "\(group.isEmpty ? "~G" : group)_\(version.isEmpty ? "~V" : version)_\(kind.isEmpty ? "~K" : kind)"
    }

    /// kustomize's `IsSelected`: empty selector fields match anything.
    public func isSelected(by selector: GVK) -> Bool {
        (selector.group.isEmpty || selector.group == group)
            && (selector.version.isEmpty || selector.version == version)
            && (selector.kind.isEmpty || selector.kind == kind)
    }

    public var isClusterScoped: Bool { ClusterScope.isClusterScoped(self) }
}

/// The identity kustomize gives a resource: GVK, name and namespace.
public struct ResourceID: Sendable, Hashable, CustomStringConvertible {
    public var gvk: GVK
    public var name: String
    public var namespace: String

    public init(gvk: GVK, name: String, namespace: String = "") {
        self.gvk = gvk
        self.name = name
        self.namespace = namespace
    }

    /// Namespace for comparison: cluster-scoped kinds have none, namespaced ones default to "default".
    public var effectiveNamespace: String {
        if gvk.isClusterScoped { return "" }
        return namespace.isEmpty ? "default" : namespace
    }

    /// kustomize's `ResId.Equals`: same GVK and name, namespaces equal after defaulting.
    public func matches(_ other: ResourceID) -> Bool {
        gvk == other.gvk && name == other.name && effectiveNamespace == other.effectiveNamespace
    }

    /// kustomize's `ResId.String()`, used in error messages: `Kind.version.group/name.namespace`.
    public var description: String {
        let ns = namespace.isEmpty ? "[noNs]" : namespace
        let kind = gvk.kind.isEmpty ? "[noKind]" : gvk.kind
        let version = gvk.version.isEmpty ? "[noVer]" : gvk.version
        let group = gvk.group.isEmpty ? "[noGrp]" : gvk.group
        let name = self.name.isEmpty ? "[noName]" : self.name
        return "\(kind).\(version).\(group)/\(name).\(ns)"
    }
}

/// Built-in cluster-scoped kinds (kustomize reads this from its OpenAPI data); custom
/// resources are namespaced unless a CRD in the build says otherwise.
public enum ClusterScope {
    static let kinds: Set<String> = [
        "APIService", "AuditSink", "CertificateSigningRequest", "ClusterRole", "ClusterRoleBinding",
        "ComponentStatus", "CSIDriver", "CSINode", "CustomResourceDefinition", "FlowSchema",
        "IngressClass", "MutatingWebhookConfiguration", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
        "Namespace", "Node", "PersistentVolume", "PodSecurityPolicy", "PriorityClass",
        "PriorityLevelConfiguration", "RuntimeClass", "SelfSubjectAccessReview", "SelfSubjectRulesReview",
        "StorageClass", "SubjectAccessReview", "TokenReview", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "VolumeAttachment",
        "VolumeAttributesClass", "IPAddress", "ServiceCIDR", "DeviceClass", "ResourceSlice",
        "ClusterTrustBundle", "StorageVersion", "StorageVersionMigration",
    ]

    public static func isClusterScoped(_ gvk: GVK) -> Bool {
        guard kinds.contains(gvk.kind) else { return false }
        // A custom resource that happens to share a built-in kind name is namespaced.
        switch gvk.kind {
        case "Namespace", "Node", "PersistentVolume", "ComponentStatus":
            return gvk.group.isEmpty
        default:
            return true
        }
    }
}
