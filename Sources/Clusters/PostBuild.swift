import Rendering

/// `spec.postBuild` of a Flux Kustomization.
public struct PostBuild: Sendable {
    public enum Strategy: String, Sendable {
        /// Substitute only when at least one variable was resolved (the default).
        case withVariables = "WithVariables"
        /// Substitute even with no variables, so `${X:=default}` still expands.
        case always = "Always"
    }

    /// A ConfigMap or Secret (in the Kustomization's namespace) whose data become variables.
    public struct Source: Sendable, Hashable {
        public var kind: String
        public var name: String
        public var optional: Bool
        public var origin: Origin?

        public init(kind: String, name: String, optional: Bool = false, origin: Origin? = nil) {
            self.kind = kind
            self.name = name
            self.optional = optional
            self.origin = origin
        }
    }

    /// Inline variables in written order, with where each is defined.
    public var substitute: [(name: String, value: String, origin: Origin?)]
    public var substituteFrom: [Source]
    public var strategy: Strategy

    public init(substitute: [(name: String, value: String, origin: Origin?)] = [],
                substituteFrom: [Source] = [], strategy: Strategy = .withVariables) {
        self.substitute = substitute
        self.substituteFrom = substituteFrom
        self.strategy = strategy
    }

    /// Reads `spec.postBuild`; nil when the field is absent (then Flux does not substitute at all).
    public init?(spec: Node) throws(RenderError) {
        guard let node = spec["postBuild"], node.isMapping else { return nil }
        var substitute: [(name: String, value: String, origin: Origin?)] = []
        for entry in node["substitute"]?.entries ?? [] {
            guard entry.value.isScalar else {
                throw RenderError(.invalid, "postBuild.substitute.\(entry.key) must be a string", at: entry.value.origin)
            }
            substitute.append((entry.key, entry.value.text ?? "", entry.value.origin))
        }
        var sources: [Source] = []
        for item in node["substituteFrom"]?.elements ?? [] {
            guard let kind = item["kind"]?.text, let name = item["name"]?.text else {
                throw RenderError(.invalid, "postBuild.substituteFrom entries need a kind and a name", at: item.origin)
            }
            guard kind == "ConfigMap" || kind == "Secret" else {
                throw RenderError(.invalid, "postBuild.substituteFrom kind must be ConfigMap or Secret, not \(kind)", at: item["kind"]?.origin)
            }
            sources.append(Source(kind: kind, name: name, optional: item["optional"]?.text == "true", origin: item.origin))
        }
        let strategyText = node["substituteStrategy"]?.text ?? Strategy.withVariables.rawValue
        guard let strategy = Strategy(rawValue: strategyText) else {
            throw RenderError(.invalid, "postBuild.substituteStrategy must be WithVariables or Always, not \(strategyText)",
                              at: node["substituteStrategy"]?.origin)
        }
        self.init(substitute: substitute, substituteFrom: sources, strategy: strategy)
    }
}
