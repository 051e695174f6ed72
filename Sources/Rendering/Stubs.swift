// TEMPORARY placeholders with the agreed signatures of stages being written on helper branches,
// so the engine compiles on main before they merge. HELPERS: when you `git merge main` and your
// branch defines one of these types, delete that type's placeholder from this file in your branch
// (this file is the one exception to file ownership). The lead removes the file once all have merged.
public struct TransformerConfig: Sendable {
    public static let defaults = TransformerConfig()
    public var varReference: [FieldSpec] = []
    public init() {}
    public init(parsing node: Node) throws(RenderError) {}
    public mutating func merge(_ other: TransformerConfig) throws(RenderError) {}
    public static func fromCRDs(_ crds: [Node]) throws(RenderError) -> TransformerConfig { TransformerConfig() }
}
public enum Transformers {
    public static func setNamespace(_ namespace: String, in map: inout ResourceMap, config: TransformerConfig, origin: Origin?) throws(RenderError) {}
    public static func addNameAffixes(prefix: String, suffix: String, in map: inout ResourceMap, config: TransformerConfig, origin: Origin?) throws(RenderError) {}
    static func applyLabels(of kustomization: Kustomization, to map: inout ResourceMap, config: TransformerConfig) throws(RenderError) {}
    public static func addAnnotations(_ annotations: [(String, String)], in map: inout ResourceMap, config: TransformerConfig, origin: Origin?) throws(RenderError) {}
    public static func setImages(_ images: [Node], in map: inout ResourceMap, config: TransformerConfig, origin: Origin?) throws(RenderError) {}
    public static func setReplicas(_ replicas: [Node], in map: inout ResourceMap, config: TransformerConfig, origin: Origin?) throws(RenderError) {}
    public static func fixNameReferences(in map: inout ResourceMap, config: TransformerConfig) throws(RenderError) {}
    public static func applyPluginConfig(_ plugin: Node, to map: inout ResourceMap, config: TransformerConfig) throws(RenderError) -> Bool { false }
}
