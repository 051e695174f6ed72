import Rendering

extension SOPSFile {
    /// The key-less check (issue 6, deliverable 1): metadata complete, every value the file's rule
    /// requires encrypted is a well-formed `ENC[…]` (empty strings and nulls excepted), and the
    /// object stays usable by Flux. An empty result means the file is structurally sound.
    public func check() -> [SOPSFinding] {
        guard let metadata else {
            return [SOPSFinding(.noSOPSMetadata, origin: documents.first?.origin ?? Origin(file: path, line: 1, column: 1),
                                message: "no sops metadata: the file is not SOPS-encrypted")]
        }
        var findings = metadataFindings(metadata)
        let matcher: CryptRuleMatcher?
        do {
            matcher = try CryptRuleMatcher(metadata.cryptRule)
        } catch {
            matcher = nil
            findings.append(SOPSFinding(.invalidCryptRule, origin: metadata.fieldOrigins[metadata.cryptRule.key] ?? metadata.origin,
                                        message: "\(metadata.cryptRule.key) is not a valid RE2 pattern: \(error)"))
        }
        if metadata.cryptRule.dependsOnComments {
            findings.append(SOPSFinding(.commentCryptRuleUnchecked, origin: metadata.fieldOrigins[metadata.cryptRule.key] ?? metadata.origin,
                                        message: "\(metadata.cryptRule.key) depends on comments; values are checked for well-formedness only"))
        }
        for (index, document) in documents.enumerated() {
            guard document.isMapping else {
                findings.append(SOPSFinding(.unsupportedDocument, origin: document.origin,
                                            message: "document \(index + 1) is not a mapping; sops cannot encrypt sequences or bare values"))
                continue
            }
            if index > 0, document["sops"] == nil {
                findings.append(SOPSFinding(.documentWithoutMetadata, origin: document.origin,
                                            message: "document \(index + 1) has no sops block: Flux applies it without decrypting it"))
            }
            findings += nonStringKeyFindings(document, display: "")
            findings += valueFindings(document, matcher: matcher)
        }
        return findings
    }

    private func metadataFindings(_ metadata: SOPSMetadata) -> [SOPSFinding] {
        var findings: [SOPSFinding] = []
        if metadataIsMalformed {
            findings.append(SOPSFinding(.malformedMetadata, path: "sops", origin: metadata.origin, message: "the sops block is not a mapping"))
            return findings
        }
        if metadata.cryptRules.count > 1 {
            let keys = metadata.cryptRules.map(\.key).joined(separator: ", ")
            findings.append(SOPSFinding(.multipleCryptRules, path: "sops", origin: metadata.origin,
                                        message: "more than one crypt rule (\(keys)); sops refuses such a file"))
        }
        switch metadata.mac {
        case nil, ""?:
            findings.append(SOPSFinding(.missingMAC, path: "sops:mac", origin: metadata.fieldOrigins["mac"] ?? metadata.origin,
                                        message: "no MAC: sops refuses to decrypt without --ignore-mac and Flux does not decrypt the object at all"))
        case let mac?:
            if case .failure(let problem) = EncryptedValue.parse(mac) {
                findings.append(SOPSFinding(.malformedEncryptedValue, path: "sops:mac", origin: metadata.fieldOrigins["mac"],
                                            message: "the MAC \(problem.message)"))
            }
        }
        switch metadata.lastModified {
        case nil, ""?:
            findings.append(SOPSFinding(.missingLastModified, path: "sops:lastmodified", origin: metadata.origin,
                                        message: "no lastmodified: the MAC cannot be authenticated"))
        case let text?:
            if GoTime.parseRFC3339(text) == nil {
                findings.append(SOPSFinding(.invalidLastModified, path: "sops:lastmodified", origin: metadata.fieldOrigins["lastmodified"],
                                            message: "lastmodified is not an RFC 3339 time; sops cannot read the file"))
            }
        }
        if metadata.recipients.isEmpty {
            findings.append(SOPSFinding(.noRecipients, path: "sops", origin: metadata.origin,
                                        message: "no master keys: nobody can recover the data key"))
        }
        return findings
    }

