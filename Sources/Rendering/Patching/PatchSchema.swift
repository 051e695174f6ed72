/// The part of an OpenAPI schema that strategic merge consults: which lists merge by key,
/// with which keys, and how to reach them from a kind's root definition.
///
/// kustomize's kyaml walker asks the schema three questions at each step: the schema of a
/// field (`properties[name]`, else `additionalProperties`, following `$ref`), the schema of a
/// list's elements, and whether a list's `x-kubernetes-patch-strategy` contains `merge`
/// (keys from `x-kubernetes-list-map-keys`, else `x-kubernetes-patch-merge-key`). Everything
/// else in the document is irrelevant to merging and is not kept.
public struct PatchSchema: Sendable {
    /// A resolved position in the schema.
    struct Shape: Sendable {
        /// Object properties by field name.
        var properties: [String: Link] = [:]
        /// `additionalProperties`: the schema of every other key.
        var anyField: Link?
        /// Set when this is a list merged by key; empty keys merge a list of scalars by value.
        var mergeKeys: [String]?
        /// Elements of a merged list.
        var element: Link?
    }

    /// How a property refers to its schema. References resolve by name when looked up, so a
    /// definition added later (a custom schema) can complete one added earlier.
    indirect enum Link: Sendable {
        case definition(String)
        case inline(Shape)
    }

    var definitions: [String: Shape] = [:]
    var kinds: [GVK: String] = [:]

    /// No definitions: every list is replaced by a patch, as kustomize does for unknown kinds.
    public static let empty = PatchSchema()

    /// Merge keys of the built-in Kubernetes kinds (generated from the Kubernetes 1.36 OpenAPI
    /// document, plus the older group/versions kustomize's bundled schema still knows).
    public static let kubernetes: PatchSchema = {
        var schema = PatchSchema()
        schema.load(table: kubernetesTable)
        return schema
    }()

    public init() {}

    /// Whether the schema knows the kind (then its merge lists are merged by key).
    public func knows(_ gvk: GVK) -> Bool { kinds[gvk] != nil }

    // MARK: Lookups the walker makes

    func root(for gvk: GVK) -> Shape? {
        kinds[gvk].flatMap { definitions[$0] }
    }

    func resolve(_ link: Link?) -> Shape? {
        switch link {
        case .definition(let name): definitions[name]
        case .inline(let shape): shape
        case nil: nil
        }
    }

    func field(_ name: String, of shape: Shape) -> Shape? {
        resolve(shape.properties[name] ?? shape.anyField)
    }

    func elements(of shape: Shape) -> Shape? {
        shape.mergeKeys == nil ? nil : resolve(shape.element)
    }
}
