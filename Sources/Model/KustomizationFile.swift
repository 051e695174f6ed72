import YAMLTree

/// A kustomize `kustomization.yaml` (Kustomization or Component). apiVersion and kind are
/// optional in these files, so it is read from the document root, not from a KubernetesObject.
public struct KustomizationFile: Sendable {
    public static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// A path a kustomization refers to, with the node for findings.
    public struct Reference: Sendable {
        public let path: String
        public let node: YAMLNode
        public let field: String
    }

    public let root: YAMLNode
    public let isComponent: Bool
    public let namespace: String?
    public let namePrefix: String?
    public let nameSuffix: String?
    /// `resources`, `bases` and `components`: what is built into the output.
    public let inputs: [Reference]
    /// Patch, CRD and configuration files: read by the build but not output as objects.
    public let auxiliaryFiles: [Reference]
    /// Fields with a shape kustomize rejects, with the node to point at.
    public let shapeProblems: [(node: YAMLNode, message: String)]
    /// configMapGenerator/secretGenerator inputs (scripts, JSON, env files): existence is checked
    /// when rendering, where their content matters.
    public let generatorFiles: [Reference]

    public init?(_ root: YAMLNode) {
        guard root.isMapping else { return nil }
        self.root = root
        isComponent = root["kind"]?.string == "Component"
        namespace = root["namespace"]?.string
        namePrefix = root["namePrefix"]?.string
        nameSuffix = root["nameSuffix"]?.string
        inputs = ["resources", "bases", "components"].flatMap { Self.references(root[$0], field: $0) }
        var problems: [(YAMLNode, String)] = []
        for field in ["resources", "bases", "components", "patches", "patchesStrategicMerge"] {
            guard let value = root[field], !value.isNull else { continue }
            if !value.isSequence {
                problems.append((value, "\(field) must be a list"))
            } else if ["resources", "bases", "components"].contains(field), let bad = value.elements.first(where: { $0.string == nil }) {
                problems.append((bad, "\(field) entries must be paths (strings)"))
            }
        }
        shapeProblems = problems
        var auxiliary: [Reference] = []
        for field in ["patchesStrategicMerge", "crds", "configurations", "transformers", "generators", "validators"] {
            auxiliary += Self.references(root[field], field: field)
        }
        for field in ["patches", "patchesJson6902"] {
            for item in root[field]?.elements ?? [] {
                if let path = item["path"], let text = path.string { auxiliary.append(Reference(path: text, node: path, field: field)) }
            }
        }
        auxiliaryFiles = auxiliary
        var generated: [Reference] = []
        for field in ["configMapGenerator", "secretGenerator"] {
            for generator in root[field]?.elements ?? [] {
                for list in ["files", "envs"] {
                    for file in generator[list]?.elements ?? [] {
                        guard let text = file.string else { continue }
                        // `files` entries may be `key=path`.
                        let path = text.split(separator: "=", maxSplits: 1).last.map(String.init) ?? text
                        generated.append(Reference(path: path, node: file, field: "\(field).\(list)"))
                    }
                }
                if let env = generator["env"], let text = env.string {
                    generated.append(Reference(path: text, node: env, field: "\(field).env"))
                }
            }
        }
        generatorFiles = generated
    }

    private static func references(_ node: YAMLNode?, field: String) -> [Reference] {
        (node?.elements ?? []).compactMap { item in
            item.string.map { Reference(path: $0, node: item, field: field) }
        }
    }

    public static func isKustomizationFile(_ path: String) -> Bool {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return fileNames.contains(base)
    }

    /// True for references kustomize fetches over the network (`github.com/...`, `https://...`).
    public static func isRemote(_ reference: String) -> Bool {
        if reference.contains("://") || reference.hasPrefix("git@") { return true }
        if reference.hasPrefix("/") || reference.hasPrefix(".") { return false }
        let first = reference.split(separator: "/").first.map(String.init) ?? ""
        return first.contains(".") && reference.contains("/") && (reference.contains("?ref=") || ["github.com", "gitlab.com", "bitbucket.org"].contains(first))
    }
}
