import CEL
import Rendering

/// One rendered object a rule is evaluated on: its identity for `match`, its tree for
/// `fieldPath`, and its CEL value, converted once however many rules read it.
public struct PolicySubject: Sendable {
    public let object: Node
    public let apiVersion: String
    public let group: String
    public let kind: String
    public let namespace: String
    public let name: String
    public let labels: [String: String]
    /// `NAMESPACE/NAME` of the unit that applies the object, for `match.units`.
    public let unit: String?
    public let cluster: String?
    /// `object` as CEL sees it (Secret data removed, see `redacted(_:)`).
    public let value: CEL.Value
    /// `podSpec`, or null.
    public let podSpec: CEL.Value

    public init(object: Node, unit: String? = nil, cluster: String? = nil) {
        self.object = object
        apiVersion = object["apiVersion"]?.text ?? ""
        group = apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : ""
        kind = object["kind"]?.text ?? ""
        namespace = object[path: ["metadata", "namespace"]]?.text ?? ""
        name = object[path: ["metadata", "name"]]?.text ?? ""
        var labels: [String: String] = [:]
        for entry in object[path: ["metadata", "labels"]]?.entries ?? [] {
            if let text = entry.value.text { labels[entry.key] = text }
        }
        self.labels = labels
        self.unit = unit
        self.cluster = cluster
        let visible = Self.redacted(object)
        value = CEL.Value(node: visible)
        podSpec = PodSpec.of(visible, group: group, kind: kind).map(CEL.Value.init(node:)) ?? .null
    }

    /// Rules never see the values of a Secret, so no message can echo them: `data` and
    /// `stringData` are dropped before conversion (their keys go too; rules about Secrets read
    /// metadata and `type`).
    public static func redacted(_ object: Node) -> Node {
        guard object["kind"]?.text == "Secret", !(object["apiVersion"]?.text ?? "").contains("/") else { return object }
        var copy = object
        copy["data"] = nil
        copy["stringData"] = nil
        return copy
    }

    /// Every object of the cluster the rule may also read, converted the same way.
    public static func value(of node: Node) -> CEL.Value {
        CEL.Value(node: redacted(node))
    }
}

/// What a rule sees besides the object itself; every value is already converted, so one
/// namespace's object list is shared by all the objects of that namespace.
public struct PolicyContext: Sendable {
    public var oldObject: CEL.Value = .null
    public var unit: CEL.Value = .null
    public var namespaceObject: CEL.Value = .null
    /// Bound only for rules with `needs: [namespaceObjects]`.
    public var namespaceObjects: CEL.Value = .list([])
    /// Bound only for rules with `needs: [namespaces]`.
    public var namespaces: CEL.Value = .list([])

    public init(oldObject: CEL.Value = .null, unit: CEL.Value = .null, namespaceObject: CEL.Value = .null,
                namespaceObjects: CEL.Value = .list([]), namespaces: CEL.Value = .list([])) {
        self.oldObject = oldObject
        self.unit = unit
        self.namespaceObject = namespaceObject
        self.namespaceObjects = namespaceObjects
        self.namespaces = namespaces
    }
}
