import Crypto
import Foundation
import Testing
@testable import SOPS

/// Decrypted values, ciphertexts and keys must never reach any output: finding texts, verdict
/// reasons, descriptions or reflection of the model.
@Suite struct SOPSSecrecyTests {
    static let generated = ["secret-valid.enc.yaml", "secret-tampered-namespace.enc.yaml", "secret-tampered-reencrypted.enc.yaml",
                            "secret-tampered-ciphertext.enc.yaml", "secret-swapped-values.enc.yaml", "secret-partial-plaintext.enc.yaml",
                            "secret-with-comments.enc.yaml", "secret-mac-only-encrypted.enc.yaml", "multi-doc.enc.yaml",
                            "secret-wrong-recipient.enc.yaml", "secret-default-rules.enc.yaml"]

    /// Every sensitive string of a file: its ENC values and their base64 parts, the armored data
    /// keys, and each value's plaintext (decrypted here, kept only in memory).
    func sensitiveStrings(_ file: SOPSFile, key: SymmetricKey?) -> Set<String> {
        var secrets: Set<String> = []
        for document in file.documents {
            for leaf in document.leaves(skippingTopLevelSOPS: false) {
                let text = leaf.scalar.text
                guard case .success(let value) = EncryptedValue.parse(text) else {
                    if leaf.keys.first == "data" || leaf.keys.first == "stringData", text.count >= 4 { secrets.insert(text) }
                    if leaf.keys.last == "enc" { secrets.formUnion(text.split(separator: "\n").map(String.init).filter { $0.count > 20 }) }
                    continue
                }
                secrets.insert(text)
                secrets.insert(Data(value.data).base64EncodedString())
                if let key, var plain = ValueCipher.open(value, key: key, additionalData: leaf.additionalData) {
                    if plain.count >= 4 { secrets.insert(String(decoding: plain, as: UTF8.self)) }
                    plain.zeroize()
                }
            }
        }
        return secrets
    }

    @Test func noSecretOrCiphertextInAnyOutput() throws {
        let identities = ConformanceFiles.identities("generated/keys/test-identity.agekey")
            + ConformanceFiles.identities("generated/keys/other-identity.agekey")
        var checked = 0
        for name in Self.generated {
            let file = try #require(ConformanceFiles.file("generated/" + name))
            let metadata = try #require(file.metadata)
            guard case .key(let key) = DataKeyRecovery(identities: identities).recover(metadata) else {
                Issue.record("no data key for \(name)")
                continue
            }
            let secrets = sensitiveStrings(file, key: key)
            #expect(secrets.count >= 4)
            let findings = file.check()
            let verification = SOPSVerifier(identities: identities).verify(file)
            var outputs = findings.map(\.description) + verification.findings.map(\.description)
            outputs += [String(describing: verification), String(reflecting: verification), String(describing: file),
                        String(reflecting: file), String(describing: metadata), String(reflecting: file.documents),
                        String(describing: identities), String(reflecting: identities)]
            var dumped = ""
            dump(file.documents, to: &dumped)
            dump(file, to: &dumped)
            dump(verification, to: &dumped)
            dump(identities, to: &dumped)
            outputs.append(dumped)
            outputs += file.documents.flatMap { $0.leaves() }.map { "\($0.scalar)" }
            switch verification.decrypt {
            case .ok: break
            case .error(let reason), .notVerifiable(let reason): outputs.append(reason)
            }
            if case .mismatch(let reason)? = verification.mac { outputs.append(reason) }
            let leaks = outputs.reduce(0) { count, output in count + secrets.filter { output.contains($0) }.count }
            // Only the count is reported: a failure must not print what leaked.
            #expect(leaks == 0, "\(name): \(leaks) sensitive string(s) appear in output")
            checked += 1
        }
        #expect(checked == Self.generated.count)
    }

    /// A value validly encrypted under the file's key but not base64 in a Secret's `data` is
    /// found after decryption; the MAC catches the insertion too.
    @Test func decryptedSecretDataMustBeBase64() throws {
        let identities = ConformanceFiles.identities("generated/keys/test-identity.agekey")
        var text = try #require(ConformanceFiles.text("generated/secret-valid.enc.yaml"))
        let file = try #require(ConformanceFiles.file("generated/secret-valid.enc.yaml"))
        guard case .key(let key) = DataKeyRecovery(identities: identities).recover(try #require(file.metadata)) else {
            Issue.record("no data key")
            return
        }
        let nonce = try AES.GCM.Nonce(data: [UInt8](repeating: 7, count: 32))
        let sealed = try AES.GCM.seal(Array("not base64!".utf8), using: key, nonce: nonce, authenticating: Array("data:extra:".utf8))
        let value = "ENC[AES256_GCM,data:\(sealed.ciphertext.base64EncodedString()),iv:\(Data(nonce).base64EncodedString()),tag:\(sealed.tag.base64EncodedString()),type:str]"
        text = text.replacingOccurrences(of: "data:\n", with: "data:\n  extra: \(value)\n")
        let tampered = try SOPSFile(parsing: Array(text.utf8), path: "tampered.yaml")
        let verification = SOPSVerifier(identities: identities).verify(tampered)
        #expect(verification.decrypt == .ok)
        #expect(verification.mac?.name == "mismatch")
        #expect(verification.findings.map(\.summary).contains("secret-data-not-base64: data:extra"))
        #expect(!verification.isClean)
    }

    @Test func tamperedWrappedKeyAndLastModified() throws {
        let identities = ConformanceFiles.identities("generated/keys/test-identity.agekey")
        let original = try #require(ConformanceFiles.text("generated/secret-valid.enc.yaml"))
        // Replace the armored age file by another file's (same recipient, other data key).
        let other = try #require(ConformanceFiles.file("generated/secret-default-rules.enc.yaml")?.metadata?.keyGroups.first?.ageStanzas.first?.encryptedKey)
        let mine = try #require(ConformanceFiles.file("generated/secret-valid.enc.yaml")?.metadata?.keyGroups.first?.ageStanzas.first?.encryptedKey)
        let indent = { (s: String) in s.split(separator: "\n").joined(separator: "\n        ") }
        let swapped = try SOPSFile(parsing: Array(original.replacingOccurrences(of: indent(mine), with: indent(other)).utf8), path: "swapped.yaml")
        #expect(SOPSVerifier(identities: identities).verify(swapped).decrypt.name == "error")
        // A corrupted armored key addressed to our identity is an error, not "not verifiable".
        let corrupt = try SOPSFile(parsing: Array(original.replacingOccurrences(of: "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSB5", with: "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSB6").utf8), path: "corrupt.yaml")
        #expect(SOPSVerifier(identities: identities).verify(corrupt).decrypt.name == "error")
        let moved = try SOPSFile(parsing: Array(original.replacingOccurrences(of: "2026-11-21T15:42:35Z", with: "2026-11-21T15:42:36Z").utf8), path: "moved.yaml")
        let verification = SOPSVerifier(identities: identities).verify(moved)
        #expect(verification.decrypt == .ok)
        #expect(verification.mac?.name == "mismatch")
    }
}
