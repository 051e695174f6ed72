import Crypto
import Foundation

/// Verifies SOPS files with age identities (issue 6, deliverable 4): recovers the data key,
/// decrypts every value with its path as additional data, recomputes the MAC and compares it
/// with the stored one. Decrypted bytes live only inside one call and are zeroized after use;
/// nothing decrypted reaches a verdict, finding or error.
public struct SOPSVerifier: Sendable {
    public let identities: [AgeIdentity]

    public init(identities: [AgeIdentity]) {
        self.identities = identities
    }

    /// Verifies many files (the benchmark's unit of work).
    public func verify(_ files: [SOPSFile]) -> [SOPSVerification] {
        files.map(verify)
    }

    public func verify(_ file: SOPSFile) -> SOPSVerification {
        guard let metadata = file.metadata, !file.metadataIsMalformed else {
            return SOPSVerification(path: file.path, decrypt: .error("no sops metadata"), mac: nil, findings: [])
        }
        if metadata.cryptRules.count > 1 {
            return SOPSVerification(path: file.path, decrypt: .error("more than one crypt rule; sops refuses the file"), mac: nil, findings: [])
        }
        let dataKey: SymmetricKey
        switch DataKeyRecovery(identities: identities).recover(metadata) {
        case .key(let key): dataKey = key
        case .notVerifiable(let reason):
            return SOPSVerification(path: file.path, decrypt: .notVerifiable(reason), mac: nil, findings: [])
        case .failed(let reason):
            let finding = SOPSFinding(.dataKeyUnavailable, path: "sops", origin: metadata.origin, message: reason)
            return SOPSVerification(path: file.path, decrypt: .error(reason), mac: nil, findings: [finding])
        }
        var walk = TreeDecryption(metadata: metadata, key: dataKey)
        for document in file.documents where document.isMapping {
            walk.visit(document)
        }
        var findings = walk.findings
        findings += CommentDecryption.findings(file, key: dataKey)
        let failures = findings.filter { $0.code == .valueDoesNotDecrypt }
        guard failures.isEmpty else {
            let places = failures.compactMap(\.path).prefix(5).joined(separator: ", ")
            return SOPSVerification(path: file.path, decrypt: .error("\(failures.count) value(s) do not decrypt: \(places)"),
                                    mac: nil, findings: findings)
        }
        let mac = walk.macVerdict(stored: metadata.mac, lastModified: metadata.lastModified)
        if case .mismatch(let reason) = mac {
            findings.append(SOPSFinding(.macMismatch, path: "sops:mac", origin: metadata.fieldOrigins["mac"] ?? metadata.origin, message: reason))
        }
        return SOPSVerification(path: file.path, decrypt: .ok, mac: mac, findings: findings)
    }
}

/// Recovers the data key from the age entries of each key group (Shamir across groups).
struct DataKeyRecovery {
    enum Result {
        case key(SymmetricKey)
        case notVerifiable(String)
        case failed(String)
    }

    let identities: [AgeIdentity]

    func recover(_ metadata: SOPSMetadata) -> Result {
        let ours = Set(identities.map(\.recipient))
        var parts: [[UInt8]] = []
        var failures: [String] = []
        defer { for index in parts.indices { parts[index].zeroize() } }
        for group in metadata.keyGroups {
            groupLoop: for entry in group.ageStanzas {
                switch AgeDecryptor.decrypt(entry.encryptedKey, identities: identities) {
                case .decrypted(let bytes):
                    parts.append(bytes)
                    break groupLoop
                case .noMatchingIdentity:
                    if ours.contains(entry.recipient) {
                        failures.append("the age entry for \(entry.recipient) does not open with that identity (wrapped key replaced or damaged)")
                    }
                case .failed(let reason):
                    failures.append(reason + " (entry for \(entry.recipient))")
                case .malformed(let reason):
                    if ours.contains(entry.recipient) { failures.append(reason + " (entry for \(entry.recipient))") }
                }
            }
        }
        var key: [UInt8]?
        if metadata.keyGroups.count <= 1 {
            key = parts.first
        } else {
            let needed = metadata.shamirThreshold.flatMap { $0 > 0 ? $0 : nil } ?? metadata.keyGroups.count
            if parts.count >= needed { key = Shamir.combine(parts) }
        }
        if var key {
            defer { key.zeroize() }
            guard key.count == 32 else { return .failed("the recovered data key has \(key.count) bytes, not 32") }
            return .key(SymmetricKey(data: key))
        }
        if let failure = failures.first { return .failed(failure) }
        if metadata.keyGroups.count > 1, !parts.isEmpty {
            return .notVerifiable("the identities open \(parts.count) of the \(metadata.keyGroups.count) key groups, fewer than the Shamir threshold")
        }
        let kinds = Dictionary(grouping: metadata.recipients, by: \.kind).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
        return .notVerifiable("no given identity is a recipient of the file (recipients: \(kinds.joined(separator: ", ")))")
    }
}
