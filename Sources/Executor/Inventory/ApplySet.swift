import Foundation
import KubeClient
import Plan

/// The cluster's inventory as a KEP-3659 ApplySet: a parent Secret that names the set, and the
/// `applyset.kubernetes.io/part-of` label on every object applied through it. kubectl
/// (`--prune --applyset`) and other ApplySet tools read the same labels, so the inventory
/// outlives shipshape. One set per plan cluster.
public struct ApplySet: Sendable, Equatable {
    public static let partOfLabel = "applyset.kubernetes.io/part-of"
    public static let idLabel = "applyset.kubernetes.io/id"
    public static let toolingAnnotation = "applyset.kubernetes.io/tooling"
    public static let groupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds"
    public static let namespacesAnnotation = "applyset.kubernetes.io/additional-namespaces"
    public static let tooling = "shipshape/v1"

    public var parentName: String
    public var parentNamespace: String
    /// `applyset-<base64url(sha256(name.namespace.Secret.))>-v1`, as kubectl computes it.
    public var id: String

    /// The set of a plan cluster; names and ids come from `ApplySetID`, which the live planner
    /// uses too, so both sides agree on which objects are members.
    public init(cluster: String, namespace: String) {
        parentName = ApplySetID.for(cluster: cluster)
        parentNamespace = namespace
        id = Self.id(parentName: parentName, namespace: namespace, kind: "Secret", group: "")
    }

    /// KEP-3659's id: the parent's name, namespace, kind and group joined by dots, hashed.
    public static func id(parentName: String, namespace: String, kind: String, group: String) -> String {
        ApplySetID.kubectlID(parentName: parentName, namespace: namespace, kind: kind, group: group)
    }

    /// `Deployment.apps`, `Namespace`: how the parent lists kinds.
    public static func groupKind(apiVersion: String, kind: String) -> String {
        let group = RESTMapper.split(apiVersion: apiVersion).group
        return group.isEmpty ? kind : "\(kind).\(group)"
    }

    /// The manifest as applied: with the membership label. A live planner must add the same
    /// label before its server-side dry run, or every member looks changed.
    public func labelled(_ manifest: JSON) -> JSON {
        var labelled = manifest
        labelled.setMetadataEntry("labels", Self.partOfLabel, id)
        return labelled
    }

    var parentRef: ObjectRef { ObjectRef(apiVersion: "v1", kind: "Secret", namespace: parentNamespace, name: parentName) }

    /// The parent Secret listing the set's kinds and namespaces (sorted, comma-separated).
    func parent(groupKinds: Set<String>, namespaces: Set<String>) -> JSON {
        var annotations: [(key: String, value: JSON)] = [
            (key: Self.groupKindsAnnotation, value: .string(groupKinds.sorted().joined(separator: ","))),
            (key: Self.toolingAnnotation, value: .string(Self.tooling)),
        ]
        let others = namespaces.subtracting([parentNamespace, ""]).sorted()
        if !others.isEmpty { annotations.insert((key: Self.namespacesAnnotation, value: .string(others.joined(separator: ","))), at: 0) }
        return .object([
            (key: "apiVersion", value: .string("v1")),
            (key: "kind", value: .string("Secret")),
            (key: "metadata", value: .object([
                (key: "annotations", value: .object(annotations)),
                (key: "labels", value: .object([(key: Self.idLabel, value: .string(id))])),
                (key: "name", value: .string(parentName)),
                (key: "namespace", value: .string(parentNamespace)),
            ])),
            (key: "type", value: .string("Opaque")),
        ])
    }
}

/// What the live parent says about the set.
struct ApplySetParent: Equatable {
    var groupKinds: Set<String>
    var namespaces: Set<String>
    var tooling: String?
    var id: String?

    init(_ secret: JSON) {
        func list(_ key: String) -> Set<String> {
            Set((secret.metadataEntry("annotations", key) ?? "").split(separator: ",").map { String($0) }.filter { !$0.isEmpty })
        }
        groupKinds = list(ApplySet.groupKindsAnnotation)
        namespaces = list(ApplySet.namespacesAnnotation)
        tooling = secret.metadataEntry("annotations", ApplySet.toolingAnnotation)
        id = secret.metadataEntry("labels", ApplySet.idLabel)
    }
}
