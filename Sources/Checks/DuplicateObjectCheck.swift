import Diagnostics
import Model
import Units

/// Two objects with the same group, kind, namespace and name in one unit: kustomize refuses to
/// build it. Names and namespaces are taken after the kustomizations' prefixes, suffixes and
/// namespaces, and the unit's targetNamespace, so overlays that rename are not reported.
public struct DuplicateObjectCheck: Check {
    public let rules: [RuleID] = [.unitDuplicateObject]

    public init() {}

    public func run(_ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var reported: Set<SourceLocation> = []
        for unit in context.units.units where !unit.members.isEmpty {
            var seen: [String: KubernetesObject] = [:]
            for member in unit.members {
                for typed in context.repository.objects(in: member.file) {
                    let object = typed.object
                    guard let name = object.name else { continue }
                    let namespace = unit.targetNamespace ?? member.namespace ?? object.namespace ?? ""
                    let key = "\(object.group)|\(object.kind)|\(namespace)|\(member.namePrefix)\(name)\(member.nameSuffix)"
                    guard let first = seen[key] else {
                        seen[key] = object
                        continue
                    }
                    guard reported.insert(object.location).inserted else { continue }
                    let sameFile = first.location == object.location
                    findings.append(Diagnostic(
                        rule: .unitDuplicateObject,
                        message: "\(unit.reference.displayName) applies \(object.reference.displayName) twice"
                            + (sameFile ? " (the file is included twice)" : ""),
                        at: object.location, object: object.reference, unit: unit.reference,
                        related: sameFile ? [] : [RelatedLocation(first.location, "first defined here")],
                        fix: sameFile ? "remove the second reference to \(member.file)" : "remove one of the two objects or give them different names"))
                }
            }
        }
        return findings
    }
}
