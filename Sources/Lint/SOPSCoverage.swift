import Checks
import Clusters
import Diagnostics
import Rendering

/// SOPS in the rendered clusters: every Secret a unit applies is encrypted or carries nothing
/// secret (`secret-unencrypted-in-unit`), and the units that apply encrypted objects can decrypt
/// them (`FluxDecryption`).
///
/// The file-based `secret-plaintext` check sees the files; this sees what units actually apply:
/// generated Secrets (files, env files, literals), patches and post-build substitution included.
/// A Secret that `secret-plaintext` already reports is not reported again.
public enum SOPSCoverage {
    /// `alreadyReported`: findings so far; a `secret-plaintext` finding at the position of one of
    /// a Secret's plaintext values stands for this one. `read` reads a repository file (generator
    /// sources are judged by their SOPS markers, as Flux does).
    public static func findings(in clusters: [ClusterRender], alreadyReported: [Diagnostic],
                                read: @escaping @Sendable (String) -> [UInt8]?) -> [Diagnostic] {
        var detection = SOPSDetection(read: read)
        let reported = Set(alreadyReported.filter { $0.rule == .plaintextSecret }.map { Place($0.location) })
        var found: [Diagnostic] = []
        for cluster in clusters {
            for unit in cluster.units {
                for resource in unit.resources.resources where resource.kind == "Secret" && resource.apiVersion == "v1" {
                    let plaintext = plaintextEntries(of: resource, detection: &detection)
                    guard !plaintext.isEmpty, !plaintext.contains(where: { $0.value.origin.map(Place.init).map(reported.contains) ?? false })
                    else { continue }
                    found.append(finding(resource, plaintext: plaintext, unit: unit))
                }
            }
            found += FluxDecryption.findings(in: cluster, detection: &detection)
        }
        // Clusters and units that apply the same file report it once, from the first of them.
        var seen = Set<String>()
        return found.filter { seen.insert("\($0.rule)|\($0.location.file):\($0.location.line):\($0.location.column)").inserted }
    }

    /// `data` then `stringData` entries that hold secret material in plaintext.
    static func plaintextEntries(of resource: Resource, detection: inout SOPSDetection) -> [Node.Entry] {
        let node = resource.node
        if SOPSDetection.hasMetadata(node) { return [] }
        var plaintext: [Node.Entry] = []
        for (field, encoded) in [("data", true), ("stringData", false)] {
            for entry in node[field]?.entries ?? [] {
                guard let text = entry.value.text, !isProtected(text, encoded: encoded) else { continue }
                if let file = SOPSDetection.sourceFile(of: entry.value, in: resource), detection.isEncryptedFile(file) { continue }
                if SecretValue.isSecret(text, encoded: encoded) { plaintext.append(entry) }
            }
        }
        return plaintext
    }

    /// Ciphertext, or a whole SOPS document (Flux decrypts those in `data`; in `stringData` they
    /// stay ciphertext, which is broken but not a leak).
    private static func isProtected(_ text: String, encoded: Bool) -> Bool {
        if SOPSDetection.isCiphertext(text) || SOPSDetection.containsMarker(Array(text.utf8)) { return true }
        guard encoded, let bytes = SOPSDetection.decoded(text) else { return false }
        return SOPSDetection.containsMarker(bytes) || SOPSDetection.isCiphertext(String(decoding: bytes, as: UTF8.self))
    }

    private static func finding(_ resource: Resource, plaintext: [Node.Entry], unit: RenderedUnit) -> Diagnostic {
        let first = plaintext[0].value.origin ?? resource.source
        let name = [resource.namespace, resource.name].filter { !$0.isEmpty }.joined(separator: "/")
        let keys = plaintext.map(\.key)
        let shown = keys.prefix(5).joined(separator: ", ") + (keys.count > 5 ? " and \(keys.count - 5) more" : "")
        // Generated values say which generator made them in the fix; others may come from a patch or substitution.
        let setBy = resource.behavior == nil ? first.changedBy.map { " (the first set by \($0))" } ?? "" : ""
        let generator = SOPSDetection.sourceFile(of: plaintext[0].value, in: resource)
        let fix: String
        if let generator {
            fix = "encrypt \(generator) with `sops --encrypt --in-place \(generator)`: Flux decrypts secretGenerator files and env files before building"
        } else if resource.behavior != nil {
            fix = "move the literals into a SOPS-encrypted env file referenced with `envs:`"
        } else {
            fix = "encrypt \(first.file) with `sops --encrypt --in-place \(first.file)`, or commit a kind designed for it instead (\(suggestedKinds))"
        }
        return Diagnostic(
            rule: .secretUnencryptedInUnit,
            message: "Secret \(name) applied by \(describe(unit)) is not SOPS-encrypted: \(keys.count) plaintext value\(keys.count == 1 ? "" : "s") (\(shown))\(setBy)",
            at: location(first),
            object: ObjectReference(apiVersion: "v1", kind: "Secret", namespace: resource.namespace.isEmpty ? nil : resource.namespace,
                                    name: resource.name),
            unit: reference(unit),
            related: resource.behavior == nil ? [] : [RelatedLocation(location(resource.source), "the secretGenerator")],
            fix: fix)
    }

    static let suggestedKinds = CommittedSecretKind.bundled.prefix(3).map(\.kind).joined(separator: ", ")

    static func describe(_ unit: RenderedUnit) -> String {
        let kind = unit.kind == .fluxKustomization ? "Kustomization" : "Application"
        return "\(kind) \(unit.key.namespace)/\(unit.key.name)"
    }

    static func reference(_ unit: RenderedUnit) -> UnitReference {
        UnitReference(kind: unit.key.kind, namespace: unit.key.namespace, name: unit.key.name)
    }

    static func location(_ origin: Origin) -> SourceLocation {
        SourceLocation(file: origin.file, line: origin.line, column: origin.column)
    }

    /// A file and line: the foundation check points at keys, renders at values, on the same line.
    private struct Place: Hashable {
        var file: String
        var line: Int
        init(_ location: SourceLocation) { (file, line) = (location.file, location.line) }
        init(_ origin: Origin) { (file, line) = (origin.file, origin.line) }
    }
}
