import CEL
import Clusters
import Diagnostics
import Foundation
import Rendering

/// Runs a catalog over rendered clusters: every object of every unit, each object once per
/// cluster (the first unit that applies it wins), in parallel.
public enum ClusterEvaluation {
    /// What configuration decides: which rules run and the params merged over their defaults.
    public struct Settings: Sendable {
        /// Rule id to `.shipshape.yaml` `params:` overrides.
        public var params: [String: Node] = [:]
        /// Rules left out (`rules: {id: off}`).
        public var disabled: Set<String> = []
        /// Pre-merge mode: the objects of the base revision by `ClusterEvaluation.key`, bound
        /// as `oldObject` so transition rules ("never lower prod replicas") work.
        public var previousObjects: [String: Node] = [:]
        /// Cluster name to rule id to params, layered over `params`.
        public var clusterParams: [String: [String: Node]] = [:]

        public init(params: [String: Node] = [:], disabled: Set<String> = [], previousObjects: [String: Node] = [:]) {
            self.params = params
            self.disabled = disabled
            self.previousObjects = previousObjects
        }
    }

    /// Identifies an object across revisions: cluster, group, kind, namespace and name.
    public static func key(cluster: String, group: String, kind: String, namespace: String, name: String) -> String {
        [cluster, group, kind, namespace, name].joined(separator: "|")
    }

    /// Every rendered object of `clusters` by `key`, for the next revision's `oldObject`.
    public static func objects(of clusters: [ClusterRender]) -> [String: Node] {
        var objects: [String: Node] = [:]
        for cluster in clusters {
            for unit in cluster.units {
                for resource in unit.resources.resources {
                    let key = key(cluster: cluster.cluster.name, group: resource.gvk.group, kind: resource.kind,
                                  namespace: resource.namespace, name: resource.name)
                    if objects[key] == nil { objects[key] = resource.node }
                }
            }
        }
        return objects
    }

    /// One object ready for evaluation, with the values its cluster shares.
    struct Item: Sendable {
        var subject: PolicySubject
        var unit: RenderedUnit?
        var cluster: ClusterRender
        var unitValue: CEL.Value
    }

    /// Values shared by all objects of one cluster.
    struct ClusterValues: Sendable {
        var items: [Item]
        var namespaceObjects: [String: CEL.Value]
        var namespaceObjectsByName: [String: CEL.Value]
        var namespaces: CEL.Value
    }

