import Rendering

/// The `sops:` block of the first document (README §1.8), as far as checks and verification need it.
public struct SOPSMetadata: Sendable {
    /// Key groups; a file without `key_groups` has exactly one, from the top-level lists.
    public var keyGroups: [SOPSKeyGroup]
    public var shamirThreshold: Int?
    public var lastModified: String?
    /// The encrypted MAC as written (`ENC[…]`), nil when absent.
    public var mac: String?
    public var version: String?
    /// Every crypt rule present; more than one is an error in sops.
    public var cryptRules: [SOPSCryptRule]
    public var macOnlyEncrypted: Bool
    public var origin: Origin
    /// Positions of individual fields, for findings.
    var fieldOrigins: [String: Origin]

    /// The rule sops applies: the single one given, or the default.
    public var cryptRule: SOPSCryptRule { cryptRules.first ?? .default }

    public var recipients: Set<SOPSRecipient> {
        Set(keyGroups.flatMap(\.recipients))
    }

    static let keyKinds: [(key: String, kind: SOPSRecipient.Kind)] = [
        ("age", .age), ("pgp", .pgp), ("kms", .kms), ("gcp_kms", .gcpKMS), ("azure_kv", .azureKeyVault),
        ("hc_vault", .hcVault), ("hckms", .hckms),
    ]

    init(_ node: SOPSNode) {
        origin = node.origin
        var origins: [String: Origin] = [:]
        for entry in node.entries { origins[entry.key] = entry.value.origin }
        fieldOrigins = origins
        lastModified = node["lastmodified"]?.text
        mac = node["mac"]?.text
        version = node["version"]?.text
        macOnlyEncrypted = node["mac_only_encrypted"]?.text?.lowercased() == "true"
        shamirThreshold = node["shamir_threshold"]?.text.flatMap { Int($0) }
        cryptRules = node.entries.compactMap { entry in
            guard let text = entry.value.text, !text.isEmpty else { return nil }
            return SOPSCryptRule(key: entry.key, value: text)
        }
        let groups = node["key_groups"].map { groupsNode -> [SOPSKeyGroup] in
            guard case .sequence(let items) = groupsNode.value else { return [] }
            return items.map(SOPSMetadata.keyGroup)
        } ?? []
        keyGroups = groups.isEmpty ? [SOPSMetadata.keyGroup(node)] : groups
    }

    /// Reads the master key lists of one group (the metadata block itself or a `key_groups` item).
    static func keyGroup(_ node: SOPSNode) -> SOPSKeyGroup {
        var group = SOPSKeyGroup()
        for (key, kind) in keyKinds {
            guard case .sequence(let items)? = node[key]?.value else { continue }
            for item in items {
                guard let identifier = identifier(of: item, kind: kind) else { continue }
                group.recipients.append(SOPSRecipient(kind: kind, identifier: identifier))
                if kind == .age, let enc = item["enc"]?.text {
                    group.ageStanzas.append(.init(recipient: identifier, encryptedKey: enc))
                }
            }
        }
        return group
    }

    private static func identifier(of item: SOPSNode, kind: SOPSRecipient.Kind) -> String? {
        switch kind {
        case .age: return item["recipient"]?.text
        case .pgp: return item["fp"]?.text
        case .kms:
            guard let arn = item["arn"]?.text else { return nil }
            if let role = item["role"]?.text, !role.isEmpty { return arn + "+" + role }
            return arn
        case .gcpKMS: return item["resource_id"]?.text
        case .azureKeyVault:
            guard let url = item["vault_url"]?.text, let name = item["name"]?.text else { return nil }
            var url2 = url
            while url2.hasSuffix("/") { url2.removeLast() }
            if let version = item["version"]?.text, !version.isEmpty { return "\(url2)/keys/\(name)/\(version)" }
            return "\(url2)/keys/\(name)"
        case .hcVault:
            guard let address = item["vault_address"]?.text, let engine = item["engine_path"]?.text,
                  let name = item["key_name"]?.text else { return nil }
            return "\(address)/v1/\(engine)/keys/\(name)"
        case .hckms: return item["key_id"]?.text
        }
    }
}
