import Diagnostics
import Rendering

/// One problem in a SOPS file. It names the path and position of the offending value, never the
/// value: findings end up in reports, logs and CI output.
public struct SOPSFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        // Structure, without keys.
        case noSOPSMetadata = "no-sops-metadata"
        case malformedMetadata = "malformed-metadata"
        case plaintextAtEncryptedPath = "plaintext-at-encrypted-path"
        case malformedEncryptedValue = "malformed-encrypted-value"
        case ciphertextAtUnencryptedPath = "ciphertext-at-unencrypted-path"
        case multipleCryptRules = "multiple-crypt-rules"
        case invalidCryptRule = "invalid-crypt-rule"
        case commentCryptRuleUnchecked = "comment-crypt-rule-unchecked"
        case missingMAC = "missing-mac"
        case missingLastModified = "missing-lastmodified"
        case invalidLastModified = "invalid-lastmodified"
        case noRecipients = "no-recipients"
        case documentWithoutMetadata = "document-without-sops-metadata"
        case unsupportedDocument = "unsupported-document"
        case nonStringKey = "non-string-key"
        // Policy: valid SOPS, but not usable or not safe as a Kubernetes object.
        case encryptedKubernetesField = "encrypted-kubernetes-field"
        case plaintextSecretData = "plaintext-secret-data"
        // Verification with a key.
        case dataKeyUnavailable = "data-key-unavailable"
        case valueDoesNotDecrypt = "value-does-not-decrypt"
        case commentDoesNotDecrypt = "comment-does-not-decrypt"
        case macMismatch = "mac-mismatch"
        case secretDataNotBase64 = "secret-data-not-base64"
        // Creation rules (`.sops.yaml`).
        case noCreationRule = "no-creation-rule"
        case invalidPathRegex = "invalid-path-regex"
        case recipientsDifferFromRule = "recipients-differ-from-rule"
        case cryptRuleDiffersFromRule = "crypt-rule-differs-from-rule"

        public var severity: Severity {
            switch self {
            case .commentCryptRuleUnchecked, .commentDoesNotDecrypt: .info
            case .noSOPSMetadata, .ciphertextAtUnencryptedPath, .nonStringKey, .noCreationRule: .warning
            default: .error
            }
        }

        /// Findings about how the file is used as a Kubernetes object rather than about its format.
        public var isPolicy: Bool {
            self == .encryptedKubernetesField || self == .plaintextSecretData
        }
    }

    public let code: Code
    /// The value's path (`stringData:debug-token`, list items as `items[0]`), nil for the file.
    public let path: String?
    public let origin: Origin?
    public let message: String

    public init(_ code: Code, path: String? = nil, origin: Origin?, message: String) {
        self.code = code
        self.path = path
        self.origin = origin
        self.message = message
    }

    public var severity: Severity { code.severity }

    /// `code` or `code: path`, the form the conformance manifest uses.
    public var summary: String {
        guard let path else { return code.rawValue }
        return "\(code.rawValue): \(path)"
    }

    public var description: String {
        let place = origin.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
        return "\(place)\(severity.rawValue): \(message) [\(summary)]"
    }
}
