/// One legacy `vars:` entry: `$(name)` in var-reference fields becomes the value of `fieldPath`
/// in the object `target` names (by its name before any prefix or suffix).
public struct Variable: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// The objref: group/version/kind, name and optional namespace.
    public var target: ResourceID
    /// `objref.apiVersion` as written (kustomize prints it in messages).
    public var apiVersion: String
    /// Defaults to `metadata.name`.
    public var fieldPath: String
    public var origin: Origin?

    public init(name: String, target: ResourceID, apiVersion: String = "", fieldPath: String = Vars.defaultFieldPath, origin: Origin? = nil) {
        self.name = name
        self.target = target
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath.isEmpty ? Vars.defaultFieldPath : fieldPath
        self.origin = origin
    }

    /// How Go prints kustomize's `types.Var` with `%v`, which its error messages embed.
    public var description: String {
        "{\(name) {\(apiVersion) \(target.gvk.kind.isEmpty ? "[noKind]" : target.gvk.kind).\(target.gvk.version.isEmpty ? "[noVer]" : target.gvk.version).\(target.gvk.group.isEmpty ? "[noGrp]" : target.gvk.group) \(target.name) \(target.namespace)} {\(fieldPath)}}"
    }
}

/// kustomize's legacy variables: declared per kustomization, bound to an object when that
/// kustomization finishes, substituted once at the end of the top-level build.
public enum Vars {
    public static let defaultFieldPath = "metadata.name"

    /// Reads a `vars:` field. Keys match case-insensitively (`fieldpath` works), as kustomize
    /// decodes the kustomization through JSON.
    public static func parse(_ vars: Node?) throws(RenderError) -> [Variable] {
        guard let vars, !vars.isNull else { return [] }
        guard vars.isSequence else { throw RenderError(.invalid, "vars must be a list", at: vars.origin) }
        var result: [Variable] = []
        for entry in vars.elements {
            guard entry.isMapping else { throw RenderError(.invalid, "a var must be a mapping", at: entry.origin) }
            let name = try string("name", in: entry) ?? ""
            let objref = ReplacementSpec.field("objref", in: entry) ?? .mapping()
            let apiVersion = try string("apiVersion", in: objref) ?? ""
            var gvk = GVK(group: try string("group", in: objref) ?? "",
                          version: try string("version", in: objref) ?? "",
                          kind: try string("kind", in: objref) ?? "")
            // kustomize's Target.GVK(): apiVersion overrides the separate fields when it parses.
            let pieces = apiVersion.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if !apiVersion.isEmpty, pieces.count == 2 {
                gvk.group = pieces[0]
                gvk.version = pieces[1]
            } else if !apiVersion.isEmpty, pieces.count == 1 {
                gvk.version = pieces[0]
            }
            let fieldref = ReplacementSpec.field("fieldref", in: entry)
            let fieldPath = try fieldref.flatMap { node throws(RenderError) in try string("fieldPath", in: node) } ?? ""
            result.append(Variable(
                name: name,
                target: ResourceID(gvk: gvk, name: try string("name", in: objref) ?? "", namespace: try string("namespace", in: objref) ?? ""),
                apiVersion: apiVersion,
                fieldPath: fieldPath,
                origin: entry["name"]?.origin ?? entry.origin))
        }
        return result
    }

    /// Collected across the whole build with kustomize's conflict rules ("var ... already encountered").
    public static func merge(_ vars: [Variable], into existing: inout [Variable]) throws(RenderError) {
        for variable in vars {
            if existing.contains(where: { $0.name == variable.name }) {
                throw RenderError(.conflict, "var '\(variable.name)' already encountered", at: variable.origin)
            }
            existing.append(variable)
        }
    }

    /// kustomize's `MergeVars` for the `vars:` of the kustomization just accumulated into `map`:
    /// binds each var to its object, then adds it to the build's set.
    public static func declare(_ vars: [Variable], in map: inout ResourceMap, into existing: inout [Variable]) throws(RenderError) {
        try bind(vars, in: &map)
        try merge(vars, into: &existing)
    }

    /// kustomize's `MergeVars` binding step, run when the kustomization declaring `vars` has
    /// finished its own transformers: each var is tied to the object whose *original* id it names
    /// (namespace ignored when the objref has none), so later renames do not lose it.
    public static func bind(_ vars: [Variable], in map: inout ResourceMap) throws(RenderError) {
        for variable in vars {
            let wanted = variable.target
            let ignoresNamespace = wanted.namespace.isEmpty && !wanted.gvk.isClusterScoped
            let matches = map.resources.indices.filter { index in
                let original = map.resources[index].originalID
                guard original.gvk == wanted.gvk, original.name == wanted.name else { return false }
                return ignoresNamespace || original.effectiveNamespace == wanted.effectiveNamespace
            }
            if matches.count > 1 {
                throw RenderError(.conflict,
                    "found \(matches.count) resId matches for var \(variable) (unable to disambiguate)", at: variable.origin)
            }
            if let index = matches.first, !map.resources[index].referencedVars.contains(variable.name) {
                map.resources[index].referencedVars.append(variable.name)
            }
        }
    }

    private static func string(_ name: String, in node: Node) throws(RenderError) -> String? {
        guard let value = ReplacementSpec.field(name, in: node), !value.isNull else { return nil }
        guard let text = value.text else {
            throw RenderError(.invalid, "var field '\(name)' must be a string", at: value.origin)
        }
        return text
    }
}
