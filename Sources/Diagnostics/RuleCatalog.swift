import Foundation

/// The built-in rules. Each stage reports under these ids; the catalog is the single place their
/// metadata lives, so reports, configuration and documentation agree.
public enum RuleCatalog {
    /// Built-in rules, then registered ones (declarative policy rules), each id once.
    public static var all: [RuleDescriptor] { builtinRules + registry.descriptors }

    public static let builtinRules: [RuleDescriptor] = yaml + source + kustomize + rendering + units + ordering + secrets + sopsCoverage + sopsFiles

    public static let builtin: [RuleID: RuleDescriptor] = Dictionary(uniqueKeysWithValues: builtinRules.map { ($0.id, $0) })

    /// Adds rules defined outside this module (the `rules/` catalog, user rule directories) so
    /// `RuleID.descriptor`, configuration and reports know them. Built-in ids are never
    /// replaced; registering an id again replaces its earlier registration.
    public static func register(_ descriptors: [RuleDescriptor]) {
        registry.add(descriptors.filter { builtin[$0.id] == nil })
    }

    /// A built-in or registered rule.
    public static func descriptor(for id: RuleID) -> RuleDescriptor? {
        builtin[id] ?? registry.descriptor(for: id)
    }

    private static let registry = Registry()

    /// Registration happens once per catalog load, lookups on every finding: a lock is enough.
    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var byID: [RuleID: RuleDescriptor] = [:]

        var descriptors: [RuleDescriptor] {
            lock.withLock { byID.values.sorted { $0.id.rawValue < $1.id.rawValue } }
        }

        func descriptor(for id: RuleID) -> RuleDescriptor? {
            lock.withLock { byID[id] }
        }

