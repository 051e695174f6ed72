import Clusters
import Diagnostics
import Rendering

/// Whether the units that apply SOPS-encrypted objects can decrypt them (conformance README
/// §1.10). Flux decrypts only with `spec.decryption.provider: sops`, with keys from
/// `spec.decryption.secretRef` (or, for age, the controller's `--sops-age-secret` fallback);
/// Argo CD does not decrypt SOPS at all without a plugin.
enum FluxDecryption {
    static func findings(in cluster: ClusterRender, detection: inout SOPSDetection) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var missingSecrets: [(secret: String, users: [RenderedUnit], at: Origin?)] = []
        var defined: Set<String>?
        var fallback: Bool?
        for unit in cluster.units {
            let encrypted = encryptedObjects(in: unit, detection: &detection)
            switch unit.kind {
            case .argoApplication:
                if let finding = argoFinding(unit, encrypted: encrypted) { found.append(finding) }
            case .fluxKustomization:
                guard let object = effectiveObject(of: unit) else { continue }
                let decryption = object[path: ["spec", "decryption"]]
                let provider = decryption?["provider"]?.text
                if provider != "sops" {
                    if let first = encrypted.first { found.append(missingProvider(unit, object: object, provider: provider, encrypted: encrypted, first: first)) }
                    continue
                }
                guard let reference = decryption?[path: ["secretRef", "name"]], let name = reference.text, !name.isEmpty else {
                    if encrypted.contains(where: \.needsKeySecret), !configuresFallback(cluster, cache: &fallback) {
                        found.append(missingSecretRef(unit, at: decryption?.origin ?? unit.origin, encrypted: encrypted))
                    }
                    continue
                }
                let secret = "\(unit.key.namespace)/\(name)"
                if defined == nil { defined = definedSecrets(in: cluster) }
                guard defined?.contains(secret) != true else { continue }
                if let index = missingSecrets.firstIndex(where: { $0.secret == secret }) {
                    missingSecrets[index].users.append(unit)
                } else {
                    missingSecrets.append((secret, [unit], reference.origin ?? decryption?.origin ?? unit.origin))
                }
            }
        }
        found += missingSecrets.compactMap { external($0.secret, users: $0.users, at: $0.at, cluster: cluster) }
        return found
    }

    private static func missingProvider(_ unit: RenderedUnit, object: Node, provider: String?, encrypted: [EncryptedObject],
                                        first: EncryptedObject) -> Diagnostic {
        let at = object[path: ["spec", "decryption"]]?.origin ?? object["spec"]?.origin ?? unit.origin
        let setting = provider.map { "has decryption provider \"\($0)\" instead of sops" } ?? "does not set spec.decryption.provider: sops"
        return Diagnostic(
            rule: .sopsDecryptionMissing,
            message: "\(SOPSCoverage.describe(unit)) applies \(count(encrypted)) but \(setting): Flux cannot decrypt them",
            at: at.map(SOPSCoverage.location) ?? .startOf(unit.directory ?? ""),
            unit: SOPSCoverage.reference(unit),
            related: first.origin.map { [RelatedLocation(SOPSCoverage.location($0), "\(first.name) is SOPS-encrypted")] } ?? [],
            fix: "set spec.decryption: {provider: sops, secretRef: {name: <Secret with the private key>}}")
    }

    private static func missingSecretRef(_ unit: RenderedUnit, at origin: Origin?, encrypted: [EncryptedObject]) -> Diagnostic {
        let first = encrypted.first { $0.needsKeySecret } ?? encrypted[0]
        return Diagnostic(
            rule: .sopsDecryptionNoSecretRef,
            message: "\(SOPSCoverage.describe(unit)) decrypts SOPS without spec.decryption.secretRef: only an age key in the Secret named by kustomize-controller's --sops-age-secret flag can decrypt \(first.name)",
            at: origin.map(SOPSCoverage.location) ?? .startOf(unit.directory ?? ""),
            unit: SOPSCoverage.reference(unit),
            related: first.origin.map { [RelatedLocation(SOPSCoverage.location($0), "\(first.name) is SOPS-encrypted")] } ?? [],
            fix: "set spec.decryption.secretRef.name, or make sure the controller runs with --sops-age-secret")
    }

    private static func external(_ secret: String, users: [RenderedUnit], at origin: Origin?, cluster: ClusterRender) -> Diagnostic? {
        guard let first = users.first, let origin else { return nil }
        let more = users.count > 1 ? " and \(users.count - 1) more" : ""
        return Diagnostic(
            rule: .sopsDecryptionSecretExternal,
            message: "decryption Secret \(secret) (named by \(SOPSCoverage.describe(first))\(more)) is not defined by cluster \(cluster.cluster.name): expected to pre-exist",
            at: SOPSCoverage.location(origin),
            unit: SOPSCoverage.reference(first),
            fix: "create it at bootstrap (`kubectl create secret generic ... --from-file=age.agekey=...`); never commit the private key unencrypted")
    }

    private static func argoFinding(_ unit: RenderedUnit, encrypted: [EncryptedObject]) -> Diagnostic? {
        guard let first = encrypted.first, !usesPlugin(unit.object) else { return nil }
        return Diagnostic(
            rule: .sopsArgoNoDecryption,
            message: "\(SOPSCoverage.describe(unit)) applies \(count(encrypted)), but Argo CD does not decrypt SOPS, so the cluster gets ciphertext",
            at: unit.origin.map(SOPSCoverage.location) ?? .startOf(unit.directory ?? ""),
            unit: SOPSCoverage.reference(unit),
            related: first.origin.map { [RelatedLocation(SOPSCoverage.location($0), "\(first.name) is SOPS-encrypted")] } ?? [],
            fix: "decrypt through a config management plugin (KSOPS, helm-secrets), or commit a kind designed for it (\(SOPSCoverage.suggestedKinds))")
    }

    /// Whether the cluster's render passes `--sops-age-secret` to kustomize-controller (a
    /// FluxInstance or Deployment patch, chart values in a ConfigMap): then Kustomizations
    /// without a secretRef use that Secret by design.
    private static func configuresFallback(_ cluster: ClusterRender, cache: inout Bool?) -> Bool {
        if let cache { return cache }
        let found = cluster.units.contains { unit in
            unit.resources.resources.contains { mentions($0.node, "--sops-age-secret", depth: 0) }
        }
        cache = found
        return found
    }

    private static func mentions(_ node: Node, _ text: String, depth: Int) -> Bool {
        guard depth < 64 else { return false }
        switch node.value {
        case .scalar(let scalar): return scalar.text.contains(text)
        case .mapping(let entries): return entries.contains { mentions($0.value, text, depth: depth + 1) }
        case .sequence(let items): return items.contains { mentions($0, text, depth: depth + 1) }
        }
    }

    /// "a SOPS-encrypted object (Secret a/b)", "3 SOPS-encrypted objects (first: Secret a/b)".
    private static func count(_ encrypted: [EncryptedObject]) -> String {
        guard encrypted.count > 1 else { return "a SOPS-encrypted object (\(encrypted.first?.name ?? ""))" }
        return "\(encrypted.count) SOPS-encrypted objects (first: \(encrypted[0].name))"
    }

    /// A config management plugin source may decrypt (KSOPS, helm-secrets, argocd-vault-plugin).
    private static func usesPlugin(_ application: Node?) -> Bool {
        guard let spec = application?["spec"] else { return false }
        return spec[path: ["source", "plugin"]] != nil || (spec["sources"]?.elements ?? []).contains { $0["plugin"] != nil }
    }
}
