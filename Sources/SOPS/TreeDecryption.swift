import Crypto
import Foundation

/// sops' `Tree.Decrypt` walk: decrypts each value its rule says is encrypted (AAD = key path),
/// feeds each value's plaintext bytes to SHA-512 in document order, and notes per-value problems.
/// Plaintext bytes are hashed and zeroized immediately; only verdicts leave this type.
struct TreeDecryption {
    /// `sha256("sops")`, the prefix of a `mac_only_encrypted` MAC.
    static let macOnlyEncryptedPrefix: [UInt8] = Array(SHA256.hash(data: Array("sops".utf8)))

    private let metadata: SOPSMetadata
    private let key: SymmetricKey
    private let matcher: CryptRuleMatcher
    private var hash = SHA512()
    private(set) var findings: [SOPSFinding] = []

    init(metadata: SOPSMetadata, key: SymmetricKey) {
        self.metadata = metadata
        self.key = key
        matcher = CryptRuleMatcher(lenient: metadata.cryptRule)
        if metadata.macOnlyEncrypted { hash.update(data: TreeDecryption.macOnlyEncryptedPrefix) }
    }

    mutating func visit(_ document: SOPSNode) {
        var isSecret = false
        var dataValidity: [(leaf: SOPSLeaf, isBase64: Bool)] = []
        for leaf in document.leaves() where leaf.scalar.type != .null {
            // Comment rules cannot be evaluated here; what looks encrypted is taken as encrypted.
            let encrypted = matcher.shouldEncrypt(leaf.keys) ?? EncryptedValue.looksEncrypted(leaf.scalar.text)
            guard var bytes = encrypted ? decrypt(leaf) : ValueBytes.plaintext(leaf.scalar) else { continue }
            defer { bytes.zeroize() }
            if !metadata.macOnlyEncrypted || encrypted { hash.update(data: bytes) }
            if leaf.keys == ["kind"] { isSecret = bytes == Array("Secret".utf8) }
            if leaf.keys.first == "data", leaf.keys.count == 2 {
                dataValidity.append((leaf, TreeDecryption.isKubernetesBase64(bytes)))
            }
        }
        guard isSecret else { return }
        for (leaf, isBase64) in dataValidity where !isBase64 {
            findings.append(SOPSFinding(.secretDataNotBase64, path: leaf.displayPath, origin: leaf.origin,
                                        message: "Secret data value \(leaf.displayPath) is not valid base64; the API server rejects it"))
        }
    }

    /// The MAC bytes of an encrypted leaf, nil for values the MAC skips (comments), recording
    /// a finding when it does not decrypt.
    private mutating func decrypt(_ leaf: SOPSLeaf) -> [UInt8]? {
        guard leaf.scalar.type == .string else {
            fail(leaf, "is a plaintext \(leaf.scalar.type) where the rule requires an encrypted value")
            return nil
        }
        if leaf.scalar.text.isEmpty { return [] }
        let value: EncryptedValue
        switch EncryptedValue.parse(leaf.scalar.text) {
        case .success(let parsed): value = parsed
        case .failure(let problem):
            fail(leaf, problem == .notSOPSFormat ? "is plaintext where the rule requires an encrypted value" : problem.message)
            return nil
        }
        guard var plain = ValueCipher.open(value, key: key, additionalData: leaf.additionalData) else {
            fail(leaf, "does not authenticate under its path (tampered, moved or encrypted with another key)")
            return nil
        }
        defer { plain.zeroize() }
        do {
            return try ValueBytes.decrypted(plain, type: value.type)
        } catch {
            fail(leaf, "decrypts to something that is not a valid \(value.type)")
            return nil
        }
    }

    private mutating func fail(_ leaf: SOPSLeaf, _ reason: String) {
        findings.append(SOPSFinding(.valueDoesNotDecrypt, path: leaf.displayPath, origin: leaf.origin,
                                    message: "the value at \(leaf.displayPath) \(reason)"))
    }

