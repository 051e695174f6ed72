import CEL
import Rendering

/// One rendered object seen as the API server would see its CREATE request: the resource it
/// is created under, its scope, its namespace, and the `request` value expressions read.
struct AdmissionTarget: Sendable {
    let item: ClusterEvaluation.Item
    let version: String
    /// Plural resource name (`deployments`).
    let resource: String
    let isNamespaced: Bool
    /// Labels of the object's namespace, nil when the render does not contain that namespace.
    let namespaceLabels: [String: String]?
    /// `namespaceObject`: the Namespace of a namespaced object when the render has it.
    let namespaceObject: CEL.Value
    let request: CEL.Value

    var subject: PolicySubject { item.subject }

    init(item: ClusterEvaluation.Item, catalog: ResourceCatalog, namespaces: [String: PolicySubject]) {
        self.item = item
        let subject = item.subject
        version = subject.apiVersion.split(separator: "/").last.map(String.init) ?? ""
        resource = catalog.resource(group: subject.group, kind: subject.kind)
        isNamespaced = catalog.isNamespaced(group: subject.group, kind: subject.kind) && !subject.namespace.isEmpty
        let namespace = isNamespaced ? namespaces[subject.namespace] : nil
        namespaceLabels = namespace?.labels
        namespaceObject = namespace?.value ?? .null
        request = Self.request(for: subject, version: version, resource: resource, isNamespaced: isNamespaced)
    }

    /// Whether the object is a Namespace, which namespace selectors test by its own labels.
    var isNamespaceObject: Bool { subject.group.isEmpty && subject.kind == "Namespace" }

    /// The AdmissionRequest of a CREATE by an unknown user. Empty optional fields are left out,
    /// as the API server's JSON leaves them out, so `has(request.namespace)` means the same.
    private static func request(for subject: PolicySubject, version: String, resource: String, isNamespaced: Bool) -> CEL.Value {
        let kind = map([("group", .string(subject.group)), ("version", .string(version)), ("kind", .string(subject.kind))])
        let resourceValue = map([("group", .string(subject.group)), ("version", .string(version)), ("resource", .string(resource))])
        var fields: [(String, CEL.Value)] = [
            ("uid", .string("")),
            ("kind", kind),
            ("resource", resourceValue),
            ("requestKind", kind),
            ("requestResource", resourceValue),
            ("operation", .string("CREATE")),
            ("userInfo", .map(CEL.MapValue())),
            ("dryRun", .bool(false)),
            ("options", map([("apiVersion", .string("meta.k8s.io/v1")), ("kind", .string("CreateOptions"))])),
        ]
        if !subject.name.isEmpty { fields.append(("name", .string(subject.name))) }
        if isNamespaced { fields.append(("namespace", .string(subject.namespace))) }
        return map(fields)
    }

    private static func map(_ fields: [(String, CEL.Value)]) -> CEL.Value {
        var map = CEL.MapValue()
        for (key, value) in fields { try? map.insert(value, forKey: .string(key)) }
        return .map(map)
    }
}
