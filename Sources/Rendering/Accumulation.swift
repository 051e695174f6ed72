/// What a kustomization hands to its parent: resources plus the configuration that transforms
/// them later (field specs, variables, merge schema). kustomize's ResAccumulator.
struct Accumulation: Sendable {
    var map = ResourceMap()
    var config = TransformerConfig.defaults
    var vars: [Variable] = []
    var schema = PatchSchema.kubernetes
    /// kustomize keeps one schema per build: the first kustomization that names `openapi` sets it.
    var hasCustomSchema = false

    /// Merges a child's accumulation (a base, or the result of a component) into this one.
    mutating func absorb(_ child: Accumulation) throws(RenderError) {
        try map.append(contentsOf: child.map)
        try config.merge(child.config)
        try Vars.merge(child.vars, into: &vars)
        if !hasCustomSchema, child.hasCustomSchema {
            schema = child.schema
            hasCustomSchema = true
        }
    }
}