    private func nonStringKeyFindings(_ node: SOPSNode, display: String) -> [SOPSFinding] {
        var findings: [SOPSFinding] = []
        switch node.value {
        case .scalar: break
        case .sequence(let items):
            for (index, item) in items.enumerated() { findings += nonStringKeyFindings(item, display: display + "[\(index)]") }
        case .mapping(let entries):
            for entry in entries {
                let path = display.isEmpty ? entry.key : display + ":" + entry.key
                if !entry.keyIsString {
                    findings.append(SOPSFinding(.nonStringKey, path: path, origin: entry.value.origin,
                                                message: "a mapping key that is not a string; sops refuses such a file"))
                }
                findings += nonStringKeyFindings(entry.value, display: path)
            }
        }
        return findings
    }

    private func valueFindings(_ document: SOPSNode, matcher: CryptRuleMatcher?) -> [SOPSFinding] {
        var findings: [SOPSFinding] = []
        var flagged: Set<String> = []
        for leaf in document.leaves() where leaf.scalar.type != .null {
            let text = leaf.scalar.text
            let encrypted = leaf.scalar.type == .string && EncryptedValue.looksEncrypted(text)
            if encrypted, case .failure(let problem) = EncryptedValue.parse(text) {
                findings.append(SOPSFinding(.malformedEncryptedValue, path: leaf.displayPath, origin: leaf.origin,
                                            message: "the encrypted value at \(leaf.displayPath) \(problem.message)"))
                flagged.insert(leaf.displayPath)
                continue
            }
            guard let should = matcher?.shouldEncrypt(leaf.keys) else { continue }
            if should, !encrypted, !(leaf.scalar.type == .string && text.isEmpty) {
                findings.append(SOPSFinding(.plaintextAtEncryptedPath, path: leaf.displayPath, origin: leaf.origin,
                                            message: "plaintext value at \(leaf.displayPath), which the file's \(matcher?.rule.description ?? "rule") requires to be encrypted"))
                flagged.insert(leaf.displayPath)
            } else if !should, encrypted {
                findings.append(SOPSFinding(.ciphertextAtUnencryptedPath, path: leaf.displayPath, origin: leaf.origin,
                                            message: "encrypted value at \(leaf.displayPath), which the file's rule leaves in clear: sops and Flux will not decrypt it"))
            }
        }
        findings += KubernetesPolicy.findings(document, alreadyFlagged: flagged)
        return findings
    }
}

/// Checks that the object stays usable by kustomize and Flux, which need apiVersion, kind and
/// metadata in clear, and that a Secret carries nothing in clear in `data`/`stringData`.
enum KubernetesPolicy {
    static func findings(_ document: SOPSNode, alreadyFlagged: Set<String>) -> [SOPSFinding] {
        guard document["apiVersion"] != nil, document["kind"] != nil else { return [] }
        var findings: [SOPSFinding] = []
        for field in ["apiVersion", "kind", "metadata"] {
            guard let node = document[field] else { continue }
            let leaves = SOPSNode(.mapping([SOPSEntry(key: field, value: node)]), origin: node.origin).leaves(skippingTopLevelSOPS: false)
            if let first = leaves.first(where: { $0.scalar.type == .string && EncryptedValue.looksEncrypted($0.scalar.text) }) {
                findings.append(SOPSFinding(.encryptedKubernetesField, path: first.displayPath, origin: first.origin,
                                            message: "\(first.displayPath) is encrypted: kustomize and Flux need apiVersion, kind and metadata in clear (use encrypted_regex: ^(data|stringData)$)"))
            }
        }
        guard document["kind"]?.text == "Secret" else { return findings }
        for field in ["data", "stringData"] {
            guard let node = document[field] else { continue }
            let leaves = SOPSNode(.mapping([SOPSEntry(key: field, value: node)]), origin: node.origin).leaves(skippingTopLevelSOPS: false)
            for leaf in leaves where leaf.scalar.type != .null && !leaf.scalar.text.isEmpty
                && !EncryptedValue.looksEncrypted(leaf.scalar.text) && !alreadyFlagged.contains(leaf.displayPath) {
                findings.append(SOPSFinding(.plaintextSecretData, path: leaf.displayPath, origin: leaf.origin,
                                            message: "Secret value \(leaf.displayPath) is in clear in a SOPS file"))
            }
        }
        return findings
    }
}