        func add(_ descriptors: [RuleDescriptor]) {
            lock.withLock {
                for descriptor in descriptors { byID[descriptor.id] = descriptor }
            }
        }
    }

    static let yaml: [RuleDescriptor] = [
        .init(id: .yamlSyntax, category: "yaml", defaultSeverity: .error,
              summary: "The file is not valid YAML.",
              help: "The YAML parser stopped at this position (bad indentation, a tab used for indentation, an unclosed quote or bracket). Flux and Argo CD reject the whole file, so none of its objects is applied. Fix the syntax at the position shown."),
        .init(id: .yamlDuplicateKey, category: "yaml", defaultSeverity: .error,
              summary: "A mapping repeats a key.",
              help: "Kubernetes' YAML decoder and Flux reject mappings with repeated keys, and tools that accept them keep only one value silently. Remove or rename one of the keys."),
        .init(id: .yamlAliasBudget, category: "yaml", defaultSeverity: .error,
              summary: "Aliases expand beyond the allowed size (an alias bomb).",
              help: "Anchors and aliases that expand exponentially (the 'billion laughs' pattern) would exhaust memory in any consumer. Shipshape stops expanding at a fixed budget. Replace the nested aliases with plain content."),
        .init(id: .yamlDepth, category: "yaml", defaultSeverity: .error,
              summary: "Nesting is deeper than any Kubernetes object needs.",
              help: "Collections nested deeper than the limit are refused so that no stage recurses without bound. Real manifests stay far below it; this usually means generated or hostile input."),
        .init(id: .yamlBinary, category: "yaml", defaultSeverity: .error,
              summary: "A .yaml file holds binary data.",
              help: "The file contains NUL bytes, so it is not text. Flux's generated kustomization would fail to parse it. Remove it or rename it so it is not picked up as YAML."),
        .init(id: .yamlEncoding, category: "yaml", defaultSeverity: .error,
              summary: "A YAML file is not valid UTF-8.",
              help: "YAML streams must be Unicode. Re-save the file as UTF-8."),
        .init(id: .yamlTrailingTab, category: "yaml", defaultSeverity: .warning,
              summary: "A tab after a value that strict YAML parsers reject.",
              help: "Go's YAML parser (used by Flux, Argo CD and kubectl) accepts a tab after a value, but libyaml and PyYAML stop there, so other tooling in the pipeline may fail on this file. Remove the trailing tab."),
        .init(id: .yamlTemplate, category: "yaml", defaultSeverity: .info,
              summary: "A templated file that is not YAML until rendered.",
              help: "The file contains Go/Helm template syntax and does not parse as YAML. It is skipped; it is only valid after templating."),
        .init(id: .yamlNotObject, category: "yaml", defaultSeverity: .error,
              summary: "A document a unit applies is not a Kubernetes object.",
              help: "Every document that Flux or kustomize applies must be a mapping with apiVersion and kind; the build fails on anything else (Flux's generated kustomization takes every YAML file under the path). Add them, or move the file out of the unit's path."),
    ]

    static let source: [RuleDescriptor] = [
        .init(id: .pathEscape, category: "source", defaultSeverity: .error,
              summary: "A path leaves the repository root.",
              help: "A reference with '..' components points outside the repository. Flux and Argo CD only see the repository's own files, so the reference cannot work; Shipshape never reads it."),
        .init(id: .symlinkEscape, category: "source", defaultSeverity: .error,
              summary: "A symbolic link points outside the repository root.",
              help: "The link's target is outside the repository, so it is not part of what Flux or Argo CD fetch. Shipshape does not follow it. Replace the link with the content it should hold."),
        .init(id: .fileUnreadable, category: "source", defaultSeverity: .error,
              summary: "A file could not be read.",
              help: "The file exists in the tree but reading it failed (permissions, an I/O error or a size over the limit)."),
    ]

    static let kustomize: [RuleDescriptor] = [
        .init(id: .kustomizeMissingResource, category: "kustomize", defaultSeverity: .error,
              summary: "A kustomization lists a resource that does not exist.",
              help: "kustomize build fails when a path in resources, components or bases does not exist. Fix the path or remove the entry."),
        .init(id: .kustomizeCycle, category: "kustomize", defaultSeverity: .error,
              summary: "Kustomizations include each other in a cycle.",
              help: "A kustomization that (transitively) includes itself cannot be built. Break the cycle shown."),
        .init(id: .kustomizeRemoteBase, category: "kustomize", defaultSeverity: .info,
              summary: "A remote base is referenced and was not fetched.",
              help: "The resource is a URL. Shipshape never fetches remote content unless asked, so its objects are not analysed."),
        .init(id: .kustomizeInvalid, category: "kustomize", defaultSeverity: .error,
              summary: "A kustomization file has the wrong shape.",
              help: "A kustomization field has a type kustomize rejects (for example resources not being a list of strings)."),
    ]

    static let rendering: [RuleDescriptor] = [
        .init(id: .renderFailed, category: "rendering", defaultSeverity: .error,
              summary: "A unit does not render: kustomize build (as Flux or Argo CD runs it) fails.",
              help: "Shipshape renders every Flux Kustomization and Argo CD Application natively, with the controller's settings (Flux: no load restriction inside the source, generated kustomization; Argo CD: root-only loading). The build failed at the position shown (a patch with no target, a name conflict, a missing file, a merge that cannot apply), so the controller would fail the same way and apply nothing. Fix the input named in the message."),
        .init(id: .renderUnsupported, category: "rendering", defaultSeverity: .warning,
              summary: "A unit uses a feature Shipshape does not render, so its objects are not analysed.",
              help: "helmCharts, exec or KRM function plugins and remote bases are not run or fetched. The unit is skipped, not guessed; findings about its objects are missing. Render those parts in CI with their own tools, or move them to a HelmRelease."),
        .init(id: .substitutionUnset, category: "rendering", defaultSeverity: .error,
              summary: "A Flux post-build variable is used without a value or default.",
              help: "Since Flux 2.9 (kustomize-controller 1.9) substitution is strict: a ${VAR} with no value from postBuild.substitute or substituteFrom and no default (${VAR:=default}) fails the reconciliation. Define the variable, give it a default, escape it as $${VAR}, or opt the object out with the kustomize.toolkit.fluxcd.io/substitute: disabled annotation."),
        .init(id: .clusterDuplicateUnit, category: "rendering", defaultSeverity: .error,
              summary: "Two units of one cluster have the same kind, namespace and name.",
              help: "Flux keeps one object per kind, namespace and name: two rendered Kustomizations (or HelmReleases) with the same identity overwrite each other and only one is reconciled. Rename one of them."),
    ]

    static let units: [RuleDescriptor] = [
        .init(id: .unitPathMissing, category: "units", defaultSeverity: .error,
              summary: "A Flux Kustomization or Argo CD Application points at a path that does not exist.",
              help: "spec.path (Flux, relative to the source root) or spec.source.path (Argo CD) names a directory that is not in the repository at this revision, so reconciliation fails. Fix the path."),
        .init(id: .unitDuplicateObject, category: "units", defaultSeverity: .error,
              summary: "One unit applies the same object twice.",
              help: "kustomize refuses to build when two resources have the same group, kind, namespace and name (\"may not add resource with an already registered id\"). Remove one of them or give them different names."),
        .init(id: .dependsOnMissing, category: "units", defaultSeverity: .error,
              summary: "dependsOn names an object that does not exist.",
              help: "Flux waits for every dependency to become ready; one that does not exist keeps the dependent unit waiting forever. Fix the name (and namespace) or remove the entry."),
        .init(id: .dependsOnCycle, category: "units", defaultSeverity: .error,
              summary: "dependsOn forms a cycle.",
              help: "Units in a dependsOn cycle wait for each other and never reconcile. Flux does not report this; it just never becomes ready. Remove one edge of the cycle."),
        .init(id: .sourceOutsideRepository, category: "units", defaultSeverity: .info,
              summary: "A unit's source is not this repository, so its files are not analysed.",
              help: "The unit reads from a source (another Git repository, an OCI artifact, a bucket) that Shipshape cannot see. Map it to a local directory with `--source KIND/NAME=DIR` or `sources:` in .shipshape.yaml."),
    ]

    static let ordering: [RuleDescriptor] = [
        .init(id: .orderMissing, category: "ordering", defaultSeverity: .error,
              summary: "An object needs something another unit provides, and nothing orders the two units.",
              help: "The consumer (a custom resource, an object in a namespace, a GPU pod, a device plugin selecting NFD labels…) requires a provider (its CRD, its Namespace, a device plugin, node-feature-discovery…) that a different unit applies. Flux orders units only through transitive dependsOn, and Argo CD orders sibling Applications only by sync wave, so on a fresh cluster (or after the provider changes) the consumer is applied first and fails or stays pending. Add the dependsOn named in the fix to the consumer's unit."),
        .init(id: .orderWeak, category: "ordering", defaultSeverity: .warning,
              summary: "The declared order applies the provider first but does not wait for it to be ready.",
              help: "The consumer's unit depends on the provider's unit, but that unit has neither wait: true nor healthChecks, so Flux marks it ready as soon as its objects are applied (a CRD not yet established, a device plugin not yet advertising GPUs). Argo CD child Applications are not health-gated at all since Argo CD 1.8. Set wait: true (or healthChecks) on the provider's unit."),
        .init(id: .requirementExternal, category: "ordering", defaultSeverity: .info,
              summary: "A required provider is not defined in the repository: it is expected to exist in the cluster.",
              help: "An object needs a CRD, a Namespace, a GPU provider, node-feature-discovery, a DeviceClass or a ServingRuntime that no unit of this cluster applies (and no known chart installs). It must be installed some other way before the consumer is applied. Reported once per provider; turn the rule off in .shipshape.yaml if these are managed elsewhere, or teach Shipshape a chart in rules/charts.yaml."),
        .init(id: .dependsOnSuspended, category: "ordering", defaultSeverity: .warning,
              summary: "dependsOn names a suspended unit, which never becomes ready.",
              help: "A suspended Kustomization or HelmRelease is not reconciled, so units that depend on it wait forever (or use a stale state). Resume it or remove the dependency."),
        .init(id: .argoWaveInversion, category: "ordering", defaultSeverity: .error,
              summary: "Inside an Argo CD Application, an object is synced in an earlier wave than something it needs.",
              help: "Argo CD syncs an Application's objects by phase, then sync wave, then kind, and waits for each wave to be healthy. An object in a lower wave than its provider is applied first (only Namespaces and CRDs are moved ahead automatically). Give the provider a lower or equal argocd.argoproj.io/sync-wave."),
        .init(id: .argoCRDLaterWave, category: "ordering", defaultSeverity: .error,
              summary: "An Argo CD Application's custom resources come from an Application in a later wave.",
              help: "Sibling Applications are created in sync-wave order, so the CRDs the app needs are installed after it syncs and its custom resources fail with \"no matches for kind\". Move the CRD Application to a lower wave (and give Applications a health check if the app must wait for it)."),
        .init(id: .objectMultipleOwners, category: "ordering", defaultSeverity: .error,
              summary: "Two units apply the same object.",
              help: "Each Flux Kustomization (or Argo CD Application) owns what it applies and prunes what it no longer applies; two owners overwrite each other on every reconciliation and one may delete the object. Keep the object in one unit."),
        .init(id: .fileUnreached, category: "ordering", defaultSeverity: .info,
              summary: "A file with Kubernetes objects is applied by no unit of any cluster.",
              help: "No rendered unit applies, patches or generates from this file, so its objects never reach a cluster. It may be an archive or a leftover; delete it, or reference it from a kustomization."),
    ]

    static let secrets: [RuleDescriptor] = [
        .init(id: .plaintextSecret, category: "secrets", defaultSeverity: .error,
              summary: "A Secret is committed without SOPS encryption.",
              help: "The Secret's data or stringData is plaintext in Git: anyone with read access to the repository has the secret, and it stays in history. Encrypt the file with `sops --encrypt --in-place` (and a .sops.yaml creation rule), or use SealedSecrets or ExternalSecrets."),
    ]
    static let sopsFiles: [RuleDescriptor] = [
        .init(id: .sopsStructure, category: "sops", defaultSeverity: .error,
              summary: "A SOPS file is malformed: metadata, MAC, crypt rule or encrypted values.",
              help: "The file has a `sops:` block but sops (and Flux) cannot use it as written: missing or broken metadata (mac, lastmodified, recipients), more than one crypt rule, an ENC[AES256_GCM,…] value that does not parse, or ciphertext where the crypt rule keeps values plaintext. Re-encrypt the file with sops instead of editing it by hand."),
        .init(id: .sopsPlaintextValue, category: "sops", defaultSeverity: .error,
              summary: "A value the file's crypt rule requires to be encrypted is plaintext.",
              help: "sops encrypts every value its crypt rule selects (encrypted_regex, suffixes). A plaintext value there was added after encryption: it is in Git in clear, and sops refuses to decrypt the file (\"does not match sops' data\"). Run `sops --encrypt --in-place` on a decrypted copy, or `sops edit` the file."),
        .init(id: .sopsKubernetesFieldsEncrypted, category: "sops", defaultSeverity: .error,
              summary: "apiVersion, kind or metadata is encrypted, so Flux cannot handle the object.",
              help: "Without an encrypted_regex (or suffix) limiting encryption to data/stringData, sops encrypts apiVersion, kind and metadata too, and kustomize cannot identify the object. Add `encrypted_regex: ^(data|stringData)$` to the .sops.yaml creation rule and re-encrypt."),
        .init(id: .sopsCreationRuleMismatch, category: "sops", defaultSeverity: .warning,
              summary: "An encrypted file does not follow the .sops.yaml creation rule that governs it.",
              help: "sops applies creation rules only when it creates a file, so a file can drift from the repository's policy: no rule matches its path, its recipients differ from the rule's (a key was rotated and this file was not `sops updatekeys`-ed), or its crypt rule differs. The first rule whose unanchored path_regex matches the path relative to .sops.yaml governs the file."),
        .init(id: .sopsVerificationFailed, category: "sops", defaultSeverity: .error,
              summary: "With the key, a value does not decrypt or the file's MAC does not match: tampered or broken.",
              help: "Given an age identity (--age-key or SOPS_AGE_KEY_FILE), Shipshape unwraps the data key, decrypts every value (AES-256-GCM with the value's path as additional data) and recomputes the MAC over all values. A value that fails authentication was altered or moved; a MAC mismatch means a value was replaced or a plaintext field edited after encryption. Flux does not check the MAC. Decrypted Secret data must also be valid base64. No value is ever printed."),
        .init(id: .sopsNotVerifiable, category: "sops", defaultSeverity: .info,
              summary: "The file's recipients do not include the key given, so it was not verified.",
              help: "None of the provided age identities is a recipient of the file. That is not an error in the file; give the right key to verify it."),
    ]

    static let sopsCoverage: [RuleDescriptor] = [
        .init(id: .secretUnencryptedInUnit, category: "sops", defaultSeverity: .error,
              summary: "A unit applies a Secret with plaintext values.",
              help: "Every Secret a Flux Kustomization or Argo CD Application applies must be SOPS-encrypted, carry no secret values (empty values and placeholders such as ${VAR} are fine), or be replaced by a kind designed to be committed (SealedSecret, ExternalSecret and the others in rules/committed-secret-kinds.yml). This sees what the unit applies, so Secrets built by secretGenerator from plaintext files or env files, and values put in by patches or post-build substitution, are covered; a generator source that is SOPS-encrypted counts as encrypted, because Flux decrypts those before building. A Secret that secret-plaintext already reports at the same line is not reported twice. Encrypt the source with `sops --encrypt --in-place`."),
        .init(id: .sopsDecryptionMissing, category: "sops", defaultSeverity: .error,
              summary: "A Flux Kustomization applies SOPS-encrypted objects without decryption.provider: sops.",
              help: "kustomize-controller decrypts only when the Kustomization sets spec.decryption.provider: sops. Without it an encrypted Secret fails the whole reconciliation (\"is SOPS encrypted, configuring decryption is required\"), and other encrypted objects or generated Secrets are applied as ciphertext. Objects annotated kustomize.toolkit.fluxcd.io/decrypt: disabled are not counted. Add spec.decryption with provider: sops and a secretRef."),
        .init(id: .sopsDecryptionNoSecretRef, category: "sops", defaultSeverity: .warning,
              summary: "A Flux Kustomization decrypts SOPS without a secretRef.",
              help: "age and PGP private keys come from the Secret named by spec.decryption.secretRef. Without one, only an age key in the controller-wide fallback Secret (kustomize-controller --sops-age-secret) can decrypt; PGP and Vault tokens have no fallback. Cloud KMS recipients (AWS, GCP, Azure) authenticate through workload identity and are not reported. Set secretRef, or make sure the controller flag is configured."),
        .init(id: .sopsDecryptionSecretExternal, category: "sops", defaultSeverity: .info,
              summary: "The SOPS decryption Secret is not in the repository: it is expected to pre-exist.",
              help: "The Secret named by spec.decryption.secretRef holds the private key, so it is normally created at bootstrap (kubectl create secret generic sops-age --from-file=age.agekey=...) and must never be committed unencrypted. Reported once per Secret and cluster so that a missing bootstrap step is visible; turn the rule off if the Secret is managed elsewhere."),
        .init(id: .sopsArgoNoDecryption, category: "sops", defaultSeverity: .warning,
              summary: "An Argo CD Application applies SOPS-encrypted objects.",
              help: "Argo CD has no built-in SOPS support: encrypted objects reach the cluster as ciphertext (an encrypted Secret is rejected for its unknown sops field). Decrypt through a config management plugin (KSOPS, helm-secrets), or commit SealedSecrets or ExternalSecrets instead."),
    ]
}

