import Diagnostics
import Foundation
@testable import Lint
import SourceTree
import Testing

/// SOPS in the rendered clusters: coverage of every applied Secret, and the Flux/Argo CD
/// decryption wiring, on fixture repositories with fake (well-formed, keyless) SOPS metadata.
struct SOPSCoverageTests {
    static let fixtures = TestPaths.packageRoot + "/Tests/Fixtures"
    static let rules: Set<RuleID> = [.secretUnencryptedInUnit, .sopsDecryptionMissing, .sopsDecryptionNoSecretRef,
                                     .sopsDecryptionSecretExternal, .sopsArgoNoDecryption]

    static func lint(_ fixture: String) throws -> LintRun {
        try Linter.lint(try SourceTree.workingDirectory(at: "\(fixtures)/\(fixture)"))
    }

    /// `file:line:column rule message` of this feature's findings, in report order.
    static func findings(_ run: LintRun, rules: Set<RuleID> = rules) -> [String] {
        run.diagnostics.filter { rules.contains($0.rule) }
            .map { "\($0.location.file):\($0.location.line):\($0.location.column) \($0.rule) \($0.message)" }
    }

    @Test func coverageReportsWhatUnitsApplyInPlaintext() throws {
        let run = try Self.lint("sops-coverage/triggers")
        #expect(Self.findings(run) == [
            "apps/plain.env:2:1 secret-unencrypted-in-unit Secret default/plain-env applied by Kustomization flux-system/apps is not SOPS-encrypted: 1 plaintext value (SMTP_PASSWORD)",
            "apps/substituted-secret.yaml:6:13 secret-unencrypted-in-unit Secret default/app-db applied by Kustomization flux-system/apps is not SOPS-encrypted: 1 plaintext value (password) (the first set by postBuild substitution (flux-system/apps))",
            "apps/tls.key:1:1 secret-unencrypted-in-unit Secret default/plain-file applied by Kustomization flux-system/apps is not SOPS-encrypted: 1 plaintext value (tls.key)",
            "clusters/prod/flux-system/gotk-sync.yaml:28:13 sops-decryption-secret-external decryption Secret flux-system/sops-age (named by Kustomization flux-system/flux-system and 1 more) is not defined by cluster prod: expected to pre-exist",
        ])
        let generated = try #require(run.diagnostics.first { $0.location.file == "apps/tls.key" })
        #expect(generated.fix?.hasPrefix("encrypt apps/tls.key with `sops --encrypt --in-place apps/tls.key`") == true)
        #expect(generated.related.map(\.location.file) == ["apps/kustomization.yaml"])
    }

    /// A Secret the file-based check reports (a plaintext file, a generator literal) is reported once.
    @Test func fileFindingsAreNotRepeated() throws {
        let run = try Self.lint("sops-coverage/triggers")
        let plaintext = Self.findings(run, rules: [.plaintextSecret])
        #expect(plaintext.contains { $0.hasPrefix("apps/plain-secret.yaml:6:3 ") })
        #expect(plaintext.contains { $0.hasPrefix("apps/kustomization.yaml:13:9 ") })
        let places = run.diagnostics.filter { $0.rule == .plaintextSecret || $0.rule == .secretUnencryptedInUnit }
            .map { "\($0.location.file):\($0.location.line)" }
        #expect(places.count == Set(places).count, "\(places)")
    }

    /// Encrypted Secrets, generators from encrypted env and YAML files, placeholders and empty
    /// values; cloud KMS recipients need no secretRef.
    @Test func coverageCleanFixtureIsClean() throws {
        let run = try Self.lint("sops-coverage/clean")
        #expect(Self.findings(run, rules: Self.rules.union([.plaintextSecret])) == [])
        #expect(run.summary.units == 2)
    }

    @Test func decryptionWiringFindings() throws {
        let run = try Self.lint("sops-flux-decryption/triggers")
        #expect(Self.findings(run) == [
            "argocd/payments.yaml:1:1 sops-argo-no-decryption Application argocd/payments applies a SOPS-encrypted object (Secret default/payments-db), but Argo CD does not decrypt SOPS, so the cluster gets ciphertext",
            "clusters/prod/apps.yaml:7:3 sops-decryption-missing Kustomization flux-system/apps applies 2 SOPS-encrypted objects (first: Secret default/encrypted-file) but does not set spec.decryption.provider: sops: Flux cannot decrypt them",
            "clusters/prod/billing.yaml:16:13 sops-decryption-secret-external decryption Secret flux-system/sops-age (named by Kustomization flux-system/billing and 1 more) is not defined by cluster prod: expected to pre-exist",
            "clusters/prod/generated.yaml:14:5 sops-decryption-no-secret-ref Kustomization flux-system/generated decrypts SOPS without spec.decryption.secretRef: only an age key in the Secret named by kustomize-controller's --sops-age-secret flag can decrypt Secret default/encrypted-env",
        ])
        // The generator reads an encrypted file: the related location is that file.
        let missing = try #require(run.diagnostics.first { $0.rule == .sopsDecryptionMissing })
        #expect(missing.related.map { "\($0.location.file):\($0.location.line)" } == ["apps/config.enc.yaml:1"])
        #expect(missing.severity == .error)
        // `operator` applies only an object opted out with `decrypt: Disabled`; the KSOPS
        // Application decrypts through its plugin.
        #expect(!run.diagnostics.contains { $0.unit?.name == "operator" || $0.unit?.name == "payments-ksops" })
    }

    /// A decryption Secret the render defines (here as a SealedSecret), an opted-out object, and
    /// a unit with provider and secretRef.
    @Test func decryptionCleanFixtureIsClean() throws {
        let run = try Self.lint("sops-flux-decryption/clean")
        #expect(Self.findings(run, rules: Self.rules.union([.plaintextSecret])) == [])
        #expect(run.summary.units == 3)
    }

    @Test func noFindingShowsCiphertextOrValues() throws {
        for fixture in ["sops-coverage/triggers", "sops-flux-decryption/triggers"] {
            for finding in try Self.lint(fixture).diagnostics {
                let text = ([finding.message, finding.fix ?? ""] + finding.related.map(\.message)).joined(separator: "\n")
                for forbidden in ["ENC[", "hunter2", "correct-horse", "AGE ENCRYPTED", "PRIVATE KEY"] {
                    #expect(!text.contains(forbidden), "\(finding.rule) at \(finding.location.file):\(finding.location.line) shows forbidden text")
                }
            }
        }
    }

    /// The fixtures' opt-out is written `Disabled`: Flux compares case-insensitively.
    @Test func ciphertextAndMarkers() throws {
        #expect(SOPSDetection.isCiphertext("ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str]"))
        #expect(!SOPSDetection.isCiphertext("ENC[not sops]"))
        let document = Array("KEY=ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str]\nsops_mac=ENC[AES256_GCM,data:AA==]\n".utf8)
        let encoded = Data(document).base64EncodedString(options: .lineLength64Characters)
        #expect(SOPSDetection.decoded(encoded).map(SOPSDetection.containsMarker) == true)
        #expect(SOPSDetection.keyTypes(inDocument: Array("sops_kms__list_0__map_arn=x\nsops_mac=ENC[".utf8)) == ["kms"])
        #expect(SOPSDetection.keyTypes(inDocument: Array("plain: yaml\n".utf8)) == nil)
    }

    @Test func committedKindsFileParsesAndIsEmbedded() throws {
        let path = TestPaths.packageRoot + "/rules/committed-secret-kinds.yml"
        let disk = try String(contentsOfFile: path, encoding: .utf8)
        #expect(disk == CommittedSecretKinds.yaml, "rules/committed-secret-kinds.yml changed: run scripts/embed-committed-kinds.py")
        let kinds = CommittedSecretKind.bundled
        #expect(kinds.count >= 10)
        #expect(kinds.allSatisfy { !$0.group.isEmpty && !$0.kind.isEmpty && !$0.why.isEmpty })
        for expected in ["SealedSecret", "ExternalSecret", "ClusterExternalSecret", "PushSecret", "OnePasswordItem",
                         "VaultStaticSecret", "VaultDynamicSecret", "InfisicalSecret"] {
            #expect(kinds.contains { $0.kind == expected }, "\(expected) missing")
        }
        #expect(Set(kinds.map { "\($0.group)/\($0.kind)" }).count == kinds.count)
    }
}
