// TEMPORARY placeholders with the agreed signatures of stages being written on helper branches,
// so the engine compiles on main before they merge. HELPERS: when you `git merge main` and your
// branch defines one of these types, delete that type's placeholder from this file in your branch
// (this file is the one exception to file ownership). The lead removes the file once all have merged.
public struct Variable: Sendable {}
public enum Vars {
    public static func parse(_ vars: Node?) throws(RenderError) -> [Variable] { [] }
    public static func merge(_ vars: [Variable], into existing: inout [Variable]) throws(RenderError) {}
    public static func resolve(_ vars: [Variable], in map: inout ResourceMap, referenceSpecs: [FieldSpec]) throws(RenderError) {}
}
public struct PatchSchema: Sendable {
    public static let kubernetes = PatchSchema()
    public mutating func add(openAPI document: Node) throws(RenderError) {}
}
public struct PatchEntry: Sendable {
    public var text: String; public var origin: Origin; public var target: Node?; public var options: Node?
}
public enum PatchTransformer {
    public static func apply(_ entry: PatchEntry, to map: inout ResourceMap, schema: PatchSchema) throws(RenderError) {}
    public static func applyStrategicMerge(_ patches: [Node], to map: inout ResourceMap, schema: PatchSchema) throws(RenderError) {}
    public static func applyJSON6902(_ text: String, origin: Origin, target: Node, to map: inout ResourceMap) throws(RenderError) {}
}
public typealias GeneratorFileReader = @Sendable (String) throws(RenderError) -> (path: String, bytes: [UInt8])
public enum Generators {
    public static func resources(for kustomization: Kustomization, read: GeneratorFileReader) throws(RenderError) -> [Resource] { [] }
    public static func resources(forPluginConfig config: Node, read: GeneratorFileReader) throws(RenderError) -> [Resource] { [] }
    public static func absorb(_ generated: [Resource], into map: inout ResourceMap) throws(RenderError) {}
    public static func appendHashSuffixes(to map: inout ResourceMap) throws(RenderError) {}
}
public enum Replacements {
    public static func apply(_ replacements: [Node], to map: inout ResourceMap) throws(RenderError) {}
}
public struct LegacySortOptions: Sendable {
    public var orderFirst: [String] = []; public var orderLast: [String] = []
    public static let standard = LegacySortOptions()
}
public enum ResourceOrder {
    public static func legacy(_ resources: [Resource], options: LegacySortOptions = .standard) -> [Resource] { resources }
}
public enum KustomizeYAML {
    public static func stream(_ nodes: [Node]) throws(RenderError) -> String { "" }
}
