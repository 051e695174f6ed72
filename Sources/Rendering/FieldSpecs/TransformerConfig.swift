/// A kind whose name other objects hold, and the fields holding it (kustomize's NameBackReferences).
public struct NameBackReference: Sendable, Hashable {
    /// The referral kind; empty parts match anything.
    public var gvk: GVK
    /// The fields, in objects of other kinds, that hold a name of `gvk`.
    public var referrers: [FieldSpec]

    public init(gvk: GVK, referrers: [FieldSpec]) {
        self.gvk = gvk
        self.referrers = referrers
    }
}

/// Where each built-in transformer looks in objects (kustomize's TransformerConfig): the defaults,
/// merged with `configurations:` files and `crds:` schemas of every kustomization in the build.
public struct TransformerConfig: Sendable, Hashable {
    public var namePrefix: [FieldSpec] = []
    public var nameSuffix: [FieldSpec] = []
    public var namespace: [FieldSpec] = []
    public var commonLabels: [FieldSpec] = []
    /// Extra fields for every `labels:` entry (a `labels:` key in a `configurations:` file).
    public var labels: [FieldSpec] = []
    /// Pod template labels, for `labels:` entries with `includeTemplates`.
    public var templateLabels: [FieldSpec] = []
    /// StatefulSet claim template labels, for `labels:` entries with `includeVolumeClaimTemplates`.
    public var volumeClaimTemplateLabels: [FieldSpec] = []
    public var commonAnnotations: [FieldSpec] = []
    public var nameReference: [NameBackReference] = []
    public var varReference: [FieldSpec] = []
    public var images: [FieldSpec] = []
    public var replicas: [FieldSpec] = []

    public init() {}

    /// kustomize's built-in field specs.
    public static let defaults: TransformerConfig = {
        var config = TransformerConfig()
        config.namePrefix = DefaultFieldSpecs.namePrefix
        config.nameSuffix = DefaultFieldSpecs.nameSuffix
        config.namespace = DefaultFieldSpecs.namespace
        config.commonLabels = DefaultFieldSpecs.commonLabels
        config.templateLabels = DefaultFieldSpecs.templateLabels
        config.volumeClaimTemplateLabels = DefaultFieldSpecs.volumeClaimTemplateLabels
        config.commonAnnotations = DefaultFieldSpecs.commonAnnotations
        config.nameReference = DefaultFieldSpecs.nameReference
        config.varReference = DefaultFieldSpecs.varReference
        config.images = DefaultFieldSpecs.images
        config.replicas = DefaultFieldSpecs.replicas
        config.sort()
        return config
    }()

    /// One kustomization's configuration (kustomize's MakeTransformerConfig): the defaults merged
    /// with its `configurations:` files, except that name prefix or suffix specs given in those
    /// files replace the default ones, so a file can limit which kinds get the prefix or suffix.
    /// A build's accumulated configuration starts empty and merges this for every kustomization.
    public static func make(configurations documents: [Node]) throws(RenderError) -> TransformerConfig {
        var result = TransformerConfig.defaults
        guard !documents.isEmpty else { return result }
        var custom = TransformerConfig()
        for document in documents { try custom.merge(try TransformerConfig(parsing: document)) }
        if !custom.namePrefix.isEmpty { result.namePrefix = [] }
        if !custom.nameSuffix.isEmpty { result.nameSuffix = [] }
        try result.merge(custom)
        return result
    }

    /// Reads a `configurations:` file. Keys it does not know are ignored, as kustomize does.
    public init(parsing node: Node) throws(RenderError) {
        if node.isNull { return }
        guard node.isMapping else {
            throw RenderError(.invalid, "a transformer configuration must be a mapping", at: node.origin)
        }
        namePrefix = try FieldSpecs.parse(node["namePrefix"])
        nameSuffix = try FieldSpecs.parse(node["nameSuffix"])
        namespace = try FieldSpecs.parse(node["namespace"])
        commonLabels = try FieldSpecs.parse(node["commonLabels"])
        labels = try FieldSpecs.parse(node["labels"])
        templateLabels = try FieldSpecs.parse(node["templateLabels"])
        volumeClaimTemplateLabels = try FieldSpecs.parse(node["volumeClaimTemplateLabels"])
        commonAnnotations = try FieldSpecs.parse(node["commonAnnotations"])
        varReference = try FieldSpecs.parse(node["varReference"])
        images = try FieldSpecs.parse(node["images"])
        replicas = try FieldSpecs.parse(node["replicas"])
        if let references = node["nameReference"], !references.isNull {
            guard references.isSequence else {
                throw RenderError(.invalid, "nameReference must be a list", at: references.origin)
            }
            for item in references.elements {
                nameReference.append(NameBackReference(gvk: GVK(parsing: item),
                                                       referrers: try FieldSpecs.parse(item["fieldSpecs"])))
            }
        }
        sort()
    }