    /// Decrypts the stored MAC (AAD = lastmodified as RFC 3339 seconds) and compares it with the
    /// one computed over the walked values.
    func macVerdict(stored: String?, lastModified: String?) -> SOPSVerification.MACVerdict {
        guard let stored, !stored.isEmpty else { return .missing }
        guard let time = lastModified.flatMap(GoTime.parseRFC3339) else {
            return .mismatch("lastmodified is missing or not RFC 3339, so the MAC cannot be authenticated")
        }
        guard case .success(let value) = EncryptedValue.parse(stored) else { return .mismatch("the stored MAC is malformed") }
        guard var expected = ValueCipher.open(value, key: key, additionalData: time.rfc3339) else {
            return .mismatch("the stored MAC does not authenticate (lastmodified or the MAC itself was changed)")
        }
        defer { expected.zeroize() }
        let computed = Array(hash.finalize().map { String(format: "%02X", $0) }.joined().utf8)
        // Compared in constant time: the MAC is secret-derived.
        var difference = UInt8(truncatingIfNeeded: computed.count ^ expected.count)
        for (a, b) in zip(computed, expected) { difference |= a ^ b }
        return difference == 0 ? .ok : .mismatch("the MAC over the file's values does not match the stored MAC (values added, removed, replaced or reordered)")
    }

    /// Go's `base64.StdEncoding` as the API server decodes `data`: padded, newlines ignored.
    static func isKubernetesBase64(_ bytes: [UInt8]) -> Bool {
        let cleaned = bytes.filter { $0 != 0x0A && $0 != 0x0D }
        if cleaned.isEmpty { return true }
        return Data(base64Encoded: Data(cleaned)) != nil
    }
}

/// Encrypted comments (`#ENC[…,type:comment]`) carry the path of the mapping or sequence that
/// holds them as additional data. They are outside the MAC and sops keeps one that fails to
/// decrypt, so failures are informational. The holder is not tracked per comment, so every
/// container path of the file is tried.
enum CommentDecryption {
    static func findings(_ file: SOPSFile, key: SymmetricKey) -> [SOPSFinding] {
        let encrypted = file.comments.filter { $0.text.trimmingCharacters(in: .whitespaces).hasPrefix("ENC[") }
        guard !encrypted.isEmpty else { return [] }
        var candidates: [String] = [":"]
        for document in file.documents { collect(document, keys: [], into: &candidates, topLevel: true) }
        var findings: [SOPSFinding] = []
        for comment in encrypted {
            guard case .success(let value) = EncryptedValue.parse(comment.text.trimmingCharacters(in: .whitespaces)),
                  value.type == "comment" else {
                findings.append(SOPSFinding(.commentDoesNotDecrypt, origin: comment.origin, message: "an encrypted comment is malformed"))
                continue
            }
            var opened = false
            for aad in candidates {
                if var plain = ValueCipher.open(value, key: key, additionalData: aad) {
                    plain.zeroize()
                    opened = true
                    break
                }
            }
            if !opened {
                findings.append(SOPSFinding(.commentDoesNotDecrypt, origin: comment.origin,
                                            message: "an encrypted comment does not decrypt under any enclosing path (sops keeps it as is)"))
            }
        }
        return findings
    }

    private static func collect(_ node: SOPSNode, keys: [String], into candidates: inout [String], topLevel: Bool) {
        switch node.value {
        case .scalar: return
        case .sequence(let items):
            append(keys, to: &candidates)
            for item in items { collect(item, keys: keys, into: &candidates, topLevel: false) }
        case .mapping(let entries):
            append(keys, to: &candidates)
            for entry in entries where !(topLevel && entry.key == "sops") {
                collect(entry.value, keys: keys + [entry.key], into: &candidates, topLevel: false)
            }
        }
    }

    private static func append(_ keys: [String], to candidates: inout [String]) {
        let aad = keys.joined(separator: ":") + ":"
        if !candidates.contains(aad) { candidates.append(aad) }
    }
}
