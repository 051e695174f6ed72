import Diagnostics
import Rendering
import SourceTree

/// Every SOPS-encrypted file of a tree, checked without a key (structure, Kubernetes use, the
/// governing `.sops.yaml` creation rule) and, given age identities, verified (every value
/// decrypts, the MAC matches). One stage for `lint` and `shipshape sops check|verify`.
public struct SOPSRepositoryCheck: Sendable {
    /// What was found, per file and overall.
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        /// Files recognised as SOPS-encrypted, sorted.
        public var files: [String]
        /// With identities: files whose values all decrypted and whose MAC matched.
        public var verified: Int
        public var notVerifiable: Int
    }

    public let identities: [AgeIdentity]

    public init(identities: [AgeIdentity] = []) { self.identities = identities }

    /// `paths` limits the check to these files or directories (repository-relative; all when empty).
    /// `fileSystem` lets a caller that already read the tree (lint's rendering) share its cache.
    public func run(_ tree: SourceTree, paths: [String] = [], fileSystem given: TreeFileSystem? = nil) -> Result {
        let fileSystem = given ?? TreeFileSystem(tree: tree)
        let candidates = tree.files.filter { file in
            let lower = file.lowercased()
            guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") else { return false }
            guard !paths.isEmpty else { return true }
            return paths.contains { $0.isEmpty || file == $0 || file.hasPrefix($0 + "/") }
        }.sorted()
        var result = Result(diagnostics: [], files: [], verified: 0, notVerifiable: 0)
        let verifier = identities.isEmpty ? nil : SOPSVerifier(identities: identities)
        for path in candidates {
            // A file named explicitly must be encrypted; in a directory only SOPS files are checked.
            let named = paths.contains(path)
            guard let bytes = try? fileSystem.read(path), named || SOPSFile.mightBeEncrypted(bytes) else { continue }
            let file: SOPSFile
            do {
                file = try SOPSFile(parsing: bytes, path: path)
            } catch {
                result.diagnostics.append(Diagnostic(rule: .sopsStructure, message: "\(path) cannot be read as SOPS: \(error.message)",
                                                     at: .startOf(path)))
                continue
            }
            guard file.isEncrypted else {
                if named {
                    result.diagnostics.append(Diagnostic(rule: .sopsPlaintextValue,
                        message: "\(path) is not encrypted with SOPS (no sops metadata)", at: .startOf(path),
                        fix: "encrypt it with `sops --encrypt --in-place \(path)`"))
                }
                continue
            }
            result.files.append(path)
            var findings = file.check()
            do {
                if let (rules, relative) = try SOPSCreationRules.governing(for: path, in: fileSystem) {
                    findings += rules.match(file, relativePath: relative).findings
                }
            } catch {
                result.diagnostics.append(Diagnostic(rule: .sopsCreationRuleMismatch, message: error.message, at: .startOf(path)))
            }
            if let verifier {
                let verification = verifier.verify(file)
                findings += verification.findings
                switch verification.decrypt {
                case .ok:
                    if verification.mac == .ok { result.verified += 1 }
                    // The verifier names the cause at its position; a file-level line only when it does not.
                    if let mac = verification.mac, mac != .ok, verification.findings.isEmpty {
                        let cause: String
                        switch mac {
                        case .mismatch(let reason): cause = reason
                        case .missing: cause = "the file has no MAC"
                        case .ok: cause = ""
                        }
                        result.diagnostics.append(Diagnostic(rule: .sopsVerificationFailed,
                            message: "\(path): MAC does not verify (\(cause)): a value was changed or replaced after encryption",
                            at: .startOf(path), fix: "restore the file from a trusted revision, or re-encrypt it from its plaintext with sops"))
                    }
                case .error(let reason) where verification.findings.isEmpty:
                    result.diagnostics.append(Diagnostic(rule: .sopsVerificationFailed,
                        message: "\(path) does not decrypt with the given key: \(reason)", at: .startOf(path)))
                case .error:
                    break
                case .notVerifiable(let reason):
                    result.notVerifiable += 1
                    result.diagnostics.append(Diagnostic(rule: .sopsNotVerifiable, message: "\(path): \(reason)", at: .startOf(path)))
                }
            }
            result.diagnostics += findings.compactMap { Self.diagnostic($0, file: path) }
        }
        result.diagnostics = Array(Set(result.diagnostics)).sorted()
        return result
    }

    /// A finding under the rule of its family, at its value's position, with its own severity.
    static func diagnostic(_ finding: SOPSFinding, file: String) -> Diagnostic? {
        let rule: RuleID
        switch finding.code {
        case .noSOPSMetadata: return nil
        case .plaintextAtEncryptedPath, .plaintextSecretData: rule = .sopsPlaintextValue
        case .encryptedKubernetesField: rule = .sopsKubernetesFieldsEncrypted
        case .noCreationRule, .invalidPathRegex, .recipientsDifferFromRule, .cryptRuleDiffersFromRule: rule = .sopsCreationRuleMismatch
        case .dataKeyUnavailable, .valueDoesNotDecrypt, .commentDoesNotDecrypt, .macMismatch, .secretDataNotBase64: rule = .sopsVerificationFailed
        default: rule = .sopsStructure
        }
        let location = finding.origin.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column) } ?? .startOf(file)
        return Diagnostic(rule: rule, severity: finding.severity, message: finding.message, at: location)
    }
}
