import Foundation

/// A master key the data key is wrapped for, reduced to what identifies it, so a file's
/// metadata and a `.sops.yaml` rule can be compared.
public struct SOPSRecipient: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case age, pgp, kms, gcpKMS = "gcp_kms", azureKeyVault = "azure_kv", hcVault = "hc_vault", hckms
    }

    public let kind: Kind
    /// The canonical identifier: age recipient, upper-case PGP fingerprint, KMS ARN (+role),
    /// GCP resource id, Azure `vaultURL/keys/name[/version]`, Vault transit URI, HC KMS key id.
    public let identifier: String

    public init(kind: Kind, identifier: String) {
        self.kind = kind
        self.identifier = SOPSRecipient.canonical(identifier, kind: kind)
    }

    public var description: String { "\(kind.rawValue):\(identifier)" }

    static func canonical(_ text: String, kind: Kind) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .pgp: return trimmed.replacingOccurrences(of: " ", with: "").uppercased()
        case .azureKeyVault, .hcVault:
            var url = trimmed
            while url.hasSuffix("/") { url.removeLast() }
            return url
        default: return trimmed
        }
    }
}

/// One key group: any one of its keys recovers the group's part of the data key.
public struct SOPSKeyGroup: Sendable, Hashable {
    public var recipients: [SOPSRecipient]
    /// The age entries with their wrapped data key (an armored age file).
    public var ageStanzas: [AgeEntry]

    public struct AgeEntry: Sendable, Hashable {
        public var recipient: String
        /// The armored age file holding this group's part of the data key (not secret by itself).
        public var encryptedKey: String
    }

    public init(recipients: [SOPSRecipient] = [], ageStanzas: [AgeEntry] = []) {
        self.recipients = recipients
        self.ageStanzas = ageStanzas
    }

    public var recipientSet: Set<SOPSRecipient> { Set(recipients) }
}
