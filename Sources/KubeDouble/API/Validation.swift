/// The validation the double performs: names, envelope consistency and the immutable
/// fields that make executors recreate objects.
enum Validation {
    /// A DNS-1123 subdomain, the rule for most object names.
    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        let bytes = Array(name.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard let first = bytes.first, let last = bytes.last, alphanumeric(first), alphanumeric(last) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// Fields that may not change once set, per kind.
    static func immutablePaths(for type: ResourceType) -> [FieldPath] {
        switch (type.group, type.kind) {
        case ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "DaemonSet"):
            return [["spec", "selector"]]
        case ("apps", "StatefulSet"):
            return [["spec", "selector"], ["spec", "serviceName"], ["spec", "volumeClaimTemplates"], ["spec", "podManagementPolicy"]]
        case ("batch", "Job"):
            return [["spec", "selector"], ["spec", "template"], ["spec", "completionMode"]]
        case ("", "Service"):
            return [["spec", "clusterIP"]]
        case ("", "PersistentVolumeClaim"):
            return [["spec", "accessModes"], ["spec", "storageClassName"], ["spec", "volumeMode"], ["spec", "volumeName"]]
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            return [["roleRef"]]
        case ("apiextensions.k8s.io", "CustomResourceDefinition"):
            return [["spec", "group"], ["spec", "scope"]]
        case ("storage.k8s.io", "StorageClass"):
            return [["provisioner"], ["parameters"], ["reclaimPolicy"], ["volumeBindingMode"]]
        default:
            return []
        }
    }

    /// The immutable-field violations of an update, as (field, message) causes.
    static func immutableViolations(old: JSONValue, new: JSONValue, type: ResourceType) -> [(field: String, message: String)] {
        var causes: [(field: String, message: String)] = []
        for path in immutablePaths(for: type) {
            let before = old.value(at: path)
            let after = new.value(at: path)
            // Setting a previously unset field (a defaulted clusterIP, say) is allowed.
            if let before, before != after {
                let shown = (after ?? .null).serialized
                causes.append((path.joined(separator: "."), "Invalid value: \(shown): field is immutable"))
            }
        }
        if type.group.isEmpty, type.kind == "ConfigMap" || type.kind == "Secret", old["immutable"]?.boolValue == true {
            for field in ["data", "binaryData", "stringData"] where old[field] != new[field] {
                causes.append((field, "Forbidden: field is immutable when `immutable` is set"))
            }
        }
        return causes
    }
}
