import Diagnostics
import Model
import Units
import YAMLTree

/// A Secret in Git must be SOPS-encrypted: plaintext `data`/`stringData` is readable by anyone
/// with the repository and stays in its history. References and placeholders (`SecretValue`)
/// carry no secret and are not reported; nor are empty values.
/// kustomize `secretGenerator` literals are secrets written into kustomization.yaml and are checked too.
public struct PlaintextSecretCheck: Check {
    public let rules: [RuleID] = [.plaintextSecret]

    public init() {}

    public func run(_ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for case .secret(let secret) in context.repository.objects where !secret.isEncrypted {
            let plaintext = secret.entries.filter { entry in
                guard entry.value.isScalar, let text = entry.value.string else { return false }
                return SecretValue.isSecret(text, encoded: entry.encoded)
            }
            guard let first = plaintext.first else { continue }
            let keys = plaintext.compactMap { $0.key.string }
            findings.append(Diagnostic(
                rule: .plaintextSecret,
                message: "Secret \(secret.object.name ?? "(unnamed)") is committed unencrypted: \(Self.describe(keys))",
                at: first.key.location, object: secret.object.reference,
                related: [RelatedLocation(secret.object.location, "the Secret starts here")],
                fix: "encrypt the file with `sops --encrypt --in-place \(secret.object.file)` or replace it with a SealedSecret or ExternalSecret"))
        }
        for (path, file) in context.repository.files where context.repository.classifier.role(of: path) == .kustomization {
            guard let root = file.documents.first?.root else { continue }
            for generator in root["secretGenerator"]?.elements ?? [] {
                let literals = (generator["literals"]?.elements ?? []).filter { literal in
                    guard let text = literal.string, let equals = text.firstIndex(of: "=") else { return false }
                    return SecretValue.isSecret(String(text[text.index(after: equals)...]), encoded: false)
                }
                guard let first = literals.first else { continue }
                let keys = literals.compactMap { $0.string?.split(separator: "=", maxSplits: 1).first.map(String.init) }
                findings.append(Diagnostic(
                    rule: .plaintextSecret,
                    message: "secretGenerator \(generator["name"]?.string ?? "(unnamed)") has plaintext literals: \(Self.describe(keys))",
                    at: first.location,
                    fix: "move the values into a SOPS-encrypted env file and reference it with `envs:`"))
            }
        }
        return findings
    }

    /// Keys are named, never values.
    static func describe(_ keys: [String]) -> String {
        let shown = keys.prefix(5).joined(separator: ", ")
        let more = keys.count > 5 ? " and \(keys.count - 5) more" : ""
        return "\(keys.count) plaintext value\(keys.count == 1 ? "" : "s") (\(shown)\(more))"
    }
}
