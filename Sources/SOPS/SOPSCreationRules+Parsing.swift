import Foundation
import CEL

extension SOPSCreationRules {
    static func rule(_ node: SOPSNode, index: Int) -> SOPSCreationRule {
        let pattern = node["path_regex"]?.text.flatMap { $0.isEmpty ? nil : $0 }
        var regex: PCRE2Regex?
        var regexError: String?
        if let pattern {
            do { regex = try PCRE2Regex(pattern) } catch { regexError = "\(error)" }
        }
        var groups: [Set<SOPSRecipient>] = []
        if case .sequence(let items)? = node["key_groups"]?.value, !items.isEmpty {
            groups = items.map { keyGroup($0, depth: 0) }
        } else {
            groups = [flatGroup(node)]
        }
        let cryptRules = node.entries.compactMap { entry -> SOPSCryptRule? in
            guard let text = entry.value.text, !text.isEmpty else { return nil }
            return SOPSCryptRule(key: entry.key, value: text)
        }
        return SOPSCreationRule(
            index: index, pathRegex: pattern, keyGroups: groups,
            shamirThreshold: node["shamir_threshold"]?.text.flatMap { Int($0) },
            cryptRules: cryptRules, macOnlyEncrypted: node["mac_only_encrypted"]?.text?.lowercased() == "true",
            origin: node.origin, regex: regex, regexError: regexError)
    }

    /// Flat keys: each a comma-separated string or a list of strings.
    private static func flatGroup(_ node: SOPSNode) -> Set<SOPSRecipient> {
        var group: Set<SOPSRecipient> = []
        let fields: [(String, SOPSRecipient.Kind)] = [
            ("age", .age), ("pgp", .pgp), ("kms", .kms), ("gcp_kms", .gcpKMS), ("azure_keyvault", .azureKeyVault),
            ("hc_vault_transit_uri", .hcVault), ("hckms", .hckms),
        ]
        for (key, kind) in fields {
            for item in strings(node[key]) {
                group.insert(SOPSRecipient(kind: kind, identifier: item))
            }
        }
        return group
    }

    /// A `key_groups` item: lists of strings (age, pgp, hc_vault) or of maps (kms, gcp_kms,
    /// azure_keyvault, hckms), plus `merge` of nested groups.
    private static func keyGroup(_ node: SOPSNode, depth: Int) -> Set<SOPSRecipient> {
        var group: Set<SOPSRecipient> = []
        for item in strings(node["age"]) { group.insert(SOPSRecipient(kind: .age, identifier: item)) }
        for item in strings(node["pgp"]) { group.insert(SOPSRecipient(kind: .pgp, identifier: item)) }
        for item in strings(node["hc_vault"]) { group.insert(SOPSRecipient(kind: .hcVault, identifier: item)) }
        for item in maps(node["kms"]) {
            guard let arn = item["arn"]?.text else { continue }
            let role = item["role"]?.text ?? ""
            group.insert(SOPSRecipient(kind: .kms, identifier: role.isEmpty ? arn : arn + "+" + role))
        }
        for item in maps(node["gcp_kms"]) {
            if let id = item["resource_id"]?.text { group.insert(SOPSRecipient(kind: .gcpKMS, identifier: id)) }
        }
        for item in maps(node["azure_keyvault"]) {
            guard var url = item["vaultUrl"]?.text, let name = item["key"]?.text else { continue }
            while url.hasSuffix("/") { url.removeLast() }
            let version = item["version"]?.text ?? ""
            group.insert(SOPSRecipient(kind: .azureKeyVault, identifier: version.isEmpty ? "\(url)/keys/\(name)" : "\(url)/keys/\(name)/\(version)"))
        }
        for item in maps(node["hckms"]) {
            if let id = item["key_id"]?.text { group.insert(SOPSRecipient(kind: .hckms, identifier: id)) }
        }
        if depth < 16 {
            for item in maps(node["merge"]) { group.formUnion(keyGroup(item, depth: depth + 1)) }
        }
        return group
    }

    private static func strings(_ node: SOPSNode?) -> [String] {
        guard let node else { return [] }
        let raw: [String]
        switch node.value {
        case .scalar: raw = node.text.map { [$0] } ?? []
        case .sequence(let items): raw = items.compactMap(\.text)
        case .mapping: raw = []
        }
        return raw.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    private static func maps(_ node: SOPSNode?) -> [SOPSNode] {
        guard case .sequence(let items)? = node?.value else { return [] }
        return items.filter(\.isMapping)
    }
}