extension RuleID {
    public static let yamlSyntax: RuleID = "yaml-syntax"
    public static let yamlDuplicateKey: RuleID = "yaml-duplicate-key"
    public static let yamlAliasBudget: RuleID = "yaml-alias-budget"
    public static let yamlDepth: RuleID = "yaml-depth"
    public static let yamlBinary: RuleID = "yaml-binary"
    public static let yamlEncoding: RuleID = "yaml-encoding"
    public static let yamlTrailingTab: RuleID = "yaml-trailing-tab"
    public static let yamlTemplate: RuleID = "yaml-template"
    public static let yamlNotObject: RuleID = "yaml-not-object"
    public static let pathEscape: RuleID = "path-escape"
    public static let symlinkEscape: RuleID = "symlink-escape"
    public static let fileUnreadable: RuleID = "file-unreadable"
    public static let kustomizeMissingResource: RuleID = "kustomize-missing-resource"
    public static let kustomizeCycle: RuleID = "kustomize-cycle"
    public static let kustomizeRemoteBase: RuleID = "kustomize-remote-base"
    public static let kustomizeInvalid: RuleID = "kustomize-invalid"
    public static let renderFailed: RuleID = "render-failed"
    public static let renderUnsupported: RuleID = "render-unsupported"
    public static let substitutionUnset: RuleID = "substitution-unset"
    public static let clusterDuplicateUnit: RuleID = "cluster-duplicate-unit"
    public static let unitPathMissing: RuleID = "unit-path-missing"
    public static let unitDuplicateObject: RuleID = "unit-duplicate-object"
    public static let dependsOnMissing: RuleID = "depends-on-missing"
    public static let dependsOnCycle: RuleID = "depends-on-cycle"
    public static let sourceOutsideRepository: RuleID = "source-outside-repository"
    public static let plaintextSecret: RuleID = "secret-plaintext"
    public static let orderMissing: RuleID = "order-missing"
    public static let orderWeak: RuleID = "order-weak"
    public static let requirementExternal: RuleID = "requirement-external"
    public static let dependsOnSuspended: RuleID = "depends-on-suspended"
    public static let argoWaveInversion: RuleID = "argo-wave-inversion"
    public static let argoCRDLaterWave: RuleID = "argo-crd-later-wave"
    public static let objectMultipleOwners: RuleID = "object-multiple-owners"
    public static let fileUnreached: RuleID = "file-unreached"
    public static let sopsStructure: RuleID = "sops-structure"
    public static let sopsPlaintextValue: RuleID = "sops-plaintext-value"
    public static let sopsKubernetesFieldsEncrypted: RuleID = "sops-kubernetes-fields-encrypted"
    public static let sopsCreationRuleMismatch: RuleID = "sops-creation-rule-mismatch"
    public static let sopsVerificationFailed: RuleID = "sops-verification-failed"
    public static let sopsNotVerifiable: RuleID = "sops-not-verifiable"
    public static let secretUnencryptedInUnit: RuleID = "secret-unencrypted-in-unit"
    public static let sopsDecryptionMissing: RuleID = "sops-decryption-missing"
    public static let sopsDecryptionNoSecretRef: RuleID = "sops-decryption-no-secret-ref"
    public static let sopsDecryptionSecretExternal: RuleID = "sops-decryption-secret-external"
    public static let sopsArgoNoDecryption: RuleID = "sops-argo-no-decryption"
}
