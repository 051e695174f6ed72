import Rendering

/// Kind, namespace and name: how Flux objects are keyed (duplicates are errors).
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: String
    public var namespace: String
    public var name: String

    public init(kind: String, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public var description: String { "\(kind)/\(namespace)/\(name)" }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.kind, lhs.namespace, lhs.name) < (rhs.kind, rhs.namespace, rhs.name)
    }
}

/// The fields of a `kustomize.toolkit.fluxcd.io` Kustomization that decide what it renders.
public struct FluxKustomizationSpec: Sendable {
    public static let group = "kustomize.toolkit.fluxcd.io"

    public var name: String
    public var namespace: String
    /// `spec.path` as written, relative to the source root.
    public var path: String
    public var sourceRef: ObjectKey
    public var targetNamespace: String?
    public var namePrefix: String?
    public var nameSuffix: String?
    /// `spec.patches` entries (`patch` + optional `target`), as written.
    public var patches: [Node]
    /// `spec.images` entries, as written.
    public var images: [Node]
    public var components: [String]
    public var ignoreMissingComponents: Bool
    public var commonLabels: [Node.Entry]
    public var commonAnnotations: [Node.Entry]
    public var postBuild: PostBuild?
    public var dependsOn: [ObjectKey]
    public var suspend: Bool
    /// Where the Kustomization object is written.
    public var origin: Origin?
    /// Where `spec.path` is written, for errors about it.
    public var pathOrigin: Origin?

    public var key: ObjectKey { ObjectKey(kind: "Kustomization", namespace: namespace, name: name) }

    public static func isKustomization(_ object: Node) -> Bool {
        object["kind"]?.text == "Kustomization"
            && (object["apiVersion"]?.text ?? "").hasPrefix(group + "/")
    }

    /// Reads a rendered object. `defaultNamespace` stands in for a missing `metadata.namespace`.
    public init(object: Node, defaultNamespace: String) throws(RenderError) {
        origin = object.origin
        guard let name = object[path: ["metadata", "name"]]?.text else {
            throw RenderError(.invalid, "Flux Kustomization without metadata.name", at: object.origin)
        }
        self.name = name
        namespace = object[path: ["metadata", "namespace"]]?.text ?? defaultNamespace
        let spec = object["spec"] ?? .mapping()
        path = spec["path"]?.text ?? ""
        pathOrigin = spec["path"]?.origin
        guard let reference = spec["sourceRef"], let kind = reference["kind"]?.text, let sourceName = reference["name"]?.text else {
            throw RenderError(.invalid, "Kustomization \(namespace)/\(name) has no spec.sourceRef kind and name", at: spec.origin ?? object.origin)
        }
        sourceRef = ObjectKey(kind: kind, namespace: reference["namespace"]?.text ?? namespace, name: sourceName)
        targetNamespace = spec["targetNamespace"]?.text
        namePrefix = spec["namePrefix"]?.text
        nameSuffix = spec["nameSuffix"]?.text
        patches = spec["patches"]?.elements ?? []
        images = spec["images"]?.elements ?? []
        components = spec["components"]?.elements.compactMap(\.text) ?? []
        ignoreMissingComponents = spec["ignoreMissingComponents"]?.text == "true"
        commonLabels = spec[path: ["commonMetadata", "labels"]]?.entries ?? []
        commonAnnotations = spec[path: ["commonMetadata", "annotations"]]?.entries ?? []
        postBuild = try PostBuild(spec: spec)
        let ownNamespace = namespace
        dependsOn = (spec["dependsOn"]?.elements ?? []).compactMap { item in
            item["name"]?.text.map { ObjectKey(kind: "Kustomization", namespace: item["namespace"]?.text ?? ownNamespace, name: $0) }
        }
        suspend = spec["suspend"]?.text == "true"
    }

    /// A Kustomization made up for a cluster root given as a bare path.
    public init(name: String, namespace: String, path: String, sourceRef: ObjectKey, origin: Origin? = nil) {
        self.name = name
        self.namespace = namespace
        self.path = path
        self.sourceRef = sourceRef
        patches = []
        images = []
        components = []
        ignoreMissingComponents = false
        commonLabels = []
        commonAnnotations = []
        dependsOn = []
        suspend = false
        self.origin = origin
    }
}

enum SourcePath {
    /// `path` joined below `root` the way `securejoin` does it: `..` cannot climb above the root,
    /// and a leading `/` or `./` means the root itself.
    static func join(_ root: String, _ path: String, clampedTo floorDirectory: String? = nil) -> String {
        var parts = root.split(separator: "/").map(String.init)
        let floor = floorDirectory.map { $0.split(separator: "/").count } ?? parts.count
        for part in path.split(separator: "/") {
            switch part {
            case ".", "": continue
            case "..": if parts.count > floor { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
