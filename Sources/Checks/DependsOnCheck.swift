import Diagnostics
import Model
import Units

/// Flux `dependsOn`: every entry must name an existing unit of the same kind, and the
/// dependencies must not form a cycle (Flux reports neither; the units just never get ready).
public struct DependsOnCheck: Check {
    public let rules: [RuleID] = [.dependsOnMissing, .dependsOnCycle]

    public init() {}

    public func run(_ context: CheckContext) -> [Diagnostic] {
        let units = context.units
        var byName: [String: [Int]] = [:]
        for (i, unit) in units.units.enumerated() where unit.kind != .argoApplication {
            byName["\(unit.kind.rawValue)/\(unit.name)", default: []].append(i)
        }
        var findings: [Diagnostic] = []
        var edges: [Int: [(target: Int, ref: ObjectRef)]] = [:]
        for (i, unit) in units.units.enumerated() {
            for ref in dependencies(of: unit) {
                let key = "\(unit.kind.rawValue)/\(ref.name)"
                let namespace = ref.namespace ?? unit.namespace
                let sameName = byName[key] ?? []
                let matching = sameName.filter { Self.namespace(units.units[$0].namespace, matches: namespace) }
                let local = matching.filter { units.root(of: $0) == units.root(of: i) }
                for target in local.isEmpty ? matching : local { edges[i, default: []].append((target, ref)) }
                if matching.isEmpty {
                    findings.append(missing(ref, from: unit, namespace: namespace, sameName: sameName, byName: byName, units: units))
                }
            }
        }
        findings += DependencyCycles(units: units, edges: edges).diagnostics()
        return findings
    }

    private func dependencies(of unit: Unit) -> [ObjectRef] {
        switch unit.kind {
        case .fluxKustomization: return FluxKustomization(unit.object)?.dependsOn ?? []
        case .helmRelease: return HelmRelease(unit.object)?.dependsOn ?? []
        case .argoApplication: return []
        }
    }

    /// An unknown namespace (not written, not given by any owner) matches any namespace.
    static func namespace(_ a: String?, matches b: String?) -> Bool {
        guard let a, let b else { return true }
        return a == b
    }

    private func missing(_ ref: ObjectRef, from unit: Unit, namespace: String?, sameName: [Int],
                         byName: [String: [Int]], units: UnitGraph) -> Diagnostic {
        let kind = unit.kind.rawValue
        let display = [namespace, ref.name].compactMap { $0 }.joined(separator: "/")
        if let elsewhere = sameName.first, let otherNamespace = units.units[elsewhere].namespace {
            return Diagnostic(rule: .dependsOnMissing,
                              message: "dependsOn names \(kind) \(display), which does not exist; \(ref.name) is in namespace \(otherNamespace)",
                              at: ref.location, object: unit.object.reference, unit: unit.reference,
                              related: [RelatedLocation(units.units[elsewhere].object.location, "\(kind) \(otherNamespace)/\(ref.name) is defined here")],
                              fix: "add `namespace: \(otherNamespace)` to the dependsOn entry")
        }
        let candidates = byName.keys.filter { $0.hasPrefix(kind + "/") }.map { String($0.dropFirst(kind.count + 1)) }.sorted()
        let nearest = Suggestions.nearest(to: ref.name, in: candidates)
        var related: [RelatedLocation] = []
        if let nearest, let index = byName["\(kind)/\(nearest)"]?.first {
            related.append(RelatedLocation(units.units[index].object.location, "\(kind) \(nearest) is defined here"))
        }
        return Diagnostic(rule: .dependsOnMissing, message: "dependsOn names \(kind) \(display), which does not exist",
                          at: ref.location, object: unit.object.reference, unit: unit.reference, related: related,
                          fix: nearest.map { "did you mean \"\($0)\"?" } ?? "fix the name or remove the entry")
    }
}
