import Clusters
import Rendering

/// One object a unit applies that needs SOPS decryption on its way to the cluster.
struct EncryptedObject: Sendable {
    /// `Secret payments/db`.
    var name: String
    /// The object, or the encrypted generator source it is built from.
    var origin: Origin?
    /// Master key types of its SOPS metadata (`age`, `pgp`, `kms`…); nil when they cannot be told.
    var keyTypes: Set<String>?

    /// Cloud KMS recipients authenticate through workload identity and need no key Secret.
    static let identityKeyTypes: Set<String> = ["kms", "gcp_kms", "azure_kv"]

    var needsKeySecret: Bool {
        guard let keyTypes, !keyTypes.isEmpty else { return true }
        return !keyTypes.isSubset(of: Self.identityKeyTypes)
    }
}

extension FluxDecryption {
    /// What Flux's kustomize-controller would decrypt for a unit: objects with SOPS metadata and
    /// Secrets whose `data` values hold SOPS documents (after the build, unless opted out), and
    /// generated Secrets read from encrypted `files`/`envs` (before the build, regardless of
    /// annotations). Kinds designed to be committed (a SopsSecret) are their operator's business.
    static func encryptedObjects(in unit: RenderedUnit, detection: inout SOPSDetection) -> [EncryptedObject] {
        var found: [EncryptedObject] = []
        for resource in unit.resources.resources {
            let node = resource.node
            guard CommittedSecretKind.entry(for: node) == nil else { continue }
            let name = "\(resource.kind) \([resource.namespace, resource.name].filter { !$0.isEmpty }.joined(separator: "/"))"
            let optedOut = SOPSDetection.isOptedOut(node)
            if SOPSDetection.hasMetadata(node) {
                if !optedOut { found.append(EncryptedObject(name: name, origin: node.origin ?? resource.source, keyTypes: keyTypes(of: node))) }
                continue
            }
            guard resource.kind == "Secret" else { continue }
            let data = node["data"]?.entries ?? []
            if let source = data.lazy.compactMap({ SOPSDetection.sourceFile(of: $0.value, in: resource) })
                .first(where: { detection.isEncryptedFile($0) }) {
                found.append(EncryptedObject(name: name, origin: Origin(file: source, line: 1, column: 1),
                                             keyTypes: detection.keyTypes(ofFile: source)))
            } else if !optedOut, let value = data.first(where: { SOPSDetection.isEncryptedDocument($0.value) }) {
                let document = value.value.text.flatMap(SOPSDetection.decoded)
                found.append(EncryptedObject(name: name, origin: value.value.origin ?? resource.source,
                                             keyTypes: document.flatMap(SOPSDetection.keyTypes(inDocument:))))
            }
        }
        return found
    }

    static let keyTypeNames = ["age", "pgp", "kms", "gcp_kms", "azure_kv", "hc_vault"]

    /// Master key types with at least one recipient, in the metadata or its key groups.
    static func keyTypes(of object: Node) -> Set<String> {
        guard let sops = object["sops"] else { return [] }
        let types = keyTypeNames
        var found = Set(types.filter { !(sops[$0]?.elements.isEmpty ?? true) })
        for group in sops["key_groups"]?.elements ?? [] {
            found.formUnion(types.filter { !(group[$0]?.elements.isEmpty ?? true) })
        }
        return found
    }

    /// The Flux Kustomization as the cluster converges to it: the copy the unit applies to
    /// itself (flux-system patching its own `decryption`) wins over the one its parent applies.
    static func effectiveObject(of unit: RenderedUnit) -> Node? {
        let own = unit.resources.resources.first { resource in
            resource.kind == "Kustomization" && resource.apiVersion.hasPrefix(FluxKustomizationSpec.group + "/")
                && resource.name == unit.key.name && (resource.namespace.isEmpty || resource.namespace == unit.key.namespace)
        }
        return own?.node ?? unit.object
    }

    /// Secrets the cluster's render defines, as `namespace/name`: Secret objects and the
    /// Secrets that committed kinds (SealedSecret, ExternalSecret…) make.
    static func definedSecrets(in cluster: ClusterRender) -> Set<String> {
        var defined = Set<String>()
        for resource in cluster.units.flatMap(\.resources.resources) {
            if resource.kind == "Secret" && resource.apiVersion == "v1" {
                defined.insert("\(resource.namespace)/\(resource.name)")
            } else if let produced = CommittedSecretKind.entry(for: resource.node)?.producedSecret(by: resource.node) {
                defined.insert("\(produced.namespace)/\(produced.name)")
            }
        }
        return defined
    }
}
