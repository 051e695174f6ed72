import CEL
import Rendering

extension CompiledRule {
    /// Evaluates the rule on one of its examples as the engine would on a rendered object:
    /// the example's `params` are merged over the rule's defaults, `podSpec` is derived from
    /// `object`, and an object the rule does not match yields nothing.
    public func evaluate(_ example: PolicyRule.Example) -> [PolicyFinding] {
        let unitName = example.unit.map { unit in
            "\(unit[path: ["metadata", "namespace"]]?.text ?? "")/\(unit[path: ["metadata", "name"]]?.text ?? "")"
        }
        let subject = PolicySubject(object: example.object, unit: unitName)
        guard matches(subject) else { return [] }
        let context = PolicyContext(
            oldObject: example.oldObject.map(PolicySubject.value(of:)) ?? .null,
            unit: example.unit.map(PolicySubject.value(of:)) ?? .null,
            namespaceObject: example.namespaceObject.map(PolicySubject.value(of:)) ?? .null,
            namespaceObjects: .list((example.namespaceObjects ?? []).map(PolicySubject.value(of:))),
            namespaces: .list((example.namespaces ?? []).map(CEL.Value.string)))
        return evaluate(subject, context: context, params: rule.paramsValue([example.params]))
    }
}
