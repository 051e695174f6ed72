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
public enum Replacements {
    public static func apply(_ replacements: [Node], to map: inout ResourceMap) throws(RenderError) {}
}