    /// kustomize's `TransformerConfig.Merge`: specs already covered are dropped, a spec that
    /// disagrees on `create` with one covering it is a conflict, name references of one kind
    /// pool their referrers. The result is kept sorted by kind.
    public mutating func merge(_ other: TransformerConfig) throws(RenderError) {
        // A build's configuration starts empty and every kustomization merges the defaults again;
        // skip the quadratic dedupe in both cases.
        if self == TransformerConfig() {
            self = other
            return
        }
        if other == self { return }
        var merged = self
        try Self.merge(other.namePrefix, into: &merged.namePrefix, "NamePrefix")
        try Self.merge(other.nameSuffix, into: &merged.nameSuffix, "NameSuffix")
        try Self.merge(other.namespace, into: &merged.namespace, "NameSpace")
        try Self.merge(other.commonAnnotations, into: &merged.commonAnnotations, "CommonAnnotations")
        try Self.merge(other.commonLabels, into: &merged.commonLabels, "CommonLabels")
        try Self.merge(other.labels, into: &merged.labels, "Labels")
        try Self.merge(other.templateLabels, into: &merged.templateLabels, "TemplateLabels")
        try Self.merge(other.volumeClaimTemplateLabels, into: &merged.volumeClaimTemplateLabels, "VolumeClaimTemplateLabels")
        try Self.merge(other.varReference, into: &merged.varReference, "VarReference")
        for reference in other.nameReference {
            do throws(RenderError) {
                try merged.add(reference)
            } catch {
                throw RenderError(error.kind, "failed to merge NameReference fieldSpec: \(error.message)")
            }
        }
        try Self.merge(other.images, into: &merged.images, "Images")
        try Self.merge(other.replicas, into: &merged.replicas, "Replicas")
        merged.sort()
        self = merged
    }

    /// Adds the referrers of one referral kind (kustomize's `AddNamereferenceFieldSpec`).
    mutating func add(_ reference: NameBackReference) throws(RenderError) {
        if let index = nameReference.firstIndex(where: { $0.gvk == reference.gvk }) {
            try FieldSpecs.merge(reference.referrers, into: &nameReference[index].referrers)
        } else {
            nameReference.append(reference)
        }
    }

    private static func merge(_ specs: [FieldSpec], into list: inout [FieldSpec], _ name: String) throws(RenderError) {
        do throws(RenderError) {
            try FieldSpecs.merge(specs, into: &list)
        } catch {
            throw RenderError(error.kind, "failed to merge \(name) fieldSpec: \(error.message)")
        }
    }

    private mutating func sort() {
        namePrefix = FieldSpecs.sorted(namePrefix)
        nameSuffix = FieldSpecs.sorted(nameSuffix)
        namespace = FieldSpecs.sorted(namespace)
        commonLabels = FieldSpecs.sorted(commonLabels)
        labels = FieldSpecs.sorted(labels)
        templateLabels = FieldSpecs.sorted(templateLabels)
        volumeClaimTemplateLabels = FieldSpecs.sorted(volumeClaimTemplateLabels)
        commonAnnotations = FieldSpecs.sorted(commonAnnotations)
        nameReference = FieldSpecs.stableSorted(nameReference) { $0.gvk.precedesInConfigOrder($1.gvk) }
        varReference = FieldSpecs.sorted(varReference)
        images = FieldSpecs.sorted(images)
        replicas = FieldSpecs.sorted(replicas)
    }
}
