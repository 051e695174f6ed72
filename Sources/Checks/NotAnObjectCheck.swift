import Diagnostics
import Model
import Units

/// Every document a unit applies must be a Kubernetes object. Flux's generated kustomization
/// takes every YAML file under the path, so a stray Helm values file or CI config breaks the build.
/// Files no unit applies are never reported: non-Kubernetes YAML is normal in a repository.
public struct NotAnObjectCheck: Check {
    public let rules: [RuleID] = [.yamlNotObject]

    public init() {}

    public func run(_ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for path in context.units.owners.keys.sorted() {
            guard context.repository.classifier.role(of: path) == .manifest, let file = context.repository.files[path] else { continue }
            let owner = context.units.owners[path]?.first.map { context.units.units[$0] }
            for document in file.documents {
                guard let root = document.root, !root.isNull, KubernetesObject(root) == nil else { continue }
                let what = root.isMapping ? "a mapping without apiVersion and kind" : "not a mapping"
                findings.append(Diagnostic(
                    rule: .yamlNotObject,
                    message: "document \(document.index + 1) is \(what), but \(owner?.reference.displayName ?? "a unit") applies this file",
                    at: root.location, unit: owner?.reference,
                    fix: "move the file out of the unit's path, or list only Kubernetes manifests in the kustomization"))
            }
        }
        return findings
    }
}
