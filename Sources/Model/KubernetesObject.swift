import Diagnostics
import YAMLTree

/// One document that is a Kubernetes object: a mapping with `apiVersion` and `kind`.
/// Everything else about it stays in the YAML node, with positions.
public struct KubernetesObject: Sendable {
    public let apiVersion: String
    public let kind: String
    public let name: String?
    public let namespace: String?
    public let root: YAMLNode

    /// Reads the identity of a document, or nil when it is not a Kubernetes object.
    public init?(_ root: YAMLNode) {
        guard root.isMapping,
              let apiVersion = root["apiVersion"]?.string, !apiVersion.isEmpty,
              let kind = root["kind"]?.string, !kind.isEmpty else { return nil }
        self.apiVersion = apiVersion
        self.kind = kind
        self.root = root
        let metadata = root["metadata"]
        self.name = metadata?["name"]?.string
        self.namespace = metadata?["namespace"]?.string
    }

    public var file: String { root.document.file }
    public var documentIndex: Int { root.document.index }
    public var location: SourceLocation { root.location }

    /// The API group, "" for the core group (`v1`).
    public var group: String { Self.group(of: apiVersion) }

    public var reference: ObjectReference {
        ObjectReference(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name)
    }

    public var metadata: YAMLNode? { root["metadata"] }
    public var spec: YAMLNode? { root["spec"] }

    public func label(_ key: String) -> String? { metadata?["labels"]?[key]?.string }
    public func annotation(_ key: String) -> String? { metadata?["annotations"]?[key]?.string }

    /// The location of a field if present, else of the object, so a finding always has a place.
    public func location(of path: String...) -> SourceLocation {
        var node: YAMLNode? = root
        for component in path { node = node.flatMap { $0.at(component) } }
        return node?.location ?? location
    }

    public static func group(of apiVersion: String) -> String {
        guard let slash = apiVersion.lastIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// True when the document carries SOPS metadata (a top-level `sops` map with a `mac`).
    public var isSOPSEncrypted: Bool {
        guard let sops = root["sops"], sops.isMapping else { return false }
        return sops["mac"] != nil || sops["lastmodified"] != nil
    }
}

/// A `name`/`namespace` reference inside a spec (dependsOn entries, sourceRefs, valuesFrom),
/// with the node it was read from so findings point at it.
public struct ObjectRef: Sendable {
    public let kind: String?
    public let name: String
    public let namespace: String?
    public let node: YAMLNode

    public init?(_ node: YAMLNode, defaultKind: String? = nil) {
        // dependsOn entries may be written as plain strings in old API versions.
        if node.isScalar, let name = node.string {
            self.kind = defaultKind
            self.name = name
            self.namespace = nil
            self.node = node
            return
        }
        guard let name = node["name"]?.string else { return nil }
        self.kind = node["kind"]?.string ?? defaultKind
        self.name = name
        self.namespace = node["namespace"]?.string
        self.node = node["name"] ?? node
    }

    public var location: SourceLocation { node.location }
}

extension YAMLNode {
    /// Scalar items of a sequence as strings, skipping anything else.
    public var strings: [String] { elements.compactMap(\.string) }
}