    public static func run(_ catalog: PolicyCatalog, on clusters: [ClusterRender], settings: Settings = Settings()) -> [Diagnostic] {
        let active = catalog.rules.filter { !settings.disabled.contains($0.id) }
        guard !active.isEmpty else { return [] }
        let params = Dictionary(uniqueKeysWithValues: active.map { ($0.id, $0.rule.paramsValue([settings.params[$0.id]])) })
        // Clusters with their own params get their own table.
        let paramsByCluster = settings.clusterParams.mapValues { overrides in
            Dictionary(uniqueKeysWithValues: active.map { ($0.id, $0.rule.paramsValue([settings.params[$0.id], overrides[$0.id]])) })
        }
        let enabled = Set(active.map(\.id))

        let prepared = Collector<ClusterValues>(count: clusters.count)
        DispatchQueue.concurrentPerform(iterations: clusters.count) { index in
            prepared.set(index, prepare(clusters[index]))
        }
        let clusterValues = prepared.values
        let work = clusterValues.enumerated().flatMap { cluster, values in values.items.indices.map { (cluster, $0) } }
        let chunkSize = 64
        let chunks = (work.count + chunkSize - 1) / chunkSize
        let results = Collector<[Diagnostic]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var found: [Diagnostic] = []
            for (cluster, position) in work[(chunk * chunkSize)..<min(work.count, (chunk + 1) * chunkSize)] {
                let values = clusterValues[cluster]
                let item = values.items[position]
                found += evaluate(item, in: values, catalog: catalog, enabled: enabled,
                                  params: paramsByCluster[item.cluster.cluster.name] ?? params, previous: settings.previousObjects)
            }
            results.set(chunk, found)
        }
        return results.values.flatMap { $0 }.sorted()
    }

    static func prepare(_ cluster: ClusterRender) -> ClusterValues {
        var seen = Set<String>()
        var items: [Item] = []
        for unit in cluster.units {
            let unitName = "\(unit.key.namespace)/\(unit.key.name)"
            let unitValue = unit.object.map(PolicySubject.value(of:)) ?? .null
            for resource in unit.resources.resources {
                let subject = PolicySubject(object: resource.node, unit: unitName, cluster: cluster.cluster.name)
                guard seen.insert("\(subject.group)|\(subject.kind)|\(subject.namespace)|\(subject.name)").inserted else { continue }
                items.append(Item(subject: subject, unit: unit, cluster: cluster, unitValue: unitValue))
            }
        }
        var byNamespace: [String: [CEL.Value]] = [:]
        var namespaceObjects: [String: CEL.Value] = [:]
        for item in items {
            if !item.subject.namespace.isEmpty { byNamespace[item.subject.namespace, default: []].append(item.subject.value) }
            if item.subject.group.isEmpty, item.subject.kind == "Namespace", !item.subject.name.isEmpty {
                namespaceObjects[item.subject.name] = item.subject.value
            }
        }
        return ClusterValues(items: items, namespaceObjects: byNamespace.mapValues(CEL.Value.list),
                             namespaceObjectsByName: namespaceObjects,
                             namespaces: .list(namespaceObjects.keys.sorted().map(CEL.Value.string)))
    }

    static func evaluate(_ item: Item, in values: ClusterValues, catalog: PolicyCatalog, enabled: Set<String>,
                         params: [String: CEL.Value], previous: [String: Node] = [:]) -> [Diagnostic] {
        let subject = item.subject
        let previousKey = key(cluster: item.cluster.cluster.name, group: subject.group, kind: subject.kind,
                              namespace: subject.namespace, name: subject.name)
        let oldObject = previous[previousKey].map { PolicySubject(object: $0, unit: nil, cluster: item.cluster.cluster.name).value } ?? .null
        let context = PolicyContext(oldObject: oldObject, unit: item.unitValue,
                                    namespaceObject: values.namespaceObjectsByName[subject.namespace] ?? .null,
                                    namespaceObjects: values.namespaceObjects[subject.namespace] ?? .list([]),
                                    namespaces: values.namespaces)
        var found: [Diagnostic] = []
        for compiled in catalog.candidates(group: subject.group, kind: subject.kind)
        where enabled.contains(compiled.id) && compiled.matches(subject) {
            for finding in compiled.evaluate(subject, context: context, params: params[compiled.id] ?? .map(CEL.MapValue())) {
                found.append(diagnostic(finding, item: item))
            }
        }
        return found
    }

    static func diagnostic(_ finding: PolicyFinding, item: Item) -> Diagnostic {
        let subject = item.subject
        let object = ObjectReference(apiVersion: subject.apiVersion, kind: subject.kind,
                                     namespace: subject.namespace.isEmpty ? nil : subject.namespace,
                                     name: subject.name.isEmpty ? nil : subject.name)
        let unit = item.unit.map { UnitReference(kind: $0.key.kind, namespace: $0.key.namespace, name: $0.key.name) }
        let origin = finding.origin ?? subject.object.origin ?? item.unit?.origin
        let location = origin.map(SourceLocation.init(origin:)) ?? .startOf(item.cluster.cluster.path)
        var related: [RelatedLocation] = []
        if let written = finding.written {
            related.append(RelatedLocation(SourceLocation(origin: written),
                                           "the field as written, before \(finding.origin?.changedBy ?? "a patch") changed it"))
        }
        return Diagnostic(rule: RuleID(finding.rule), severity: finding.severity, message: "\(object.displayName): \(finding.message)",
                          at: location, object: object, unit: unit, related: related)
    }
}

extension SourceLocation {
    init(origin: Origin) {
        self.init(file: origin.file, line: origin.line, column: origin.column)
    }
}

/// Results written by parallel workers, one slot each.
final class Collector<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.withLock { slots[index] = value }
    }

    /// Read after the parallel loop has finished.
    var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
